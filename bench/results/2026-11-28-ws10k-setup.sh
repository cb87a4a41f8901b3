# Issue 8's 10,000-workspace set-up on this machine (2 cores), under `flock -s /tmp/machine.lock` (CPU-heavy like a build).
# 1. Meant: 200 creations on a fresh server (/tmp/ws10k-create.sh, copied below); it failed at once on a bug of that
#    script (an unset variable under `set -u`), so the cost of a creation is taken from step 2: its progress lines
#    (1,000 workspaces a minute) and the server's CPU sampled from /proc/PID/stat by hand during the set-up.
# 2. The set-up caches of ab.sh (1 and 10,000 workspaces) made with ROUNDS=0 (the run stops after the set-up, on the
#    empty median; ~/.cache/latchkey-bench/workspaces-{1,10000}-7ad07260fd23), measured later under `flock -x`.
N=200 /tmp/ws10k-create.sh
ROUNDS=0 WARMUP=1s A_WORKSPACES=1 B_WORKSPACES=10000 PORT_A=18401 PORT_B=18402 bench/ab.sh
