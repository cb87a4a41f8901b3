#!/usr/bin/env bash
# The quiet run of the session's end (2026-11-27 ~23:30 UTC): the build after the merges of this session
# (rate-limiter path, audit segments, interned client/workspace values, revocations from memory, embedded
# template) in /work/bench-main, the previous session's last commit (6e0ffbf) in /work/bench-base.
# Output: 2026-11-27-quiet-run-2.txt next to this script.
cd /work/bench-main
export ROUNDS=6 DURATION=8s WARMUP=30s PORT_A=18491 PORT_B=18492
S="A_ENV=LATCHKEY_AUDIT=security-off B_ENV=LATCHKEY_AUDIT=security-off"
echo "##### limits"; env $S A_NAME=limits-off B_NAME=limits-local B_ARGS="--rate-limits bench/unthrottled-limits.json" bench/ab.sh
echo "##### audit"; A_NAME=audit-secoff B_NAME=audit-on A_ENV=LATCHKEY_AUDIT=security-off bench/ab.sh
echo "##### A/A"; env $S A_NAME=off-1 B_NAME=off-2 bench/ab.sh
echo "##### 2000 workspaces"; ROUNDS=4 DURATION=10s WARMUP=90s A_NAME=ws-1 B_NAME=ws-2000 A_WORKSPACES=1 B_WORKSPACES=2000 \
  A_ENV="LATCHKEY_AUDIT=security-off LATCHKEY_JAVA_OPTS=-Xmx512m" B_ENV="LATCHKEY_AUDIT=security-off LATCHKEY_JAVA_OPTS=-Xmx512m" bench/ab.sh
echo "##### targets"; ROUNDS=3 DURATION=15s WARMUP=20s PORT=18591 bench/targets.sh
echo "##### startup base vs new"; ROUNDS=3 PORT=18593 bench/startup-ab.sh "base|/work/bench-base|" "new|/work/bench-main|"
echo "##### startup"; RUNS=3 LOAD=1 PORT=18594 bench/startup.sh
echo "##### peers"; ROUNDS=2 INITIAL_WARMUP=30s DURATION=15s WARMUP=5s bench/peers/run.sh
echo "##### done $(date)"
