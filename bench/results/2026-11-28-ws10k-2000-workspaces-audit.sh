# Issue 8, 1 vs 2,000 workspaces with the launcher's default auditing (on), before (branch ws10k at b8a2e72, built in a copy
# /tmp/ws10k-root) and after the shared audit segments (9a78fcf, copy /tmp/ws10k-new); then the same after-build with
# auditing security-off. Both servers -Xmx512m; the 2,000-workspace database made by the first run (2,292 s through the
# Admin API at load 12-20) and kept in ~/.cache/latchkey-bench/workspaces-2000-7ad07260fd23 for the later ones.
export ROUNDS=4 DURATION=10s WARMUP=60s
E="LATCHKEY_JAVA_OPTS=-Xmx512m"
echo "##### before (b8a2e72), auditing on"
(cd /tmp/ws10k-root && A_ROOT=/tmp/ws10k-root B_ROOT=/tmp/ws10k-root A_NAME=ws1 B_NAME=ws2000 A_WORKSPACES=1 B_WORKSPACES=2000 \
  A_ENV="$E" B_ENV="$E" PORT_A=18400 PORT_B=18401 KEEP_DATA=1 bench/ab.sh)
echo "##### after (9a78fcf), auditing on"
(cd /tmp/ws10k-new && A_ROOT=/tmp/ws10k-new B_ROOT=/tmp/ws10k-new A_NAME=ws1-new B_NAME=ws2000-new A_WORKSPACES=1 B_WORKSPACES=2000 \
  A_ENV="$E" B_ENV="$E" PORT_A=18402 PORT_B=18403 KEEP_DATA=1 bench/ab.sh)
echo "##### after (9a78fcf), auditing security-off"
(cd /tmp/ws10k-new && A_ROOT=/tmp/ws10k-new B_ROOT=/tmp/ws10k-new A_NAME=ws1-new-secoff B_NAME=ws2000-new-secoff A_WORKSPACES=1 \
  B_WORKSPACES=2000 A_ENV="LATCHKEY_AUDIT=security-off $E" B_ENV="LATCHKEY_AUDIT=security-off $E" PORT_A=18404 PORT_B=18405 bench/ab.sh)
