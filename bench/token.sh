#!/usr/bin/env bash
# Token endpoint benchmark: starts Latchkey on a fresh embedded database (rate limiting off), optionally
# creates WORKSPACES workspaces x APPS applications through the Admin API, warms up, then drives
# client_credentials (client_secret_post, ES256) with wrk and prints rate, latency, errors, CPU and memory.
#   bench/token.sh                       one workspace (the bootstrap admin application)
#   WORKSPACES=1000 APPS=10 bench/token.sh
# Settings: DURATION (20s), CONNECTIONS (32), THREADS (2), PORT (18090), RATE_LIMITS (off; "default",
# or a JSON file, e.g. bench/unthrottled-limits.json to measure the limiter's cost without refusals),
# REDIS_URL (unset; e.g. redis://127.0.0.1:6379 to keep the buckets in Redis).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-18090}"; duration="${DURATION:-20s}"; conns="${CONNECTIONS:-32}"; threads="${THREADS:-2}"
data="$(mktemp -d)"; log="$data/server.log"
export LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_ID=benchadmin LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_SECRET=bench-admin-secret-0123456789
"$root/latchkey" --version >/dev/null   # builds the jar and the start-up cache if needed
"$root/latchkey" serve --port "$port" --data "$data" --rate-limits "${RATE_LIMITS:-off}" \
  ${REDIS_URL:+--redis-url "$REDIS_URL"} >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/alive" >/dev/null 2>&1 && break; sleep 0.1; done
java_pid=$(pgrep -P $pid java || echo $pid)

tid=default; ws=admin; cid=benchadmin; secret=bench-admin-secret-0123456789
if [ "${WORKSPACES:-0}" -gt 0 ]; then
  read -r ws cid secret < <(python3 "$root/bench/workspaces.py" "http://127.0.0.1:$port" benchadmin \
    bench-admin-secret-0123456789 "$WORKSPACES" "${APPS:-1}")
fi
export LK_BODY="grant_type=client_credentials&client_id=$cid&client_secret=$secret"
url="http://127.0.0.1:$port/$tid/$ws/oauth2/token"
curl -fs -X POST -d "$LK_BODY" "$url" >/dev/null || { echo "token request failed"; tail -20 "$log"; exit 1; }
wrk -t"$threads" -c"$conns" -d10s -s "$root/bench/token-post.lua" "$url" >/dev/null   # warm-up
cpu0=$(awk '{print $14+$15}' /proc/$java_pid/stat); t0=$(date +%s.%N)
wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$root/bench/token-post.lua" "$url" | tee "$data/wrk.txt" | grep -E "Requests/sec|non-200|p50|Socket errors"
cpu1=$(awk '{print $14+$15}' /proc/$java_pid/stat); t1=$(date +%s.%N)
hz=$(getconf CLK_TCK)
echo "server CPU: $(echo "($cpu1-$cpu0)/$hz/($t1-$t0)*100" | bc -l | xargs printf '%.0f')% of one core; resident memory: $(( $(awk '/VmRSS/{print $2}' /proc/$java_pid/status) / 1024 )) MB"
echo "workspaces: ${WORKSPACES:-0} x ${APPS:-0} applications; crypto: $(grep -o 'crypto provider: .*' "$log" | head -1)"
