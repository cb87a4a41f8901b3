#!/usr/bin/env bash
# Peers side by side (issue 8, item 3): the same client_credentials ES256 token workload (client_secret_post,
# CONNECTIONS connections, THREADS wrk threads, keep-alive, WARMUP then DURATION) against Latchkey, Keycloak
# (start-dev) and panva's oidc-provider (one process, and two workers through node:cluster), in one run.
# The servers are started one after the other (start time and idle memory of each), all stay up, and the
# measurements are interleaved: ROUNDS rounds, each measuring every server once, the order rotated each
# round. Prints one table (tokens/s, p50/p99, errors, server CPU, RSS, ratio to Latchkey in the same round)
# and writes it with the machine, the versions and the load average to OUT. Not part of CI.
#   bench/peers/run.sh
#   ROUNDS=3 DURATION=30s bench/peers/run.sh
# Settings (environment): those of bench/lib.sh (DURATION 20s, WARMUP 10s, CONNECTIONS 32, THREADS 2,
# RATE, ...), and
#   ROUNDS (3)          measuring rounds
#   INITIAL_WARMUP      one longer warm-up of each server before the first round (60s; 0: none)
#   SERVERS             a subset of "latchkey keycloak oidc-provider oidc-provider-2w" (all)
#   PEERS_CACHE         downloads and the Keycloak installation (~/.cache/latchkey-bench)
#   OUT                 the report file (PEERS_CACHE/results/peers-<UTC time>.md)
#   PORT (18490), KC_PORT (18390), OP_PORT (18290), OP2_PORT (18291)
#   KC_JAVA_HOME        the JDK for Keycloak (>= 21; default: the one scripts/find-jdk.sh finds)
# Needs, beyond bench/README.md's list: node >= 20 and npm (oidc-provider), unzip, ~200 MB for Keycloak.
PORT="${PORT:-18490}"
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
PEERS_DIR="$BENCH_DIR/peers"
CACHE="${PEERS_CACHE:-$HOME/.cache/latchkey-bench}"
KC_VERSION=26.7.3
KC_HOME="$CACHE/keycloak-$KC_VERSION"
KC_PORT="${KC_PORT:-18390}"; OP_PORT="${OP_PORT:-18290}"; OP2_PORT="${OP2_PORT:-18291}"
ROUNDS="${ROUNDS:-3}"; INITIAL_WARMUP="${INITIAL_WARMUP:-60s}"
SERVERS="${SERVERS:-latchkey keycloak oidc-provider oidc-provider-2w}"
PEER_ID=bench; PEER_SECRET=bench-client-secret-0123456789
mkdir -p "$CACHE/results"
OUT="${OUT:-$CACHE/results/peers-$(date -u +%Y%m%dT%H%M%SZ).md}"
PIDS=()

