#!/bin/bash
# two processes, both under taskset -c 0: system calls per 1000 messages of each process
# (whole run incl. warm-up; normalised by warm-up + count), for c, raw-ffm, zmq-ffm
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
B=/work/main/bench/target
reps=${REPS:-3}; cells=${CELLS:-"ipc:1024 ipc:1"}; impls=${IMPLS:-"c raw-ffm zmq-ffm"}
ev=syscalls:sys_enter_poll,syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_sendto,syscalls:sys_enter_recvfrom,context-switches
for rep in $(seq $reps); do
 for cell in $cells; do
  IFS=: read t s <<<"$cell"
  count=2000000; [[ $s == 1024 ]] && count=1000000; warm=$((2*count))
  for impl in $impls; do
    case $impl in c) cmd=($B/perf-c);; *) cmd=($J -jar ${JAR:-$B/perf.jar} impl=$impl);; esac
    rm -f /tmp/m.err /tmp/m.out /tmp/m.stat /tmp/p.stat
    perf stat -x, -e $ev -o /tmp/m.stat taskset -c 0 "${cmd[@]}" role=measure pattern=thr transport=$t size=$s count=$count warmup=$warm >/tmp/m.out 2>/tmp/m.err &
    m=$!
    for _ in $(seq 200); do ep=$(sed -n 's/^perf: measuring at //p' /tmp/m.err); [[ -n $ep ]] && break; sleep 0.05; done
    perf stat -x, -e $ev -o /tmp/p.stat taskset -c 0 "${cmd[@]}" role=peer endpoint=$ep pattern=thr transport=$t size=$s count=$count warmup=$warm >/dev/null 2>&1 &
    p=$!
    wait $m; wait $p
    rate=$(grep -o 'msgs_per_s=[0-9]*' /tmp/m.out | cut -d= -f2)
    n=$((count+warm))
    sm=$(awk -F, -v n=$n '/syscalls|context/ {split($3,a,":"); k=a[2]; if(k=="")k=$3; printf "%s=%.1f ", k, $1*1000/n}' /tmp/m.stat)
    sp=$(awk -F, -v n=$n '/syscalls|context/ {split($3,a,":"); k=a[2]; if(k=="")k=$3; printf "%s=%.1f ", k, $1*1000/n}' /tmp/p.stat)
    echo "$rep $t $s $impl rate=$rate | recv: $sm| send: $sp"
  done
 done
done
