import re,sys
x=open(sys.argv[1],errors='replace').read(); rate=float(sys.argv[2]); count=int(sys.argv[3])
end=max(float(s) for s in re.findall(r"stamp='([\d.]+)'",x))
w0=end-count/rate
print(f"end {end:.2f} window from {w0:.2f}")
for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done([^>]*)>",x,re.S):
    a,b,d=m.groups()
    s=float(re.search(r"stamp='([\d.]+)'",a).group(1)); e=float(re.search(r"stamp='([\d.]+)'",d).group(1))
    lvl=re.search(r"level='(\d)'",a); lvl=lvl.group(1) if lvl else '4'
    if lvl!='4' or e-s<0.01 or e < w0-0.8: continue
    meth=re.search(r"method='([^']*)'",a).group(1).split(' ')[0:2]
    print(f"{s:.2f}-{e:.2f} {e-s:.3f} {'osr ' if 'osr_bci' in a else ''}{meth[0].split('.')[-1]} {meth[1]}")
