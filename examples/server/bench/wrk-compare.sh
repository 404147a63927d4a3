#!/usr/bin/env bash
# Side-by-side wrk runs of two tracknum-server jars (e.g. the previous release and this build) on
# the same machine and in the same minutes: both servers run at once on their own ports and working
# directories, and every measurement runs old then new (then new then old in the second pass), so
# that both see the same background load. Prints one line per run: jar, store, endpoint,
# connections, load average before the run, requests/s, p50, p99, non-2xx, server CPU µs per request
# (utime + stime of the server process from /proc, divided by the requests wrk completed).
#
# usage: OLD_JAR=old.jar NEW_JAR=new.jar [SECONDS_PER_RUN=10] [PASSES=2] [HEAP=256m] \
#          examples/server/bench/wrk-compare.sh memory|h2
# The old jar takes its port from TRACKNUM_HTTP_PORT, the new one from --port; both get -Xmx$HEAP.
# The memory store keeps every number in the heap (about 500 bytes each): a pass issues several
# hundred thousand, so give memory runs HEAP=1g or they measure the garbage collector. /health is
# measured on h2 only (it does not depend on the store's speed); ISSUE_ONLY=1 skips it there too.
set -euo pipefail
store=${1:?memory or h2}
seconds=${SECONDS_PER_RUN:-10}
heap=${HEAP:-256m}
passes=${PASSES:-2}
old_jar=${OLD_JAR:?}
new_jar=${NEW_JAR:?}
work=$(mktemp -d)
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
query='origin_country_id=MY&destination_country_id=ID&weight=1.234&created_at=2018-11-20T19:29:32%2B08:00&customer_id=de619854-b59b-425e-9db4-943979e1bd49&customer_name=RedBox%20Logistics&customer_slug=redbox-logistics'
env_store=()
[ "$store" = memory ] && env_store=(TRACKNUM_STORE=memory)

declare -A port pid
pids=()
start() { # name jar port
  mkdir -p "$work/$1"
  ( cd "$work/$1" && exec env "${env_store[@]}" TRACKNUM_HTTP_PORT="$3" java -Xmx"$heap" -jar "$2" --port "$3" \
      > "$work/$1/log" 2>&1 ) &
  pid[$1]=$!; port[$1]=$3; pids+=("$!")
}
start old "$old_jar" 18801
start new "$new_jar" 18802
for name in old new; do
  for _ in $(seq 1 120); do grep -q "listening on" "$work/$name/log" && break; sleep 0.5; done
  grep -q "listening on" "$work/$name/log" || { cat "$work/$name/log"; exit 1; }
done
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

run() { # name path connections
  local name=$1 path=$2 conns=$3 threads=2 load before after out requests
  [ "$conns" -eq 1 ] && threads=1
  load=$(uptime | sed 's/.*load average: //' | cut -d, -f1)
  before=$(cpu_ticks "${pid[$name]}")
  out=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency "http://127.0.0.1:${port[$name]}$path")
  after=$(cpu_ticks "${pid[$name]}")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  printf '%s\t%s\t%s\t%s\tload=%s\t%s\tp50=%s\tp99=%s\tnon2xx=%s\tcpu_us_per_req=%s\n' "$name" "$store" \
    "${path%%\?*}" "$conns" "$load" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | awk '/Non-2xx/ {print $5}' | grep . || echo 0)" \
    "$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')"
}

issue="/api/next-tracking-number/?$query"
for name in old new; do # warm-up: JIT, pools, the embedded database
  wrk -t2 -c64 -d10s "http://127.0.0.1:${port[$name]}$issue" > /dev/null
  wrk -t2 -c8 -d3s "http://127.0.0.1:${port[$name]}/health" > /dev/null
done
for pass in $(seq 1 "$passes"); do
  order="old new"; [ $((pass % 2)) -eq 0 ] && order="new old"
  for path in /health "$issue"; do
    [ "$path" = /health ] && { [ "$store" = memory ] || [ -n "${ISSUE_ONLY:-}" ]; } && continue
    for conns in 1 8 64; do
      for name in $order; do run "$name" "$path" "$conns"; done
    done
  done
done
