#!/usr/bin/env python3
# Two jdk.CPUTimeSample text dumps (A, B) -> per-thread shares, top self frames and inclusive dev.latchkey frames whose
# share grew most from A to B. Shares are of all samples of the file; B's CPU per token is X times A's (argv[3]), so a
# frame's cost per token relative to A's whole token is share_B * X vs share_A. argv[4]: only samples from that time
# of day (HH:MM:SS.mmm) on; samples weighted by their sampling period.
import sys, re, collections
def events(path):
    cur = None
    for line in open(path, errors="replace"):
        if line.startswith("jdk.CPUTimeSample"):
            if cur: yield cur
            cur = {"t": "?", "f": [], "w": 1.0, "at": ""}
        elif cur is not None:
            m = re.match(r'\s+eventThread = "(.*)"', line)
            if m: cur["t"] = m.group(1)
            m = re.match(r'\s+startTime = (\S+)', line)
            if m: cur["at"] = m.group(1)
            m = re.match(r'\s+samplingPeriod = ([\d.]+) ms', line)
            if m: cur["w"] = float(m.group(1))
            elif line.startswith("    ") and "line:" in line:
                cur["f"].append(re.sub(r"\s+line:.*", "", line.strip()))
    if cur: yield cur
def load(path):
    top = collections.Counter(); inc = collections.Counter(); th = collections.Counter(); n = 0
    for e in events(path):
        if e["at"] < CUTOFF: continue
        w = e["w"]; n += w
        th[re.sub(r"\d+", "N", e["t"])] += w
        if e["f"]: top[e["f"][0]] += w
        seen = set()
        for f in e["f"]:
            k = f.split("(")[0]
            if k.startswith("dev.latchkey") or k.startswith("io.helidon.webserver") or k.startswith("com.nimbusds") or k.startswith("com.github.benmanes"):
                if k not in seen: inc[k] += w; seen.add(k)
    return n, top, inc, th
x = float(sys.argv[3])
CUTOFF = sys.argv[4] if len(sys.argv) > 4 else ""
na, ta, ia, tha = load(sys.argv[1]); nb, tb, ib, thb = load(sys.argv[2])
print(f"samples A {na}, B {nb}; B's CPU per token = {x} x A's; columns: A %, B % x {x}, difference (points of A's token)")
for title, a, b in (("threads", tha, thb), ("self (top frame)", ta, tb), ("inclusive (ours, helidon, nimbus, caffeine)", ia, ib)):
    print(f"== {title}")
    keys = set(a) | set(b)
    rows = sorted(keys, key=lambda k: -(b[k] / nb * x - a[k] / na))
    for k in rows[:25]:
        print(f"  {a[k] / na * 100:6.2f} {b[k] / nb * x * 100:6.2f} {(b[k] / nb * x - a[k] / na) * 100:+6.2f}  {k[:150]}")
