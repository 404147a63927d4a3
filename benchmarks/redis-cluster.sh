# Sourced by run.sh and profile.sh: start_redis_cluster starts a local 3-master Redis Cluster on free
# ports (AOF everysec) and exports TRACKNUM_TEST_REDIS_CLUSTER, unless that is set already or there
# is no redis-server; stop_redis_cluster stops it and deletes its files (call it from an EXIT trap).
cluster_pids=()
cluster_dir=

stop_redis_cluster() {
  for pid in "${cluster_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${cluster_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$cluster_dir" ]; then rm -rf "$cluster_dir"; fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_redis_cluster() {
  if [ -n "${TRACKNUM_TEST_REDIS_CLUSTER:-}" ] || ! command -v redis-server >/dev/null; then
    export TRACKNUM_BENCH_CLUSTER_NOTE="given by TRACKNUM_TEST_REDIS_CLUSTER"
    return
  fi
  # Each node also uses port+10000 for its bus.
  cluster_dir=$(mktemp -d)
  local nodes=() p n
  for _ in 1 2 3; do
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
  export TRACKNUM_BENCH_CLUSTER_NOTE="3 local masters started by the script, no replicas, appendonly yes, appendfsync everysec"
}
