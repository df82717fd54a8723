#!/usr/bin/env bash
# Where the CPU of a one-process throughput cell goes, per thread (the one-process counterpart
# of thread-cpu.sh): the perf tool's pattern=thr with role=both, long enough for a steady state,
# and the CPU time of each of its threads read from /proc/PID/task/*/stat between WINDOW_START
# and WINDOW_START + WINDOW seconds. Divided by the messages that pass meanwhile (the measured
# rate times the window), that gives nanoseconds of CPU per message for the receiving thread
# (the JVM's main thread, "java"; "perf-c" for C, whose two threads share that name), the
# sending thread ("perf-peer"), libzmq's I/O thread ("ZMQbg/IO/0", ipc and tcp) and the rest.
# Steal is the hypervisor's share of the machine's CPU in the window (from /proc/stat).
#
# Usage: bench/one-process-cpu.sh [--reps N] [--cells "inproc:1 ipc:1"] [--impls "c raw-ffm zmq-ffm"]
# Prints one line per run, the implementations interleaved within each repetition.
# Environment: JAVA (default: JDK 25 from /usr/lib/jvm), COUNT (default 40000000), WARMUP
# (default 2000000), WINDOW_START (4 s), WINDOW (4 s). Needs bench/target/{perf.jar,perf-c}.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
java=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
java=${java:-java}
reps=3 cells="inproc:1 ipc:1" impls="c raw-ffm zmq-ffm"
count=${COUNT:-40000000} warmup=${WARMUP:-2000000} start=${WINDOW_START:-4} window=${WINDOW:-4}
while (($#)); do
  case "$1" in
    --reps) reps=$2; shift ;;
    --cells) cells=$2; shift ;;
    --impls) impls=$2; shift ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
  shift
done

# "name ticks" for every thread of process $1: utime + stime, the 14th and 15th fields of its
# stat line (the 11th and 12th after the name and the state), in clock ticks
thread_ticks() {
  for stat in /proc/"$1"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Za-z] (.*)$/\1|\2/' "$stat" 2>/dev/null | tr ' ' '_' |
      awk -F'|' '{ split($2, f, "_"); print $1, f[11] + f[12] }'
  done
}
steal_ticks() { awk '/^cpu /{ print $9 }' /proc/stat; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
for rep in $(seq 1 "$reps"); do
  for cell in $cells; do
    for impl in $impls; do
      args=(pattern=thr "transport=${cell%%:*}" "size=${cell##*:}" "count=$count" "warmup=$warmup" role=both)
      if [[ $impl == c ]]; then
        "$bench/target/perf-c" "${args[@]}" > "$out" 2>&1 &
      else
        "$java" --enable-native-access=ALL-UNNAMED -jar "$bench/target/perf.jar" "impl=$impl" "${args[@]}" > "$out" 2>&1 &
      fi
      pid=$!
      sleep "$start"
      before=$(thread_ticks "$pid") steal_before=$(steal_ticks)
      sleep "$window"
      after=$(thread_ticks "$pid") steal_after=$(steal_ticks)
      wait "$pid"
      rate=$(grep -o 'msgs_per_s=[0-9]*' "$out" | cut -d= -f2)
      hz=$(getconf CLK_TCK) cpus=$(nproc)
      # per thread name: CPU ns per message = tick difference / hz / (rate * window) * 1e9
      awk -v rate="$rate" -v window="$window" -v hz="$hz" -v impl="$impl" -v cell="$cell" -v rep="$rep" \
          -v steal=$(( (steal_after - steal_before) * 100 / (window * hz * cpus) )) '
        NR == FNR { was[$1] += $2; next }
        { now[$1] += $2 }
        END {
          line = sprintf("rep=%s impl=%s cell=%s msgs_per_s=%s steal=%s%%", rep, impl, cell, rate, steal)
          for (t in now) {
            ns = (now[t] - was[t]) / hz / (rate * window) * 1e9
            if (ns >= 1) { line = line sprintf(" %s=%.0f", t, ns); total += ns }
          }
          print line sprintf(" total=%.0f", total)
        }' <(echo "$before") <(echo "$after")
    done
  done
done
