#!/usr/bin/env python3
# jdk.CPUTimeSample text (jfr print --stack-depth 64 --events jdk.CPUTimeSample X.jfr > X.txt) -> shares of the samples
# by thread and of the audit-related frames. Usage: python3 2026-11-28-audit-2-cputime.py off.txt on.txt
import sys, re, collections
def events(path):
    cur = None
    for line in open(path, errors="replace"):
        if line.startswith("jdk.CPUTimeSample"):
            if cur: yield cur
            cur = {"t": "?", "f": []}
        elif cur is not None:
            m = re.match(r'\s+eventThread = "(.*)"', line)
            if m: cur["t"] = m.group(1)
            elif line.startswith("    ") and "line:" in line: cur["f"].append(line.strip())
    if cur: yield cur
KEYS = [("TokenEndpoint.handle", "TokenEndpoint.handle("), ("SecurityEvents.tokenIssued", "SecurityEvents.tokenIssued("),
        ("TokenIssued.<init>", "TokenIssued.<init>"), ("RequestOrigins.of", "RequestOrigins.of("),
        ("AuditQueue.record", "AuditQueue.record("), ("Xid", "support.Xid."), ("access log", "BatchedConsoleAppender")]
WKEYS = [("encode", "AuditSegmentCodec.encode("), ("deflate", "AuditSegmentCodec.deflate("), ("event()", "TokenIssued.event("),
         ("jdbi (all)", "org.jdbi"), ("h2", "org.h2"), ("segments()", "JdbiAuditSegmentRepository.segments("),
         ("bind", "PreparedBatch.add("), ("execute", "PreparedBatch.execute("), ("commit", ".commit("),
         ("begin/open", "Jdbi.open("), ("AuditQueue.write", "AuditQueue.write(")]
for path in sys.argv[1:]:
    th = collections.Counter(); inc = collections.Counter(); wr = collections.Counter(); top = collections.Counter(); n = 0
    for e in events(path):
        n += 1
        t = re.sub(r"\d+", "N", e["t"]); t = "virtual (WebServer socket)" if "WebServer socket" in t else t
        th[t] += 1
        s = "\n".join(e["f"])
        if e["t"] == "audit-writer":
            for k, p in WKEYS:
                if p in s: wr[k] += 1
            if e["f"]: top[re.sub(r"\(.*", "", e["f"][0])] += 1
        else:
            for k, p in KEYS:
                if p in s: inc[k] += 1
    print(f"{path}: {n} samples")
    for t, c in th.most_common(10): print(f"  thread {t:30s} {c:6d} {100*c/n:5.2f} %")
    for k, _ in KEYS: print(f"  request/other threads incl. {k:28s} {inc[k]:5d} {100*inc[k]/n:5.2f} %")
    for k, _ in WKEYS: print(f"  audit-writer incl. {k:24s} {wr[k]:5d} {100*wr[k]/n:5.2f} %")
    for f, c in top.most_common(12): print(f"    writer top frame {f:70s} {c:4d}")
