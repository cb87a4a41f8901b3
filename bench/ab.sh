#!/usr/bin/env bash
# Two server variants side by side, measured in alternation (A B B A A B ...) in one run, so that the noise of a
# shared machine falls on both alike. Both servers run at once (each idle while the other is measured), each on
# a fresh database with one client_credentials application (client_secret_post, ES256).
#
#   A_NAME=limits B_NAME=no-limits A_ARGS="--rate-limits bench/unthrottled-limits.json" B_ARGS="--rate-limits off" bench/ab.sh
#
# Settings (environment): A_NAME, B_NAME; A_ARGS, B_ARGS (extra `serve` options); A_ENV, B_ENV (extra environment,
# e.g. "LATCHKEY_AUDIT=security-off"; without --rate-limits in *_ARGS the server gets --rate-limits off); A_PG=1 / B_PG=1 (that server on a fresh PostgreSQL database on
# 127.0.0.1:5432 instead of the embedded H2); ROUNDS (8: each round measures both), DURATION (10s per
# measurement), WARMUP (15s per server), CONNECTIONS (32), THREADS (2), WORKLOAD (token: client_credentials;
# form: the trivial form POST); A_WORKSPACES=N / B_WORKSPACES=N (that server gets N workspaces with one application
# each, created through the Admin API, and its requests cycle over them: issue 8's 10,000-workspace run; A_POOL_LINES=N /
# B_POOL_LINES=N: that server's requests cycle over the first N of its workspaces only (1: all configured, one used); the
# database after the set-up is kept in ~/.cache/latchkey-bench per count and set of migrations, and later runs start
# from a copy of it: SETUP_CACHE=off for none, SETUP_CACHE_DIR for another folder);
# FRESH_JVMS=1: both servers are started anew (fresh processes and databases, warmed up again) before every round
# after the first, so that the JIT outcomes of single processes average out over the rounds (two processes can
# compile the same code differently by several per cent: bench/results/2026-11-28-limiter-cputime.txt);
# A_ROOT / B_ROOT (another checkout whose build that server runs: two versions of the code); PORT_A, PORT_B (18191, 18192); WAIT_FOR=FILE: after the set-up, wait until FILE exists before measuring.
# OPEN_RATE=N: the measurements (not the warm-ups) are open loop at N requests/s from bench/openloop (latency from the
# scheduled send time; OPEN_PRIO, OPEN_WARMUP, OPEN_TICK as in bench/lib.sh), e.g. to compare the p99 at 80 % of the peak;
# not with *_WORKSPACES. The errors column then also counts requests never sent or unanswered: the server did not keep
# up with the rate, and that run's p99 and requests/s say nothing (the rate is above what the machine gives it).
# PARALLEL=1: each round measures A and B at the same time (the warm-ups too) (a wrk each, THREADS threads and CONNECTIONS connections
# each): both see the same machine, which on a shared VM varies by ±15 % from one 10 s window to the next; each
# server's CPU per request is still its own (the others% column then means nothing). Closed loop, the two servers
# feed back: the one that gets ahead batches more work per wake-up, costs less per request and gets further ahead
# (an A/A run gave B +6.8 % when A always started first); with OPEN_RATE=N both get the same fixed rate instead.
# THREAD_CPU=1: also the server's CPU per request by thread (from /proc/PID/task/*/stat, names with their digits
# folded, e.g. "GC Thread#"), summed over the rounds' measurements, per variant, at the end: where B's extra cost goes.
# THREAD_CPU=2: the same, each group's user and kernel time apart (a thread that wakes often spends it in the kernel).
# Prints, per measurement, requests/s and the server's CPU time per request (µs, from /proc/PID/stat: the cost,
# less disturbed by other processes than the rate), then the medians, the ratios B/A, and the round's pairs (B/A CPU
# per request in each round, their median and mean: a round's two measurements are the closest in time).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
ROUNDS="${ROUNDS:-8}"; DURATION="${DURATION:-10s}"; WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-32}"; THREADS="${THREADS:-2}"; WORKLOAD="${WORKLOAD:-token}"
A_NAME="${A_NAME:-A}"; B_NAME="${B_NAME:-B}"
export LK_ADMIN_ID=benchadmin LK_ADMIN_SECRET=bench-admin-secret-0123456789 LK_LUA="$BENCH_DIR/lua" LK_THREADS="$THREADS"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk (Debian/Ubuntu)" >&2; exit 2; }
HZ=$(getconf CLK_TCK)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-ab.XXXXXX")"
declare -A PID LAUNCHER URL BODY DB POOL
cleanup() {
  set +e
  for v in A B; do
    [ -n "${LAUNCHER[$v]:-}" ] && kill "${LAUNCHER[$v]}" 2>/dev/null && wait "${LAUNCHER[$v]}" 2>/dev/null
    [ -n "${DB[$v]:-}" ] && psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS ${DB[$v]}" >/dev/null 2>&1
  done
  [ "${KEEP_DATA:-0}" = 1 ] && echo "data and logs kept in $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
for r in "${A_ROOT:-$ROOT}" "${B_ROOT:-$ROOT}"; do "$r/latchkey" --version >/dev/null; done   # builds the jars if needed

# The set-up cache of a *_WORKSPACES server (embedded database only; SETUP_CACHE=off: none): the data folder and
# pool file after the set-up, kept per workspace count and set of migrations of the server's build, copied
# into the next run's fresh data folder (10,000 workspaces took 15-60 min to create through the Admin API on the previous machine, 10 min on this one).
snapshot() { # VARIANT -> the cache folder, or nothing
  local v=$1 ws_var="${1}_WORKSPACES" pg_var="${1}_PG" root_var="${1}_ROOT" migrations
  [ -n "${!ws_var:-}" ] && [ "${SETUP_CACHE:-on}" != off ] && [ "${!pg_var:-0}" != 1 ] || return 0
  migrations=$(ls "${!root_var:-$ROOT}/src/main/resources/db/migration" | md5sum | cut -c1-12)
  echo "${SETUP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/latchkey-bench}/workspaces-${!ws_var}-$migrations"
}

stop() { # VARIANT
  kill "${LAUNCHER[$1]}" 2>/dev/null; wait "${LAUNCHER[$1]}" 2>/dev/null || true
}

start() { # VARIANT PORT
  local v=$1 port=$2 args_var="${1}_ARGS" env_var="${1}_ENV" pg_var="${1}_PG" root_var="${1}_ROOT" db=() snap
  mkdir -p "$WORK/$v"
  snap=$(snapshot "$v")
  if [ -n "$snap" ] && [ -f "$snap/pool" ] && [ ! -e "$WORK/$v.pool" ]; then
    cp -a "$snap/data/." "$WORK/$v/"; cp "$snap/pool" "$WORK/$v.pool"
  fi
  if [ "${!pg_var:-0}" = 1 ]; then
    DB[$v]="latchkey_ab_$$_$RANDOM"
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE ${DB[$v]}" >/dev/null
    db=(--db-url "jdbc:postgresql://127.0.0.1:5432/${DB[$v]}" --db-user postgres)
    head -c 32 /dev/urandom | base64 >"$WORK/$v.master-key"; db+=(--master-key-file "$WORK/$v.master-key")
  fi
  case " ${!args_var:-} " in *" --rate-limits "*) ;; *) db+=(--rate-limits off) ;; esac
  # shellcheck disable=SC2086
  env ${!env_var:-} LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_ID="$LK_ADMIN_ID" LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_SECRET="$LK_ADMIN_SECRET" \
    "${!root_var:-$ROOT}/latchkey" serve --port "$port" --host 127.0.0.1 --data "$WORK/$v" "${db[@]}" ${!args_var:-} >"$WORK/$v.log" 2>&1 &
  LAUNCHER[$v]=$!
  URL[$v]="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do curl -fs "${URL[$v]}/alive" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "${URL[$v]}/alive" >/dev/null || { echo "$v did not start:" >&2; tail -20 "$WORK/$v.log" >&2; exit 1; }
  PID[$v]=$(pgrep -P "${LAUNCHER[$v]}" java || echo "${LAUNCHER[$v]}")
  local cid secret ws_var="${1}_WORKSPACES" t0 snap
  if [ -n "${!ws_var:-}" ]; then
    POOL[$v]="$WORK/$v.pool"; BODY[$v]="grant_type=client_credentials&client_id={2}&client_secret={3}"
    snap=$(snapshot "$v")
    if [ -n "$snap" ] && [ -f "$snap/pool" ]; then
      echo "$v: ${!ws_var} workspaces with one application each from the set-up cache $snap"
      return
    fi
    t0=$(date +%s)
    LK_SETUP_THREADS=${LK_SETUP_THREADS:-4} python3 "$BENCH_DIR/setup.py" "${URL[$v]}" workspaces "${!ws_var}" 1 >"$WORK/$v.pool"
    echo "$v: created ${!ws_var} workspaces with one application each in $(( $(date +%s) - t0 )) s"
    if [ -n "$snap" ]; then  # stop the server, keep its database for the next run, start it again
      stop "$v"; rm -rf "$snap.tmp"; mkdir -p "$snap.tmp"; cp -a "$WORK/$v/." "$snap.tmp/data"; cp "$WORK/$v.pool" "$snap.tmp/pool"
      rm -rf "$snap"; mv "$snap.tmp" "$snap"; echo "$v: set-up kept in $snap"
      start "$v" "$port"
    fi
    return
  fi
  read -r cid secret < <(python3 "$BENCH_DIR/setup.py" "${URL[$v]}" client bench ecdsa jwt post)
  if [ "$WORKLOAD" = form ]; then BODY[$v]="client_id=$cid"; else
    BODY[$v]="grant_type=client_credentials&client_id=$cid&client_secret=$secret"; fi
}

