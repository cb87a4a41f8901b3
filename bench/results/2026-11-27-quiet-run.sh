cd "$(dirname "$0")/../.."
export ROUNDS=5 DURATION=8s WARMUP=40s PORT_A=18491 PORT_B=18492
S="A_ENV=LATCHKEY_AUDIT=security-off B_ENV=LATCHKEY_AUDIT=security-off"
echo "##### A/A"; env $S A_NAME=off-1 B_NAME=off-2 bench/ab.sh
echo "##### limits"; env $S A_NAME=limits-off B_NAME=limits-local B_ARGS="--rate-limits bench/unthrottled-limits.json" bench/ab.sh
echo "##### redis"; env $S A_NAME=limits-local B_NAME=redis-leases A_ARGS="--rate-limits bench/unthrottled-limits.json" B_ARGS="--rate-limits bench/unthrottled-limits.json --redis-url redis://127.0.0.1:6379" bench/ab.sh
echo "##### pg"; env $S A_NAME=h2 B_NAME=pg B_PG=1 bench/ab.sh
echo "##### audit"; A_NAME=audit-secoff B_NAME=audit-on A_ENV=LATCHKEY_AUDIT=security-off bench/ab.sh
# the 10,000-workspace servers were set up beforehand by 2026-11-27-10000-workspaces.sh (WAIT_FOR=/tmp/go10k, output in /tmp/run10k.out)
echo "##### 10k"; touch /tmp/go10k; while ! grep -q "=== end" /tmp/run10k.out; do sleep 5; done; tail -16 /tmp/run10k.out
echo "##### targets"; ROUNDS=3 DURATION=15s WARMUP=20s PORT=18591 bench/targets.sh
echo "##### startup"; RUNS=3 LOAD=1 bench/startup.sh
echo "##### done $(date)"
