#!/usr/bin/python3
"""CPU nanoseconds per frame, per thread role and per kind of code, from `perf script` of a perf-tool run.

Usage: perf script -F comm,pid,tid,period,ip,sym,dso | bench/profile.py --line LINE --seconds S --pid PID
       bench/profile.py --summarize FILE.txt...   (a table of several breakdowns, see summarize())

bench/profile.sh runs it. LINE is the perf tool's result line (its msgs_per_s is the rate during
the sampled window of S seconds), so frames in the window = msgs_per_s x S, and each sample's
period (cpu-clock nanoseconds) divided by that is its share of one frame. Threads are sorted into
roles: the receiving (measuring, PULL) end, the sending (peer, PUSH) end, libzmq's I/O thread,
and the rest (JIT compilers, GC: warm-up and housekeeping, not per frame). Each sample counts
for the kind of code it was in: a system call (named from the call chain), the kernel otherwise,
libzmq, libc, the JIT's compiled Java code, the JVM's stubs and runtime, jzmq's JNI library.
Python 3 standard library only.
"""
import argparse
import re
import sys
from collections import defaultdict

SYSCALL = re.compile(r"^(?:__x64_sys_|__se_sys_|__do_sys_|ksys_)(\w+)")


def role(comm, pid, tid):
    if comm.startswith("ZMQbg/IO"):
        return "I/O thread"
    if comm == "perf-peer" or (comm == "perf-c" and tid != pid):
        return "send side (PUSH peer)"
    if (comm in ("java", "main") and tid != pid) or (comm == "perf-c" and tid == pid):
        return "receive side (PULL, measuring)"
    return "other threads (JIT, GC, reaper)"


def kind(frames):
    """The kind of code of a sample, from its call chain (leaf first): [(symbol, dso)]."""
    for sym, _ in frames:
        m = SYSCALL.match(sym)
        if m:
            return "kernel: " + m.group(1)
    sym, dso = frames[0] if frames else ("?", "?")
    if "kernel" in dso:
        return "kernel: other (interrupts, scheduling)"
    if "libzmq" in dso:
        return "libzmq"
    if "libjzmq" in dso:
        return "jzmq JNI library"
    if "libc" in dso or "ld-linux" in dso:
        if "mem" in sym:
            return "libc memcpy/memmove"
        if any(name in sym for name in ("malloc", "free", "_int_", "chunk", "consolidate", "tcache")):
            return "libc malloc/free (libzmq's message buffers)"
        return "libc other"
    if "libjvm" in dso:
        return "JVM runtime (libjvm)"
    if dso.startswith("perf-") or dso.endswith(".map") or dso == "[unknown]" or "jitted" in dso:
        low = sym.lower()
        if "stub" in low or "nep_invoker" in low or "downcall" in low or "native" in low:
            return "JVM stubs (downcall/upcall, runtime stubs)"
        if "interpreter" in low:
            return "interpreter"
        return "Java, JIT-compiled"
    return dso


def samples(stream):
    """(comm, pid, tid, period, [(sym, dso)]) for each sample of `perf script` output with call chains."""
    header, frames = None, []
    for raw in stream:
        line = raw.rstrip("\n")
        if not line.strip():
            if header:
                yield (*header, frames)
            header, frames = None, []
            continue
        if not line.startswith((" ", "\t")):
            m = re.match(r"^(.*?)\s+(\d+)/(\d+)\s+(\d+)", line)
            if m:
                header = (m.group(1).strip(), int(m.group(2)), int(m.group(3)), int(m.group(4)))
                frames = []
            continue
        m = re.match(r"^\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$", line)
        if m:
            sym = re.sub(r"\+0x[0-9a-f]+$", "", m.group(1))
            frames.append((sym, m.group(2)))
    if header:
        yield (*header, frames)


GROUPS = [("libzmq", ("libzmq", "libc")),
          ("Java (JIT-compiled binding and loop)", ("Java", "interpreter")),
          ("downcall stubs (transitions, errno capture)", ("JVM stubs",)),
          ("JVM runtime", ("JVM runtime",)),
          ("jzmq JNI library", ("jzmq",)),
          ("kernel: socket I/O", ("kernel: sendto", "kernel: recvfrom", "kernel: epoll")),
          ("kernel: waits and wake-ups", ("kernel",))]


