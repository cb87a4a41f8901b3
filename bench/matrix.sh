#!/usr/bin/env bash
# The matrix of docs/performance.md "Summary": token-post-es256 with local / Redis rate-limit buckets, rate limits off,
# and auditing of security events off, two rounds in that order; then the trivial form POST and the start-up script.
# Needs Redis on 127.0.0.1:6379 for the Redis rows. Results also go to RESULTS (default /tmp/bench-results.tsv).
set -u
cd "$(dirname "$0")/.."
export RESULTS="${RESULTS:-/tmp/bench-results.tsv}"
echo "=== start $(date -u +%T) $(uptime)"
for round in 1 2; do
  echo "=== round $round local $(uptime)"; DURATION=15s WARMUP=10s RATE_LIMITS=bench/unthrottled-limits.json bench/run.sh token-post-es256
  echo "=== round $round redis $(uptime)"; DURATION=15s WARMUP=10s RATE_LIMITS=bench/unthrottled-limits.json REDIS_URL=redis://127.0.0.1:6379 bench/run.sh token-post-es256
  echo "=== round $round rate-limits-off $(uptime)"; DURATION=15s WARMUP=10s RATE_LIMITS=off bench/run.sh token-post-es256
  echo "=== round $round audit security-off $(uptime)"; LATCHKEY_AUDIT=security-off DURATION=15s WARMUP=10s RATE_LIMITS=off bench/run.sh token-post-es256
done
echo "=== form $(uptime)"; DURATION=15s WARMUP=5s RATE_LIMITS=off bench/run.sh form
echo "=== startup $(uptime)"; RUNS=3 LOAD=1 bench/startup.sh
echo "=== end $(date -u +%T) $(uptime)"
