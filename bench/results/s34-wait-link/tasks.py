import re,sys,collections
x=open(sys.argv[1],errors='replace').read()
rows=[]
for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done([^>]*)>",x,re.S):
    a,b,d=m.groups()
    s=float(re.search(r"stamp='([\d.]+)'",a).group(1)); e=float(re.search(r"stamp='([\d.]+)'",d).group(1))
    lvl=re.search(r"level='(\d)'",a); lvl=lvl.group(1) if lvl else '4'
    ib=re.search(r"inlined_bytes='(\d+)'",d); ib=int(ib.group(1)) if ib else 0
    meth=re.search(r"method='([^']*)'",a).group(1).split(' ')[0:2]
    osr='osr' if 'osr_bci' in a else ''
    rows.append((e-s,lvl,s,ib,'.'.join(meth[0].split('.')[-1:])+' '+meth[1],osr))
tot=collections.Counter()
for r in rows: tot[r[1]]+=r[0]
print('total by level',{k:round(v,2) for k,v in tot.items()}, 'n',len(rows))
for r in sorted(rows,reverse=True)[:int(sys.argv[2])]:
    print(f"{r[0]:.3f} L{r[1]} @{r[2]:.2f} ib={r[3]} {r[4]} {r[5]}")
