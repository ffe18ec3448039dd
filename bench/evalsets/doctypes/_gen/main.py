import sys, os, csv
sys.path.insert(0, os.path.dirname(__file__))
from common import *
from cases import CASES, OUTPT
import render_clinical as rc, surg, diag, admin

OUT = "/work/evalsets/doctypes"
jobs = []  # (loinc, typename, fn)
def add(loinc, tname, fn): jobs.append((loinc, tname, fn))

def cyc(styles, n):
    lst = [styles[i % len(styles)] for i in range(n)]; R.shuffle(lst); return lst

import hand2, hand3, hand4
from hand1 import HAND
import collections
HC = collections.Counter(h[0] for h in HAND)
TARGET = {"18842-5":30,"11488-4":30,"34117-2":30,"11506-3":32,"11504-8":30,"18748-4":30,"34111-5":30,"28570-0":20,"11502-2":20,"11526-1":20,"57133-1":20,"59284-0":10,"64290-0":10,"57833-6":10,"42348-3":10,"101904-1":10}
def N(loinc): return TARGET[loinc] - HC[loinc]
cases = CASES[:]
# Discharge 30
for i, st in enumerate(cyc(["dictated","dictated","terse","terse","untitled","letter","ocr","transfer"], N("18842-5"))):
    c = cases[i % len(cases)]
    add("18842-5","Discharge summary", lambda c=c, st=st: rc.discharge(c, st))
# H&P 30
hp_cases = [c for c in cases]
for i, st in enumerate(cyc(["dictated","dictated","terse","terse","untitled","ocr","preop"], N("34117-2"))):
    if st=="preop":
        c = pick([x for x in cases if x['key'] in ('tkr','hipfx','pancreatitis','nstemi','appy')])
    else:
        c = hp_cases[(i*7) % len(hp_cases)]
    add("34117-2","History and physical note", lambda c=c, st=st: rc.hp(c, st))
# Consult 30
for i, st in enumerate(cyc(["dictated","terse","terse","letter","letter","untitled","hp","ocr"], N("11488-4"))):
    c = cases[(i*5+3) % len(cases)]
    add("11488-4","Consult note", lambda c=c, st=st: rc.consult(c, st))
# Progress: 12 inpatient + 20 outpatient
for i, st in enumerate(cyc(["soap","terse","untitled","surgery"], 12)):
    if st=="surgery": c = pick([x for x in cases if x['key'] in ('appy','tkr','hipfx','pancreatitis')])
    else: c = cases[(i*3+1) % len(cases)]
    add("11506-3","Progress note", lambda c=c, st=st: rc.progress_inpt(c, st))
for i, st in enumerate(cyc(["soap","soap","full","full","letter","terse","untitled"], N("11506-3")-12)):
    o = OUTPT[i % len(OUTPT)]
    add("11506-3","Progress note", lambda o=o, st=st: rc.progress_outpt(o, st))
# ED 30: 22 admitted, 8 minor
edc = [c for c in cases if c['key']!='tkr']
for i, st in enumerate(cyc(["dictated","dictated","terse","terse","untitled","ocr"], N("34111-5")-8)):
    c = edc[(i*2) % len(edc)]
    add("34111-5","Emergency department note", lambda c=c, st=st: rc.ed(c, st))
for i, st in enumerate(cyc(["dictated","terse","terse","ocr"], 8)):
    m = rc.ED_MINOR[i % len(rc.ED_MINOR)]
    add("34111-5","Emergency department note", lambda m=m, st=st: rc.ed(None, st, minor=m))
# Operative 30
for i, st in enumerate(cyc(["dictated","dictated","dictated","brief","untitled","ocr"], N("11504-8"))):
    o = surg.OPS[i % len(surg.OPS)]
    add("11504-8","Surgical operation note", lambda o=o, st=st: surg.op_note(o, st))
# Procedure 20
for i, st in enumerate(cyc(["dictated","terse","terse","untitled","ocr"], N("28570-0"))):
    p = surg.PROCS[i % len(surg.PROCS)]
    add("28570-0","Procedure note", lambda p=p, st=st: surg.proc_note(p, st))
# Imaging 30
for i, st in enumerate(cyc(["dictated","dictated","reason_first","reason_first","terse","untitled","ocr"], N("18748-4"))):
    im = diag.IMG[i % len(diag.IMG)]
    add("18748-4","Diagnostic imaging study", lambda im=im, st=st: diag.imaging(im, st))
# Lab 20
for i, st in enumerate(cyc(["form","form","terse","ocr"], N("11502-2"))):
    add("11502-2","Laboratory report", lambda i=i, st=st: diag.lab(i, st))
# Pathology 20
for i, st in enumerate(cyc(["dictated","dictated","terse","ocr","untitled"], N("11526-1"))):
    pa = diag.PATH[i % len(diag.PATH)]
    add("11526-1","Pathology study", lambda pa=pa, st=st: diag.pathology(pa, st))
# Referral 20
for i, st in enumerate(cyc(["letter","letter","form","terse","ocr"], N("57133-1"))):
    add("57133-1","Referral note", lambda i=i, st=st: admin.referral(i, st))
for i, st in enumerate(cyc(["form","form","terse","ocr"], N("59284-0"))):
    add("59284-0","Consent document", lambda i=i, st=st: admin.consent(i, st))
for i, st in enumerate(cyc(["form","form","ocr","ocr"], N("64290-0"))):
    add("64290-0","Health insurance card", lambda i=i, st=st: admin.insurance(i, st))
for i, st in enumerate(cyc(["form","terse","form","ocr"], N("57833-6"))):
    add("57833-6","Prescription for medication", lambda i=i, st=st: admin.prescription(i, st))
for i, st in enumerate(cyc(["form","form","form","ocr"], N("42348-3"))):
    add("42348-3","Advance directive", lambda i=i, st=st: admin.advance_directive(i, st))
for i, st in enumerate(cyc(["form","form","form","ocr"], N("101904-1"))):
    add("101904-1","Release of information request", lambda i=i, st=st: admin.roi(i, st))

for h in HAND:
    add(h[0], h[1], (lambda h=h: (h[4], h[2], h[3])))
R.shuffle(jobs)
rows = []
for n, (loinc, tname, fn) in enumerate(jobs, 1):
    text, setting, style = fn()
    fname = f"{n:04d}.txt"
    with open(os.path.join(OUT, fname), "w") as fh: fh.write(text.strip()+"\n")
    rows.append(dict(file=fname, loinc=loinc, type=tname, setting=setting, style=style))
with open(os.path.join(OUT, "labels.csv"), "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=["file","loinc","type","setting","style"], lineterminator="\n"); w.writeheader(); w.writerows(rows)
print(len(rows))