def group(kind_name):
    """The coarse group of a kind of code: libzmq (with the malloc/free/memcpy it calls), the binding, the kernel."""
    for name, prefixes in GROUPS:
        if kind_name.startswith(prefixes):
            return name
    return "the tool's own loop" if "perf-c" in kind_name else kind_name


def summarize(paths):
    """One line per (cell, thread role): CPU ns per frame by group, the mean over the breakdowns
    given (repetitions); a breakdown whose window missed part of the run (a side under 20 ns per
    frame, or a side missing) is left out and named."""
    totals, groups = defaultdict(list), defaultdict(lambda: defaultdict(float))
    for path in paths:
        text = open(path).read().splitlines()
        fields = dict(p.split("=", 1) for p in text[0].split() if "=" in p)
        cell = (fields["transport"], "pinned" if "pinned" in path else "unpinned", fields["impl"])
        sides = {m.group(1): float(m.group(2)) for line in text
                 if (m := re.match(r"^  (.*?): ([\d.]+) ns per frame", line))}
        if len([r for r in sides if "side" in r]) < 2 or min(v for r, v in sides.items() if "side" in r) < 20:
            print(f"left out (window missed the run): {path}")
            continue
        role = None
        for line in text:
            m = re.match(r"^  (.*?): ([\d.]+) ns per frame", line)
            if m:
                role = m.group(1)
                totals[cell + (role,)].append(float(m.group(2)))
            elif line.startswith("    top"):
                role = None
            elif role and (m := re.match(r"^\s+([\d.]+)  (.*)$", line)):
                groups[cell + (role,)][group(m.group(2))] += float(m.group(1))
    print("| transport | setup | impl | thread | CPU ns per frame | of which |")
    print("|---|---|---|---|---:|---|")
    for key in sorted((k for k in totals if "side" in k[3] or "I/O" in k[3]), key=lambda k: (k[0], k[1], k[3], k[2])):
        n = len(totals[key])
        parts = sorted(groups[key].items(), key=lambda kv: -kv[1])
        print(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {sum(totals[key]) / n:.0f} (n={n}) | "
              + "; ".join(f"{name} {v / n:.0f}" for name, v in parts if v / n >= 0.5) + " |")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--summarize":
        summarize(sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--line", required=True)
    ap.add_argument("--seconds", type=float, required=True)
    ap.add_argument("--freq", type=float, default=0)
    ap.add_argument("--pid", type=int, default=0)
    ap.add_argument("--top", type=int, default=10)
    a = ap.parse_args()
    fields = dict(p.split("=", 1) for p in a.line.split() if "=" in p)
    rate = float(fields["msgs_per_s"])
    frames_in_window = rate * a.seconds
    by_kind = defaultdict(lambda: defaultdict(float))
    by_sym = defaultdict(lambda: defaultdict(float))
    total = defaultdict(float)
    for comm, pid, tid, period, chain in samples(sys.stdin):
        r = role(comm, pid, tid)
        k = kind(chain)
        ns = period / frames_in_window
        by_kind[r][k] += ns
        leaf = chain[0] if chain else ("?", "?")
        by_sym[r][f"{leaf[0]} [{leaf[1].rsplit('/', 1)[-1]}]"] += ns
        total[r] += ns
    print(f"{a.line}")
    print(f"window {a.seconds:g} s, {frames_in_window:,.0f} frames at {rate:,.0f}/s: "
          f"{1e9 / rate:.1f} ns of wall time per frame")
    print("CPU ns per frame by thread and kind of code (cpu-clock samples x period / frames):")
    for r in sorted(total, key=lambda x: -total[x]):
        print(f"\n  {r}: {total[r]:.1f} ns per frame")
        for k, v in sorted(by_kind[r].items(), key=lambda kv: -kv[1]):
            if v >= 0.05:
                print(f"    {v:7.1f}  {k}")
        print("    top leaf symbols:")
        for s, v in sorted(by_sym[r].items(), key=lambda kv: -kv[1])[:a.top]:
            print(f"    {v:7.1f}  {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
