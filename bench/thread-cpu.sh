#!/usr/bin/env bash
# Where the CPU of a two-process throughput cell goes, per thread (--one-process: of a
# one-process cell, see Usage): C (perf-c), the FFM floor
# (impl=raw-ffm) and zmq-ffm, interleaved. Each run is the perf tool's pattern=thr with
# role=measure (the PULL process) and role=peer (the PUSH process), long enough for a steady
# state; between WINDOW_START and WINDOW_START + WINDOW seconds of it, the CPU time of every
# thread of both processes is read from /proc/PID/task/*/stat. Dividing by the messages that
# pass in the window (the run's measured rate times the window) gives nanoseconds of CPU per
# message for each thread: the receiving application thread, the receiving process's libzmq
# I/O thread, the sending application thread and the sending I/O thread, and everything else
# (the JIT, GC, libzmq's reaper) as "other".
#
# The throughput tables (bench/throughput.sh) say how fast a cell is; this says which thread
# pays for it. Unpinned, two processes keep four busy threads on this 2-CPU machine, so a cell's
# rate is about 2 CPUs divided by the sum of these costs.
#
# Usage: bench/thread-cpu.sh OUT_DIR [--reps N] [--cells "ipc:1 tcp:1"] [--impls "c raw-ffm zmq-ffm"]
#                            [--one-process] [--syscalls] [--pool "FILE ..."]
# --one-process runs each cell in one process instead (role=both: the PULL on the JVM's main
# thread, the PUSH on "perf-peer", each on a context of its own but for inproc) and splits its
# CPU into the receiving thread, the sending thread, libzmq's I/O threads and the rest; C's two
# threads share one name, so its receiving column holds both.
# An impl may name each side, RECEIVER+SENDER (e.g. "raw-ffm+zmq-ffm"), to tell which side of a
# cell costs what, and each side may carry JVM options and perf tool arguments after @ (e.g.
# "raw-ffm+raw-ffm@-Dperf.floor.wait=poll", "raw-ffm+zmq-ffm@style=segment"; see side_command);
# jar=PATH there runs another build's perf.jar (a copy saved before a change), so that a change
# and the build before it run interleaved in one measurement.
# --syscalls also counts, in the same window, each thread's system calls (perf stat on the
# syscalls:sys_enter_* tracepoints) and adds them to the run's line per 1000 messages, e.g.
# sys_send_app_write: the sending thread's write(2)s, each a wake-up of libzmq's I/O thread,
# whose pipe had run dry (libzmq signals its eventfd then); sys_send_io_epoll_wait: how often
# that I/O thread went to sleep. Then a second table gives their medians. Needs perf(1).
# Each run also records steal, the share of the machine's CPU the hypervisor took in the window
# (from /proc/stat): on a shared virtual machine a run's rate moves with it.
# --pool runs nothing: the tables below are made of the runs in the thread-cpu.txt files named,
# pooled (give --one-process and --syscalls as those runs had them).
# Writes OUT_DIR/thread-cpu.txt (one line per run) and OUT_DIR/machine.txt, and prints a Markdown
# table of the medians.
# Environment: JAVA (default: JDK 25 from /usr/lib/jvm), COUNT (messages measured, default
# 60000000: the run must outlast the window), WARMUP (default 2000000), WINDOW_START (5 s: after
# the JIT has compiled the paths a stream takes only every few hundred messages, which it does
# 2.5-3.5 s into a run here), WINDOW (5 s). Needs bench/target/{perf.jar,perf-c}.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: $0 OUT_DIR [--reps N] [--cells "t:size ..."] [--impls "..."]}
shift
reps=5 cells="ipc:1 tcp:1" impls="c raw-ffm zmq-ffm" one_process=0 syscalls=0 pool=
while (($#)); do
  case "$1" in
    --reps) reps=$2; shift ;;
    --cells) cells=$2; shift ;;
    --impls) impls=$2; shift ;;
    --one-process) one_process=1 ;;
    --syscalls) syscalls=1 ;;
    --pool) pool=$2; shift ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
  esac
  shift
done
if [[ -z "${JAVA:-}" ]]; then
  JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
  JAVA=${JAVA:-java}
