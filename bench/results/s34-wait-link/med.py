import collections,statistics,sys
d=collections.defaultdict(list)
for l in open(sys.argv[1]):
    if 'msgs_per_s=' not in l: continue
    k,v=l.rsplit(' ',1); d[k].append(int(v.split('=')[1]))
for k,v in d.items(): print(f"{statistics.median(v)/1e6:.2f}M n={len(v)} q1={sorted(v)[len(v)//4]/1e6:.2f} q3={sorted(v)[3*len(v)//4]/1e6:.2f}  {k[-70:]}")
