import re, json, glob, importlib, sys, collections, os
sys.path.insert(0, os.path.dirname(__file__))
import p1
for f in sorted(glob.glob(os.path.join(os.path.dirname(__file__), 'p[0-9]*.py'))):
    m = os.path.basename(f)[:-3]
    if m != 'p1': importlib.import_module(m)
TYPES = set("name geographic date phone fax email ssn mrn health-plan account license vehicle device url ip biometric photo other-id".split())
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tok = re.compile(r'<<([a-z-]+)(?::([op]))?\|(.*?)>>', re.S)
out = []
STYLES = {}
for i, pg in enumerate(p1.PAGES, 1):
    redact, keep = [], []
    def sub(m):
        t, w, s = m.group(1), m.group(2), m.group(3)
        if t == 'keep': keep.append(s)
        else:
            assert t in TYPES, t
            redact.append({"text": s, "type": t, "whose": "other" if w == 'o' else "patient"})
        return s
    text = tok.sub(sub, pg['text'])
    assert '<<' not in text and '>>' not in text, i
    name = f"{i:03d}.txt"
    open(f"{ROOT}/pages/{name}", 'w').write(text)
    def dd(r):
        seen=set(); o=[]
        for x in r:
            k=json.dumps(x,sort_keys=True)
            if k not in seen: seen.add(k); o.append(x)
        return o
    if pg.get('style'): STYLES[name] = pg['style']
    out.append({"page": name, "patient": {"name": pg['name'], "mrn": pg['mrn'], "dob": pg['dob']}, "redact": dd(redact), "keep": list(dict.fromkeys(keep))})
with open(f"{ROOT}/labels.jsonl", 'w') as f:
    for o in out: f.write(json.dumps(o, ensure_ascii=False) + "\n")
for f in glob.glob(f"{ROOT}/pages/*.txt"):
    if os.path.basename(f) not in {o['page'] for o in out}: os.remove(f)
with open(f"{ROOT}/src/styles.json", 'w') as f: json.dump(STYLES, f, indent=0, sort_keys=True)
