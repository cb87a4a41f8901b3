#!/usr/bin/env bash
# Open loop on one server: a fixed request rate from bench/openloop (C, epoll, built with cc into target/openloop/
# on first use), latency measured from each request's scheduled send time (coordinated omission corrected).
#   RATE=9000 bench/openloop.sh                 client_credentials ES256 (client_secret_post) at 9,000/s
#   RATE=80% bench/openloop.sh                  80 % of the peak measured just before by bench/openloop (DURATION, once)
#   PEAK=wrk RATE=80% bench/openloop.sh         80 % of wrk's closed-loop peak instead (the behaviour before PEAK)
#   RATE="2000 6000 10000" CONNECTIONS="8 32" bench/openloop.sh   every rate with every connection count
#   WORKLOAD=form RATE=1000 bench/openloop.sh   the trivial form POST (400 at once): the generator's own floor
# Settings: RATE (required; one or more totals, or N%), DURATION (20s), CONNECTIONS (32; one or more), WORKLOAD
# (token | form | alive), WARMUP (10s, closed loop with wrk, once), OPEN_WARMUP (2: seconds at the rate before each
# measurement), OPEN_THREADS (1), OPEN_PRIO, OPEN_TICK (bench/lib.sh), PEAK (openloop | wrk: the peak an N% rate refers
# to; both are measured, with the first connection count, and printed: openloop's is the rate bench/openloop itself
# gets driven far above capacity, every connection always busy, at its own CPU cost per request), GC_LOG=1 (the
# server logs its GC pauses, -Xlog:gc; each open-loop run then reports the pauses during it: count, total, longest),
# PORT (18190), and those of bench/lib.sh (RATE_LIMITS, LATCHKEY_JAVA_OPTS, ...).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -n "${RATE:-}" ] || { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
PEAK="${PEAK:-openloop}"
case "$PEAK" in openloop|wrk) ;; *) echo "PEAK: openloop or wrk" >&2; exit 2 ;; esac
RATES="$RATE"; CONNECTIONS_LIST="$CONNECTIONS"; WORKLOAD="${WORKLOAD:-token}"
"$(lk_openloop_bin)" -T || exit 1   # the generator's self-test (response parser, request file, histogram): a second
echo "=== openloop: $WORKLOAD, rate(s) $RATES, connections $CONNECTIONS_LIST, $DURATION each; $(uptime)"
gc_pauses() { :; }
if [ "${GC_LOG:-0}" = 1 ]; then
  GC_FILE="$(mktemp "${TMPDIR:-/tmp}/latchkey-gc.XXXXXX")"
  export LATCHKEY_JAVA_OPTS="${LATCHKEY_JAVA_OPTS:-} -Xlog:gc:file=$GC_FILE"
  gc_pauses() { # FROM_LINE: the pauses logged after that line
    tail -n +"$1" "$GC_FILE" | awk '/Pause/ {ms = $NF; sub(/ms$/, "", ms); n++; t += ms; if (ms > m) m = ms}
      END {printf "   GC           during the run and its warm-up: %d pauses, %.1f ms in all, longest %.2f ms\n", n, t, m}'
  }
fi
lk_start
url="$LK_URL/default/bench/oauth2/token"
case "$WORKLOAD" in
  token) read -r cid secret < <(lk_setup client bench ecdsa jwt post)
         export LK_BODY="grant_type=client_credentials&client_id=$cid&client_secret=$secret" LK_HEADERS="" ;;
  form) read -r cid secret < <(lk_setup client bench ecdsa jwt post)
        export LK_BODY="client_id=$cid" LK_HEADERS="" LK_EXPECT=400 ;;
  alive) export LK_METHOD=GET LK_BODY="" LK_HEADERS=""; url="$LK_URL/alive" ;;
  *) echo "WORKLOAD: token, form or alive" >&2; exit 2 ;;
esac
CONNECTIONS=${CONNECTIONS_LIST%% *} lk_wrk "$WORKLOAD" warmup "$WARMUP" form.lua "$url"
peak=""
for rate in $RATES; do
  for c in $CONNECTIONS_LIST; do
    case "$rate" in
      *%) if [ -z "$peak" ]; then  # once, with the first connection count
            CONNECTIONS=${CONNECTIONS_LIST%% *} lk_wrk "$WORKLOAD" closed "$DURATION" form.lua "$url"; wrk_peak=${LK_LAST_RPS%.*}
            CONNECTIONS=${CONNECTIONS_LIST%% *} lk_wrk "$WORKLOAD" peak "$DURATION" form.lua "$url"; ol_peak=${LK_LAST_RPS%.*}
            if [ "$PEAK" = wrk ]; then peak=$wrk_peak; else peak=$ol_peak; fi
            echo "=== peaks: wrk $wrk_peak/s, bench/openloop $ol_peak/s ($(( ol_peak * 100 / wrk_peak )) % of wrk's); N% rates refer to $PEAK's"
          fi
          LK_OPEN_RATE=$(( peak * ${rate%\%} / 100 )) ;;
      *) LK_OPEN_RATE=$rate ;;
    esac
    CONNECTIONS=$c
    echo "--- $(uptime)"
    gc0=$(( $(cat "${GC_FILE:-/dev/null}" | wc -l) + 1 ))
    lk_wrk "$WORKLOAD" open "$DURATION" form.lua "$url"
    gc_pauses "$gc0"
  done
done
echo "=== end $(uptime)"
[ -n "${GC_FILE:-}" ] && rm -f "$GC_FILE"