fi
count=${COUNT:-60000000} warmup=${WARMUP:-2000000}
window_start=${WINDOW_START:-5} window=${WINDOW:-5}
mkdir -p "$out"
raw=$out/thread-cpu.txt
if [[ -n $pool ]]; then
  pooled=$(cat $pool)   # read whole before $raw is written: it may be one of them
  printf '%s\n' "$pooled" > "$raw"
else
  : > "$raw"
  JAVA=$JAVA "$bench/machine.sh" thread-cpu "bench/thread-cpu.sh $out --reps $reps --cells \"$cells\" --impls \"$impls\"$( ((one_process)) && echo " --one-process")$( ((syscalls)) && echo " --syscalls")" > "$out/machine.txt"
fi

# The kind of a thread by its name $1: app (the measuring or sending thread), peer (the sending
# thread of a process that does both), io (libzmq's I/O threads) or other.
thread_kind() {
  case $1 in
    ZMQbg/IO/*) echo io ;;
    perf-c|java|main) echo app ;;
    perf-peer) echo peer ;;
    *) echo other ;;
  esac
}

# Prints "side thread ticks" for every thread of process $1 (side: $2, recv or send, or one for
# a process that does both; thread: its thread_kind), ticks being user + system time in clock ticks.
snapshot_process() {
  local pid=$1 side=$2 task stat comm kind fields
  for task in /proc/"$pid"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    comm=$(cat "$task/comm" 2>/dev/null) || continue
    kind=$(thread_kind "$comm")
    # After "(comm) ": field 3 is the state; utime and stime are fields 14 and 15.
    read -r -a fields <<< "${stat##*) }"
    echo "$side $kind $((fields[11] + fields[12]))"
  done
}

# snapshot_process of the measuring process $1 and, with two processes, the sending process $2.
snapshot() {
  if ((one_process)); then
    snapshot_process "$1" one
  else
    snapshot_process "$1" recv
    snapshot_process "$2" send
  fi
}

# Sets the array named $1 to the command of one side: perf-c for c, else the perf tool with
# impl=$2; an impl may carry, after @, comma-separated JVM options (those starting with -) and
# perf tool arguments, e.g. raw-ffm@-Dperf.floor.wait=poll or zmq-ffm@style=segment, and jar=PATH
# for a perf.jar other than bench/target's.
side_command() {
  local -n into=$1
  local name=${2%%@*} item extra=() jvm=() tool=() jar=$bench/target/perf.jar
  [[ $2 == *@* ]] && IFS=, read -r -a extra <<< "${2#*@}"
  for item in "${extra[@]}"; do
    case $item in
      -*) jvm+=("$item") ;;
      jar=*) jar=${item#jar=} ;;
      *) tool+=("$item") ;;
    esac
  done
  if [[ $name == c ]]; then
    into=("$bench/target/perf-c")
  else
    into=("$JAVA" "${jvm[@]}" -jar "$jar" "impl=$name" "${tool[@]}")
  fi
}

# Steal in percent between two "cpu" lines of /proc/stat (see the top of this file).
steal_percent() {
  local -a a b
  read -r -a a <<< "$1"
  read -r -a b <<< "$2"
  local i total=0
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $(( total > 0 ? 100 * (b[8] - a[8]) / total : 0 ))
}

run() {   # impl (or RECEIVER+SENDER) transport size rep
  local impl=$1 transport=$2 size=$3 rep=$4 cmd pcmd endpoint m p= rate
  side_command cmd "${impl%+*}"
  side_command pcmd "${impl#*+}"
  local args=(pattern=thr "transport=$transport" "size=$size" "count=$count" "warmup=$warmup")
  local err=$out/.measure.err
  : > "$err"
  if ((one_process)); then
    "${cmd[@]}" role=both "${args[@]}" > "$out/.measure.out" 2> "$err" &
    m=$!
  else
    "${cmd[@]}" role=measure "${args[@]}" > "$out/.measure.out" 2> "$err" &
    m=$!
    endpoint=
    for _ in $(seq 500); do
      endpoint=$(sed -n 's/^perf: measuring at //p' "$err")
      [[ -n $endpoint ]] && break
      sleep 0.02
    done
    "${pcmd[@]}" role=peer "endpoint=$endpoint" "${args[@]}" > /dev/null 2>&1 &
    p=$!
  fi
  sleep "$window_start"
  snapshot "$m" "$p" > "$out/.before"
  local cpu_before=$(head -1 /proc/stat)
  if ((syscalls)); then
    perf stat --per-thread -x, -e "$syscall_events" -p "$m${p:+,$p}" -o "$out/.syscalls" -- sleep "$window" 2> /dev/null
    sum_syscalls "$m"
  else
    sleep "$window"
  fi
  snapshot "$m" "$p" > "$out/.after"
  local cpu_after=$(head -1 /proc/stat)
  local alive=1 measure_rc=0 peer_rc=0
  kill -0 "$m" 2> /dev/null && { [[ -z $p ]] || kill -0 "$p" 2> /dev/null; } || alive=0
  wait "$m" || measure_rc=$?
  [[ -z $p ]] || wait "$p" || peer_rc=$?
  rate=$(sed -n 's/.*msgs_per_s=\([0-9]*\).*/\1/p' "$out/.measure.out")
  if ((alive == 0)); then
    echo "thread-cpu: $impl $transport $size rep $rep ended inside the window; raise COUNT" >&2
    return
  fi
  if [[ -z $rate ]] || ((measure_rc != 0 || peer_rc != 0)); then
    echo "thread-cpu: $impl $transport $size rep $rep failed (exit $measure_rc / $peer_rc):" \
      "$(tail -3 "$err" | tr '\n' ' ')" >&2
    return
  fi
  local extra
  extra=$(syscall_fields $((rate * window)))
  # Ticks are 1/CLK_TCK s; ns per message = ticks * 1e9 / CLK_TCK / (rate * window).
  awk -v hz="$(getconf CLK_TCK)" -v rate="$rate" -v w="$window" -v extra="$extra" \
      -v head="impl=$impl transport=$transport size=$size rep=$rep msgs_per_s=$rate" \
      -v steal="$(steal_percent "$cpu_before" "$cpu_after")" -v keys="$thread_keys" -v labels="$thread_labels" '
    FNR == NR { before[$1 " " $2] += $3; next }
    { after[$1 " " $2] += $3 }
    END {
      line = head; sum = 0
      n = split(keys, key, ","); split(labels, label, ",")
      for (i = 1; i <= n; i++) {
        ns = (after[key[i]] - before[key[i]]) * 1e9 / hz / (rate * w)
        sum += ns
        line = line sprintf(" %s=%.0f", label[i], ns)
      }
      print line sprintf(" total=%.0f steal=%s", sum, steal) extra
    }' "$out/.before" "$out/.after" | tee -a "$raw"
}

