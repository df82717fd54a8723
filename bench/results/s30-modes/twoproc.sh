#!/bin/bash
# two-process thr cells, interleaved, impl variants incl. zmq-ffm spin=0
bench=$(cd "$(dirname "$0")/../.." && pwd)
J=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)}
reps=${REPS:-4}; cells=${CELLS:-"ipc:1 tcp:1 tcp:64"}; impls=${IMPLS:-"c raw-ffm zmq-ffm zmq-ffm:spin=0"}
tmp=$(mktemp -d)
for rep in $(seq $reps); do
  for cell in $cells; do
    t=${cell%%:*}; size=${cell##*:}; count=2000000
    for impl in $impls; do
      case $impl in
        c) cmd=($bench/target/perf-c);;
        zmq-ffm:spin=0) cmd=($J -jar $bench/target/perf.jar impl=zmq-ffm spin=0);;
        *) cmd=($J -jar $bench/target/perf.jar impl=$impl);;
      esac
      args=(pattern=thr transport=$t size=$size count=$count warmup=$((2*count)))
      : > $tmp/err
      timeout 60 ${PREFIX} "${cmd[@]}" role=measure "${args[@]}" > $tmp/out 2> $tmp/err &
      m=$!
      ep=
      for _ in $(seq 200); do ep=$(sed -n 's/^perf: measuring at //p' $tmp/err); [[ -n $ep ]] && break; sleep 0.05; done
      timeout 60 ${PREFIX} "${cmd[@]}" role=peer endpoint="$ep" "${args[@]}" 2>/dev/null &
      p=$!
      wait $m; wait $p
      echo "$rep $t $size $impl $(grep -o 'msgs_per_s=[0-9]*' $tmp/out | cut -d= -f2)"
    done
  done
done