# CPU and memory of a server are those of its process tree (node:cluster's workers are children).
peer_tree() { echo "$1"; local c; for c in $(pgrep -P "$1"); do peer_tree "$c"; done; }
lk_cpu_ticks() { local p t=0; for p in $(peer_tree "$1"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
lk_mem_mb() { local p kb=0; for p in $(peer_tree "$1"); do kb=$((kb + $(awk -v k="$2" '$1 == k":" {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done; echo $((kb / 1024)); }

peers_stop() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
  lk_stop
}

port_free() { ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; }

# Waits (up to 10 minutes: Keycloak took 4.5 on the loaded machine) until URL answers 200 while PID lives;
# prints the milliseconds since T0 (date +%s%N).
wait_for() { # NAME PID URL T0 LOG
  local i
  for i in $(seq 1 6000); do
    curl -fs -o /dev/null "$3" 2>/dev/null && { echo $(( ($(date +%s%N) - $4) / 1000000 )); return 0; }
    kill -0 "$2" 2>/dev/null || { echo "$1 did not start:" >&2; tail -30 "$5" >&2; exit 1; }
    sleep 0.1
  done
  echo "$1 did not answer in 600 s" >&2; tail -30 "$5" >&2; exit 1
}

start_latchkey() {
  lk_start >"$CACHE/results/latchkey-start.txt"
  cat "$CACHE/results/latchkey-start.txt"
  trap peers_stop EXIT
  LATCHKEY_PID=$LK_PID
  START[latchkey]=$(sed -n 's/.*answering after \([0-9]*\) ms.*/\1/p' "$CACHE/results/latchkey-start.txt")
  local cid secret
  read -r cid secret < <(lk_setup client bench ecdsa jwt post)
  TOKEN_URL[latchkey]="$LK_URL/default/bench/oauth2/token"
  BODY[latchkey]="grant_type=client_credentials&client_id=$cid&client_secret=$secret"
  DISCOVERY[latchkey]="$LK_URL/default/bench/.well-known/openid-configuration"
  PID_OF[latchkey]=$LATCHKEY_PID
}

keycloak_install() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return 0
  command -v unzip >/dev/null || { echo "unzip is needed: apt-get install unzip" >&2; exit 2; }
  local zip="$CACHE/keycloak-quarkus-dist-$KC_VERSION.zip"
  local url="https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [ ! -f "$zip" ]; then
    echo "downloading $url"
    curl -fsSL -o "$zip.part" "$url" && mv "$zip.part" "$zip"
  fi
  [ "$(curl -fsS "$url.sha1")" = "$(sha1sum "$zip" | cut -d' ' -f1)" ] || { echo "SHA-1 of $zip does not match Maven Central's" >&2; exit 1; }
  (cd "$CACHE" && unzip -q -o "$zip")
}

start_keycloak() {
  keycloak_install
  if [ -n "${KC_JAVA_HOME:-}" ]; then export JAVA_HOME="$KC_JAVA_HOME"; else . "$ROOT/scripts/find-jdk.sh"; fi
  port_free "$KC_PORT" || { echo "port $KC_PORT is in use (KC_PORT)" >&2; exit 1; }
  rm -rf "$KC_HOME/data"   # a fresh dev database (H2 in data/)
  local t0; t0=$(date +%s%N)
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$KC_HOME/bin/kc.sh" start-dev --http-port "$KC_PORT" --http-host 127.0.0.1 >"$CACHE/results/keycloak.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")   # kc.sh start-dev runs the JVM as its child: CPU and memory are of the tree
  START[keycloak]=$(wait_for keycloak "$pid" "http://127.0.0.1:$KC_PORT/realms/master" "$t0" "$CACHE/results/keycloak.log")
  echo "keycloak: pid $pid, answering after ${START[keycloak]} ms ($(grep -o 'started in [0-9.]*s' "$CACHE/results/keycloak.log" | head -1)), resident $(lk_mem_mb "$pid" VmRSS) MB; JDK $JAVA_HOME"
  KC_ADMIN=admin KC_ADMIN_PASSWORD=admin python3 "$PEERS_DIR/keycloak.py" "http://127.0.0.1:$KC_PORT" bench "$PEER_ID" "$PEER_SECRET"
  TOKEN_URL[keycloak]="http://127.0.0.1:$KC_PORT/realms/bench/protocol/openid-connect/token"
  BODY[keycloak]="grant_type=client_credentials&client_id=$PEER_ID&client_secret=$PEER_SECRET"
  DISCOVERY[keycloak]="http://127.0.0.1:$KC_PORT/realms/bench/.well-known/openid-configuration"
  PID_OF[keycloak]=$pid
}

node_install() {
  command -v node >/dev/null && command -v npm >/dev/null || { echo "node >= 20 and npm are needed" >&2; exit 2; }
  [ -d "$PEERS_DIR/node/node_modules/oidc-provider" ] || (cd "$PEERS_DIR/node" && npm ci --no-audit --no-fund)
}

start_oidc_provider() { # NAME PORT WORKERS
  node_install
  port_free "$2" || { echo "port $2 is in use" >&2; exit 1; }
  local t0; t0=$(date +%s%N)
  PORT="$2" WORKERS="$3" CLIENT_ID="$PEER_ID" CLIENT_SECRET="$PEER_SECRET" NODE_ENV=production \
    node "$PEERS_DIR/node/provider.mjs" >"$CACHE/results/$1.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  START[$1]=$(wait_for "$1" "$pid" "http://127.0.0.1:$2/.well-known/openid-configuration" "$t0" "$CACHE/results/$1.log")
  sleep 1   # the second worker may come up a moment after the first answers
  echo "$1: pid $pid ($3 worker(s)), answering after ${START[$1]} ms, resident $(lk_mem_mb "$pid" VmRSS) MB"
  TOKEN_URL[$1]="http://127.0.0.1:$2/token"
  BODY[$1]="grant_type=client_credentials&client_id=$PEER_ID&client_secret=$PEER_SECRET"
  DISCOVERY[$1]="http://127.0.0.1:$2/.well-known/openid-configuration"
  PID_OF[$1]=$pid
}

declare -A START TOKEN_URL BODY DISCOVERY PID_OF IDLE_RSS WARM
[[ " $SERVERS " == *" latchkey "* ]] || { echo "SERVERS must include latchkey (the ratios are to it)" >&2; exit 2; }
lk_need
LOAD_BEFORE=$(uptime)
echo "load before: $LOAD_BEFORE"
for s in $SERVERS; do
  case "$s" in
    latchkey) start_latchkey ;;
    keycloak) start_keycloak ;;
    oidc-provider) start_oidc_provider oidc-provider "$OP_PORT" 1 ;;
    oidc-provider-2w) start_oidc_provider oidc-provider-2w "$OP2_PORT" 2 ;;
    *) echo "unknown server $s" >&2; exit 2 ;;
  esac
