#!/usr/bin/env bash
# Issue 16's benchmarks, one run each, on two carrier threads:
#   VirtualThreadLatency  REQ/REP round trip, 64 B, inproc and tcp: zmq-ffm on platform and on
#                         virtual threads (and on virtual threads with spin=0), JeroMQ on both
#   ParkedWaiters         10,000 virtual threads parked in receive(): time until all have
#                         received, heap and resident memory per waiting thread; the same for
#                         threads parked in LockSupport.park() (the JDK's floor)
#   ReactorWakeup         reactor CPU time and round trip per wake-up with 10, 1,000 and 10,000
#                         idle waiters
#   AsyncThroughput       receiveAsync (1 and 64 pending) against blocking receive on a platform
#                         and a virtual thread, 64 B, inproc and tcp
# Writes RESULTS_DIR/machine.txt (load average before and after) and RESULTS_DIR/raw.txt (every
# command and its line).
#
# Usage: bench/virtual-threads.sh [RESULTS_DIR]   (default: bench/results/virtual-threads; ~5 min)
# Needs a built bench/ (bench/target/perf.jar). Environment: JAVA (default: JDK 25 from /usr/lib/jvm).
set -euo pipefail

NAME=virtual-threads JAR=perf.jar
source "$(dirname "$0")/results-dir.sh"
raw=$results/raw.txt
: > "$raw"

# Runs one tool; exit code 3 (JeroMQ lost the first request on a new connection) is tried again.
run() {
  local tool=$1
  shift
  local command=("$JAVA" --enable-native-access=ALL-UNNAMED -Djdk.virtualThreadScheduler.parallelism=2
    -cp "$bench/target/perf.jar" "io.github.zmqffm.bench.$tool" "$@")
  for attempt in 1 2 3; do
    echo "\$ java ... $tool $*" | tee -a "$raw"
    if out=$(timeout 300 "${command[@]}" 2>&1); then
      echo "$out" | tee -a "$raw"
      return
    fi
    echo "$out" | tee -a "$raw"
    [[ $attempt == 3 ]] && echo "gave up after 3 attempts" | tee -a "$raw"
  done
}

for transport in inproc tcp; do
  run VirtualThreadLatency impl=zmq-ffm threads=platform transport=$transport
  run VirtualThreadLatency impl=zmq-ffm threads=virtual transport=$transport
  run VirtualThreadLatency impl=zmq-ffm threads=virtual transport=$transport spin=0
  run VirtualThreadLatency impl=jeromq threads=virtual transport=$transport
  run VirtualThreadLatency impl=jeromq threads=platform transport=$transport
done
run ParkedWaiters waiters=10000 mode=receive
run ParkedWaiters waiters=10000 mode=park
for idle in 10 1000 10000; do
  run ReactorWakeup idle=$idle
done
for transport in inproc tcp; do
  run AsyncThroughput mode=blocking-platform transport=$transport
  run AsyncThroughput mode=blocking-virtual transport=$transport
  run AsyncThroughput mode=async window=1 transport=$transport
  run AsyncThroughput mode=async window=64 transport=$transport
done
echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results/machine.txt"
echo "== $raw"
