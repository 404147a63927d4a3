#!/usr/bin/env bash
# Runs the JMH suite and writes benchmarks/results/{results.json,results.md,chart.svg}.
#   benchmarks/run.sh quick   # threads 1 and 8, one short iteration each: under 10 minutes
#   benchmarks/run.sh full    # threads 1, 2, 8 and 32, one 3 s warm-up and three 3 s iterations: about 30 minutes
# Extra arguments are passed to JMH (e.g. a benchmark regex: benchmarks/run.sh quick 'Memory|Format').
# Run it alone on the machine: a build or another benchmark beside it skews every figure.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
shift || true
case "$mode" in
  quick) threads=(1 8); jmh_opts=(-f 1 -wi 1 -w 1s -i 1 -r 1s) ;;
  full)  threads=(1 2 8 32); jmh_opts=(-f 1 -wi 1 -w 3s -i 3 -r 3s) ;;
  *) echo "usage: $0 quick|full [JMH args...]" >&2; exit 2 ;;
esac
filter=("$@")

out=benchmarks/results
tmp=$out/tmp
rm -rf "$tmp"; mkdir -p "$tmp"

if [ ! -f benchmarks/target/benchmarks.jar ] || [ -n "$(find core store-* benchmarks -name '*.java' -newer benchmarks/target/benchmarks.jar 2>/dev/null | head -1)" ]; then
  mvn -B -pl benchmarks -am package -DskipTests
fi

cluster_pids=()
cleanup() {
  for pid in "${cluster_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${cluster_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${cluster_dir:-}" ] && rm -rf "$cluster_dir"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ -z "${TRACKNUM_TEST_REDIS_CLUSTER:-}" ] && command -v redis-server >/dev/null; then
  # A local 3-master cluster (each node also uses port+10000 for its bus).
  cluster_dir=$(mktemp -d)
  nodes=()
  for i in 1 2 3; do
    while :; do p=$(free_port); [ "$p" -lt 55000 ] && break; done
    mkdir -p "$cluster_dir/$p"
    redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$cluster_dir/$p/nodes.conf" \
      --dir "$cluster_dir/$p" --appendonly yes --appendfsync everysec --save "" --daemonize no \
      --logfile "$cluster_dir/$p/redis.log" &
    cluster_pids+=($!)
    nodes+=("127.0.0.1:$p")
  done
  for n in "${nodes[@]}"; do
    until redis-cli -p "${n#*:}" ping >/dev/null 2>&1; do sleep 0.2; done
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
  until redis-cli -p "${nodes[0]#*:}" cluster info | grep -q 'cluster_state:ok'; do sleep 0.2; done
  export TRACKNUM_TEST_REDIS_CLUSTER=$(IFS=,; echo "${nodes[*]}")
  export TRACKNUM_BENCH_CLUSTER_NOTE="3 local masters started by run.sh, no replicas, appendonly yes, appendfsync everysec"
else
  export TRACKNUM_BENCH_CLUSTER_NOTE="given by TRACKNUM_TEST_REDIS_CLUSTER"
fi

# What else runs on the machine: every figure is only as good as this.
conditions() {
  { echo "$(date -u +%H:%M:%SZ) $1: $(uptime | sed 's/.*load average/load average/')"
    pgrep -af 'maven|surefire|failsafe|wrk|benchmarks.jar' | grep -v "^$$ " | grep -v "$tmp" | cut -c1-160 | sed 's/^/    /' || true
  } >> "$tmp/conditions.txt"
}

for t in "${threads[@]}"; do
  echo "== $mode run, $t thread(s)"
  conditions "before the $t-thread run"
  java -jar benchmarks/target/benchmarks.jar "${jmh_opts[@]}" -t "$t" -rf json -rff "$tmp/threads-$t.json" "${filter[@]}" \
    2>&1 | tee "$tmp/threads-$t.log"
done

if [ ${#filter[@]} -eq 0 ]; then
  echo "== allocation per next() on the memory store (-prof gc, 2 threads)"
  conditions "before the -prof gc run"
  java -jar benchmarks/target/benchmarks.jar "${jmh_opts[@]}" -t 2 -bm thrpt -prof gc -rf json \
    -rff "$tmp/gc-memory.json" 'MemoryBenchmark.next' 2>&1 | tee "$tmp/gc-memory.log"
fi
conditions "at the end"

python3 benchmarks/report.py "$mode" "$out" "$tmp"/*.json
echo "results: $out/results.md, $out/chart.svg, $out/results.json"
