#!/bin/bash
# Interleaved runs of inproc 1 B PUSH->PULL in one process, REPS repetitions of VARIANTS (see
# README.txt): cperf (C's perf tool), c-in-jvm (the same built as a library, its main called from
# a JVM), S-R (Drive.java: the sender's and the receiver's loop, each c, plain, crit, mark,
# markfar or storeonly), api (ThrApi.java, the public API in a plain loop), zmq-ffm, raw-ffm,
# jzmq (the perf tool). PIN=1 runs everything under taskset -c 0. Expects in D (default: this
# directory) libloops.so, libperfc.so, cls/ (the classes compiled), head.jar (zmq-ffm) and
# perf-head.jar (bench/target/perf.jar); JZMQ_JAR and JZMQ_LIB for jzmq.
J="${PIN:+taskset -c 0} ${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
D=${D:-$(cd "$(dirname "$0")" && pwd)}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
for rep in $(seq 1 ${REPS:-4}); do
  for v in $VARIANTS; do
    case $v in
      cperf) r=$(${PIN:+taskset -c 0} $ROOT/bench/target/perf-c pattern=thr transport=inproc size=1 count=2000000 warmup=4000000 role=both 2>/dev/null | grep -o 'msgs_per_s=[0-9]*');;
      c-in-jvm) r=$($J $JOPTS --enable-native-access=ALL-UNNAMED -Dlib=$D/libperfc.so -cp $D/cls InJvm pattern=thr transport=inproc size=1 count=2000000 warmup=4000000 | grep -o 'msgs_per_s=[0-9]*');;
      api) r=$($J $JOPTS --enable-native-access=ALL-UNNAMED -cp $D/${APIJAR:-head.jar}:$D/cls ThrApi false 2000000 4000000 1 | grep -o 'msgs_per_s=[0-9]*');;
      zmq-ffm|raw-ffm|jzmq|jeromq) r=$($J $JOPTS -Djzmq.jar=$JZMQ_JAR -Djava.library.path=$JZMQ_LIB -jar ${PERFJAR:-$D/perf-head.jar} impl=$v pattern=thr transport=${TR:-inproc} size=1 count=2000000 warmup=4000000 role=both 2>/dev/null | grep -o 'msgs_per_s=[0-9]*');;
      *) s=${v%-*}; rr=${v#*-}; r=$($J $JOPTS --enable-native-access=ALL-UNNAMED -Dloops=$D/libloops.so -cp $D/cls Drive $s $rr 2000000 4000000 | grep -o 'msgs_per_s=[0-9]*');;
    esac
    echo "$rep $v $r"
  done
done
