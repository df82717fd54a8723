#!/bin/bash
# cexp.sh JAR N [compilecommand...]: sums the L4 compile time of the wait path per run
J=$1; N=$2; shift 2; cc=""; for c in "$@"; do cc="$cc -XX:CompileCommand=$c"; done
for i in $(seq $N); do
r=$(taskset -c 0 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -XX:CompileCommand=quiet $cc -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=${TMPDIR:-/tmp}/ce.log -jar $J impl=zmq-ffm pattern=thr transport=inproc size=1024 count=1000000 warmup=2000000 | grep -o "msgs_per_s=[0-9]*" | cut -d= -f2)
python3 "$(dirname "$0")/../s34-wait-link/tasks.py" ${TMPDIR:-/tmp}/ce.log 400 | awk -v r=$r '/L4/ && /WaitLoop|Parking|Waker|Wakeable|LibC|Transfer (watch|attempt|checkOpen)|AbstractSelector/ {s+=$1; d=d" "$NF"/"$(NF-1)":"$1} END {printf "rate %.2f waitpath %.3f %s\n", r/1e6, s, d}'
done
