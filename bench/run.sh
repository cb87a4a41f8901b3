#!/usr/bin/env bash
# Latchkey benchmark kit: bench/run.sh WORKLOAD   (see bench/README.md; settings in bench/lib.sh)
# Each workload starts its own server on a fresh embedded database, creates what it needs through the
# Admin API (bench/setup.py), warms up for WARMUP, measures for DURATION with wrk and prints requests/s,
# latency percentiles, errors, CPU shares and the server's memory.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WORKLOADS="alive form token-post-es256 token-basic-es256 token-post-rs256 token-basic-rs256 introspect-jwt
introspect-opaque refresh code admin-create-workspace token-many-workspaces"
VERIFIER="bench-pkce-verifier-0123456789-0123456789-0123456789"   # setup.py's
REDIRECT="http%3A%2F%2F127.0.0.1%3A9%2Fcallback"

usage() {
  cat >&2 <<USAGE
usage: bench/run.sh WORKLOAD | all
workloads:
  alive                   GET /alive: the HTTP stack and filters alone
  form                    a trivial form POST to the token endpoint (no grant_type: 400 at once), F of issue 8
  token-post-es256        client_credentials, client_secret_post, ES256 signing (key_type ecdsa)
  token-basic-es256       the same with client_secret_basic
  token-post-rs256        client_credentials, client_secret_post, RS256 (key_type rsa)
  token-basic-rs256       the same with client_secret_basic
  introspect-jwt          introspection (caller: client_secret_basic) of a pool of POOL fresh JWTs (30000)
  introspect-opaque       the same with opaque tokens (access_token_strategy opaque)
  refresh                 refresh-token rotation: every response's new refresh token is used next
  code                    authorization-code exchange (PKCE, basic) of a pre-minted pool of POOL codes (10000)
  admin-create-workspace  POST /api/admin/default/servers, a new workspace per request
  token-many-workspaces   client_credentials (post) cycling over WORKSPACES workspaces (10000), one client each
  all                     each of the above in turn (and token-many-workspaces with WORKSPACES=1 to compare),
                          then a table (RESULTS file kept)
settings: DURATION WARMUP CONNECTIONS THREADS RATE (e.g. 80% or 8000) POOL PORT RATE_LIMITS RESULTS KEEP_DATA
USAGE
  exit 2
}

token() { # AUTH KEY_TYPE
  lk_start
  local cid secret
  read -r cid secret < <(lk_setup client bench "$2" jwt "$1")
  if [ "$1" = post ]; then
    export LK_BODY="grant_type=client_credentials&client_id=$cid&client_secret=$secret" LK_HEADERS=""
  else
    export LK_BODY="grant_type=client_credentials" LK_HEADERS="Authorization: Basic $(lk_basic "$cid" "$secret")"
  fi
  lk_bench "$workload" form.lua "$LK_URL/default/bench/oauth2/token"
}

introspect() { # STRATEGY
  lk_start
  local cid secret caller caller_secret
  read -r cid secret < <(lk_setup client bench ecdsa "$1" post)
  read -r caller caller_secret < <(lk_setup app bench basic introspect_tokens)
  export LK_HEADERS="Authorization: Basic $(lk_basic "$caller" "$caller_secret")" LK_BODY="token={1}"
  export LK_PATH="/default/bench/oauth2/introspect" LK_POOL="$LK_DATA/tokens.txt"
  INTRO_CLIENT="$cid"; INTRO_SECRET="$secret"
  lk_prepare() { # a fresh pool for each run: the warm-up's tokens are never seen again
    local n=${POOL:-30000}; [ "$1" = warmup ] && n=5000
    lk_setup tokens bench "$INTRO_CLIENT" "$INTRO_SECRET" "$n" >"$LK_POOL"
  }
  LK_NOTE="each token is introspected once if requests <= POOL, else the pool is cycled (POOL=${POOL:-30000})"
  lk_bench "$workload" pool.lua "$LK_URL/default/bench/oauth2/introspect"
}

code() {
  lk_start
  local cid secret
  read -r cid secret < <(lk_setup oidc bench)
  CODE_CLIENT="$cid"
  export LK_HEADERS="Authorization: Basic $(lk_basic "$cid" "$secret")" LK_ONCE=1 LK_POOL="$LK_DATA/codes.txt"
  export LK_PATH="/default/bench/oauth2/token"
  export LK_BODY="grant_type=authorization_code&code={1}&redirect_uri=$REDIRECT&code_verifier=$VERIFIER"
  lk_prepare() {
    local n=${POOL:-10000}; [ "$1" = warmup ] && n=2000
    lk_setup codes bench "$CODE_CLIENT" "$n" >"$LK_POOL"
  }
  LK_NOTE="scope openid offline_access: each exchange signs an access token and an ID token and stores a refresh token"
  lk_bench "$workload" pool.lua "$LK_URL/default/bench/oauth2/token"
}