# One wrk run against VARIANT for DURATION; prints "rps cpu_us_per_request other_pct".
measure() { # VARIANT DURATION
  local v=$1 out="$WORK/wrk-$1.txt" s0 s1 m0 m1 t0 t1
  [ "${THREAD_CPU:-0}" != 0 ] && [ "$2" = "$DURATION" ] && threads "$v" >"$WORK/threads-$v.0"
  s0=$(awk '{print $14 + $15}' "/proc/${PID[$v]}/stat"); m0=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  t0=$(date +%s.%N)
  if [ -n "${OPEN_RATE:-}" ] && [ "$2" = "$DURATION" ]; then
    local prio=() p="${OPEN_PRIO:-auto}" hostport="${URL[$v]#http://}"
    if [ "$p" = auto ]; then chrt -f 10 true 2>/dev/null && p="chrt -f 10" || p=none; fi
    [ "$p" != none ] && read -ra prio <<<"$p"
    printf 'POST /default/bench/oauth2/token HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s' \
      "$hostport" "${#BODY[$v]}" "${BODY[$v]}" >"$WORK/$v.http"
    "${prio[@]}" "$OPENLOOP" -r "$OPEN_RATE" -c "$CONNECTIONS" -d "$(lk_seconds "$2")" -w "${OPEN_WARMUP:-2}" -g "${OPEN_TICK:-0}" -s "$EXPECT" \
      -f "$WORK/$v.http" "${hostport%:*}" "${hostport#*:}" >"$out" 2>&1 || true
  elif [ -n "${POOL[$v]:-}" ]; then
    local pool="${POOL[$v]}" lines_var="${v}_POOL_LINES"
    if [ -n "${!lines_var:-}" ]; then head -n "${!lines_var}" "$pool" >"$pool.first"; pool="$pool.first"; fi
    LK_POOL="$pool" LK_PATH="/default/{1}/oauth2/token" LK_BODY="${BODY[$v]}" LK_HEADERS="" wrk -t"$THREADS" \
      -c"$CONNECTIONS" -d"$2" --timeout 10s --latency -s "$LK_LUA/pool.lua" "${URL[$v]}/default/bench-00000/oauth2/token" \
      >"$out" 2>&1 || true
  else
    LK_BODY="${BODY[$v]}" LK_HEADERS="" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 10s --latency \
      -s "$LK_LUA/form.lua" "${URL[$v]}/default/bench/oauth2/token" >"$out" 2>&1 || true
  fi
  s1=$(awk '{print $14 + $15}' "/proc/${PID[$v]}/stat"); m1=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  t1=$(date +%s.%N)
  local rps req p99 bad; rps=$(awk '$1=="LK" && $2=="rps"{print $3}' "$out"); req=$(awk '$1=="LK" && $2=="requests"{r=$3} $1=="LK" && $2=="all_requests"{a=$3} END{print a ? a : r}' "$out")
  p99=$(awk '$1=="LK" && $2=="p99_ms"{print $3}' "$out"); bad=$(awk '$1=="LK" && ($2=="unexpected" || $2=="unsent" || $2=="unfinished"){n+=$3} END{print n+0}' "$out")
  [ -n "$rps" ] || { echo "wrk failed:" >&2; cat "$out" >&2; exit 1; }
  if [ "${THREAD_CPU:-0}" != 0 ] && [ "$2" = "$DURATION" ]; then  # ticks per thread group, and the requests
    threads "$v" | awk -v req="$req" 'NR == FNR { t0[$1] = $2; next } { d[$3] += $2 - t0[$1] }
      END { for (g in d) printf "%s\t%d\n", g, d[g]; printf "requests\t%d\n", req }' "$WORK/threads-$v.0" - >>"$WORK/threads-$v.sum"
  fi
  read -r mb0 mt0 <<<"$m0"; read -r mb1 mt1 <<<"$m1"
  awk -v rps="$rps" -v req="$req" -v ds="$((s1 - s0))" -v hz="$HZ" -v mb="$((mb1 - mb0))" -v mt="$((mt1 - mt0))" \
      -v el="$(echo "$t1 - $t0" | bc -l)" -v p99="$p99" -v bad="$bad" -v cores="$(nproc)" \
    'BEGIN { printf "%.0f %.1f %.0f %s %s\n", rps, ds / hz * 1e6 / req, mb / mt * 100 * cores - ds / hz / el * 100, p99, bad }'
}
EXPECT=200; [ "$WORKLOAD" = form ] && EXPECT=400
if [ "${FRESH_JVMS:-0}" = 1 ] && [ -n "${A_WORKSPACES:-}${B_WORKSPACES:-}${A_PG:-}${B_PG:-}" ]; then
  echo "FRESH_JVMS: only with the embedded database and one workspace" >&2; exit 2
