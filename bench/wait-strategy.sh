#!/usr/bin/env bash
# The wait strategy's numbers (issue #9), side by side in one run; appends to RESULTS/wait.txt:
#   lat          REQ/REP one-way latency, unpinned: C, zmq-ffm (default spin budget), zmq-ffm spin=0
#                and JeroMQ over inproc, ipc and tcp at 1, 64 and 1024 bytes
#   lat pinned   the same with the whole process on CPU 0 (taskset -c 0), lines tagged pinned=1
#   thr          PUSH/PULL throughput, zmq-ffm default against spin=0, at 1, 64, 1024 and 65536 bytes
#   idle         CPU time of a receiver blocked 5 s with nothing to receive (IdleReceiverCpu),
#                with the default budget and with spin=0
# Each cell runs its implementations one after the other, REPS times over; bench/report.py
# reports the medians (its "wait" tables).
#
# Usage: bench/wait-strategy.sh RESULTS_DIR [REPS] [SCALE]
#   REPS (default 3) repetitions; SCALE (default 1) divides the message counts (quick runs: 10).
# Needs a built bench/ (bench/target/perf.jar, bench/target/perf-c); run-all.sh calls it.
# Environment: JAVA (default: JDK 25 from /usr/lib/jvm, else java on PATH).
set -euo pipefail

results=${1:?usage: $0 RESULTS_DIR [REPS] [SCALE]}
reps=${2:-3}
scale=${3:-1}
bench=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$results"
if [[ -z "${JAVA:-}" ]]; then
  JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
  JAVA=${JAVA:-java}
fi
standalone=0
if [[ ! -e $results/machine.txt ]]; then   # not called by run-all.sh: say what measured
  standalone=1
  mode=full
  [[ $scale != 1 || $reps -lt 3 ]] && mode=quick
  JAVA=$JAVA "$bench/machine.sh" "$mode" "bench/wait-strategy.sh $*" > "$results/machine.txt"
fi
out=$results/wait.txt
log=$results/wait.log
taskset -c 0 true || { echo "taskset -c 0 does not work here" >&2; exit 1; }

# One perf run, bounded and tried up to 3 times (JeroMQ 0.6.0 now and then loses the first
# request on a new tcp connection, see bench/README.md); the result line gets TAGS appended.
perf() {
  local tags=$1; shift
  local line status
  for attempt in 1 2 3; do
    line=$(timeout 45 "$@" 2>>"$log") && status=0 || status=$?
    if [[ $status == 0 ]]; then
      echo "$line $tags" >> "$out"
      return
    fi
    echo "attempt $attempt failed (status $status): $*" >> "$log"
  done
}

java_perf=("$JAVA" -jar "$bench/target/perf.jar")
lat_count=$((20000 / scale)) thr_count=$((2000000 / scale))
for rep in $(seq 1 "$reps"); do
  echo "   wait strategy: repetition $rep of $reps"
  for transport in inproc ipc tcp; do
    for size in 1 64 1024; do
      args=(pattern=lat transport=$transport size=$size count=$lat_count warmup=$((lat_count / 2)))
      perf "rep=$rep" "$bench/target/perf-c" "${args[@]}"
      perf "rep=$rep" "${java_perf[@]}" impl=zmq-ffm "${args[@]}"
      perf "rep=$rep" "${java_perf[@]}" impl=zmq-ffm spin=0 "${args[@]}"
      perf "rep=$rep" "${java_perf[@]}" impl=jeromq "${args[@]}"
      # Pinned: one CPU for every thread of the process (both ends and libzmq's I/O threads),
      # and the JIT compilers too, hence the longer warm-up.
      args[3]=count=$((lat_count * 2)) args[4]=warmup=$((lat_count * 2))
      perf "rep=$rep pinned=1" taskset -c 0 "$bench/target/perf-c" "${args[@]}"
      perf "rep=$rep pinned=1" taskset -c 0 "${java_perf[@]}" impl=zmq-ffm "${args[@]}"
      perf "rep=$rep pinned=1" taskset -c 0 "${java_perf[@]}" impl=jeromq "${args[@]}"
    done
    for size in 1 64 1024 65536; do
      count=$thr_count
      [[ $size == 65536 ]] && count=$((20000 / scale))
      args=(pattern=thr transport=$transport size=$size count=$count warmup=$((count / 5)))
      perf "rep=$rep" "${java_perf[@]}" impl=zmq-ffm "${args[@]}"
      perf "rep=$rep" "${java_perf[@]}" impl=zmq-ffm spin=0 "${args[@]}"
    done
  done
  for spin in default 0; do
    spin_arg=()
    [[ $spin == 0 ]] && spin_arg=(spin=0)
    line=$(timeout 60 "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$bench/target/perf.jar" \
        io.github.zmqffm.bench.IdleReceiverCpu seconds=5 "${spin_arg[@]}" 2>>"$log" || true)
    [[ -n $line ]] && echo "$line rep=$rep" >> "$out"
  done
done
if [[ $standalone == 1 ]]; then
  echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
fi
