#!/usr/bin/env bash
# CPU nanoseconds per message on each end of a PUSH/PULL stream, C against one or more zmq-ffm
# jars, interleaved: every repetition runs C and each jar once per cell, in turn, so that the
# load of a shared machine falls on all of them alike. The median per cell and implementation
# goes to stdout as a Markdown table; the raw lines to OUT/stream-cpu.txt.
#
#   bench/stream-cpu.sh OUT [--reps 5] [--pin] [--cells "inproc:64 tcp:64"] JAR[=label] ...
#
# JAR: a zmq-ffm jar, put before benchmarks.jar on the class path (e.g. target/zmq-ffm-*.jar,
# or an earlier version from ~/.m2); the label defaults to the file name. --pin runs every
# process on one CPU (taskset -c 0). Needs bench/target/{benchmarks.jar,stream-cpu-c}.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
out=${1:?usage: stream-cpu.sh OUT [--reps N] [--pin] [--cells "t:size ..."] JAR[=label] ...}
shift
reps=5
pin=()
cells="inproc:1 inproc:64 inproc:1024 ipc:64 tcp:64"
jars=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    --pin) pin=(taskset -c 0); shift ;;
    --cells) cells=$2; shift 2 ;;
    *) jars+=("$1"); shift ;;
  esac
done
[[ ${#jars[@]} -gt 0 ]] || { echo "name at least one zmq-ffm jar" >&2; exit 2; }
mkdir -p "$out"
raw="$out/stream-cpu.txt"
: > "$raw"
for rep in $(seq "$reps"); do
  for cell in $cells; do
    transport=${cell%%:*}
    size=${cell##*:}
    "${pin[@]}" "$bench/target/stream-cpu-c" "$transport" "$size" 2000000 4 | sed "s/\$/ rep=$rep label=C/" >> "$raw"
    for spec in "${jars[@]}"; do
      jar=${spec%%=*}
      label=${spec#*=}
      [[ $label == "$spec" ]] && label=$(basename "$jar" .jar)
      "${pin[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$jar:$bench/target/benchmarks.jar" \
          io.github.zmqffm.bench.StreamCpu transport="$transport" size="$size" count=2000000 rounds=4 \
          | sed "s/\$/ rep=$rep label=$label/" >> "$raw"
    done
  done
done
/usr/bin/python3 - "$raw" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(lambda: collections.defaultdict(list))
labels = []
for line in open(sys.argv[1]):
    f = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
    cell = (f["transport"], int(f["size"]))
    if f["label"] not in labels:
        labels.append(f["label"])
    for k in ("send_cpu_ns", "receive_cpu_ns", "msgs_per_s"):
        rows[cell][(f["label"], k)].append(float(f[k]))
print("| cell | " + " | ".join(f"{l} send / receive ns" for l in labels) + " |")
print("|---|" + "---:|" * len(labels))
for cell in sorted(rows):
    r = rows[cell]
    print(f"| {cell[0]} {cell[1]} B | " + " | ".join(
        f"{statistics.median(r[(l, 'send_cpu_ns')]):.0f} / {statistics.median(r[(l, 'receive_cpu_ns')]):.0f}"
        for l in labels) + " |")
PY
