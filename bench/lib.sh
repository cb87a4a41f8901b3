# Shared by bench/run.sh (sourced): start Latchkey on a fresh embedded database, create workloads
# through bench/setup.py, drive wrk and report. Settings (environment):
#   PORT (18190)  DURATION (20s)  WARMUP (10s)  CONNECTIONS (32)  THREADS (2)  TIMEOUT (10s, wrk's)
#   RATE          open loop: a fixed total request rate (e.g. 8000), or a share of the peak measured
#                 just before in the same run (e.g. 80%: for form.lua workloads the peak bench/openloop itself
#                 reaches when driven far above capacity, PEAK=wrk for wrk's); unset: closed loop only. Workloads
#                 of form.lua (the same request each time) are driven by bench/openloop (C, built with cc on first
#                 use; latency from the scheduled send time), the others by wrk paced from Lua (latency from the
#                 actual send)
#   OPEN_WARMUP   bench/openloop's warm-up at the rate before it measures, seconds (2)
#   OPEN_THREADS  bench/openloop's threads (1)
#   OPEN_TICK     bench/openloop -g: it wakes at most once per OPEN_TICK µs (0: for every due time and response)
#   OPEN_PRIO     a command prefix for bench/openloop: default "chrt -f 10" (real-time priority, so that the generator
#                 keeps its schedule on cores it shares with the server) where permitted (root or CAP_SYS_NICE),
#                 else none; OPEN_PRIO=none for none
#   RATE_LIMITS   the server's --rate-limits (off)
#   REDIS_URL     the server's --redis-url (unset: none), e.g. redis://127.0.0.1:6379: rate-limit buckets in
#                 Redis (with RATE_LIMITS other than off); the report then counts Redis round trips
#   LATCHKEY_JAVA_OPTS  extra JVM options for the server
#   RESULTS       a file to append one tab-separated line per measured run to
#   KEEP_DATA=1   keep the data folder and the server log (printed at the end)
# The machine is shared by the load generator and the server: compare runs made one after the other,
# not across sessions; the report shows how the CPU was shared.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
PORT="${PORT:-18190}"; DURATION="${DURATION:-20s}"; WARMUP="${WARMUP:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"; THREADS="${THREADS:-2}"
export LK_ADMIN_ID=benchadmin LK_ADMIN_SECRET=bench-admin-secret-0123456789
export LK_LUA="$BENCH_DIR/lua" LK_THREADS="$THREADS"
LK_URL="http://127.0.0.1:$PORT"
LK_PID=""; LK_DATA=""; LK_LAUNCHER_PID=""

lk_need() {
  command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk (Debian/Ubuntu)" >&2; exit 2; }
  command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
  command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
  command -v bc >/dev/null || { echo "bc is needed: apt-get install bc" >&2; exit 2; }
}

# Starts the server on a fresh data folder with known bootstrap credentials; waits until it answers.
lk_start() {
  lk_need
  LK_DATA="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-bench.XXXXXX")"
  "$ROOT/latchkey" --version >/dev/null   # builds the jar and the start-up cache if needed
  local t0 redis=(); t0=$(date +%s%N)
  [ -n "${REDIS_URL:-}" ] && redis=(--redis-url "$REDIS_URL")
  LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_ID="$LK_ADMIN_ID" LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_SECRET="$LK_ADMIN_SECRET" \
    "$ROOT/latchkey" serve --port "$PORT" --host 127.0.0.1 --data "$LK_DATA" --rate-limits "${RATE_LIMITS:-off}" \
    "${redis[@]}" >"$LK_DATA/server.log" 2>&1 &
  LK_LAUNCHER_PID=$!
  trap lk_stop EXIT
  for _ in $(seq 1 300); do
    curl -fs "$LK_URL/alive" >/dev/null 2>&1 && break
    kill -0 "$LK_LAUNCHER_PID" 2>/dev/null || { echo "the server did not start:" >&2; tail -30 "$LK_DATA/server.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fs "$LK_URL/alive" >/dev/null || { echo "the server did not answer in 30 s" >&2; tail -30 "$LK_DATA/server.log" >&2; exit 1; }
  # the launcher execs java, so its pid is the JVM's; a wrapper would leave java as its child
  LK_PID=$(pgrep -P "$LK_LAUNCHER_PID" java || echo "$LK_LAUNCHER_PID")
  [ -n "${REDIS_URL:-}" ] && echo "server: /ready says $(curl -fs "$LK_URL/ready")"
  echo "server: pid $LK_PID, answering after $(( ($(date +%s%N) - t0) / 1000000 )) ms; $(grep -o 'crypto provider[^,;]*' "$LK_DATA/server.log" | head -1 || true)"
}

