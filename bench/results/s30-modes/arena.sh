#!/bin/bash
# inproc thr cells under different glibc malloc arena settings, interleaved
bench=$(cd "$(dirname "$0")/../.." && pwd)
J=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java | head -1)}
size=${SIZE:-64}; count=${COUNT:-2000000}
for rep in 1 2 3; do
  for env in default arena1 arena64 tcache0; do
    case $env in
      default) E=();;
      arena1) E=(GLIBC_TUNABLES=glibc.malloc.arena_max=1);;
      arena64) E=(GLIBC_TUNABLES=glibc.malloc.arena_max=64);;
      tcache0) E=(GLIBC_TUNABLES=glibc.malloc.tcache_count=0);;
    esac
    for impl in c raw-ffm zmq-ffm; do
      if [[ $impl == c ]]; then cmd=($bench/target/perf-c); else cmd=($J -jar $bench/target/perf.jar impl=$impl); fi
      line=$(env "${E[@]}" timeout 60 ${PREFIX} "${cmd[@]}" pattern=thr transport=inproc size=$size count=$count warmup=$((2*count)) 2>/dev/null | tail -1)
      echo "$env $impl $(grep -o 'msgs_per_s=[0-9]*' <<<"$line")"
    done
  done
done
