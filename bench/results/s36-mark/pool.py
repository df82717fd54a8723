"""Medians per cell and build over thread-cpu.txt files (bench/thread-cpu.sh), runs pooled.

Usage: python3 pool.py FILE...   (a build is the impl column, jar path and switches included)
"""
import statistics
import sys

runs = {}
for path in sys.argv[1:]:
    for line in open(path):
        fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
        impl = line.split()[0][len("impl="):]
        key = (fields["transport"], int(fields["size"]), impl)
        runs.setdefault(key, []).append(fields)

for (transport, size, impl), rows in sorted(runs.items()):
    med = {c: statistics.median(int(r[c]) for r in rows) for c in ("total", "send_app", "recv_app")}
    print(f"{transport} {size} B  {impl}  runs={len(rows)}  total={med['total']}  "
          f"send={med['send_app']}  recv={med['recv_app']}  ns/msg")