lk_stop() {
  if [ -n "$LK_LAUNCHER_PID" ]; then
    kill "$LK_LAUNCHER_PID" 2>/dev/null || true
    wait "$LK_LAUNCHER_PID" 2>/dev/null || true
    LK_LAUNCHER_PID=""
  fi
  if [ -n "$LK_DATA" ]; then
    if [ "${KEEP_DATA:-0}" = 1 ]; then echo "data and server log kept in $LK_DATA"; else rm -rf "$LK_DATA"; fi
    LK_DATA=""
  fi
}

lk_setup() { python3 "$BENCH_DIR/setup.py" "$LK_URL" "$@"; }

lk_basic() { printf '%s:%s' "$1" "$2" | base64 -w0; }

# Requests limited in Redis and round trips for them so far (server's /metrics), "0 0" without REDIS_URL.
lk_redis_counts() {
  [ -n "${REDIS_URL:-}" ] || { echo "0 0"; return; }
  curl -fs "$LK_URL/metrics" | awk '/^latchkey_ratelimit_redis_requests_total /{q=$2} /^latchkey_ratelimit_redis_round_trips_total /{t=$2} END{printf "%d %d\n", q, t}'
}

# The pid of the Redis at REDIS_URL if it runs on this machine and says so (INFO), else nothing.
lk_redis_pid() {
  command -v redis-cli >/dev/null || return 0
  local pid; pid=$(redis-cli -u "$REDIS_URL" info server 2>/dev/null | tr -d '\r' | awk -F: '$1 == "process_id" {print $2}')
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && echo "$pid"
  return 0
}

# bench/openloop/openloop.c built into target/openloop/ (again when the source is newer); prints the binary's path.
lk_openloop_bin() {
  local src="$BENCH_DIR/openloop/openloop.c" bin="$ROOT/target/openloop/openloop" cc="${CC:-cc}"
  if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
    command -v "$cc" >/dev/null || command -v "${cc:=gcc}" >/dev/null ||
      { echo "no C compiler for bench/openloop: apt-get install gcc (or set CC)" >&2; exit 2; }
    mkdir -p "$(dirname "$bin")"
    "$cc" -O2 -Wall -Wextra -pthread -o "$bin" "$src" >&2 || exit 2
  fi
  echo "$bin"
}

# wrk's duration (20s, 2m, 1h) in seconds, for bench/openloop.
lk_seconds() { case "$1" in *h) echo $(( ${1%h} * 3600 )) ;; *m) echo $(( ${1%m} * 60 )) ;; *) echo "${1%s}" ;; esac; }

