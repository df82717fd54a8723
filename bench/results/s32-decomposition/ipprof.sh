#!/bin/bash
# ipprof.sh TAG PERF_JAR: where inside the JIT's code of the perf tool's send and receive loops
# the samples fall. Runs impl=zmq-ffm inproc 1 B (SIZE=...; PIN=1 under taskset -c 0; CPJAR=a
# zmq-ffm jar put before PERF_JAR), has jcmd write the perf map after 7 s, samples 4 s with
# perf record, copies the machine code of PerfRun's send/receiveChunk out of /proc/PID/mem (so
# that objdump can disassemble it: no hsdis needed) and histograms the sampled instruction
# addresses (iphist.py). Output in ip-TAG/ beside this script; disassemble a dump with
#   objdump -D -b binary -mi386:x86-64 ip-TAG/ADDRESS.bin
J=${JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin; tag=$1; jar=$2; here=$(cd "$(dirname "$0")" && pwd); out=$here/ip-$tag; mkdir -p $out
${PIN:+taskset -c 0} $J/java -XX:+UnlockDiagnosticVMOptions -XX:+PreserveFramePointer --enable-native-access=ALL-UNNAMED ${CPJAR:+-cp $CPJAR:$jar io.github.zmqffm.bench.Perf} $( [ -z "$CPJAR" ] && echo -jar $jar) impl=zmq-ffm pattern=thr transport=inproc size=${SIZE:-1} count=120000000 warmup=4000000 role=both > $out/run.out 2>&1 &
sleep 7; PID=$(pgrep -f "impl=zmq-ffm pattern=thr" | head -1); $J/jcmd $PID Compiler.perfmap >/dev/null
perf record -F 4999 -p $PID -o $out/ip.data -- sleep 4 >/dev/null 2>&1
cp /tmp/perf-$PID.map $out/map.txt
python3 - $PID $out <<'PY'
import sys
pid,out=sys.argv[1],sys.argv[2]
for line in open(out+'/map.txt'):
    a,s,name=line.rstrip('\n').split(' ',2)
    if 'Chunk' in name and 'PerfRun' in name:
        a=int(a,16); s=int(s,16)
        with open(f'/proc/{pid}/mem','rb') as m:
            m.seek(a); b=m.read(s)
        open(out+f'/{a:x}.bin','wb').write(b)
PY
wait; cat $out/run.out
perf script -i $out/ip.data -F tid,ip,sym,dso 2>/dev/null > $out/script.txt
python3 $here/iphist.py $out
