# issue 8, fresh tokens: FRESH_ONLY=1 bench/targets.sh on the branch point (wt-fresh-base, 6e0ffbf) and on branch fresh, alternately.
# Machine loaded by other sessions (load average 10-21): absolute rates are not comparable; see the CPU per request.
# The first 'wt-fresh' run of the first series failed to start (the launcher rebuilt the jar meanwhile) and was repeated.

# #!/usr/bin/env bash
# export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
# for root in ${ORDER:-/work/wt-fresh-base /work/wt-fresh /work/wt-fresh /work/wt-fresh-base}; do
#   echo "##### $(basename $root) $(git -C $root log --oneline -1) $(date -u +%H:%M:%S) $(uptime)"
#   (cd $root && FRESH_ONLY=1 PORT=18401 ROUNDS=${ROUNDS:-2} DURATION=${DURATION:-10s} WARMUP=${WARMUP:-10s} bash bench/targets.sh 2>&1)
# done
