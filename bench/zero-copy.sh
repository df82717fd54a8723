#!/usr/bin/env bash
# The zero-copy acceptance run (issue #4) in one go, with more samples than run-all.sh gives it:
#   jmh-ZeroCopyBenchmark.json      lend (Message.rebuild(segment, onRelease)) against copy
#                                   (send(segment)), sending and receiving threads, inproc and tcp,
#                                   64 B to 1 MiB, 3 forks x 10 iterations
#   jmh-MessageStylesBenchmark.json bytes allocated per frame of every reuse style, inproc (-prof gc)
#   machine.txt, results.md         what measured, and the tables bench/report.py makes of it
#
# Usage: bench/zero-copy.sh [RESULTS_DIR]   (default: bench/results/zero-copy; about 25 minutes)
# Needs a built bench/ (bench/target/benchmarks.jar); run-all.sh's build step makes it.
# Environment: JAVA (default: JDK 25 from /usr/lib/jvm, else java on PATH).
set -euo pipefail

NAME=zero-copy JAR=benchmarks.jar
source "$(dirname "$0")/results-dir.sh"
jmh() {
  local class=$1
  shift
  echo "== JMH $class (log: $results/jmh.log)"
  "$JAVA" -jar "$bench/target/benchmarks.jar" "\.$class\." -prof gc -rf json -rff "$results/jmh-$class.json" "$@" \
    >> "$results/jmh.log" 2>&1
}
: > "$results/jmh.log"
jmh ZeroCopyBenchmark -f 3 -wi 3 -i 10 -w 1s -r 1s
jmh MessageStylesBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -p transport=inproc
echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
python3 "$bench/report.py" "$results" --compact-jmh
echo "== $results/results.md"
