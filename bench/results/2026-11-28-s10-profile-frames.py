#!/usr/bin/env python3
# A jdk.CPUTimeSample text dump (jfr print --stack-depth 64 --events jdk.CPUTimeSample X.jfr) -> the most frequent
# stack paths next to a frame: "callers" of FRAME (the frame and the DEPTH frames that called it) or "callees" (the
# DEPTH frames it called, down to the sampled one). Only samples from CUTOFF (HH:MM:SS.mmm) on.
# usage: 2026-11-28-s10-profile-frames.py callers|callees DUMP FRAME CUTOFF DEPTH [TOP]
import sys, re, collections
mode, path, needle, cutoff, depth = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
top = int(sys.argv[6]) if len(sys.argv) > 6 else 15
paths = collections.Counter(); at = ""; frames = []; started = False; samples = 0
def short(f):
    return ".".join(f.split("(")[0].split(".")[-2:])
def flush():
    global samples
    if at < cutoff:
        return
    samples += 1
    hits = [i for i, f in enumerate(frames) if needle in f]
    if not hits:
        return
    if mode == "callers":
        i = hits[0]
        paths[" < ".join(short(f) for f in frames[i:i + depth])] += 1
    else:
        i = hits[-1]
        paths[" > ".join(short(f) for f in reversed(frames[max(0, i - depth):i]))] += 1
for line in open(path, errors="replace"):
    if line.startswith("jdk.CPUTimeSample"):
        if started:
            flush()
        started = True; at = ""; frames = []
    else:
        m = re.match(r'\s+startTime = (\S+)', line)
        if m:
            at = m.group(1)
        elif line.startswith("    ") and "line:" in line:
            frames.append(re.sub(r"\s+line:.*", "", line.strip()))
if started:
    flush()
print("samples", samples)
for k, v in paths.most_common(top):
    print(v, k)
