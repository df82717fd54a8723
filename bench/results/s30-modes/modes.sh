#!/bin/bash
# fast/slow scheduling mode frequency: inproc thr, unpinned, interleaved reps
bench=$(cd "$(dirname "$0")/../.." && pwd)
J=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)}
size=${SIZE:-64}; count=${COUNT:-2000000}; reps=${REPS:-8}; transport=${T:-inproc}
for rep in $(seq $reps); do
  for impl in c raw-ffm zmq-ffm zmq-ffm:spin=0; do
    case $impl in
      c) cmd=($bench/target/perf-c);;
      zmq-ffm:spin=0) cmd=($J -jar $bench/target/perf.jar impl=zmq-ffm spin=0);;
      *) cmd=($J -jar $bench/target/perf.jar impl=$impl);;
    esac
    line=$(timeout 60 ${PREFIX} "${cmd[@]}" pattern=thr transport=$transport size=$size count=$count warmup=$((2*count)) 2>/dev/null | tail -1)
    echo "$rep $impl $(grep -o 'msgs_per_s=[0-9]*' <<<"$line" | cut -d= -f2)"
  done
done
