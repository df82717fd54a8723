"""Medians of bench/thread-cpu.sh runs, one row per cell: rates, zmq-ffm / C, floor / C, and the
CPU per message of each application thread (usage: python3 steady-table.py steady-*.txt; each
file a thread-cpu.txt, named 2p-... or steady-2p-... for a two-process cell)."""
import re, statistics, sys, collections

rows = collections.defaultdict(lambda: collections.defaultdict(list))
for path in sys.argv[1:]:
    mode = '2p' if '2p-' in path.rsplit('/', 1)[-1] else '1p'
    for line in open(path):
        f = dict(kv.split('=', 1) for kv in line.split() if '=' in kv)
        cell = (mode, f['transport'], int(f['size']))
        for k in ('msgs_per_s', 'recv_app', 'send_app', 'io', 'total'):
            if k in f:
                rows[cell][f['impl'] + ' ' + k].append(float(f[k]))

def med(cell, impl, key):
    v = rows[cell].get(impl + ' ' + key)
    return statistics.median(v) if v else float('nan')

order = {'inproc': 0, 'ipc': 1, 'tcp': 2}
print('| setup | cell | C msgs/s | floor | zmq-ffm | floor / C | zmq-ffm / C | zmq-ffm / floor |'
      ' recv app ns: floor / zmq-ffm | send app ns: floor / zmq-ffm | runs |')
print('|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|')
for cell in sorted(rows, key=lambda c: (c[0], order[c[1]], c[2])):
    c, f, z = (med(cell, i, 'msgs_per_s') for i in ('c', 'raw-ffm', 'zmq-ffm'))
    n = len(rows[cell]['zmq-ffm msgs_per_s'])
    print(f"| {'one process' if cell[0] == '1p' else 'two processes'} | {cell[1]} {cell[2]} B | {c/1e6:.2f} M | "
          f"{f/1e6:.2f} M | {z/1e6:.2f} M | {f/c:.2f} | {z/c:.2f} | {z/f:.2f} | "
          f"{med(cell, 'raw-ffm', 'recv_app'):.0f} / {med(cell, 'zmq-ffm', 'recv_app'):.0f} | "
          f"{med(cell, 'raw-ffm', 'send_app'):.0f} / {med(cell, 'zmq-ffm', 'send_app'):.0f} | {n} |")
