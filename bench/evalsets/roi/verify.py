#!/usr/bin/env python3
"""Verify labels.jsonl against pages/ and print counts."""
import json, collections, os
ROOT = os.path.dirname(os.path.abspath(__file__))
TYPES = "name geographic date phone fax email ssn mrn health-plan account license vehicle device url ip biometric photo other-id".split()
bt, bw, btw = collections.Counter(), collections.Counter(), collections.Counter()
bad = 0; n = 0
for line in open(os.path.join(ROOT, 'labels.jsonl')):
    o = json.loads(line); n += 1
    text = open(os.path.join(ROOT, 'pages', o['page'])).read()
    if not os.path.exists(os.path.join(ROOT, 'pages', o['page'][:-4] + '.png')): print("PNG MISSING", o['page']); bad += 1
    wc = len(text.split())
    if not 150 <= wc <= 450: print("WORDCOUNT", o['page'], wc); bad += 1
    p = o['patient']
    if p['mrn'] not in text: print("PATIENT MRN MISSING", o['page'])
    for r in o['redact']:
        if r['text'] not in text: print("MISSING", o['page'], r); bad += 1
        if r['type'] not in TYPES or r['whose'] not in ('other','patient'): print("BADLABEL", o['page'], r); bad += 1
        bt[r['type']] += 1; bw[r['whose']] += 1; btw[(r['type'], r['whose'])] += 1
    for k in o['keep']:
        if k not in text: print("KEEP MISSING", o['page'], k); bad += 1
        for r in o['redact']:
            if k == r['text']: print("KEEP==REDACT", o['page'], k); bad += 1
size = sum(os.path.getsize(os.path.join(ROOT, 'pages', f)) for f in os.listdir(os.path.join(ROOT, 'pages')))
print(f"pages/ total size: {size/1e6:.2f} MB")
print(f"pages: {n}, redact labels: {sum(bt.values())}, problems: {bad}")
print("per type (total / other / patient):")
for t in TYPES:
    flag = "" if bt[t] >= 5 else "   <-- fewer than 5"
    print(f"  {t:12s} {bt[t]:4d} {btw[(t,'other')]:4d} {btw[(t,'patient')]:4d}{flag}")
print("per whose:", dict(bw))