# Writes the raw HTTP/1.1 request of form.lua's settings (LK_METHOD, LK_BODY, LK_HEADERS "Name: value|...") to
# URL, for bench/openloop. Arguments: url, file.
lk_request_file() {
  local url=$1 hostport path method="${LK_METHOD:-POST}" body="${LK_BODY:-}" h
  hostport=${url#http://}; path="/${hostport#*/}"; hostport=${hostport%%/*}
  {
    printf '%s %s HTTP/1.1\r\nHost: %s\r\n' "$method" "$path" "$hostport"
    IFS='|' read -ra h <<<"${LK_HEADERS:-}"
    for line in "${h[@]}"; do [ -n "$line" ] && printf '%s\r\n' "$line"; done
    [ "$method" = POST ] && printf 'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n' "${#body}"
    printf '\r\n%s' "$([ "$method" = POST ] && printf '%s' "$body")"
  } >"$2"
}

lk_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
lk_machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
lk_mem_mb() { awk -v k="$2" '$1 == k":" {printf "%d", $2 / 1024}' "/proc/$1/status"; }

# Runs wrk once. Arguments: label, phase (warmup|closed|open|peak), duration, lua script, url. The phase peak: the
# closed-loop peak measured by bench/openloop itself (form.lua only): openloop -r max, every connection always
# busy, with the same priority and tick as its open-loop runs.
# Before each run the workload's hook lk_prepare PHASE is called (fresh pools for single-use values).
# Sets LK_LAST_RPS. Prints the report (not for the warm-up).
lk_wrk() {
  local label=$1 phase=$2 duration=$3 script=$4 url=$5
  if declare -F lk_prepare >/dev/null; then lk_prepare "$phase"; fi
  local out="$LK_DATA/wrk-$phase.txt" hz; hz=$(getconf CLK_TCK)
  local rate_env=()
  if [ "$phase" = open ]; then rate_env=(LK_RATE="$LK_OPEN_RATE"); fi
  [ "$phase" = peak ] && [ "$script" != form.lua ] && { echo "the openloop peak: form.lua workloads only" >&2; exit 2; }
  local s0 m0 t0 s1 m1 t1 wrk_cpu
  local r0 r1 rpid="" rc0=0 rc1=0; r0=$(lk_redis_counts)
  if [ -n "${REDIS_URL:-}" ]; then
    rpid=$(lk_redis_pid); [ -n "$rpid" ] && rc0=$(lk_cpu_ticks "$rpid")
  fi
  s0=$(lk_cpu_ticks "$LK_PID"); m0=$(lk_machine_ticks); t0=$(date +%s.%N)
  local TIMEFORMAT='%U %S' generator=(env "${rate_env[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration"
    --timeout "${TIMEOUT:-10s}" --latency -s "$LK_LUA/$script" "$url") gen_name=wrk gen_threads="$THREADS wrk threads"
  if { [ "$phase" = open ] || [ "$phase" = peak ]; } && [ "$script" = form.lua ]; then  # the precise generator; the Lua pacing for the others
    local open_rate="${LK_OPEN_RATE:-}"; [ "$phase" = peak ] && open_rate="${OPEN_PEAK_RATE:-max}"
    lk_request_file "$url" "$LK_DATA/request.http"
    local expect="${LK_EXPECT:-200 201}"
    local prio=() p="${OPEN_PRIO:-auto}"
    if [ "$p" = auto ]; then chrt -f 10 true 2>/dev/null && p="chrt -f 10" || p=none; fi
    [ "$p" != none ] && read -ra prio <<<"$p"
    generator=("${prio[@]}" "$(lk_openloop_bin)" -r "$open_rate" -c "$CONNECTIONS" -d "$(lk_seconds "$duration")" -w "${OPEN_WARMUP:-2}"
      -t "${OPEN_THREADS:-1}" -g "${OPEN_TICK:-0}" -s "${expect// /,}" -f "$LK_DATA/request.http" "$(echo "$url" | sed -E 's#^http://([^:/]+).*#\1#')"
      "$(echo "$url" | sed -E 's#^http://[^:/]+:([0-9]+).*#\1#')")
    gen_name=openloop; gen_threads="bench/openloop, ${OPEN_THREADS:-1} thread(s), priority: $p, tick ${OPEN_TICK:-0} µs, ${OPEN_WARMUP:-2} s warm-up at the rate"
  fi
  wrk_cpu=$( { time "${generator[@]}" >"$out" 2>&1 || true; } 2>&1 | awk '{print $1 + $2}')
  s1=$(lk_cpu_ticks "$LK_PID"); m1=$(lk_machine_ticks); t1=$(date +%s.%N)
  r1=$(lk_redis_counts); [ -n "$rpid" ] && rc1=$(lk_cpu_ticks "$rpid")
  grep -q '^LK rps' "$out" || { echo "wrk failed:" >&2; cat "$out" >&2; exit 1; }
  local v; v() { awk -v k="$1" '$1 == "LK" && $2 == k {print $3}' "$out"; }
  LK_LAST_RPS=$(v rps)
  [ "$phase" = warmup ] && { echo "warm-up: $(v rps) requests/s, $(v unexpected) unexpected"; return 0; }
  local elapsed server_pct wrk_pct machine_pct other_pct cores
  cores=$(nproc)
  elapsed=$(echo "$t1 - $t0" | bc -l)
  server_pct=$(echo "($s1 - $s0) / $hz / $elapsed * 100" | bc -l)
  wrk_pct=$(echo "$wrk_cpu / $elapsed * 100" | bc -l)
  read -r mb0 mt0 <<<"$m0"; read -r mb1 mt1 <<<"$m1"
  machine_pct=$(echo "($mb1 - $mb0) / ($mt1 - $mt0) * 100 * $cores" | bc -l)
  other_pct=$(echo "o = $machine_pct - $server_pct - $wrk_pct; if (o < 0) o = 0; o" | bc -l)
  local rss hwm; rss=$(lk_mem_mb "$LK_PID" VmRSS); hwm=$(lk_mem_mb "$LK_PID" VmHWM)
  local mode="closed loop"
  [ "$phase" = open ] && mode="open loop at $LK_OPEN_RATE requests/s"
  [ "$phase" = peak ] && mode="peak (bench/openloop above capacity: every connection always busy)"
  printf '== %s: %s, %s, %s connections, %s\n' "$label" "$mode" "$duration" "$CONNECTIONS" "$gen_threads"
  printf '   requests/s   %s   (%s requests in %s s)\n' "$(v rps)" "$(v requests)" "$(v duration_s)"
  if [ "$phase" = peak ]; then
    printf '   latency      p50 %s ms   p99 %s ms (from the actual send: a closed loop)\n' "$(v service_p50_ms)" "$(v service_p99_ms)"
  elif [ "$gen_name" = openloop ]; then
    printf '   latency      p50 %s ms   p90 %s ms   p99 %s ms   p99.9 %s ms   max %s ms (from the scheduled send)\n' \
      "$(v p50_ms)" "$(v p90_ms)" "$(v p99_ms)" "$(v p999_ms)" "$(v max_ms)"
    printf '   service      p50 %s ms   p99 %s ms (from the actual send, as wrk measures)\n' "$(v service_p50_ms)" "$(v service_p99_ms)"
    printf '   schedule     %s sent/s; %s late starts > 1 ms (the generator), %s waited for a free connection, %s never sent, %s unanswered\n' \
      "$(v sent_rps)" "$(v late)" "$(v waited)" "$(v unsent)" "$(v unfinished)"
    [ "$(v unsent)" != 0 ] && echo "   NOT VALID    requests were never sent: the server did not keep up with the rate (or the machine is busy)"
  else
    printf '   latency      p50 %s ms   p90 %s ms   p99 %s ms   max %s ms\n' "$(v p50_ms)" "$(v p90_ms)" "$(v p99_ms)" "$(v max_ms)"
  fi
  printf '   errors       %s unexpected statuses, %s socket errors' "$(v unexpected)" "$(v socket_errors)"
  [ "$phase" = open ] && [ "$gen_name" = wrk ] && printf ', %s sends late by > 10 ms' "$(v late)"
  [ "$(v exhausted)" != 0 ] && printf ', POOL EXHAUSTED (%s): the rate is not valid, raise POOL' "$(v exhausted)"
  printf '\n'
  grep '^LK example' "$out" | sed 's/^LK example/   e.g.        /' || true
  printf '   CPU          server %.0f %%, %s %.0f %%, other processes %.0f %% (of one core; %s cores)\n' \
    "$server_pct" "$gen_name" "$wrk_pct" "$other_pct" "$cores"
  if [ "$gen_name" = openloop ] && [ "$(v all_requests)" -gt 0 ]; then
    printf '   per request  server %.1f µs CPU, openloop %.1f µs CPU and %.2f wake-ups (all responses, its warm-up too)\n' \
      "$(echo "($s1 - $s0) / $hz * 1000000 / $(v all_requests)" | bc -l)" "$(echo "$wrk_cpu * 1000000 / $(v all_requests)" | bc -l)" \
      "$(echo "$(v wakeups) / $(v all_requests)" | bc -l)"
  fi
  printf '   memory       server resident %s MB, peak %s MB\n' "$rss" "$hwm"
  if [ -n "${REDIS_URL:-}" ]; then
    read -r rq0 rt0 <<<"$r0"; read -r rq1 rt1 <<<"$r1"
    printf '   redis        %s limited requests in %s round trips (%s requests per round trip)\n' \
      "$((rq1 - rq0))" "$((rt1 - rt0))" "$(echo "scale=2; ($rq1 - $rq0) / ($rt1 - $rt0 + (($rt1 == $rt0)))" | bc -l)"
    [ -n "$rpid" ] && printf '                redis-server CPU %.0f %% of one core (part of "other processes" below)\n' \
      "$(echo "($rc1 - $rc0) / $hz / $elapsed * 100" | bc -l)"
  fi
  [ -n "${LK_NOTE:-}" ] && printf '   note         %s\n' "$LK_NOTE"
  if [ -n "${RESULTS:-}" ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f\t%.0f\t%.0f\t%s\t%s\n' "$label" "$mode" "$duration" \
      "$(v rps)" "$(v p50_ms)" "$(v p90_ms)" "$(v p99_ms)" "$(v unexpected)" "$(v socket_errors)" \
      "$server_pct" "$wrk_pct" "$other_pct" "$rss" "$hwm" >>"$RESULTS"
  fi
}

# Warm-up, then the measured run(s): closed loop, and/or open loop per RATE.
lk_bench() {
  local label=$1 script=$2 url=$3
  lk_wrk "$label" warmup "$WARMUP" "$script" "$url"
  case "${RATE:-}" in
    "") lk_wrk "$label" closed "$DURATION" "$script" "$url" ;;
    *%)  # N % of bench/openloop's own peak (form.lua; PEAK=wrk or other scripts: of wrk's closed-loop peak)
      lk_wrk "$label" closed "$DURATION" "$script" "$url"
      if [ "$script" = form.lua ] && [ "${PEAK:-openloop}" = openloop ]; then lk_wrk "$label" peak "$DURATION" "$script" "$url"; fi
      LK_OPEN_RATE=$(( ${LK_LAST_RPS%.*} * ${RATE%\%} / 100 ))
      lk_wrk "$label" open "$DURATION" "$script" "$url" ;;
    *) LK_OPEN_RATE=$RATE; lk_wrk "$label" open "$DURATION" "$script" "$url" ;;
  esac
}
