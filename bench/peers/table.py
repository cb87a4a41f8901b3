#!/usr/bin/env python3
"""The table of bench/peers/run.sh from the RESULTS file bench/lib.sh's lk_wrk writes (one tab-separated
line per measured run: label "SERVER#ROUND", mode, duration, requests/s, p50, p90, p99, unexpected,
socket errors, server CPU %, wrk CPU %, other CPU %, RSS MB, peak RSS MB).

usage: table.py RESULTS [LOADS]   (LOADS: "SERVER#ROUND<tab>1-minute load average" after each run)
Prints every measured run with its ratio to Latchkey's run in the same round, then one line per server
(mean over the rounds, and the ratio of the means)."""
import statistics, sys

NAMES = {
    "latchkey": "Latchkey",
    "keycloak": "Keycloak (start-dev)",
    "oidc-provider": "oidc-provider, 1 process",
    "oidc-provider-2w": "oidc-provider, 2 workers",
}
loads = {}
if len(sys.argv) > 2:
    for line in open(sys.argv[2]):
        label, _, load = line.strip().partition("\t")
        loads[label] = load
runs = []
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if len(f) < 14:
        continue
    server, _, rnd = f[0].partition("#")
    runs.append({"server": server, "round": rnd, "mode": f[1], "rps": float(f[3]), "p50": float(f[4]),
                 "p99": float(f[6]), "errors": int(f[7]) + int(f[8]), "cpu": float(f[9]),
                 "wrk": float(f[10]), "other": float(f[11]), "rss": int(f[12]), "hwm": int(f[13]), "load": loads.get(f[0], "-")})
latchkey = {(r["round"], r["mode"]): r["rps"] for r in runs if r["server"] == "latchkey"}


def ratio(num, den):
    return f"{num / den:,.1f}x" if den else "-"


print("| server | round | tokens/s | p50 ms | p99 ms | errors | server CPU | wrk CPU | other CPU | load avg | RSS MB (peak) | Latchkey ÷ server |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in runs:
    mode = "" if r["mode"] == "closed loop" else f" ({r['mode']})"
    print(f"| {NAMES.get(r['server'], r['server'])}{mode} | {r['round']} | {r['rps']:,.0f} | {r['p50']:.1f} | "
          f"{r['p99']:.1f} | {r['errors']} | {r['cpu']:.0f} % | {r['wrk']:.0f} % | {r['other']:.0f} % | {r['load']} | "
          f"{r['rss']} ({r['hwm']}) | {ratio(latchkey.get((r['round'], r['mode']), 0), r['rps'])} |")


def per_round(mine):
    rs = [latchkey.get((r["round"], r["mode"]), 0) / r["rps"] for r in mine if r["rps"]]
    return f"{min(rs):,.1f}-{max(rs):,.1f}x" if rs else "-"


print()
print("| server | tokens/s, mean of rounds (range) | p99 ms (range) | errors | server CPU | peak RSS MB | Latchkey ÷ server: of the means (per round) |")
print("|---|---|---|---|---|---|---|")
closed = [r for r in runs if r["mode"] == "closed loop"]
servers = list(dict.fromkeys(r["server"] for r in closed))
means = {s: statistics.mean(r["rps"] for r in closed if r["server"] == s) for s in servers}
for s in servers:
    mine = [r for r in closed if r["server"] == s]
    rps = [r["rps"] for r in mine]
    p99 = [r["p99"] for r in mine]
    print(f"| {NAMES.get(s, s)} | {means[s]:,.0f} ({min(rps):,.0f}-{max(rps):,.0f}) | "
          f"{min(p99):.1f}-{max(p99):.1f} | {sum(r['errors'] for r in mine)} | "
          f"{statistics.mean(r['cpu'] for r in mine):.0f} % | {max(r['hwm'] for r in mine)} | "
          f"{ratio(means.get('latchkey', 0), means[s])} ({per_round(mine)}) |")
