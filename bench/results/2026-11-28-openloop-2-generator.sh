#!/usr/bin/env bash
# Issue 8, open loop (branch openloop2, 2026-11-28): the generator's cost and its effect on the tail, on one server
# (client_credentials ES256, 32 connections). The peaks with wrk and with bench/openloop (tick 0 and TICK), then
# open-loop runs at RATE (default: 80 % of bench/openloop's tick-0 peak) in alternation over the generator's
# variants: real-time priority (chrt -f 10) or none, tick 0 (a wake-up per due time and per response) or TICK µs.
# Output: appended to 2026-11-28-openloop-2.txt. Run under `flock -x /tmp/machine.lock` (about 3-4 minutes).
#   ROUNDS (2), DURATION (10s), TICK (200), PORT (18501), RATE (unset: 80 % of the peak)
set -u
cd "$(dirname "$0")/../.."
export PORT="${PORT:-18501}" DURATION="${DURATION:-10s}" WARMUP="${WARMUP:-20s}"
ROUNDS="${ROUNDS:-2}"; TICK="${TICK:-200}"
. bench/lib.sh
echo "##### generator: $(date -u) $(git log --oneline -1); $(uptime)"
lk_start
read -r cid secret < <(lk_setup client bench ecdsa jwt post)
export LK_BODY="grant_type=client_credentials&client_id=$cid&client_secret=$secret" LK_HEADERS=""
url="$LK_URL/default/bench/oauth2/token"
lk_wrk token warmup "$WARMUP" form.lua "$url"
lk_wrk token closed "$DURATION" form.lua "$url"; wrk_peak=${LK_LAST_RPS%.*}
OPEN_TICK=0 lk_wrk token peak "$DURATION" form.lua "$url"; ol_peak=${LK_LAST_RPS%.*}
OPEN_TICK=$TICK lk_wrk token peak "$DURATION" form.lua "$url"; ol_peak_tick=${LK_LAST_RPS%.*}
echo "=== peaks: wrk $wrk_peak/s, openloop (tick 0) $ol_peak/s, openloop (tick $TICK) $ol_peak_tick/s"
export LK_OPEN_RATE="${RATE:-$(( ol_peak * 80 / 100 ))}"
variants=("chrt -f 10|0" "chrt -f 10|$TICK" "none|0" "none|$TICK")
for r in $(seq 1 "$ROUNDS"); do
  order=(0 1 2 3); (( r % 2 == 0 )) && order=(3 2 1 0)
  for i in "${order[@]}"; do
    IFS='|' read -r prio tick <<<"${variants[$i]}"
    echo "--- round $r: priority $prio, tick $tick; $(uptime)"
    OPEN_PRIO="$prio" OPEN_TICK="$tick" lk_wrk token open "$DURATION" form.lua "$url"
  done
done
echo "##### end $(date -u); $(uptime)"
