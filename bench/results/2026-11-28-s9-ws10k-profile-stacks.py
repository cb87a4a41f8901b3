import sys, re, collections
path, needle, cutoff = sys.argv[1], sys.argv[2], sys.argv[3]
c = collections.Counter(); cur=None; at=""; fr=[]
def flush():
    if at >= cutoff and any(needle in f for f in fr):
        i = max(i for i, f in enumerate(fr) if needle in f)
        c[" < ".join(f.split("(")[0].split(".")[-2] + "." + f.split("(")[0].split(".")[-1] for f in fr[:i+2])] += 1
for line in open(path, errors="replace"):
    if line.startswith("jdk.CPUTimeSample"):
        if cur: flush()
        cur=True; at=""; fr=[]
    else:
        m = re.match(r'\s+startTime = (\S+)', line)
        if m: at = m.group(1)
        elif line.startswith("    ") and "line:" in line: fr.append(line.strip())
if cur: flush()
for k, v in c.most_common(int(sys.argv[4]) if len(sys.argv) > 4 else 8): print(v, k[:400])
