#!/bin/bash
# Steady-state CPU per message, pinned, every cell: C, the FFM floor, zmq-ffm (bench/thread-cpu.sh per cell, COUNT sized to ~15 s).
# Usage: bench/results/s35-steady/steady.sh OUT_DIR (from anywhere; writes OUT_DIR/MODE-T-SIZE/thread-cpu.txt)
cd "$(dirname "$0")/../../.."
o=${1:?usage: $0 OUT_DIR}
for spec in 1p:inproc:1:135000000 1p:inproc:64:105000000 1p:inproc:1024:75000000 1p:ipc:1:60000000 1p:ipc:64:45000000 1p:ipc:1024:9000000 1p:tcp:1:75000000 1p:tcp:64:42000000 1p:tcp:1024:9000000 2p:ipc:1:60000000 2p:ipc:64:45000000 2p:ipc:1024:9000000 2p:tcp:1:60000000 2p:tcp:64:42000000 2p:tcp:1024:9000000; do
  IFS=: read -r mode t s c <<< "$spec"
  flag=; [ $mode = 1p ] && flag=--one-process
  COUNT=$c taskset -c 0 bench/thread-cpu.sh $o/$mode-$t-$s $flag --cells "$t:$s" --impls "c raw-ffm zmq-ffm" --reps 3 --syscalls > $o/$mode-$t-$s.log 2>&1
done
echo done
