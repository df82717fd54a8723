#!/usr/bin/env bash
# Runs the whole comparison in one go and writes bench/results/:
#   perf.txt      one perf-tool line per run: C, zmq-ffm (byte[] and MemorySegment) and JeroMQ over inproc/ipc/tcp,
#                 1/64/1024/65536 bytes, pattern=thr and pattern=lat (interleaved by cell)
#   wait.txt      the wait strategy (issue #9): latency unpinned and pinned to one CPU (C, zmq-ffm
#                 default and spin=0, JeroMQ), throughput with and without spinning, idle CPU
#                 (bench/wait-strategy.sh)
#   jmh-*.json    the JMH suite, one file per benchmark class (-prof gc, -rf json; sample
#                 histograms dropped, percentiles kept)
#   machine.txt   CPU, kernel, JDK, libzmq, load average before and after
#   results.md, perf.svg   made from the above by bench/report.py, which also refreshes the
#                 tables between the "perf:begin/end" markers of docs/performance.md and
#                 bench/README.md
#
# Usage: bench/run-all.sh [full|quick] [--no-build] [--no-perf] [--no-wait] [--no-jmh]
#   full  (default) 3 repetitions of every perf cell (the median is reported), the wait-strategy
#         cells and the whole JMH suite; about 50 minutes on 2 cores.
#   quick 1 repetition with smaller counts and a JMH subset; about 5 minutes. For checking the
#         tooling, not for publishing.
# Environment: JAVA (default: JDK 25 from /usr/lib/jvm, else java on PATH); JMH_CLASSES (the
# JMH classes to run, space-separated); JMH_OPTS (JVM options for the JMH launcher, e.g.
# -Djmh.ignoreLock=true to run beside another JMH, which spoils both measurements).
set -euo pipefail

mode=full build=1 perf=1 wait=1 jmh=1
for arg in "$@"; do
  case "$arg" in
    full|quick) mode=$arg ;;
    --no-build) build=0 ;;
    --no-perf) perf=0 ;;
    --no-wait) wait=0 ;;
    --no-jmh) jmh=0 ;;
    *) echo "usage: $0 [full|quick] [--no-build] [--no-perf] [--no-wait] [--no-jmh]" >&2; exit 2 ;;
  esac
done

bench=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$bench")
results=$bench/results
mkdir -p "$results"
if [[ -z "${JAVA:-}" ]]; then
  JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
  JAVA=${JAVA:-java}
fi

if [[ $build == 1 ]]; then
  echo "== building (library, then bench/)"
  (cd "$top" && mvn -q install -DskipTests -Dmaven.javadoc.skip)
  (cd "$top" && mvn -q -f bench/pom.xml package)
fi
for f in "$bench/target/perf.jar" "$bench/target/perf-c" "$bench/target/benchmarks.jar"; do
  [[ -e $f ]] || { echo "missing $f: build first (drop --no-build)" >&2; exit 1; }
done

JAVA=$JAVA "$bench/machine.sh" "$mode" "bench/run-all.sh $*" > "$results/machine.txt"

# ---------------------------------------------------------------- perf tool: C, zmq-ffm, JeroMQ
transports=(inproc ipc tcp)
sizes=(1 64 1024 65536)
if [[ $mode == full ]]; then reps=3 scale=1; else reps=1 scale=10; fi
thr_count() { case $1 in 1|64) echo $((2000000 / scale)) ;; 1024) echo $((1000000 / scale)) ;; *) echo $((20000 / scale)) ;; esac; }
lat_count() { case $1 in 65536) echo $((3000 / scale)) ;; *) echo $((10000 / scale)) ;; esac; }
# The implementations compared: C, zmq-ffm with byte[] (what Java callers have) and with native
# segments (one zmq_send/zmq_recv per frame, like C), and JeroMQ.
impls=(c zmq-ffm zmq-ffm/segment jeromq)
tool() {
  case $1 in
    c) echo "$bench/target/perf-c" ;;
    */*) echo "$JAVA -jar $bench/target/perf.jar impl=${1%/*} style=${1#*/}" ;;
    *) echo "$JAVA -jar $bench/target/perf.jar impl=$1" ;;
  esac
}

if [[ $perf == 1 ]]; then
  : > "$results/perf.txt"
  : > "$results/perf.log"
  total=$(( reps * ${#transports[@]} * ${#sizes[@]} * 2 * ${#impls[@]} )) done_runs=0
  echo "== perf tool: $total runs"
  for rep in $(seq 1 $reps); do
    for pattern in thr lat; do
      for transport in "${transports[@]}"; do
        for size in "${sizes[@]}"; do
          if [[ $pattern == thr ]]; then count=$(thr_count "$size"); warmup=$((count / 5))
          else count=$(lat_count "$size"); warmup=$((count / 2)); fi
          for impl in "${impls[@]}"; do
            args="pattern=$pattern transport=$transport size=$size count=$count warmup=$warmup"
            # A run that hangs is killed and tried again, up to 3 times (JeroMQ 0.6.0 now and then
            # loses the first request on a new tcp connection; see bench/README.md).
            for attempt in 1 2 3; do
              # shellcheck disable=SC2046
              if line=$(timeout 45 $(tool $impl) $args 2>>"$results/perf.log"); then
                echo "$line rep=$rep" >> "$results/perf.txt"
                break
              else
                echo "attempt $attempt failed (status $?): $impl $args" >> "$results/perf.log"
              fi
            done
            done_runs=$((done_runs + 1))
          done
          printf '\r   %d/%d' "$done_runs" "$total"
        done
      done
    done
  done
  echo
fi

# ---------------------------------------------------------------- wait strategy (issue #9)
if [[ $wait == 1 ]]; then
  echo "== wait strategy (log: results/wait.log)"
  : > "$results/wait.txt"
  : > "$results/wait.log"
  JAVA=$JAVA "$bench/wait-strategy.sh" "$results" "$reps" "$scale"
fi

# ---------------------------------------------------------------- JMH suite
if [[ $jmh == 1 ]]; then
  # One JMH run per class, so that a class that overruns its time limit costs only its own results.
  # JMH_CLASSES replaces the list, e.g. JMH_CLASSES="ZeroCopyBenchmark CriticalLinkBenchmark".
  read -r -a classes <<< "${JMH_CLASSES:-ThroughputBenchmark LatencyBenchmark MessageStylesBenchmark ZeroCopyBenchmark DowncallBenchmark}"
  if [[ $mode == full ]]; then
    jmh_args=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
    limit=12m
  else
    jmh_args=(-f 1 -wi 1 -w 1s -i 1 -r 1s -p transport=inproc,tcp -p size=64,65536)
    limit=2m
  fi
  rm -f "$results"/jmh-*.json
  : > "$results/jmh.log"
  available=$("$JAVA" -jar "$bench/target/benchmarks.jar" -l)
  for class in "${classes[@]}"; do
    grep -q "\.$class\." <<< "$available" || { echo "   (no $class in this build)"; continue; }
    echo "== JMH $class (log: results/jmh.log)"
    # shellcheck disable=SC2086
    timeout "$limit" "$JAVA" ${JMH_OPTS:-} -jar "$bench/target/benchmarks.jar" "\.$class\." "${jmh_args[@]}" \
        -prof gc -rf json -rff "$results/jmh-$class.json" >> "$results/jmh.log" 2>&1 \
      || echo "   JMH $class ended with status $? (see results/jmh.log)" >&2
  done
fi

echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
/usr/bin/python3 "$bench/report.py" "$results" --compact-jmh --readme "$top/docs/performance.md" --readme "$bench/README.md"
echo "== done: $results/results.md, $results/perf.svg"
