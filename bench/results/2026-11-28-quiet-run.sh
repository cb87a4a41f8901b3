#!/usr/bin/env bash
# The quiet run at the end of the session of 2026-11-28 (~01:40 UTC, helpers stopped): main after the merges
# (openloop: bench/openloop + batched access log; audit: deflated segment bodies, compact details; startup; ws10k:
# shared audit segments; lead: rate limiter without Caffeine, prepared headers, form bodies read by length,
# caches' upkeep on the caller, AOT training with both secret kinds) in /work/main; the session's first commit
# (b8a2e72) built in BASE=/work/exp-lim. Output: 2026-11-28-quiet-run.txt next to this script.
set -u
cd "$(dirname "$0")/../.."
BASE="${BASE:-/work/exp-lim}"
export DURATION=8s WARMUP=30s PORT_A=18491 PORT_B=18492
S="A_ENV=LATCHKEY_AUDIT=security-off B_ENV=LATCHKEY_AUDIT=security-off"
echo "##### $(date -u) $(git log --oneline -1)"
echo "##### limits (auditing off on both, as in the previous quiet runs)"
env $S ROUNDS=8 A_NAME=limits-off B_NAME=limits-local B_ARGS="--rate-limits bench/unthrottled-limits.json" bench/ab.sh
echo "##### audit (product defaults otherwise)"
ROUNDS=8 A_NAME=audit-secoff B_NAME=audit-on A_ENV=LATCHKEY_AUDIT=security-off bench/ab.sh
echo "##### base (b8a2e72) vs main, product defaults"
ROUNDS=4 A_ROOT="$BASE" A_NAME=base B_NAME=main bench/ab.sh
echo "##### 1 vs 2000 workspaces (auditing on, -Xmx512m both, set-up cache)"
ROUNDS=4 DURATION=10s WARMUP=60s A_NAME=ws-1 B_NAME=ws-2000 A_WORKSPACES=1 B_WORKSPACES=2000 \
  A_ENV="LATCHKEY_JAVA_OPTS=-Xmx512m" B_ENV="LATCHKEY_JAVA_OPTS=-Xmx512m" bench/ab.sh
echo "##### targets"
ROUNDS=3 DURATION=15s WARMUP=20s PORT=18591 bench/targets.sh
echo "##### startup base vs main"
ROUNDS=3 PORT=18593 bench/startup-ab.sh "base|$BASE|" "main|$PWD|"
echo "##### startup"
RUNS=5 LOAD=1 PORT=18594 bench/startup.sh
echo "##### done $(date -u)"
