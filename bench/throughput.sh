#!/usr/bin/env bash
# Issue #17's acceptance run in one command: small-frame PUSH->PULL throughput of C (perf-c),
# jzmq, JeroMQ and zmq-ffm, each sending from and receiving into reused byte arrays (zmq-ffm:
# send(byte[])/receive(byte[]), its default style), with the perf tool's pattern=thr:
#   cells        inproc, ipc and tcp x 1, 64 and 1024 bytes (JeroMQ: no ipc, its ipc is tcp)
#   setups       one process (role=both, two threads) and two processes (role=measure and
#                role=peer, ipc and tcp), each unpinned and pinned (taskset -c 0: both ends,
#                libzmq's I/O threads and the JIT on one CPU); a warm-up of twice the count
#   interleaving every repetition runs every setup, cell and implementation once, the
#                implementations one after the other within a cell, in an order rotated by
#                repetition, so that machine noise hits them alike; report.py takes medians
# and writes RESULTS_DIR/throughput.txt (one perf line per run, tagged rep= pinned= procs=),
# throughput.log (stderr, retries), machine.txt and results.md (tables: msgs/s per
# implementation, zmq-ffm/C and zmq-ffm/jzmq per cell).
#
# Usage: bench/throughput.sh [RESULTS_DIR] [--reps N] [--scale N] [--no-build] [--no-pinned]
#                            [--pinned-only] [--no-two-process] [--with-floor] [--warmup N]
#                            [--sizes "1 64 1024"] [--readme FILE]
#   RESULTS_DIR  default bench/results/throughput
#   --reps N     repetitions (default 5; the issue asks for >= 5)
#   --scale N    divides the message counts (default 1; 10 for a check of the tooling)
#   --no-build   use bench/target as it is
#   --pinned-only only the pinned setups
#   --warmup N   the warm-up is N times the count (default 2)
#   --sizes S    the frame sizes, a quoted list (default "1 64 1024")
#   --with-floor also runs impl=raw-ffm (libzmq through the linker alone, no binding: the floor
#                of any binding on the FFM API; RawFfmBinding) in every cell
#   --readme F   also replace the <!-- throughput:begin/end --> block of F with the tables
# Environment:
#   JAVA            the JDK (default: JDK 25 from /usr/lib/jvm, else java on PATH)
#   ZMQFFM_VERSION  the zmq-ffm version bench/ is built against (its pom's zmqffm.version);
#                   default 0.1.0-throughput. Unless --no-build, the library of this checkout is
#                   packaged and installed in the local repository under that version first
#                   (never as the shared SNAPSHOT, which other checkouts install too).
#   ZMQFFM_JAR      a zmq-ffm jar to measure instead: put before perf.jar on the class path, so
#                   its classes replace the ones built in (it must keep the public API the bench
#                   uses); with it nothing is built or installed
#   JZMQ_JAR, JZMQ_LIB  jzmq's jar and the directory holding libjzmq.so (build them as
#                   bench/README.md says); without them jzmq is left out, and machine.txt says so
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$bench")
results=$bench/results/throughput reps=5 scale=1 build=1 pinned_modes=(0 1) two_process=1 floor=0 warmup_factor=2 sizes=(1 64 1024) readme=()
while (($#)); do
  case "$1" in
    --reps) reps=$2; shift ;;
    --scale) scale=$2; shift ;;
    --no-build) build=0 ;;
    --no-pinned) pinned_modes=(0) ;;
    --pinned-only) pinned_modes=(1) ;;
    --warmup) warmup_factor=$2; shift ;;
    --sizes) read -r -a sizes <<< "$2"; shift ;;
    --no-two-process) two_process=0 ;;
    --with-floor) floor=1 ;;
    --readme) readme+=(--readme "$2"); shift ;;
    -*) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
    *) results=$1 ;;
  esac
  shift
done
mkdir -p "$results"
results=$(cd "$results" && pwd)
if [[ -z "${JAVA:-}" ]]; then
  JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
  JAVA=${JAVA:-java}
