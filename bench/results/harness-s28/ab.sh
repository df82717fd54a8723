#!/usr/bin/env bash
# ab.sh OUT REPS PIN "cells" : interleaved oneloop vs chunks harness
out=$1 reps=$2 pin=$3 cells=$4
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
pre=(); [[ $pin == 1 ]] && pre=(taskset -c 0)
for rep in $(seq 1 $reps); do
  for cell in $cells; do
    t=${cell%%:*} s=${cell##*:}
    args="pattern=thr transport=$t size=$s count=2000000 warmup=4000000 role=both"
    for v in c zmq-ffm/oneloop zmq-ffm/chunks raw-ffm/oneloop raw-ffm/chunks; do
      if [[ $v == c ]]; then
        r=$("${pre[@]}" /work/main/bench/target/perf-c $args 2>&1 | grep -o 'msgs_per_s=[0-9]*')
      else
        impl=${v%/*} jar=/work/ext/s28/perf-${v#*/}.jar
        r=$("${pre[@]}" $J --enable-native-access=ALL-UNNAMED -jar $jar impl=$impl $args 2>&1 | grep -o 'msgs_per_s=[0-9]*')
      fi
      echo "rep=$rep pin=$pin cell=$cell v=$v $r" >> $out
    done
  done
done