done

# The token each server returns for the benchmark's request: an ES256 JWT whose signature verifies.
: >"$CACHE/results/checks.txt"
for s in $SERVERS; do
  node "$PEERS_DIR/node/check.mjs" "$s" "${TOKEN_URL[$s]}" "${BODY[$s]}" "${DISCOVERY[$s]}" | tee -a "$CACHE/results/checks.txt"
  IDLE_RSS[$s]=$(lk_mem_mb "${PID_OF[$s]}" VmRSS)
done

# One long warm-up per server before the rounds: a JVM compiles its hot paths after thousands of requests,
# which a slow server does not reach in WARMUP alone on a loaded machine.
export LK_HEADERS=""
for s in $SERVERS; do
  [ "$INITIAL_WARMUP" = 0 ] && break
  LK_PID=${PID_OF[$s]}; export LK_BODY="${BODY[$s]}"
  printf '%s, initial ' "$s"; lk_wrk "$s" warmup "$INITIAL_WARMUP" form.lua "${TOKEN_URL[$s]}"
  WARM[$s]=$LK_LAST_RPS
done

export RESULTS="$LK_DATA/peers.tsv"
: >"$RESULTS"; : >"$LK_DATA/loads.tsv"
read -r -a order <<<"$SERVERS"
for r in $(seq 1 "$ROUNDS"); do
  n=${#order[@]}
  for i in $(seq 0 $((n - 1))); do
    s=${order[$(( (i + r - 1) % n ))]}
    LK_PID=${PID_OF[$s]}
    export LK_BODY="${BODY[$s]}"
    lk_bench "$s#$r" form.lua "${TOKEN_URL[$s]}"
    printf '%s#%s\t%s\n' "$s" "$r" "$(cut -d' ' -f1 /proc/loadavg)" >>"$LK_DATA/loads.tsv"
  done
done
LOAD_AFTER=$(uptime)

{
  echo "# Peers side by side: client_credentials, client_secret_post, ES256 JWT access tokens"
  echo
  echo "- run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`$0\` with ROUNDS=$ROUNDS INITIAL_WARMUP=$INITIAL_WARMUP DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS"
  echo "- machine: $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"
  echo "- load average before: ${LOAD_BEFORE##*load average: }; after: ${LOAD_AFTER##*load average: }"
  echo "- Latchkey $(git -C "$ROOT" rev-parse --short HEAD) on $("$ROOT/latchkey" --version 2>/dev/null | head -1); $(grep -o 'crypto provider[^,;]*' "$LK_DATA/server.log" | head -1)"
  [[ " $SERVERS " == *" keycloak "* ]] && echo "- Keycloak $KC_VERSION (keycloak-quarkus-dist, start-dev, dev H2 database, default heap -Xms64m -Xmx512m) on $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  [[ " $SERVERS " == *" oidc-provider"* ]] && echo "- oidc-provider $(node -p 'require(process.argv[1]).version' "$PEERS_DIR/node/node_modules/oidc-provider/package.json") (in-memory adapter) on node $(node --version)"
  echo "- wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), on the same cores as the servers; all servers up during the whole run, measured one at a time"
  [[ " $SERVERS " == *" keycloak "* ]] && echo "- Keycloak's own log: $(grep -o 'started in [0-9.]*s' "$CACHE/results/keycloak.log" | head -1) (a fresh dev database; the first start after unpacking also builds, minutes here)"
  [ "$INITIAL_WARMUP" != 0 ] && echo "- initial warm-up, $INITIAL_WARMUP each (tokens/s):$(for s in $SERVERS; do printf ' %s %s;' "$s" "${WARM[$s]}"; done)"
  echo "- start (launch to first answer, ms):$(for s in $SERVERS; do printf ' %s %s;' "$s" "${START[$s]}"; done) resident when idle (MB):$(for s in $SERVERS; do printf ' %s %s;' "$s" "${IDLE_RSS[$s]}"; done)"
  echo
  sed 's/^/- /' "$CACHE/results/checks.txt"
  echo
  python3 "$PEERS_DIR/table.py" "$RESULTS" "$LK_DATA/loads.tsv"
} >"$OUT"
rm -f "$CACHE/results/checks.txt"
echo
cat "$OUT"
echo "(written to $OUT)"
