import json, sys, subprocess, collections
f = sys.argv[1]
markers = sys.argv[2].split(',') if len(sys.argv) > 2 else []
out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '200', '--events', 'jdk.ExecutionSample,jdk.NativeMethodSample', f], capture_output=True, text=True).stdout
data = json.loads(out)
events = data['recording']['events']
n = 0; inc = collections.Counter(); top = collections.Counter(); lk = collections.Counter()
for e in events:
    frames = e['values']['stackTrace']['frames'] if e['values'].get('stackTrace') else []
    names = [(fr['method']['type']['name'] + '.' + fr['method']['name']).replace('/', '.') for fr in frames]
    n += 1
    if names: top[names[0]] += 1
    seen = set()
    for m in markers:
        if any(m in x for x in names): inc[m] += 1
    for x in names:
        if x.startswith('dev.latchkey'):
            lk[x] += 1; break
print('samples', n)
for m in markers: print(f'{inc[m]/n*100:6.1f}%  {m}')
print('--- first dev.latchkey frame')
for k, v in lk.most_common(25): print(f'{v/n*100:6.1f}%  {k}')
print('--- top frames')
for k, v in top.most_common(15): print(f'{v/n*100:6.1f}%  {k}')