fi
if [ -n "${OPEN_RATE:-}" ]; then
  [ -z "${A_WORKSPACES:-}${B_WORKSPACES:-}" ] || { echo "OPEN_RATE: not with *_WORKSPACES" >&2; exit 2; }
  . <(sed -n '/^lk_openloop_bin()/,/^}/p; /^lk_seconds()/p' "$BENCH_DIR/lib.sh")
  OPENLOOP=$(lk_openloop_bin)
fi

threads() { # VARIANT -> "tid ticks group" per thread of its server (the group: the name with digits folded to #)
  local d bykind=0
  [ "${THREAD_CPU:-0}" = 2 ] && bykind=1
  for d in /proc/"${PID[$1]}"/task/*; do
    [ -r "$d/stat" ] || continue
    awk -v tid="${d##*/}" -v bykind="$bykind" '{ sub(/^[0-9]+ \(/, ""); n = index($0, ") "); name = substr($0, 1, n - 1)
      split(substr($0, n + 2), f, " "); gsub(/[0-9]+/, "#", name); gsub(/ /, "_", name); if (bykind) { print tid "u", f[12], name "_user"; print tid "s", f[13], name "_kernel" } else print tid, f[12] + f[13], name }' "$d/stat" 2>/dev/null
  done
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "=== ab: $A_NAME (A) vs $B_NAME (B), $WORKLOAD, $ROUNDS rounds of $DURATION each, $CONNECTIONS connections${OPEN_RATE:+, open loop at $OPEN_RATE/s}; $(uptime)"
start A "${PORT_A:-18191}"; start B "${PORT_B:-18192}"
if [ -n "${WAIT_FOR:-}" ]; then  # e.g. a long set-up made early, measured when the machine is quiet
  echo "both servers ready; waiting for $WAIT_FOR to exist before measuring"
  while [ ! -e "$WAIT_FOR" ]; do sleep 5; done
