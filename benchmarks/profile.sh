#!/usr/bin/env bash
# A CPU flame graph of one store's next() under load:
#   benchmarks/profile.sh <store> [threads]    # store: memory format postgres mariadb h2 sqlite redis redis-cluster
# (async-profiler samples every 1 ms of CPU time; JFR every 10 ms of a thread running Java code)
# Runs <Store>Benchmark.next (32 threads by default; one 5 s warm-up, one 10 s measured iteration) with
# async-profiler (tools.profiler:async-profiler from Maven Central; CPU samples of Java, JVM, native and
# kernel code), or with JFR (Java code only) if async-profiler cannot load here or TRACKNUM_PROFILER=jfr,
# and writes benchmarks/results/flame-<store>-<threads>t.svg (collapsed stacks beside it in benchmarks/target).
# Run it on an otherwise idle machine, as run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-}
threads=${2:-32}
case "$store" in
  memory) cls=MemoryBenchmark ;;
  format) cls=FormatBenchmark ;;
  postgres) cls=PostgresBenchmark ;;
  mariadb) cls=MariaDbBenchmark ;;
  h2) cls=H2Benchmark ;;
  sqlite) cls=SqliteBenchmark ;;
  redis) cls=RedisBenchmark ;;
  redis-cluster) cls=RedisClusterBenchmark ;;
  *) echo "usage: $0 memory|format|postgres|mariadb|h2|sqlite|redis|redis-cluster [threads]" >&2; exit 2 ;;
esac

jar=benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find core store-* benchmarks -name '*.java' -newer "$jar" 2>/dev/null | head -1)" ]; then
  mvn -B -pl benchmarks -am package -DskipTests
fi

. benchmarks/redis-cluster.sh
trap stop_redis_cluster EXIT
if [ "$store" = redis-cluster ]; then start_redis_cluster; fi

work=benchmarks/target/profile/$store-${threads}t
rm -rf "$work"; mkdir -p "$work"
out=benchmarks/results/flame-$store-${threads}t.svg
jmh=(-f 1 -wi 1 -w 5s -i 1 -r 10s -t "$threads" -bm thrpt "\\.$cls\\.next\$")

# async-profiler's native library, from the Maven Central jar (one download into ~/.m2).
async_lib() {
  local version=4.1 arch jar_file
  case "$(uname -m)" in x86_64) arch=linux-x64 ;; aarch64) arch=linux-arm64 ;; *) return 1 ;; esac
  jar_file=~/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar
  if [ ! -f "$jar_file" ]; then
    mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$version >&2 || return 1
  fi
  mkdir -p benchmarks/target/async-profiler
  unzip -o -q -d benchmarks/target/async-profiler "$jar_file" "$arch/libasyncProfiler.so" || return 1
  echo "$PWD/benchmarks/target/async-profiler/$arch/libasyncProfiler.so"
}

profiler=${TRACKNUM_PROFILER:-async}
collapsed=
if [ "$profiler" = async ] && lib=$(async_lib); then
  java -jar "$jar" "${jmh[@]}" -prof "async:libPath=$lib;output=collapsed;interval=1000000;dir=$work" 2>&1 | tee "$work/jmh.log"
  collapsed=$(find "$work" -name 'collapsed-cpu.csv' | head -1)
  how="async-profiler, CPU samples"
  [ -n "$collapsed" ] || echo "async-profiler wrote nothing: falling back to JFR" >&2
fi
if [ -z "$collapsed" ]; then
  java -jar "$jar" "${jmh[@]}" -prof "jfr:dir=$work;configName=profile;stackDepth=256" 2>&1 | tee "$work/jmh.log"
  recording=$(find "$work" -name '*.jfr' | head -1)
  collapsed=$work/collapsed-jfr.txt
  java -cp "$jar" org.tracknum.benchmarks.profile.JfrStacks "$recording" > "$collapsed"
  how="JFR execution samples (Java code only)"
fi

score=$(grep -E "^$cls\.next +thrpt" "$work/jmh.log" | awk '{print $(NF-1), $NF}' | tail -1)
title="$cls.next, $threads threads: $how; $score; $(date -u +%Y-%m-%dT%H:%MZ); $(uptime | sed 's/.*load average/load average/')"
java -cp "$jar" org.tracknum.benchmarks.profile.FlameGraph "$title" < "$collapsed" > "$out"
echo "flame graph: $out (from $collapsed)"
