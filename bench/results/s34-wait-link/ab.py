import sys,importlib.util,statistics,collections
spec=importlib.util.spec_from_file_location('jw','jitwin_lib.py'); jw=importlib.util.module_from_spec(spec); spec.loader.exec_module(jw)
transport,size,count,warm,pin,reps=sys.argv[1],sys.argv[2],int(sys.argv[3]),int(sys.argv[4]),int(sys.argv[5]),int(sys.argv[6])
variants=sys.argv[7:]  # impl:jar
res=collections.defaultdict(list)
for r in range(reps):
    for v in variants:
        impl,jar=v.split(':',1)
        rate,inwin,top=jw.run(impl,transport,size,count,warm,pin,jar)
        res[v].append((rate,inwin)); print(f"{v[-30:]} {rate/1e6:.2f}M c2-in-window={inwin:.3f} {top}",flush=True)
for v,l in res.items():
    print(f"{v[-30:]}: median {statistics.median(x[0] for x in l)/1e6:.2f}M  rates {sorted(round(x[0]/1e6,2) for x in l)}  median in-window {statistics.median(x[1] for x in l):.3f}")
