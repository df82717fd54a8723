#!/usr/bin/env bash
# Where a perf-tool throughput cell spends its CPU time, per thread and per frame: runs one
# pattern=thr cell (role=both: the measuring PULL thread and the PUSH peer thread in one
# process), attaches `perf record -g` (cpu-clock, the JIT's frames named through the perf map
# that -XX:+DumpPerfMapAtExit writes) for a window after the warm-up, and hands the samples to
# bench/profile.py, which divides each thread's CPU time by the frames that passed in the window:
# nanoseconds per frame for the receiving side, the sending side and libzmq's I/O thread, split
# into the binding's Java code, the downcall stubs and the JVM, libzmq, libc and each system call.
#
# Usage: bench/profile.sh OUT_DIR IMPL TRANSPORT SIZE [SECONDS]
#   IMPL      c, zmq-ffm, jzmq (needs JZMQ_JAR and JZMQ_LIB as for bench/throughput.sh) or jeromq
#   SECONDS   the sampled window (default 4), after 3.5 s of warm-up
# Writes OUT_DIR/IMPL-TRANSPORT-SIZE.{data,txt} (perf's samples; the breakdown) and prints the
# breakdown. Environment: JAVA (default: JDK 25 from /usr/lib/jvm), FREQ (samples per second
# per CPU, default 4999), PIN=1 runs the cell under taskset -c 0, JAVA_OPTS (more JVM options,
# e.g. -XX:-UseCompressedOops). Needs perf(1) and a built bench/ (bench/target/perf.jar, perf-c).
set -euo pipefail

out=${1:?usage: $0 OUT_DIR IMPL TRANSPORT SIZE [SECONDS]}
impl=${2:?impl} transport=${3:?transport} size=${4:?size} seconds=${5:-4}
bench=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
if [[ -z "${JAVA:-}" ]]; then
  JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
  JAVA=${JAVA:-java}
fi
freq=${FREQ:-4999}
name=$impl-$transport-$size${PIN:+-pinned}
prefix=()
[[ ${PIN:-} == 1 ]] && prefix=(taskset -c 0)

# shellcheck disable=SC2206
jvm=(-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer ${JAVA_OPTS:-})
case $impl in
  c) cmd=("$bench/target/perf-c") ;;
  jzmq) cmd=("$JAVA" "${jvm[@]}" -Djzmq.jar="${JZMQ_JAR:?}" -Djava.library.path="${JZMQ_LIB:?}" -jar "$bench/target/perf.jar" impl=jzmq) ;;
  *) cmd=("$JAVA" "${jvm[@]}" -jar "$bench/target/perf.jar" impl="$impl") ;;
esac

# A short run first gives the rate, which sizes the profiled run: 3 s of warm-up (not counted),
# then the counted frames for the window and 2 s more, so that the window lies inside the
# counted part and the rate the run prints is the rate during the window.
rate=$("${prefix[@]}" "${cmd[@]}" pattern=thr transport="$transport" size="$size" count=2000000 warmup=400000 \
  | sed -n 's/.*msgs_per_s=\([0-9]*\).*/\1/p')
warmup=$((rate * 3)) count=$((rate * (seconds + 2)))
"${prefix[@]}" "${cmd[@]}" pattern=thr transport="$transport" size="$size" count="$count" warmup="$warmup" \
  > "$out/$name.line" 2> "$out/$name.err" &
pid=$!
sleep 3.5
perf record -F "$freq" -g -p "$pid" -o "$out/$name.data" -- sleep "$seconds" 2> "$out/$name.perf.err" > /dev/null
wait "$pid"
line=$(cat "$out/$name.line")
perf script -i "$out/$name.data" -F comm,pid,tid,period,ip,sym,dso 2> /dev/null \
  | /usr/bin/python3 "$bench/profile.py" --line "$line" --seconds "$seconds" --freq "$freq" --pid "$pid" \
  | tee "$out/$name.txt"