fi
warm_up() { # both servers, one after the other (PARALLEL=1: at once); prints each one's figures
  if [ "${PARALLEL:-0}" = 1 ]; then
    measure A "$WARMUP" >"$WORK/warm-A" & pa=$!; measure B "$WARMUP" >"$WORK/warm-B" & pb=$!; wait "$pa" "$pb"
    echo "warm-up A: $(cat "$WORK/warm-A")"; echo "warm-up B: $(cat "$WORK/warm-B")"
  else
    for v in A B; do echo "warm-up $v: $(measure $v "$WARMUP")"; done
  fi
}
warm_up
printf '%-6s %-14s %10s %14s %8s %8s %6s\n' round variant requests/s "CPU µs/req" "others%" "p99 ms" errors
for r in $(seq 1 "$ROUNDS"); do
  if [ "${FRESH_JVMS:-0}" = 1 ] && (( r > 1 )); then  # new processes (and databases) for both, warmed up again
    for v in A B; do stop "$v"; rm -rf "${WORK:?}/$v" "$WORK/$v.pool"; done
    start A "${PORT_A:-18191}"; start B "${PORT_B:-18192}"
    warm_up >/dev/null
  fi
  if (( r % 2 )); then order="A B"; else order="B A"; fi
  if [ "${PARALLEL:-0}" = 1 ]; then  # both at once, started in the round's order (the first one has a head start)
    for v in $order; do measure "$v" "$DURATION" >"$WORK/round-$v" & eval "p$v=\$!"; done; wait "$pA" "$pB"
  fi
  for v in $order; do
    if [ "${PARALLEL:-0}" = 1 ]; then read -r rps cpu other p99 bad <"$WORK/round-$v"
    else read -r rps cpu other p99 bad < <(measure "$v" "$DURATION"); fi
    name_var="${v}_NAME"
    printf '%-6s %-14s %10s %14s %8s %8s %6s\n' "$r" "${!name_var}" "$rps" "$cpu" "$other" "$p99" "$bad"
    echo "$rps $cpu $p99" >>"$WORK/$v.results"
  done
