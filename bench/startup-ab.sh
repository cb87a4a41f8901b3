#!/usr/bin/env bash
# Cold starts of several builds in alternation (issue 8): each argument is "NAME|CHECKOUT|JVM OPTIONS"; per round,
# one start of each on a fresh embedded database, as bench/startup.sh starts it (bootstrap admin client, the token
# endpoint polled every 5 ms). Prints per start: ms to the first token, the JVM's CPU time then, and the CPU time
# of the main thread and of the C2 and C1 compiler threads (/proc/PID/task: on a shared machine the CPU times
# mean more than the wall time), the load, and the server's own "startup phases" line.
#   ROUNDS=3 PORT=18503 bench/startup-ab.sh "base|/path/to/other/checkout|" "new|$PWD|"
#   (each checkout's ./latchkey --version first: it builds the jar and the start-up cache outside the timing)
ROUNDS=${ROUNDS:-3}; PORT=${PORT:-18191}; URL=http://127.0.0.1:$PORT
ID=benchadmin; SECRET=bench-admin-secret-0123456789; hz=$(getconf CLK_TCK)
# a 5 ms pause without starting a process (read's timeout on a pipe nobody writes to)
exec {NAP_FD}<> <(:)
nap() { read -r -t 0.005 -u "$NAP_FD" _ || true; }
token_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' -d "grant_type=client_credentials&client_id=$ID&client_secret=$SECRET" "$URL/default/admin/oauth2/token" 2>/dev/null)" = 200 ]; }
pid=""; trap '[ -n "$pid" ] && kill $pid 2>/dev/null' EXIT
for v in "$@"; do IFS='|' read -r _ root _ <<<"$v"; "$root/latchkey" --version >/dev/null; done
for r in $(seq 1 "$ROUNDS"); do
 for v in "$@"; do
  IFS='|' read -r name root opts <<<"$v"
  d=$(mktemp -d "${TMPDIR:-/tmp}/latchkey-startup-ab.XXXXXX")
  t0=$(date +%s%N)
  LATCHKEY_JAVA_OPTS="$opts" LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_ID=$ID LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_SECRET=$SECRET \
    "$root/latchkey" serve --port "$PORT" --host 127.0.0.1 --data "$d/data" --rate-limits off >"$d/log" 2>&1 &
  pid=$!
  # bash's /dev/tcp until the port accepts (no curl process every 5 ms competing with the JVM), then curl
  for _ in $(seq 1 12000); do
    if { : <"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null; then token_ok && break; fi
    kill -0 $pid 2>/dev/null || break; nap
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  cpu=$(awk -v hz="$hz" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat" 2>/dev/null)
  th=$(for t in /proc/$pid/task/*; do n=$( (tr ' ' _ <"$t/comm") 2>/dev/null) || continue
         c=$(awk -v hz="$hz" '{printf "%d", ($14+$15)*1000/hz}' "$t/stat" 2>/dev/null) || continue; echo "$c $n"; done \
       | awk '{a[$2]+=$1} END {printf "main %d C2 %d C1 %d", a["java"], a["C2_CompilerThre"], a["C1_CompilerThre"]}')
  ph=$(grep -o 'startup phases: .*' "$d/log" | sed 's/startup phases: //; s/CPU time of this thread/main CPU/')
  printf "%-10s r%d %6d ms  JVM CPU %5d  %s  load %s | %s\n" "$name" "$r" "$ms" "$cpu" "$th" "$(cut -d' ' -f1 /proc/loadavg)" "$ph"
  kill $pid; wait $pid 2>/dev/null; pid=""
  rm -rf "$d"
 done
done
