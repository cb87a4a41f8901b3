#!/usr/bin/env bash
# The three bench/ab.sh comparisons of 2026-11-27-quiet-run-2.sh again, right after it (in that run they stopped at
# once: ab.sh's set-up cache look-up failed without *_WORKSPACES, fixed in the next commit). Same build, same settings.
cd /work/bench-main
export ROUNDS=6 DURATION=8s WARMUP=30s PORT_A=18491 PORT_B=18492
S="A_ENV=LATCHKEY_AUDIT=security-off B_ENV=LATCHKEY_AUDIT=security-off"
echo "##### limits"; env $S A_NAME=limits-off B_NAME=limits-local B_ARGS="--rate-limits bench/unthrottled-limits.json" bench/ab.sh
echo "##### audit"; A_NAME=audit-secoff B_NAME=audit-on A_ENV=LATCHKEY_AUDIT=security-off bench/ab.sh
echo "##### A/A"; env $S A_NAME=off-1 B_NAME=off-2 bench/ab.sh
echo "##### fresh tokens again, larger pool"; FRESH_ONLY=1 POOL=80000 ROUNDS=1 DURATION=10s WARMUP=15s PORT=18591 bench/targets.sh
echo "##### done $(date)"