refresh() {
  lk_start
  local cid secret
  read -r cid secret < <(lk_setup oidc bench)
  REFRESH_CLIENT="$cid"; REFRESH_SECRET="$secret"
  export LK_HEADERS="Authorization: Basic $(lk_basic "$cid" "$secret")" LK_POOL="$LK_DATA/refresh.txt"
  export LK_PATH="/default/bench/oauth2/token"
  lk_prepare() { # each wrk run starts from fresh grants: 4 refresh tokens per connection
    lk_setup refresh bench "$REFRESH_CLIENT" "$REFRESH_SECRET" $((CONNECTIONS * 4)) >"$LK_POOL"
  }
  LK_NOTE="the tokens circulate: each response's refresh_token is sent next (bench/lua/rotate.lua)"
  lk_bench "$workload" rotate.lua "$LK_URL/default/bench/oauth2/token"
}

admin_create_workspace() {
  lk_start
  local token
  token=$(curl -fs -u "$LK_ADMIN_ID:$LK_ADMIN_SECRET" -d grant_type=client_credentials \
    "$LK_URL/default/admin/oauth2/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  export LK_HEADERS="Authorization: Bearer $token|Content-Type: application/json" LK_PATH="/api/admin/default/servers"
  lk_prepare() {
    export LK_BODY='{"tenant_id": "default", "id": "'"$1"'-{n}", "name": "bench", "grant_types": ["client_credentials"]}'
  }
  LK_NOTE="each request creates a workspace (its signing and encryption keys, its scopes) in the embedded database"
  lk_bench "$workload" pool.lua "$LK_URL/api/admin/default/servers"
}

many_workspaces() {
  lk_start
  local n=${WORKSPACES:-10000} t0
  t0=$(date +%s)
  LK_SETUP_THREADS=${LK_SETUP_THREADS:-4} lk_setup workspaces "$n" 1 >"$LK_DATA/workspaces.txt"
  echo "created $n workspaces with one application each in $(( $(date +%s) - t0 )) s"
  export LK_POOL="$LK_DATA/workspaces.txt" LK_PATH="/default/{1}/oauth2/token" LK_HEADERS=""
  export LK_BODY="grant_type=client_credentials&client_id={2}&client_secret={3}"
  LK_NOTE="requests cycle over the $n workspaces (compare with WORKSPACES=1 in the same session)"
  lk_bench "token-many-workspaces ($n)" pool.lua "$LK_URL/default/bench-00000/oauth2/token"
}

run_all() {
  export RESULTS="${RESULTS:-$(mktemp "${TMPDIR:-/tmp}/latchkey-bench-results.XXXXXX")}"
  for w in $WORKLOADS; do
    "$0" "$w" || echo "!! $w failed" >&2
  done
  WORKSPACES=1 "$0" token-many-workspaces || echo "!! token-many-workspaces (1) failed" >&2
  echo
  echo "| workload | mode | duration | requests/s | p50 ms | p90 ms | p99 ms | unexpected | socket errors | server CPU % | wrk CPU % | other CPU % | RSS MB | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  sed 's/\t/ | /g; s/^/| /; s/$/ |/' "$RESULTS"
  echo "(results: $RESULTS)"
}

workload="${1:-}"
case "$workload" in
  alive) lk_start; export LK_METHOD=GET; lk_bench alive form.lua "$LK_URL/alive" ;;
  form) lk_start; export LK_BODY="bench=1" LK_EXPECT=400; lk_bench form form.lua "$LK_URL/default/admin/oauth2/token" ;;
  token-post-es256) token post ecdsa ;;
  token-basic-es256) token basic ecdsa ;;
  token-post-rs256) token post rsa ;;
  token-basic-rs256) token basic rsa ;;
  introspect-jwt) introspect jwt ;;
  introspect-opaque) introspect opaque ;;
  refresh) refresh ;;
  code) code ;;
  admin-create-workspace) admin_create_workspace ;;
  token-many-workspaces) many_workspaces ;;
  all) run_all ;;
  *) usage ;;
esac
