#!/usr/bin/env bash
# Cold start to the first token (issue 8 budget: 1.5 s): starts `./latchkey serve` on a fresh embedded
# database (bootstrap included: five workspaces, their keys made in the background), polls the token endpoint with the bootstrap
# admin client until it answers 200, prints the milliseconds from launch, stops the server; RUNS times.
# Then (LOAD=1) one more start put under token load for LOAD_DURATION with wrk: tokens/s and resident memory.
#   RUNS (5)  PORT (18191)  LATCHKEY_JAVA_OPTS (extra JVM options, e.g. "-Xmx128m")  LATCHKEY_AOT (on|off)
#   EXISTING=1  start on the same data folder every time (the first start makes it) instead of a fresh one
#   LOAD=1 LOAD_DURATION (15s) CONNECTIONS (32)
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RUNS="${RUNS:-5}"; PORT="${PORT:-18191}"; URL="http://127.0.0.1:$PORT"
ID=benchadmin; SECRET=bench-admin-secret-0123456789
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
"$ROOT/latchkey" --version >/dev/null   # builds the jar and the start-up cache first, outside the timing

pid=""; data=""
stop() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi
}
cleanup() { stop; [ -n "$data" ] && rm -rf "$data"; [ -n "${shared:-}" ] && rm -rf "$shared"; true; }
trap cleanup EXIT

# a 5 ms pause without starting a process (read's timeout on a pipe nobody writes to)
exec {NAP_FD}<> <(:)
nap() { read -r -t 0.005 -u "$NAP_FD" _ || true; }
token_ok() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' -d "grant_type=client_credentials&client_id=$ID&client_secret=$SECRET" \
    "$URL/default/admin/oauth2/token" 2>/dev/null)" = 200 ]
}

start() { # data folder; sets pid and ms (to the first token)
  local t0; t0=$(date +%s%N)
  LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_ID=$ID LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_SECRET=$SECRET \
    "$ROOT/latchkey" serve --port "$PORT" --host 127.0.0.1 --data "$1" --rate-limits off >"$1.log" 2>&1 &
  pid=$!
  # until the port accepts, poll with bash's own /dev/tcp (no process started: a curl every 5 ms would take
  # CPU from the starting JVM on a 2-core machine), then ask for the token until it comes
  for _ in $(seq 1 6000); do
    if { : <"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null; then token_ok && break; fi
    kill -0 "$pid" 2>/dev/null || { echo "the server did not start:" >&2; tail -20 "$1.log" >&2; exit 1; }
    nap
  done
  token_ok || { echo "no token after 30 s" >&2; exit 1; }
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

shared=""
[ "${EXISTING:-0}" = 1 ] && shared="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-startup.XXXXXX")"
times=()
echo "== cold start to first token: $RUNS runs, $([ -n "$shared" ] && echo existing || echo fresh) database, JVM options: ${LATCHKEY_JAVA_OPTS:-none}, AOT ${LATCHKEY_AOT:-on}; load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
  if [ -n "$shared" ]; then d="$shared/data"; else data="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-startup.XXXXXX")"; d="$data/data"; fi
  start "$d"
  jpid=$(pgrep -P "$pid" java || echo "$pid")
  rss=$(awk '$1 == "VmRSS:" {printf "%d", $2 / 1024}' "/proc/$jpid/status" 2>/dev/null || echo "?")
  # the JVM's CPU time until the first token: less disturbed by a busy machine than the wall time
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$jpid/stat" 2>/dev/null || echo "?")
  echo "   run $i: first token after $ms ms (JVM CPU $cpu ms, resident $rss MB)"
  grep -o 'startup phases.*' "$d.log" | sed 's/^/     /' || true
  times+=("$ms")
  stop
  if [ -z "$shared" ]; then rm -rf "$data"; data=""; fi
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "   median $(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p") ms, min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms"

if [ "${LOAD:-0}" = 1 ]; then
  command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
  data="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-startup.XXXXXX")"
  start "$data/data"
  export LK_BODY="grant_type=client_credentials&client_id=$ID&client_secret=$SECRET" LK_HEADERS="" LK_LUA="$BENCH_DIR/lua" LK_THREADS=2
  wrk -t2 -c"${CONNECTIONS:-32}" -d5s -s "$BENCH_DIR/lua/form.lua" "$URL/default/admin/oauth2/token" >/dev/null
  out=$(wrk -t2 -c"${CONNECTIONS:-32}" -d"${LOAD_DURATION:-15s}" -s "$BENCH_DIR/lua/form.lua" "$URL/default/admin/oauth2/token")
  rps=$(echo "$out" | awk '/^Requests\/sec/ {printf "%d", $2}')
  rss=$(awk '$1 == "VmRSS:" {printf "%d", $2 / 1024}' "/proc/$pid/status")
  hwm=$(awk '$1 == "VmHWM:" {printf "%d", $2 / 1024}' "/proc/$pid/status")
  gc=""
  if command -v jstat >/dev/null || [ -x "${JAVA_HOME:-}/bin/jstat" ]; then
    gc=$("$(command -v jstat || echo "$JAVA_HOME/bin/jstat")" -gcutil "$(pgrep -P "$pid" java || echo "$pid")" 2>/dev/null \
      | awk 'NR == 2 {printf "; GC since start: %s young (%s s), %s full (%s s), old gen %s %% full", $7, $8, $9, $10, $4}')
  fi
  echo "== under load (${LOAD_DURATION:-15s}, ${CONNECTIONS:-32} connections): $rps tokens/s, resident $rss MB, peak $hwm MB$gc; load $(cut -d' ' -f1-3 /proc/loadavg)"
fi
