#!/usr/bin/env bash
# Second quiet stretch (2026-11-28 ~02:15 UTC): start-up with the start-up scripts' new poller (bash /dev/tcp, no
# curl/sleep processes beside the starting JVM), memory under load after the per-thread Deflater, and the open loop
# at 80 % with 32, 64 and 128 connections. BASE = b8a2e72 (built). Output: 2026-11-28-quiet-run-2.txt.
set -u
cd "$(dirname "$0")/../.."
BASE="${BASE:-/work/exp-lim}"
echo "##### $(date -u) $(git log --oneline -1)"
echo "##### startup base vs main"
ROUNDS=4 PORT=18593 bench/startup-ab.sh "base|$BASE|" "main|$PWD|"
echo "##### startup"
RUNS=7 LOAD=1 PORT=18594 bench/startup.sh
echo "##### open loop at 80 % of the peak, 32 / 64 / 128 connections"
RATE=80% CONNECTIONS="32 64 128" DURATION=15s WARMUP=20s PORT=18595 bench/openloop.sh
echo "##### done $(date -u)"
