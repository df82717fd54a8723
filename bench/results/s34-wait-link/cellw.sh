#!/bin/bash
# usage: cellw.sh REPS TRANSPORT SIZE PINNED WARMUPFACTOR IMPL...
B=/work/main/bench/target; J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
reps=$1 t=$2 size=$3 pin=$4 wf=$5; shift 5
count=$([[ $size == 1024 ]] && echo 1000000 || echo 2000000)
pre=(); ((pin)) && pre=(taskset -c 0)
for r in $(seq $reps); do for i in "$@"; do
  impl=${i%%@*}; opts=(); [[ $i == *@* ]] && read -r -a opts <<< "${i#*@}"
  case $impl in c) cmd=($B/perf-c);; *) cmd=($J "${opts[@]}" -jar ${PERFJAR:-$B/perf.jar} impl=$impl);; esac
  line=$(timeout 60 "${pre[@]}" "${cmd[@]}" pattern=thr transport=$t size=$size count=$count warmup=$((wf*count)) 2>/dev/null)
  echo "$i $(grep -o 'msgs_per_s=[0-9]*' <<<"$line")"
done; done
