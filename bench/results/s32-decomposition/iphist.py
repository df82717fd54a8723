"""Histograms ipprof.sh's samples: per thread, per JIT method and DSO, and the hottest instruction offsets in the loops."""
import sys,collections,re,subprocess
out=sys.argv[1]
ranges=[]
for line in open(out+'/map.txt'):
    a,s,name=line.rstrip('\n').split(' ',2)
    ranges.append((int(a,16),int(s,16),name))
tot=collections.Counter(); byfn=collections.Counter(); ipc=collections.Counter(); dso=collections.Counter()
for l in open(out+'/script.txt'):
    p=l.split(None,2)
    if len(p)<2: continue
    t=p[0]; ip=int(p[1],16); tot[t]+=1
    rest=p[2] if len(p)>2 else ''
    hit=None
    for a,s,n in ranges:
        if a<=ip<a+s: hit=(a,n); break
    if hit:
        byfn[(t,hit[1].split('(')[0].split('.')[-1], hex(hit[0]))]+=1
        if 'Chunk' in hit[1]: ipc[(t,hit[0],ip-hit[0])]+=1
    else:
        m=re.search(r'\((\S+)\)\s*$',rest); dso[(t,m.group(1).split('/')[-1] if m else '?')]+=1
print('samples per thread', dict(tot))
for k,v in byfn.most_common(8): print('jit', k, v, f'{100*v/tot[k[0]]:.1f}%')
for k,v in dso.most_common(12): print('dso', k, v, f'{100*v/tot[k[0]]:.1f}%')
print('hot ips (thread, code, offset, samples, % of thread):')
for (t,a,o),v in ipc.most_common(14): print(' ', t, hex(a), hex(o), v, f'{100*v/tot[t]:.1f}%')
