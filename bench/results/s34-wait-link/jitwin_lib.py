import re,subprocess,collections
J='/usr/lib/jvm/temurin-25-jdk-amd64/bin/java'
def run(impl, transport, size, count, warm, pin, jar):
    log=f'/tmp/ab-{impl}.log'
    cmd=(['taskset','-c','0'] if pin else [])+[J,'-XX:+UnlockDiagnosticVMOptions','-XX:+LogCompilation',f'-XX:LogFile={log}','-jar',jar,f'impl={impl}','pattern=thr',f'transport={transport}',f'size={size}',f'count={count}',f'warmup={warm}']
    out=subprocess.run(cmd,capture_output=True,text=True).stdout
    rate=float(re.search(r'msgs_per_s=(\d+)',out).group(1))
    x=open(log,errors='replace').read()
    end=max(float(s) for s in re.findall(r"stamp='([\d.]+)'",x))
    w0=end-count/rate; inwin=0; top=collections.Counter()
    for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done[^>]*stamp='([\d.]+)'",x,re.S):
        a,b,d=m.groups(); s=float(re.search(r"stamp='([\d.]+)'",a).group(1)); d=float(d)
        if "level='4'" in a or 'level=' not in a:
            ov=max(0,min(d,end)-max(s,w0)); inwin+=ov
            if ov>0.005: top[re.search(r"method='[^ ]*\.([^ .]* [^ ]*)",a).group(1)]+=ov
    return rate,inwin,' '.join(f"{k}:{v:.2f}" for k,v in top.most_common(3))
