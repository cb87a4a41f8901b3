# Issue 8: where the 10,000-workspace server's extra CPU goes. 1 vs 10,000 workspaces (set-up caches), both -Xmx512m
# (the 10,000-workspace live heap is ~150 MB: see 2026-11-28-ws10k-1-vs-10000.txt) through a VM options file, a JFR
# profile each; under `flock -x /tmp/machine.lock`. Then `jfr view hot-methods` and `allocation-by-class` of each.
cd /work/wt-ws10k
for v in A B; do printf -- '-Xmx512m\n-XX:StartFlightRecording=filename=/tmp/ws10k-%s.jfr,settings=profile\n' $v >/tmp/ws10k-$v.opts; done
ROUNDS=2 DURATION=10s WARMUP=45s A_NAME=ws1-jfr B_NAME=ws10000-jfr A_WORKSPACES=1 B_WORKSPACES=10000 PORT_A=18403 PORT_B=18404 \
  A_ENV="LATCHKEY_JAVA_OPTS=-XX:VMOptionsFile=/tmp/ws10k-A.opts" B_ENV="LATCHKEY_JAVA_OPTS=-XX:VMOptionsFile=/tmp/ws10k-B.opts" bench/ab.sh
sleep 3
for v in A B; do echo "##### $v hot methods"; jfr view --width 180 hot-methods /tmp/ws10k-$v.jfr | head -35
  echo "##### $v allocation by class"; jfr view --width 180 allocation-by-class /tmp/ws10k-$v.jfr | head -20; done
