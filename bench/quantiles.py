#!/usr/bin/env python3
"""Pools the thr cells of several throughput.sh runs (bench/results/DIR/throughput.txt) and
compares zmq-ffm and the FFM floor with C at the 25th, 50th and 75th percentile of each cell's
runs: small-frame cells are bimodal on this machine (a run either lands in a fast scheduling
mode or not), and a ratio of medians mixes the two modes.

Usage: python3 bench/quantiles.py bench/results/RUN1 [bench/results/RUN2 ...]
"""
import collections
import sys
runs = sys.argv[1:]
data = collections.defaultdict(list)
for r in runs:
    for line in open(f'{r}/throughput.txt'):
        kv = dict(x.split('=',1) for x in line.split() if '=' in x)
        if kv.get('pattern')!='thr': continue
        key=(kv['procs'], kv['pinned'], kv['transport'], int(kv['size']))
        data[(key, kv['impl'])].append(float(kv['msgs_per_s']))
def q(v,p):
    v=sorted(v); i=(len(v)-1)*p; lo=int(i); hi=min(lo+1,len(v)-1); return v[lo]+(v[hi]-v[lo])*(i-lo)
keys=sorted({k for k,_ in data})
print("cell | C p25/p50/p75 (M) | C max/min | zmq-ffm/C at p25, p50, p75 | floor/C at p25, p50, p75")
n25=n50=n75=0; f25=f50=f75=0
for k in keys:
    c=data[(k,'c')]; z=data[(k,'zmq-ffm')]; f=data.get((k,'raw-ffm'),[])
    if not c or not z: continue
    r=[q(z,p)/q(c,p) for p in (.25,.5,.75)]
    fr=[q(f,p)/q(c,p) for p in (.25,.5,.75)] if f else [0,0,0]
    n25+=r[0]>=.95; n50+=r[1]>=.95; n75+=r[2]>=.95
    f25+=fr[0]>=.95; f50+=fr[1]>=.95; f75+=fr[2]>=.95
    print(f"{'2proc' if k[0]=='2' else '1proc'} {'pinned' if k[1]=='1' else 'unpinned'} {k[2]} {k[3]} | {q(c,.25)/1e6:.2f}/{q(c,.5)/1e6:.2f}/{q(c,.75)/1e6:.2f} | {max(c)/min(c):.1f} | {r[0]:.2f} {r[1]:.2f} {r[2]:.2f} | {fr[0]:.2f} {fr[1]:.2f} {fr[2]:.2f}  (n={len(c)},{len(z)})")
print(f"cells >=0.95: zmq-ffm p25 {n25}, p50 {n50}, p75 {n75}; floor p25 {f25}, p50 {f50}, p75 {f75}")