# Sums the system calls counted in the window per side, thread and call, as "KEY COUNT" lines
# in $out/.syscalls.sum (KEY as in $syscall_keys), while processes $1 (and $2) still run: a
# thread's side is the process it belongs to.
sum_syscalls() {
  local m=$1 name tid count event side kind
  declare -A per
  while IFS=, read -r name count _ event _; do
    [[ $count =~ ^[0-9]+$ ]] || continue
    tid=${name##*-} name=${name%-*}
    side=send
    if ((one_process)); then side=one; elif [[ -e /proc/$m/task/$tid ]]; then side=recv; fi
    kind=$(thread_kind "$name")
    event=${event#syscalls:sys_enter_}
    per[${side}_${kind}_$event]=$(( ${per[${side}_${kind}_$event]:-0} + count ))
  done < "$out/.syscalls"
  for key in "${!per[@]}"; do echo "$key ${per[$key]}"; done > "$out/.syscalls.sum"
}

# The sums of sum_syscalls as " sys_KEY=N" per 1000 of the $1 messages that passed in the
# window, for the keys in $syscall_keys (0 where none was made); nothing without --syscalls.
syscall_fields() {
  ((syscalls)) || return 0
  awk -v msgs="$1" -v keys="$syscall_keys" '
    { n[$1] = $2 }
    END { k = split(keys, key, " "); for (i = 1; i <= k; i++) printf " sys_%s=%.2f", key[i], n[key[i]] * 1000 / msgs }
  ' "$out/.syscalls.sum"
}

# The threads a run's line reports ("side thread" as snapshot prints them), and their names there.
if ((one_process)); then
  for impl in $impls; do
    [[ $impl != *+* ]] || { echo "thread-cpu: --one-process runs one implementation per cell, not $impl" >&2; exit 2; }
  done
  thread_keys="one app,one peer,one io,one other" thread_labels="recv_app,send_app,io,other"
else
  thread_keys="recv app,recv io,send app,send io,recv other,send other"
  thread_labels="recv_app,recv_io,send_app,send_io,recv_other,send_other"
fi
# With --syscalls: the calls counted, and those a run's line reports (side_thread_call; see syscall_fields).
syscall_events=syscalls:sys_enter_write,syscalls:sys_enter_read,syscalls:sys_enter_poll,syscalls:sys_enter_epoll_wait
syscall_events+=,syscalls:sys_enter_sendto,syscalls:sys_enter_recvfrom
if ((one_process)); then
  syscall_keys="one_peer_write one_peer_poll one_app_poll one_io_epoll_wait one_io_sendto one_io_recvfrom"
  syscall_headers="send app write,send app poll,recv app poll,I/O epoll_wait,I/O sendto,I/O recvfrom"
else
  syscall_keys="send_app_write send_app_poll recv_app_poll send_io_epoll_wait send_io_sendto recv_io_recvfrom"
  syscall_headers="send app write,send app poll,recv app poll,send I/O epoll_wait,send I/O sendto,recv I/O recvfrom"
fi

if [[ -z $pool ]]; then
  for rep in $(seq "$reps"); do
    for cell in $cells; do
      for impl in $impls; do
        run "$impl" "${cell%%:*}" "${cell##*:}" "$rep"
      done
    done
  done
fi
rm -f "$out"/.before "$out"/.after "$out"/.measure.out "$out"/.measure.err "$out"/.syscalls "$out"/.syscalls.sum

# Prints the medians per cell and implementation as a Markdown table: a column per field of a
# run's line in $1 ("a+b": the sum of two medians), headed by $2, each formatted with $3.
median_table() {
  awk -v columns="$1" -v headers="$2" -v format="$3" '
  function median(list,   v, n, i, j, t) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j] + 0 < v[j - 1] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  {
    for (i = 1; i <= NF; i++) { eq = index($i, "="); f[substr($i, 1, eq - 1)] = substr($i, eq + 1) }   # an impl may hold "="
    row = f["transport"] " " f["size"] " B | " f["impl"]
    if (!(row in seen)) { seen[row] = 1; order[++rows] = row }
    for (k in f) if (k != "impl" && k != "transport" && k != "size" && k != "rep") vals[row, k] = vals[row, k] " " f[k]
  }
  END {
    n = split(columns, column, ","); split(headers, header, ",")
    line = "| cell | impl |"; rule = "|---|---|"
    for (c = 1; c <= n; c++) { line = line " " header[c] " |"; rule = rule "---:|" }
    print line; print rule
    for (r = 1; r <= rows; r++) {
      line = "| " order[r] " |"
      for (c = 1; c <= n; c++) {
        m = split(column[c], part, "+"); sum = 0
        for (i = 1; i <= m; i++) sum += median(vals[order[r], part[i]])
        line = line sprintf(" " format " |", sum)
      }
      print line
    }
  }' "$raw"
}

# The CPU table, and with --syscalls the system calls per 1000 messages.
if ((one_process)); then
  median_table "msgs_per_s,recv_app,send_app,io,other,total,steal" \
    "msgs/s,recv app,send app,I/O,other,total (ns/msg),steal %" "%d"
else
  median_table "msgs_per_s,recv_app,recv_io,send_app,send_io,recv_other+send_other,total,steal" \
    "msgs/s,recv app,recv I/O,send app,send I/O,other,total (ns/msg),steal %" "%d"
fi
if ((syscalls)); then
  echo
  echo "System calls per 1000 messages, medians:"
  echo
  median_table "$(printf 'sys_%s\n' $syscall_keys | paste -sd,)" "$syscall_headers" "%.2f"
fi