fi
version=${ZMQFFM_VERSION:-0.1.0-throughput}
taskset -c 0 true || { echo "taskset -c 0 does not work here" >&2; exit 1; }

if [[ $build == 1 && -z "${ZMQFFM_JAR:-}" ]]; then
  echo "== building the library (installed as zmq-ffm $version), then bench/"
  (cd "$top" && mvn -q package -DskipTests -Dmaven.javadoc.skip)
  jar=$(ls "$top"/target/zmq-ffm-*.jar | grep -v -e '-sources' -e '-javadoc' | head -1)
  (cd "$top" && mvn -q install:install-file -Dfile="$jar" -DgroupId=io.github.zmqffm -DartifactId=zmq-ffm \
      -Dversion="$version" -Dpackaging=jar)
  (cd "$top" && mvn -q -f bench/pom.xml package -Dzmqffm.version="$version")
fi
for f in "$bench/target/perf.jar" "$bench/target/perf-c"; do
  [[ -e $f ]] || { echo "missing $f: build first (drop --no-build)" >&2; exit 1; }
done

# The command line of one implementation's perf tool, into the array `cmd`.
java_tool=("$JAVA" -jar "$bench/target/perf.jar")
if [[ -n "${ZMQFFM_JAR:-}" ]]; then
  java_tool=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$ZMQFFM_JAR:$bench/target/perf.jar" io.github.zmqffm.bench.Perf)
fi
impls=(c jeromq zmq-ffm)
if [[ -n "${JZMQ_JAR:-}" && -n "${JZMQ_LIB:-}" ]]; then
  impls=(c jzmq jeromq zmq-ffm)
fi
((floor)) && impls+=(raw-ffm)
tool() {
  case $1 in
    c) cmd=("$bench/target/perf-c") ;;
    jzmq) cmd=("${java_tool[0]}" -Djzmq.jar="$JZMQ_JAR" -Djava.library.path="$JZMQ_LIB" "${java_tool[@]:1}" impl=jzmq) ;;
    *) cmd=("${java_tool[@]}" impl="$1") ;;
  esac
}

{
  JAVA=$JAVA "$bench/machine.sh" "$([[ $reps -ge 5 && $scale == 1 ]] && echo full || echo quick)" \
      "bench/throughput.sh --reps $reps --warmup $warmup_factor${ZMQFFM_JAR:+ (ZMQFFM_JAR)}"
  if [[ -n "${ZMQFFM_JAR:-}" ]]; then
    echo "zmqffm: $(basename "$ZMQFFM_JAR") (sha256 $(sha256sum "$ZMQFFM_JAR" | cut -c1-12))"
  else
    echo "zmqffm: $version from $(cd "$top" && git rev-parse --short HEAD)$(cd "$top" && git diff --quiet HEAD -- src || echo '+changes')"
  fi
  if [[ " ${impls[*]} " == *" jzmq "* ]]; then
    echo "jzmq: $(basename "$JZMQ_JAR") (sha256 $(sha256sum "$JZMQ_JAR" | cut -c1-12)) with $(cd "$JZMQ_LIB" && ls libjzmq.so.* | head -1)"
  else
    echo "jzmq: not measured (JZMQ_JAR and JZMQ_LIB unset)"
  fi
} > "$results/machine.txt"

out=$results/throughput.txt log=$results/throughput.log
: > "$out"
: > "$log"

# One run of `cmd` with ARGS, bounded and tried up to 3 times; its line gets TAGS appended.
one_process() {
  local tags=$1; shift
  local line status
  for attempt in 1 2 3; do
    line=$(timeout 60 "${prefix[@]}" "${cmd[@]}" "$@" 2>>"$log") && status=0 || status=$?
    if [[ $status == 0 ]]; then
      echo "$line $tags" >> "$out"
      return
    fi
    echo "attempt $attempt failed (status $status): ${cmd[*]} $*" >> "$log"
  done
}

