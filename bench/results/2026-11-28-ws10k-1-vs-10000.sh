# Issue 8: 1 vs 10,000 workspaces (one application each; B's requests cycle over all of them), client_credentials
# ES256 post, under `flock -x /tmp/machine.lock`, both servers from the set-up caches of 2026-11-28-ws10k-setup.
# Run 1: both -Xmx512m (as the 2,000-workspace runs of the last session), GC logs through JDK_JAVA_OPTIONS.
# WARMUP=60s: at >= 5,000 requests/s every one of the 10,000 workspaces is used >= 30 times before the rounds.
# The heap histogram of B (jcmd GC.class_histogram, a full GC first) and GC.heap_info were taken 50 s into B's 60 s warm-up
# (A idle then) by a watcher in the helper's chain script (/tmp/ws10k-chain.sh); the GC logs are appended after the run.
cd /work/wt-ws10k
ROUNDS=4 DURATION=10s WARMUP=60s A_NAME=ws1 B_NAME=ws10000 A_WORKSPACES=1 B_WORKSPACES=10000 PORT_A=18401 PORT_B=18402 \
  A_ENV="LATCHKEY_JAVA_OPTS=-Xmx512m JDK_JAVA_OPTIONS=-Xlog:gc:file=/tmp/ws10k-gc-A1.log" \
  B_ENV="LATCHKEY_JAVA_OPTS=-Xmx512m JDK_JAVA_OPTIONS=-Xlog:gc:file=/tmp/ws10k-gc-B1.log" bench/ab.sh
