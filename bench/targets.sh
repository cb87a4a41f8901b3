#!/usr/bin/env bash
# Issue 8's targets from one run on one server (fresh embedded database, rate limits off), in alternation:
#   F  the trivial form POST (the HTTP stack's rate on the token endpoint),
#   T  client_credentials ES256 tokens/s (closed loop: the peak; p99 at saturation),
#   S  raw ES256 signing on the same cores (JMH SigningBenchmark.jcaSign, provider "current", one thread per core,
#      while the server is idle),
# then the ideal 1/(1/F + 1/S) and T's share of it; then, once, T's peak as bench/openloop itself drives it (far above
# capacity: every connection always busy, at the generator's own CPU cost) and T open loop at 80 % of that peak
# (PEAK=wrk: of wrk's median peak, the behaviour before PEAK; p99 from each request's scheduled send time,
# bench/openloop: see bench/lib.sh's OPEN_* settings); then JWT introspection and an Admin API read, each request with
# a token never seen before (≥ 5,000/s wanted).
#   bench/targets.sh                 ROUNDS (3) DURATION (15s) WARMUP (15s) CONNECTIONS (32); POOL (40000),
#                                    FRESH_DURATION (5s: the fresh-token runs)
#   FRESH_ONLY=1 bench/targets.sh    only T (ROUNDS closed runs) and the fresh-token runs, with their ratio to T: no F,
#                                    no S, no open loop (for before/after comparisons of the fresh-token paths)
# Needs the JMH jar: built once into target/jmh/ (mvn -Pjmh -DskipTests package; the server's jar is untouched).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS="${ROUNDS:-3}"; DURATION="${DURATION:-15s}"
JMH_JAR="$ROOT/target/jmh/benchmarks.jar"; FRESH_ONLY="${FRESH_ONLY:-0}"
if [ "$FRESH_ONLY" != 1 ] && { [ ! -f "$JMH_JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" "$ROOT/src/jmh" -newer "$JMH_JAR" -print -quit)" ]; }; then
  echo "building $JMH_JAR ..."
  (cd "$ROOT" && . scripts/find-jdk.sh && mvn -q -B -ntp -Pjmh -DskipTests package)
fi
. "$ROOT/scripts/find-jdk.sh"

p99_of() { awk '$1 == "LK" && $2 == "p99_ms" {print $3}' "$LK_DATA/wrk-$1.txt"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
signing_rate() { # ES256 signatures/s on all cores, from JMH
  local csv="$LK_DATA/jmh.csv"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JMH_JAR" 'SigningBenchmark.jcaSign' \
    -p keyType=ecdsa -p provider=current -t "$(nproc)" -f 1 -wi 2 -w 2s -i 3 -r "${DURATION%s}s" \
    -rf csv -rff "$csv" >"$LK_DATA/jmh.txt" 2>&1 || { cat "$LK_DATA/jmh.txt" >&2; exit 1; }
  awk -F, 'NR == 2 {gsub(/"/, "", $5); printf "%.0f\n", $5}' "$csv"
}

echo "=== targets: $ROUNDS rounds (F, T, S), $DURATION each, $CONNECTIONS connections; $(uptime)"
lk_start
read -r cid secret < <(lk_setup client bench ecdsa jwt post)
form_body="bench=1"; token_body="grant_type=client_credentials&client_id=$cid&client_secret=$secret"
LK_BODY="$token_body" lk_wrk token warmup "$WARMUP" form.lua "$LK_URL/default/bench/oauth2/token"
for r in $(seq 1 "$ROUNDS"); do
  echo "--- round $r $(uptime)"
  if [ "$FRESH_ONLY" != 1 ]; then
    LK_BODY="$form_body" LK_EXPECT=400 lk_wrk "F form" closed "$DURATION" form.lua "$LK_URL/default/bench/oauth2/token"
    echo "$LK_LAST_RPS" >>"$LK_DATA/F"
  fi
  LK_BODY="$token_body" lk_wrk "T token-post-es256" closed "$DURATION" form.lua "$LK_URL/default/bench/oauth2/token"
  echo "$LK_LAST_RPS" >>"$LK_DATA/T"; p99_of closed >>"$LK_DATA/T.p99"
  if [ "$FRESH_ONLY" != 1 ]; then
    s=$(signing_rate); echo "== S jcaSign ES256, $(nproc) threads: $s signatures/s"; echo "$s" >>"$LK_DATA/S"
  fi
done
T=$(median <"$LK_DATA/T"); TP99=$(median <"$LK_DATA/T.p99")
if [ "$FRESH_ONLY" != 1 ]; then
  F=$(median <"$LK_DATA/F"); S=$(median <"$LK_DATA/S")
  LK_BODY="$token_body" lk_wrk "T token-post-es256" peak "$DURATION" form.lua "$LK_URL/default/bench/oauth2/token"
  OL_PEAK=${LK_LAST_RPS%.*}
  if [ "${PEAK:-openloop}" = wrk ]; then export LK_OPEN_RATE=$(( ${T%.*} * 80 / 100 )); else export LK_OPEN_RATE=$(( OL_PEAK * 80 / 100 )); fi
  LK_BODY="$token_body" lk_wrk "T token-post-es256" open "$DURATION" form.lua "$LK_URL/default/bench/oauth2/token"
  OPEN_P99=$(p99_of open); OPEN_LATE=$(awk '$1 == "LK" && $2 == "late" {print $3}' "$LK_DATA/wrk-open.txt")
  OPEN_P999=$(awk '$1 == "LK" && $2 == "p999_ms" {print $3}' "$LK_DATA/wrk-open.txt")
fi

# Fresh tokens: every request carries a token the server has not seen (no verification or revocation cache hit):
# each line of the pool is used once (LK_ONCE), so the pool must hold more than the run makes (POOL, 5 s runs).
POOL="${POOL:-40000}"; FRESH="${FRESH_DURATION:-5s}"
read -r caller caller_secret < <(lk_setup app bench basic introspect_tokens)
fresh() { # LABEL WS CLIENT SECRET PATH METHOD BODY HEADERS: a warm-up on 5,000 tokens, then POOL new ones once each
  local phase n
  for phase in warmup closed; do
    n=$POOL; [ "$phase" = warmup ] && n=5000
    lk_setup tokens "$2" "$3" "$4" "$n" >"$LK_DATA/pool.txt" 2>/dev/null
    LK_POOL="$LK_DATA/pool.txt" LK_PATH="$5" LK_METHOD="$6" LK_BODY="$7" LK_HEADERS="$8" LK_ONCE=1 \
      lk_wrk "$1" "$phase" "$FRESH" pool.lua "$LK_URL$5"
  done
}
fresh "introspect-jwt (fresh tokens)" bench "$cid" "$secret" /default/bench/oauth2/introspect POST "token={1}" \
  "Authorization: Basic $(lk_basic "$caller" "$caller_secret")"
INTRO=$LK_LAST_RPS
fresh "admin GET /api/admin/default/servers/bench (fresh tokens)" admin "$LK_ADMIN_ID" "$LK_ADMIN_SECRET" \
  /api/admin/default/servers/bench GET "" "Authorization: Bearer {1}"
ADMIN=$LK_LAST_RPS

echo
if [ "$FRESH_ONLY" = 1 ]; then
  echo "=== median of $ROUNDS rounds: T $T tokens/s (p99 $TP99 ms at saturation)"
  awk -v t="$T" -v intro="$INTRO" -v admin="$ADMIN" 'BEGIN {
    printf "fresh tokens: introspect-jwt %s/s (%.2f of T), admin read %s/s (%.2f of T); target >= 5,000 each\n", intro, intro / t, admin, admin / t }'
  echo "=== end $(uptime)"
  exit 0
fi
echo "=== medians of $ROUNDS rounds: F $F requests/s, S $S signatures/s, T $T tokens/s (p99 $TP99 ms at saturation)"
echo "=== T's peak with bench/openloop (once): $OL_PEAK tokens/s ($(( OL_PEAK * 100 / ${T%.*} )) % of wrk's); the open loop ran at 80 % of ${PEAK:-openloop}'s"
awk -v f="$F" -v s="$S" -v t="$T" -v rate="$LK_OPEN_RATE" -v op99="$OPEN_P99" -v op999="$OPEN_P999" -v late="$OPEN_LATE" -v tp99="$TP99" \
    -v intro="$INTRO" -v admin="$ADMIN" 'BEGIN {
  ideal = 1 / (1 / f + 1 / s)
  printf "ideal 1/(1/F + 1/S) = %.0f/s; T / ideal = %.2f (target >= 0.50); T >= 10,000: %s\n", ideal, t / ideal, (t >= 10000 ? "yes" : "no")
  printf "p99 at saturation %.2f ms (target <= 50); open loop at %d/s (80 %% of the peak): p99 %s ms (target <= 5), p99.9 %s ms; %s generator starts late by > 1 ms\n", tp99, rate, op99, op999, late
  printf "fresh tokens: introspect-jwt %s/s, admin read %s/s (target >= 5,000 each; the pool may run out: see above)\n", intro, admin }'
echo "=== end $(uptime)"
