#!/usr/bin/env bash
# usage: ROOT_DIR=... OUT=/tmp/fresh/x prof.sh ; profiles the fresh-token introspection and admin read
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
. "$ROOT_DIR/bench/lib.sh"
PORT=${PORT:-18401}; LK_URL="http://127.0.0.1:$PORT"
lk_start
read -r cid secret < <(lk_setup client bench ecdsa jwt post)
read -r caller caller_secret < <(lk_setup app bench basic introspect_tokens)
N=${N:-30000}
run() { # label ws cid secret path method body headers
  lk_setup tokens "$2" "$3" "$4" 5000 >"$LK_DATA/pool.txt" 2>/dev/null
  LK_POOL="$LK_DATA/pool.txt" LK_PATH="$5" LK_METHOD="$6" LK_BODY="$7" LK_HEADERS="$8" LK_ONCE=1 lk_wrk "$1" warmup 3s pool.lua "$LK_URL$5"
  lk_setup tokens "$2" "$3" "$4" "$N" >"$LK_DATA/pool.txt" 2>/dev/null
  jcmd "$LK_PID" JFR.start name=p settings=profile >/dev/null
  LK_POOL="$LK_DATA/pool.txt" LK_PATH="$5" LK_METHOD="$6" LK_BODY="$7" LK_HEADERS="$8" LK_ONCE=1 lk_wrk "$1" closed 4s pool.lua "$LK_URL$5"
  jcmd "$LK_PID" JFR.stop name=p filename="$OUT-$9.jfr" >/dev/null
}
run intro bench "$cid" "$secret" /default/bench/oauth2/introspect POST "token={1}" "Authorization: Basic $(lk_basic "$caller" "$caller_secret")" intro
run admin admin "$LK_ADMIN_ID" "$LK_ADMIN_SECRET" /api/admin/default/servers/bench GET "" "Authorization: Bearer {1}" admin
curl -s "$LK_URL/metrics" | grep -i statement
