import re,subprocess,sys,time,collections,os
J='/usr/lib/jvm/temurin-25-jdk-amd64/bin/java'
def jitlog(log):
    x=open(log,errors='replace').read()
    t0=int(re.search(r"<hotspot_log [^>]*time_ms='(\d+)'",x).group(1))/1000
    tasks=[]
    for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done[^>]*stamp='([\d.]+)'",x,re.S):
        a,b,d=m.groups(); s=float(re.search(r"stamp='([\d.]+)'",a).group(1))
        if "level='4'" in a or 'level=' not in a:
            tasks.append((t0+s,t0+float(d),re.search(r"method='[^ ]*\.([^ .]* [^ ]*)",a).group(1)))
    return tasks
def run(impl,transport,size,count,warm,jar,pin=True,extra=()):
    pre=['taskset','-c','0'] if pin else []
    args=[f'impl={impl}','pattern=thr',f'transport={transport}',f'size={size}',f'count={count}',f'warmup={warm}']
    lm,lp='/tmp/tp-m.log','/tmp/tp-p.log'
    m=subprocess.Popen(pre+[J,'-XX:+UnlockDiagnosticVMOptions','-XX:+LogCompilation',f'-XX:LogFile={lm}',*extra,'-jar',jar,'role=measure']+args,stdout=subprocess.PIPE,stderr=subprocess.PIPE,text=True)
    ep=None
    for line in m.stderr:
        mm=re.match(r'perf: measuring at (\S+)',line)
        if mm: ep=mm.group(1); break
    p=subprocess.Popen(pre+[J,'-XX:+UnlockDiagnosticVMOptions','-XX:+LogCompilation',f'-XX:LogFile={lp}',*extra,'-jar',jar,'role=peer',f'endpoint={ep}']+args,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
    out=m.stdout.read(); m.wait(); tend=time.time(); p.wait()
    rate=float(re.search(r'msgs_per_s=(\d+)',out).group(1))
    w0=tend-count/rate-0.05; w1=tend-0.05
    res=[]
    for name,log in (('recv',lm),('send',lp)):
        tasks=jitlog(log); c=collections.Counter()
        tot=0
        for s,d,meth in tasks:
            ov=max(0,min(d,w1)-max(s,w0)); tot+=ov
            if ov>0.005: c[meth]+=ov
        res.append(f"{name}:{tot:.3f}[{' '.join(f'{k}:{v:.2f}' for k,v in c.most_common(2))}]")
    return rate,res
transport,size,count,warm,reps=sys.argv[1],sys.argv[2],int(sys.argv[3]),int(sys.argv[4]),int(sys.argv[5])
for r in range(reps):
    for v in sys.argv[6:]:
        impl,jar=v.split(':',1); extra=()
        if '@' in jar: jar,e=jar.split('@',1); extra=tuple(e.split())
        rate,res=run(impl,transport,size,count,warm,jar,extra=extra)
        print(f"{impl} {jar[-14:]} {len(extra)} {rate/1e6:.2f}M "+' '.join(res),flush=True)