done
ra=$(cut -d' ' -f1 "$WORK/A.results" | median); rb=$(cut -d' ' -f1 "$WORK/B.results" | median)
ca=$(cut -d' ' -f2 "$WORK/A.results" | median); cb=$(cut -d' ' -f2 "$WORK/B.results" | median)
pa=$(cut -d' ' -f3 "$WORK/A.results" | median); pb=$(cut -d' ' -f3 "$WORK/B.results" | median)
echo "--- medians: $A_NAME $ra requests/s, $ca CPU µs/request, p99 $pa ms; $B_NAME $rb requests/s, $cb CPU µs/request, p99 $pb ms"
awk -v ra="$ra" -v rb="$rb" -v ca="$ca" -v cb="$cb" -v a="$A_NAME" -v b="$B_NAME" 'BEGIN {
  printf "--- %s / %s: requests/s %.3f (%+.1f %%), CPU per request %.3f (%+.1f %%)\n", b, a, rb / ra, (rb / ra - 1) * 100, cb / ca, (cb / ca - 1) * 100 }'
pairs=$(paste -d' ' <(cut -d' ' -f2 "$WORK/A.results") <(cut -d' ' -f2 "$WORK/B.results") | awk '{ printf "%.1f\n", ($2 / $1 - 1) * 100 }')
pm=$(median <<<"$pairs")
awk -v a="$A_NAME" -v b="$B_NAME" -v m="$pm" 'NF { s = s sprintf(" %+.1f", $1); sum += $1; sq += $1 * $1; n++ }
  END { if (n == 0) exit; mean = sum / n; v = n > 1 ? (sq - n * mean * mean) / (n - 1) : 0; sd = v > 0 ? sqrt(v) : 0
        printf "--- pairs, %s / %s CPU per request by round (%%):%s; median %+.1f %%, mean %+.1f %% ± %.1f (2 SE), n=%d\n", b, a, s, m, mean, 2 * sd / sqrt(n), n }' <<<"$pairs"
if [ "${THREAD_CPU:-0}" != 0 ]; then
  echo "--- CPU per request by thread group (µs, all measured rounds): group, $A_NAME, $B_NAME, difference"
  awk -F'\t' -v hz="$HZ" 'FNR == 1 { v++ } $1 == "requests" { n[v] += $2; next } { t[$1, v] += $2; g[$1] = 1 }
    END { for (k in g) { a = t[k, 1] / hz * 1e6 / n[1]; b = t[k, 2] / hz * 1e6 / n[2]
            if (a >= 0.05 || b >= 0.05) printf "%-20s %8.2f %8.2f %+8.2f\n", k, a, b, b - a } }' \
    "$WORK/threads-A.sum" "$WORK/threads-B.sum" | sort -k4 -g -r
fi
echo "=== end $(uptime)"
