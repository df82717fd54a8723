# Sourced by the scripts that measure one question into a results directory of their own
# (zero-copy.sh, virtual-threads.sh), which set NAME (the script's name, without .sh) and JAR
# (the jar of bench/target it runs) first; it sees their arguments. Sets bench (this directory),
# results (the first argument, default bench/results/$NAME; created) and JAVA (default: JDK 25
# from /usr/lib/jvm, else java on PATH), checks that the jar is built, and writes
# $results/machine.txt (bench/machine.sh).
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
results=${1:-$bench/results/$NAME}
mkdir -p "$results"
if [[ -z "${JAVA:-}" ]]; then
  JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
  JAVA=${JAVA:-java}
fi
[[ -e $bench/target/$JAR ]] || { echo "missing bench/target/$JAR: build bench/ first" >&2; exit 1; }
JAVA=$JAVA "$bench/machine.sh" "$NAME" "bench/$NAME.sh $*" > "$results/machine.txt"
