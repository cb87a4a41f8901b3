import re, sys
cur = None; label = None
rows = []
for line in open(sys.argv[1]):
    m = re.match(r'##### (\S+)', line)
    if m: cur = m.group(1); continue
    m = re.match(r'== (.*?): closed loop', line)
    if m: label = m.group(1); continue
    m = re.match(r'\s+requests/s\s+(\d+)\s+\((\d+) requests in ([\d.]+) s\)', line)
    if m and label: rps, n, el = int(m.group(1)), int(m.group(2)), float(m.group(3)); continue
    m = re.match(r'\s+CPU\s+server (\d+) %, wrk (\d+) %, other processes (\d+) %', line)
    if m and label:
        srv = int(m.group(1)); other = int(m.group(3))
        rows.append((cur, label.split(' (')[0].split(' /api')[0], rps, srv / 100 * el / n * 1e6, other)); label = None
for r in rows: print(f'{r[0]:16} {r[1]:28} {r[2]:6}/s  CPU {r[3]:6.0f} µs/req  others {r[4]:3}%')