# The measuring end and its peer as two processes: the peer connects to the endpoint the
# measuring end prints on stderr; a thr peer ends about 2 s after the measuring end (it sends
# until that has hung up, see bench/README.md), and is waited for before the next run.
two_processes() {
  local tags=$1; shift
  local err=$results/.measure.err line status endpoint
  for attempt in 1 2 3; do
    : > "$err"
    timeout 60 "${prefix[@]}" "${cmd[@]}" role=measure "$@" > "$results/.measure.out" 2> "$err" &
    local measure=$!
    endpoint=
    for _ in $(seq 200); do
      endpoint=$(sed -n 's/^perf: measuring at //p' "$err")
      [[ -n $endpoint ]] && break
      kill -0 "$measure" 2>/dev/null || break
      sleep 0.05
    done
    if [[ -n $endpoint ]]; then
      timeout 60 "${prefix[@]}" "${cmd[@]}" role=peer endpoint="$endpoint" "$@" 2>>"$log" &
      local peer=$!
      wait "$measure" && status=0 || status=$?
      wait "$peer" || true
    else
      kill "$measure" 2>/dev/null || true
      wait "$measure" 2>/dev/null || true
      status=1
    fi
    grep -v '^perf: measuring at ' "$err" >> "$log" || true
    line=$(cat "$results/.measure.out")
    if [[ $status == 0 && -n $line ]]; then
      echo "$line $tags" >> "$out"
      rm -f "$err" "$results/.measure.out"
      return
    fi
    echo "attempt $attempt failed (status $status): two processes ${cmd[*]} $*" >> "$log"
  done
  rm -f "$err" "$results/.measure.out"
}

count_for() { case $1 in 1024) echo $((1000000 / scale)) ;; *) echo $((2000000 / scale)) ;; esac; }
setups=(1)
((two_process)) && setups+=(2)
per_rep=0
for procs in "${setups[@]}"; do
  for t in inproc ipc tcp; do
    [[ $procs == 2 && $t == inproc ]] && continue
    for i in "${impls[@]}"; do [[ $i == jeromq && $t == ipc ]] || per_rep=$((per_rep + ${#sizes[@]})); done
  done
done
total=$((reps * per_rep * ${#pinned_modes[@]})) done_runs=0
echo "== $total runs (${impls[*]}), into $out"
for rep in $(seq 1 "$reps"); do
  # This repetition's order of the implementations: rotated by one each time.
  order=("${impls[@]:$(((rep - 1) % ${#impls[@]}))}" "${impls[@]:0:$(((rep - 1) % ${#impls[@]}))}")
  for pinned in "${pinned_modes[@]}"; do
    prefix=()
    ((pinned)) && prefix=(taskset -c 0)
    for procs in "${setups[@]}"; do
      for t in inproc ipc tcp; do
        [[ $procs == 2 && $t == inproc ]] && continue   # inproc joins threads of one process
        for size in "${sizes[@]}"; do
          count=$(count_for "$size")
          # Steady state: the warm-up is twice the count unless --warmup says otherwise. A JVM's
          # JIT compiles the bindings' paths for about a second, competing with the measured
          # threads (on one CPU, zmq-ffm's inproc 64 B measured 5.5-7.4M msgs/s after 1-2M
          # messages of warm-up, 8.0-9.2M after 4-10M; C's rate does not change), and a path
          # that runs once per wait (about one frame in a thousand) gets hot last. Every
          # implementation gets the same arguments.
          warmup=$((warmup_factor * count))
          for impl in "${order[@]}"; do
            [[ $impl == jeromq && $t == ipc ]] && continue   # JeroMQ's ipc is tcp
            tool "$impl"
            args=(pattern=thr transport=$t size=$size count=$count warmup=$warmup)
            if [[ $procs == 1 ]]; then
              one_process "rep=$rep pinned=$pinned procs=1" "${args[@]}"
            else
              two_processes "rep=$rep pinned=$pinned procs=2" "${args[@]}"
            fi
            done_runs=$((done_runs + 1))
            printf '\r   %d/%d' "$done_runs" "$total"
          done
        done
      done
    done
  done
done
echo
echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
/usr/bin/python3 "$bench/report.py" "$results" "${readme[@]}"
echo "== done: $results/results.md"
