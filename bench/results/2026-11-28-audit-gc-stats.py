import json,sys,subprocess,collections
# per recording: number of young GCs, mean/median young pause, heap after young GC (first/last tenth), survivor bytes per GC by age group
for f in sys.argv[1:]:
    out=subprocess.run(['jfr','print','--json','--events','jdk.GCHeapSummary,jdk.TenuringDistribution,jdk.GarbageCollection',f],capture_output=True,text=True).stdout
    ev=json.loads(out)['recording']['events']
    gcs={}; after={}; ten=collections.defaultdict(lambda: collections.Counter())
    for e in ev:
        v=e['values']
        if e['type']=='jdk.GarbageCollection': gcs[v['gcId']]=(v['name'], v['sumOfPauses'])
        elif e['type']=='jdk.GCHeapSummary' and v['when']=='After GC': after[v['gcId']]=v['heapUsed']
        elif e['type']=='jdk.TenuringDistribution': ten[v['gcId']][v['age']]+=v['size']
    def ms(d):
        # "PT0.001234S" style
        s=d; 
        if isinstance(s,str) and s.startswith('PT'): return float(s[2:-1])*1000
        return float(s)/1e6
    young=[g for g,(n,p) in gcs.items() if n=='DefNew']
    old=[g for g,(n,p) in gcs.items() if n!='DefNew']
    yp=sorted(ms(gcs[g][1]) for g in young)
    young.sort(); n=len(young)
    first=[after[g]/1e6 for g in young[n//10:n//5] if g in after]; last=[after[g]/1e6 for g in young[-n//10:] if g in after]
    a1=sum(ten[g][1] for g in young)/n/1e3; a2=sum(ten[g][2] for g in young)/n/1e3; a3=sum(sum(c for a,c in ten[g].items() if a>=3) for g in young)/n/1e3
    print(f"{f}: young GCs {n}, pause mean {sum(yp)/n:.2f} ms median {yp[n//2]:.2f} ms total {sum(yp)/1000:.2f} s; old GCs {len(old)} total {sum(ms(gcs[g][1]) for g in old)/1000:.2f} s;"
          f" heap after young GC {sum(first)/len(first):.1f} MB (2nd tenth) -> {sum(last)/len(last):.1f} MB (last tenth), max {max(after[g] for g in young)/1e6:.1f};"
          f" survivors per young GC: age1 {a1:.0f} KB, age2 {a2:.0f} KB, age>=3 {a3:.0f} KB")
