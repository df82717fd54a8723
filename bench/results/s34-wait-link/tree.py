import re,sys
x=open(sys.argv[1],errors='replace').read()
target=sys.argv[2]; maxdepth=int(sys.argv[3]) if len(sys.argv)>3 else 3
for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done([^>]*)>",x,re.S):
    a,body,d=m.groups()
    if target not in a or not (("level='4'" in a) or 'level=' not in a): continue
    s=float(re.search(r"stamp='([\d.]+)'",a).group(1)); e=float(re.search(r"stamp='([\d.]+)'",d).group(1))
    print(f"== {target} {e-s:.3f}s", re.search(r"inlined_bytes='(\d+)'",d).group(0))
    meths={}; klass=dict(re.findall(r"<klass id='(\d+)' name='([^']*)'",body))
    for mm in re.finditer(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'[^>]*bytes='(\d+)'",body):
        meths[mm.group(1)]=(klass.get(mm.group(2),'?').split('/')[-1]+'.'+mm.group(3),int(mm.group(4)))
    stack=[]; nodes=[]
    for t in re.finditer(r"<parse method='(\d+)'|</parse>",body):
        if t.group(1):
            n={'name':meths.get(t.group(1),('?',0))[0],'bytes':meths.get(t.group(1),('?',0))[1],'kids':[]}
            (stack[-1]['kids'] if stack else nodes).append(n); stack.append(n)
        else: stack.pop()
    def incl(n): return n['bytes']+sum(incl(k) for k in n['kids'])
    def show(n,dep):
        if dep>maxdepth: return
        print('  '*dep+f"{incl(n)} {n['name']} ({n['bytes']})")
        for k in sorted(n['kids'],key=incl,reverse=True):
            if incl(k)>=60: show(k,dep+1)
    for n in nodes: show(n,0)
    break
