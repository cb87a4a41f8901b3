# Issue 8 with 2,000 workspaces (WARMUP 90 s: at 30 s the 2,000-workspace server was still loading its contexts on this loaded machine) (one client each; the set-up cache seeded from one set-up of 2,200 workspaces, the
# pool cycling over 2,000 of them), before (main at 6e0ffbf) and after (branch ws10k), then the two builds head to head.
cd "$(dirname "$0")/../.."
export ROUNDS=6 DURATION=10s WARMUP=90s PORT_A=18601 PORT_B=18602
E="LATCHKEY_AUDIT=security-off LATCHKEY_JAVA_OPTS=-Xmx512m"
echo "##### before: main, 1 vs 2000 workspaces"
A_ROOT=/work/main B_ROOT=/work/main A_NAME=main-1 B_NAME=main-2000 A_WORKSPACES=1 B_WORKSPACES=2000 A_ENV="$E" B_ENV="$E" bench/ab.sh
echo "##### after: ws10k, 1 vs 2000 workspaces"
A_NAME=ws10k-1 B_NAME=ws10k-2000 A_WORKSPACES=1 B_WORKSPACES=2000 A_ENV="$E" B_ENV="$E" bench/ab.sh
echo "##### head to head: main vs ws10k, both 2000 workspaces"
A_ROOT=/work/main A_NAME=main-2000 B_NAME=ws10k-2000 A_WORKSPACES=2000 B_WORKSPACES=2000 A_ENV="$E" B_ENV="$E" bench/ab.sh
