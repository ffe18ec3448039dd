from common import *
from cases import CASES, OUTPT

ALLERG = ["NKDA","No known drug allergies","Penicillin (rash)","Sulfa (hives)","Codeine (nausea)","Lisinopril (angioedema)","Iodinated contrast (hives) - premedicate","Latex","NKA"]
SOC_OLD = ["Widowed, lives with son's family. Retired teacher. Former smoker, quit 1998. Rare alcohol.",
       "Lives with spouse in own home. Retired machinist. Former smoker, quit 10 years ago. Occasional alcohol. No illicit drugs.",
       "Lives with daughter. Independent in ADLs. Remote tobacco history. No alcohol.",
       "Lives alone, daughter nearby checks in daily. Never smoker. One glass of wine weekly."]
SOC = ["Lives with spouse. Retired machinist. Former smoker, quit 10 years ago. Occasional alcohol. No illicit drugs.",
       "Lives alone in a second-floor apartment. Drinks 1-2 beers on weekends. Never smoker.",
       "Married, works as a school bus driver. Denies tobacco, alcohol, or drug use.",
       "Lives with daughter. Independent in ADLs. Remote tobacco history. No alcohol.",
       "Works in construction. Smokes 1 ppd x 20 years. Drinks socially. Occasional marijuana.",
       "Lives with partner and two children. Works as an accountant. No tobacco. Rare alcohol."]
FAM = ["Father with MI at 61. Mother with type 2 diabetes.","Noncontributory.","Mother with breast cancer, father with COPD.","Sister with lupus. Father deceased, stroke.","No family history of early cardiac disease or malignancy.","Mother with hypertension and CKD."]
PSH = ["Cholecystectomy 2010","Appendectomy as a child","Right inguinal hernia repair","C-section x1","Tonsillectomy","None","Left carpal tunnel release","Cataract extraction OU"]

def fill(t, age, s):
    he,his,him = pr(s)
    if t.startswith("{A}"):
        ph = age_sex_phrase(age,s)
        t = ("An " if ph[0] in "8" or ph.startswith(("11-","18-")) else "A ") + t
    return t.format(A=age_sex_phrase(age,s), He=he.capitalize(), he=he, his=his, him=him, His=his.capitalize())

def soc(c, p):
    if c.get("soc"): return c["soc"]
    if p["age"] < 18: return pick(["Lives with parents and siblings. Attends school. No smoke exposure at home.","Lives with mother and grandmother. Daycare/school attendance. Secondhand smoke exposure from father."])
    return pick(SOC_OLD if p["age"]>=70 else SOC)

def ptinfo(c):
    age = R.randint(*c["ages"]); s = c["sex"] or sex()
    f,l,s = person(s)
    return dict(age=age, s=s, first=f, last=l, mrn=mrn())

def header(p, d, style, extra=None):
    dob = dob_for_age(p['age'], d)
    if style==0:
        h = f"PATIENT NAME: {p['last'].upper()}, {p['first'].upper()}\nMRN: {p['mrn']}\nDOB: {fdate(dob,0)}"
    elif style==1:
        h = f"Patient: {p['first']} {p['last']}   MRN {p['mrn']}   DOB {fdate(dob,1)}   Sex: {p['s']}"
    elif style==2:
        h = f"{p['last']}, {p['first']} | {p['age']}{p['s']} | MRN#{p['mrn']}"
    else:
        h = f"Name: {p['last']}, {p['first']}\nMedical Record #: {p['mrn']}\nAge/Sex: {p['age']} / {'Male' if p['s']=='M' else 'Female'}"
    if extra: h += "\n" + extra
    return h

def exam_block(c, v, caps=True, terse=False):
    e = c["exam"]
    if terse:
        parts = [f"VS: {vit_str(v,1)}", f"Gen: {e['gen']}", f"HEENT: NCAT, MMM" , f"CV: {e['cv']}", f"Pulm: {e['lungs']}", f"Abd: {e['abd']}", f"Ext: {e['ext']}"]
        if 'neuro' in e: parts.append(f"Neuro: {e['neuro']}")
        else: parts.append("Neuro: A&Ox3, no focal deficits")
        return "\n".join(parts)
    lab = (lambda x: x.upper()) if caps else (lambda x: x)
    parts = [f"{lab('Vital signs')}: {vit_str(v,R.randint(0,2))}.", f"{lab('General')}: {e['gen']}.", f"{lab('HEENT')}: Normocephalic, atraumatic. Pupils equal and reactive. Oropharynx clear.",
             f"{lab('Neck')}: Supple.", f"{lab('Cardiovascular')}: {e['cv']}.", f"{lab('Lungs')}: {e['lungs']}.", f"{lab('Abdomen')}: {e['abd']}.", f"{lab('Extremities')}: {e['ext']}."]
    parts.append(f"{lab('Neurologic')}: {e.get('neuro','Alert and oriented, cranial nerves grossly intact, strength symmetric')}.")
    parts.append(f"{lab('Skin')}: Warm and dry.")
    return "\n".join(parts)

def ros_block(c, terse=False):
    if terse: return f"ROS: + {c['cc']}; otherwise 10-pt ROS negative except as noted in HPI"
    return pick([f"A complete review of systems was obtained and is negative except as noted in the history of present illness.",
                 f"Constitutional: {pick(['fatigue','no fevers','subjective fevers','decreased appetite'])}. Cardiovascular: as per HPI. Respiratory: as per HPI. GI: no melena or hematochezia unless noted above. GU: no dysuria. Neuro: no focal weakness unless noted. Psych: no depression. All other systems reviewed and negative.",
                 "12-point ROS negative other than pertinent positives in HPI."])

def num_list(items, style=0):
    if style==0: return "\n".join(f"{i+1}. {x}" for i,x in enumerate(items))
    if style==1: return "\n".join(f"- {x}" for x in items)
    return "\n".join(f"  {x}" for x in items)

def ap_block(c, style=0):
    out=[]
    for i,a in enumerate(c["assess"]):
        if style==0: out.append(f"{i+1}. {a}.")
        else: out.append(f"# {a}")
    out.append("")
    out.append("Plan:" if style==0 else "Plan:")
    out.append(num_list(c["plan"], 1))
    return "\n".join(out)

# ---------------- DISCHARGE ----------------
LOS = {'appy':(1,2),'tkr':(1,3),'seizure':(1,2),'afib':(2,3),'dka':(2,4),'pe':(2,3),'stroke':(6,10),'hipfx':(4,7),'si':(6,12),'preeclampsia':(3,4),'sbo':(3,5),'bronchiolitis':(3,5),'asthma_peds':(2,3)}
DC_ADD = {'nstemi':["aspirin 81 mg daily","ticagrelor 90 mg BID","atorvastatin 80 mg nightly","metoprolol tartrate 25 mg BID","nitroglycerin 0.4 mg SL q5min PRN chest pain","nicotine patch 21 mg/24h daily"],
 'afib':["metoprolol succinate 100 mg daily","apixaban 5 mg BID"], 'pe':["apixaban 10 mg BID x 7 days, then 5 mg BID"], 'gib':["pantoprazole 40 mg BID x 8 weeks","acetaminophen 650 mg q6h PRN knee pain"],
 'preeclampsia':["nifedipine XL 60 mg daily","ibuprofen 600 mg q6h PRN"], 'cap':["amoxicillin 1 g TID x 3 more days"], 'copd':["prednisone 40 mg daily x 1 more day","doxycycline 100 mg BID x 1 more day"],
 'cellulitis':["cephalexin 500 mg QID x 4 days"], 'pyelo':["cefpodoxime 200 mg BID x 10 days","tamsulosin 0.4 mg daily","oxycodone 5 mg q6h PRN severe pain, #8"],
 'stroke':["apixaban 5 mg BID","atorvastatin 80 mg nightly"], 'si':["sertraline 100 mg daily","thiamine 100 mg daily"], 'delirium':["amoxicillin 500 mg TID x 4 days"],
 'hipfx':["enoxaparin 40 mg SC daily x 4 weeks","acetaminophen 1 g TID","oxycodone 2.5 mg q6h PRN","senna 8.6 mg BID"], 'syncope':[], 'dka':["insulin glargine 22 units nightly (patient assistance program)"],
 'febrile_neutropenia':["levofloxacin 500 mg daily until ANC > 500"], 'cirrhosis':["albumin not continued"], 'tkr':["aspirin 81 mg BID x 4 weeks","oxycodone 5 mg q4h PRN","acetaminophen 1 g q8h","celecoxib 200 mg daily"],
 'appy':["acetaminophen 1 g q8h PRN","ibuprofen 400 mg q6h PRN"], 'aki':[], 'asthma_peds':["budesonide-formoterol 80/4.5 2 puffs BID","albuterol HFA 2-4 puffs q4h PRN"], 'bronchiolitis':["nasal saline and bulb suction PRN"]}
DC_DROP = {'nstemi':["simvastatin"], 'syncope':["metoprolol"], 'aki':["lisinopril","spironolactone","furosemide"], 'gib':["naproxen","hydrochlorothiazide"], 'pe':["norgestimate"], 'delirium':["oxybutynin"], 'cirrhosis':["albumin"], 'tkr':["meloxicam"]}
DC_ADD['cirrhosis'] = []

def discharge(c, style):
    p = ptinfo(c); ad = rdate(); los = R.randint(*LOS.get(c['key'],(3,6))); dd = ad + datetime.timedelta(days=los); d = dd
    doc = doctor(); inst = pick(INST)
    meds = [m for m in c["meds"] if m!="none" and not any(m.startswith(x) for x in DC_DROP.get(c['key'],[]))] + DC_ADD.get(c['key'],[])
    if not meds: meds = ["acetaminophen 650 mg q6h PRN pain"]
    code = pick(["Full code","Full code"]) if p['age']<75 else pick(["Full code","DNR/DNI","DNR, selective treatment"])
    instr = pick(["Return to the emergency department or call your doctor for fever over 101F, chest pain, worsening shortness of breath, or any new concerning symptoms.",
                  "Weigh yourself every morning; call the heart failure clinic for weight gain of more than 3 lb in a day or 5 lb in a week." if c['key']=='chf' else "Call your physician for fever, bleeding, increasing pain, or inability to tolerate food or fluids.",
                  "Patient and family verbalized understanding of discharge instructions using teach-back."])
    dxs = [c["dx"]] + [a.split(",")[0] for a in c["assess"][1:]]
    hpi = fill(c["hpi"], p['age'], p['s'])
    fu = f"Follow up with {pick(['PCP','primary care physician','Dr. '+pick(DOC_LAST)])} in {R.randint(1,2)} week(s); {c['spec']} clinic in {R.randint(2,6)} weeks."
    if style=="dictated":
        procs = c["procs"] or ["None"]
        t = f"{inst.upper()}\n\nDISCHARGE SUMMARY\n\n{header(p, ad, 0)}\nADMISSION DATE: {fdate(ad,0)}\nDISCHARGE DATE: {fdate(dd,0)}\nATTENDING PHYSICIAN: {doc}, {doc_cred()}\n\n"
        t += f"ADMITTING DIAGNOSIS:\n{c['cc'].capitalize()}.\n\nDISCHARGE DIAGNOSES:\n{num_list(dxs)}\n\nPROCEDURES PERFORMED:\n{num_list(procs)}\n\n"
        if chance(0.6): t += f"CONSULTATIONS:\n{c['consult_service']}.\n\n"
        t += f"HISTORY OF PRESENT ILLNESS:\n{hpi}\n\n"
        t += f"PAST MEDICAL HISTORY:\n{', '.join(c['pmh'])}.\n\nALLERGIES: {pick(ALLERG)}.\n\nPERTINENT RESULTS:\n{c['labs']}. {c['imaging']}.\n\n"
        t += f"HOSPITAL COURSE:\n{c['course']}\n\nCODE STATUS: {code}.\n\nCONDITION AT DISCHARGE:\n{pick(['Stable.','Good, stable.','Improved.','Fair, hemodynamically stable.'])}\n\n"
        t += f"DISCHARGE MEDICATIONS:\n{num_list(meds)}\n\nDISPOSITION:\n{c['dispo']}.\n\nFOLLOW-UP:\n{fu}\n\nDIET: {pick(['Regular','2 g sodium, cardiac','Carbohydrate-controlled','Low fat','As tolerated'])}.\nACTIVITY: {pick(['As tolerated','No heavy lifting > 10 lb for 2 weeks','Walker at all times','Increase as tolerated'])}.\n\nPATIENT INSTRUCTIONS:\n{instr}"
        t += dict_footer(doc, d)
        return t, "inpatient", "dictated"
    if style=="terse":
        title = pick(["Discharge Summary","Hospital Discharge Summary","Discharge Note","Physician Discharge Summary","IP Discharge Summary"])
        t = f"{title}\n{header(p, ad, 2)}\nAdmit: {fdate(ad,3)}  D/C: {fdate(dd,3)}  LOS {los}d\nService: {pick(['Medicine','Hospitalist','Gen Med B', c['spec']])}  Attending: Dr. {doc.split()[1]}\n\n"
        t += f"Principal dx: {c['dx']}\nSecondary: {'; '.join(dxs[1:]) or 'none'}\n"
        if c["procs"]: t += f"Procedures this admission: {', '.join(c['procs'])}\n"
        pm = ', '.join(c['pmh'][:3]) if c['pmh']!=['none'] else 'no significant PMH'
        t += f"\nBrief HPI: {p['age']}{p['s']} w/ {pm} p/w {c['cc']}. Key data: {c['labs']}.\n\nHospital course by problem:\n"
        for i,a in enumerate(c["assess"]):
            t += f"#{i+1} {a}"+ (f" - {c['course']}" if i==0 else " - " + pick(["resolved.","stable, see d/c meds.","improved; outpatient f/u.","monitored, no change in regimen."])) + "\n"
        t += f"\nD/C meds:\n" + "\n".join(f"- {m}" for m in meds) + f"\n\nPending at d/c: {pick(['none','final blood cx','path','urine cx sensitivities'])}\nDispo: {c['dispo']}\nF/u: {fu}\nCode status: {code}\nPt instructions: {instr}"
        t += f"\n\n-- {doc}, {doc_cred()} {fdate(dd,0)} {rtime()}"
        return t, "inpatient", "terse"
    if style=="untitled":
        t = f"{header(p, ad, 3)}\nDate of Admission: {fdate(ad,2)}\nDate of Discharge: {fdate(dd,2)}\n\n"
        t += f"Reason for hospitalization: {c['cc']}.\nFinal diagnosis: {c['dx']}.\n\n"
        t += f"Summary of stay: {hpi} {c['course']}\n\n"
        if c["procs"]: t += "Procedures: " + "; ".join(c["procs"]) + ".\n\n"
        t += "Medications on leaving hospital:\n" + num_list(meds,1) + f"\n\nDischarged to: {c['dispo']}.\nInstructions given to patient and family. {instr} {fu}\nCode status during admission: {code}.\n"
        t += f"\n{doc}, {doc_cred()}"
        return t, "inpatient", "untitled"
    if style=="letter":
        ref = doctor()
        t = f"{inst}\nDepartment of {pick(['Medicine', c['spec']])}\n{fdate(dd,2)}\n\nDr. {ref}\n{pick(CLINICS)}\n\nRe: {p['first']} {p['last']}, DOB {fdate(dob_for_age(p['age'],ad),0)}, MRN {p['mrn']}\nDischarge summary - admitted {fdate(ad,0)}, discharged {fdate(dd,0)}\n\n"
        t += f"Dear Dr. {ref.split()[1]},\n\nYour patient was discharged from our service today and I am writing to summarize the hospitalization. {p['first']} presented with {c['cc']} and was diagnosed with {c['dx'].lower()}. {c['course']}\n\n"
        if c["procs"]: t += "Procedures during this admission: " + ", ".join(c["procs"]) + ".\n\n"
        t += "Discharge medications:\n" + num_list(meds,1) + f"\n\nPlease see {pick(['him','her'] if False else [pr(p['s'])[2]])} in clinic within {pick([7,10,14])} days and check a basic metabolic panel. {c['dispo']}.\n\nSincerely,\n\n{doc}, {doc_cred()}\nHospitalist"
        return t, "inpatient", "letter"
    if style=="ocr":
        t = fax_banner(dd) + "\n\n" + f"{inst.upper()}\nDISCHARGE SUMMARY\n\n{header(p, ad, 0)}\nAdmitted: {fdate(ad,0)}   Discharged: {fdate(dd,0)}\n\n"
        t += f"DIAGNOSES AT DISCHARGE:\n{num_list(dxs)}\n\nHOSPITAL COURSE:\n{c['course']}\n\n"
        if c["procs"]: t += "PROCEDURES:\n" + num_list(c["procs"]) + "\n\n"
        t += f"DISCHARGE MEDS:\n{num_list(meds)}\n\nDISPOSITION: {c['dispo']}\nFOLLOW UP: {fu}\n\n{doc}\n\n{footer(1)}"
        return ocr_noise(t, 0.015), "inpatient", "ocr-noisy"
    if style=="transfer":
        t = f"Discharge/Transfer Summary\n{header(p, ad, 1)}\nAdmission {fdate(ad,1)} -> Transfer {fdate(dd,1)}\nReceiving facility: {pick(['Greenbriar Skilled Nursing','Oak Terrace Rehabilitation','Valley Acute Rehab Hospital','Lakeside Transitional Care'])}\n\n"
        t += f"Diagnoses:\n{num_list(dxs,1)}\n\nPertinent history: {', '.join(c['pmh'])}.\n\nCourse: {c['course']}\n\nProcedures: {', '.join(c['procs']) if c['procs'] else 'none'}\n\nCurrent meds:\n{num_list(meds,1)}\n\nAllergies: {pick(ALLERG)}\nCode status: {code}\nLast BM: {fdate(dd,3)}. Diet: {pick(['mechanical soft','regular','cardiac'])}. Weight-bearing: {pick(['WBAT','as tolerated','n/a'])}.\nRehab goals: PT/OT daily.\n\n{doc}, {doc_cred()}"
        return t, "inpatient", "form"

# ---------------- H&P ----------------
def hp(c, style):
    p = ptinfo(c); d = rdate(); doc = doctor(); v = vitals("sick" if c['key'] in ('cap','pyelo','febrile_neutropenia','dka') else "normal")
    hpi = fill(c["hpi"], p['age'], p['s']); meds = c["meds"]
    if style=="dictated":
        title = pick(["HISTORY AND PHYSICAL","ADMISSION HISTORY AND PHYSICAL","HISTORY & PHYSICAL EXAMINATION"])
        t = f"{pick(INST).upper()}\n{title}\n\n{header(p,d,0)}\nDATE OF ADMISSION: {fdate(d,0)}\nADMITTING PHYSICIAN: {doc}, {doc_cred()}\n\n"
        t += f"CHIEF COMPLAINT:\n{c['cc'].capitalize()}.\n\nHISTORY OF PRESENT ILLNESS:\n{hpi}\n\nPAST MEDICAL HISTORY:\n{num_list(c['pmh'])}\n\nPAST SURGICAL HISTORY:\n{pick(PSH)}.\n\n"
        t += f"MEDICATIONS:\n{num_list(meds)}\n\nALLERGIES:\n{pick(ALLERG)}.\n\nSOCIAL HISTORY:\n{soc(c,p)}\n\nFAMILY HISTORY:\n{pick(FAM)}\n\nREVIEW OF SYSTEMS:\n{ros_block(c)}\n\nPHYSICAL EXAMINATION:\n{exam_block(c,v)}\n\n"
        t += f"LABORATORY DATA:\n{c['labs']}.\n\nIMAGING:\n{c['imaging']}.\n\nASSESSMENT AND PLAN:\n{ap_block(c)}\n\nCODE STATUS: Full code.\n"
        t += dict_footer(doc, d)
        return t, "inpatient", "dictated"
    if style=="terse":
        title = pick(["Admission H&P","Hospitalist Admission Note","Attending Admission Note","H&P","Medicine Admit Note","Admission History & Physical"])
        t = f"{title}\n{header(p,d,2)}\nDate: {fdate(d,3)} {rtime()}\n\nCC: {c['cc']}\n\nHPI: {p['age']}{p['s']} w/ PMHx {', '.join(c['pmh'])} who p/w {c['cc']}. {hpi.split('. ',1)[1] if '. ' in hpi else hpi}\n\n"
        t += f"PMHx: {'; '.join(c['pmh'])}\nPSHx: {pick(PSH)}\nMeds: {'; '.join(meds)}\nAll: {pick(ALLERG)}\nSHx: {soc(c,p)}\nFHx: {pick(FAM)}\n{ros_block(c,True)}\n\nPE:\n{exam_block(c,v,terse=True)}\n\nLabs: {c['labs']}\nImaging: {c['imaging']}\n\nA/P: {p['age']}{p['s']} admitted for {c['dx'].lower()}.\n{ap_block(c,1)}\nDVT ppx: {pick(['enoxaparin','heparin SQ','SCDs','on therapeutic AC'])}\nCode: {pick(['Full','Full code (confirmed w/ pt)','DNR/DNI'])}\nDispo: admit to {pick(['med-surg','telemetry','step-down','floor'])}, anticipate {R.randint(2,5)} day stay"
        t += f"\n\n{doc}, {doc_cred()} - pager {R.randint(1000,9999)}"
        return t, "inpatient", "terse"
    if style=="untitled":
        t = f"{header(p,d,3)}\nAdmitting service: {pick(['Internal Medicine','Hospital Medicine', c['spec']])}\n\n"
        t += f"Patient seen and examined on admission. History obtained from patient{pick(['',' and family',' and chart review',', EMS and spouse'])}.\n\n{hpi}\n\nPrior history: {', '.join(c['pmh'])}. Surgical: {pick(PSH)}. Home meds: {', '.join(meds)}. Allergies: {pick(ALLERG)}.\n{soc(c,p)} Family: {pick(FAM)}\n\n"
        t += f"On exam: {vit_str(v,2)}. {c['exam']['gen']}. Heart: {c['exam']['cv'].lower()}. Lungs: {c['exam']['lungs'].lower()}. Abdomen: {c['exam']['abd'].lower()}. Extremities: {c['exam']['ext'].lower()}.\n\nData: {c['labs']}. {c['imaging']}.\n\nImpression: {c['dx']}.\n{num_list(c['plan'],1)}\n\n{doc}"
        return t, "inpatient", "untitled"
    if style=="ocr":
        t = fax_banner(d) + f"\n\nHISTORY AND PHYSICAL\n{header(p,d,0)}\nAdm: {fdate(d,0)}\n\nCHIEF COMPLAINT: {c['cc']}\n\nHPI: {hpi}\n\nPMH: {', '.join(c['pmh'])}\nMEDS: {', '.join(meds)}\nALLERGIES: {pick(ALLERG)}\nSOCIAL: {soc(c,p)}\n\nEXAM:\n{exam_block(c,v)}\n\nLABS: {c['labs']}\n\nASSESSMENT/PLAN:\n{ap_block(c)}\n\n{doc}\n{footer(1)}"
        return ocr_noise(t, 0.014), "inpatient", "ocr-noisy"
    if style=="preop":
        t = f"{pick(['Preoperative History and Physical','Pre-Procedure H&P','Surgical H&P','PRE-OPERATIVE HISTORY AND PHYSICAL'])}\n{header(p,d,1)}\nDate of service: {fdate(d,0)}\nPlanned procedure: {c['procs'][0] if c['procs'] else c['dx']}\nSurgeon: Dr. {doc}\n\n"
        t += f"HPI: {hpi}\n\nPMH: {', '.join(c['pmh'])}\nPSH: {pick(PSH)}. Anesthesia complications: none personal or family.\nMedications: {', '.join(meds)}\nAllergies: {pick(ALLERG)}\nSocial: {soc(c,p)}\n\nROS: Denies chest pain, dyspnea, bleeding disorders, recent illness. Functional capacity > 4 METs.\n\nExam:\n{exam_block(c,vitals(),caps=False)}\nAirway: Mallampati {R.randint(1,3)}, full neck ROM.\n\nData: {c['labs']}. ECG: {pick(['NSR, no acute changes','sinus rhythm, LVH by voltage','NSR with first degree AV block'])}.\n\nAssessment: {c['dx']}. ASA class {R.randint(2,3)}. Medically optimized for planned procedure. Risks, benefits and alternatives discussed; patient wishes to proceed.\n\n{doc}, {doc_cred()}"
        return t, ("outpatient" if c['key']=='tkr' else "inpatient"), "form"

# ---------------- CONSULT ----------------
def consult(c, style):
    p = ptinfo(c); d = rdate(); doc = doctor(); req = doctor(); v = vitals()
    hpi = fill(c["hpi"], p['age'], p['s']); svc = c["consult_service"]
    recs = c["plan"]
    if style=="dictated":
        t = f"{pick(INST).upper()}\n{pick(['CONSULTATION','CONSULTATION REPORT','INPATIENT CONSULTATION'])}\n\n{header(p,d,0)}\nDATE OF CONSULTATION: {fdate(d,0)}\nREQUESTING PHYSICIAN: {req}, {doc_cred()}\nCONSULTING PHYSICIAN: {doc}, {doc_cred()}, {svc}\n\n"
        t += f"REASON FOR CONSULTATION:\n{c['consult_q'].capitalize()}.\n\nHISTORY OF PRESENT ILLNESS:\n{hpi}\n\nPAST MEDICAL HISTORY:\n{num_list(c['pmh'])}\n\nMEDICATIONS:\n{num_list(c['meds'])}\n\nALLERGIES: {pick(ALLERG)}.\n\nSOCIAL HISTORY: {soc(c,p)}\n\nFAMILY HISTORY: {pick(FAM)}\n\nREVIEW OF SYSTEMS: {ros_block(c)}\n\nPHYSICAL EXAMINATION:\n{exam_block(c,v)}\n\n"
        t += f"DATA REVIEWED:\n{c['labs']}. {c['imaging']}.\n\nIMPRESSION:\n{num_list(c['assess'])}\n\nRECOMMENDATIONS:\n{num_list(recs)}\n\nThank you for this consultation. We will follow along with you.{dict_footer(doc, d)}"
        return t, "inpatient", "dictated"
    if style=="terse":
        t = f"{svc} {pick(['Consult Note','Consultation','Initial Consult','New Consult'])}\n{header(p,d,2)}\nDate {fdate(d,3)}\nRequesting: Dr. {req.split()[1]} ({pick(['Medicine','Hospitalist','Surgery','ED'])})\nReason for consult: {c['consult_q']}\n\nHPI: {p['age']}{p['s']} w/ {', '.join(c['pmh'][:3])}. {hpi.split('. ',1)[1] if '. ' in hpi else hpi}\n\nMeds: {', '.join(c['meds'])}\nAll: {pick(ALLERG)}\n\nExam:\n{exam_block(c,v,terse=True)}\n\nData: {c['labs']}; {c['imaging']}\n\nA: {c['assess'][0]}\n"
        t += "Recs:\n" + num_list(recs,1) + f"\n\nWill follow. Please page with questions.\n{doc}, {svc} {pick(['fellow','attending','consult attending'])} x{R.randint(1000,9999)}"
        return t, "inpatient", "terse"
    if style=="letter":
        ref = req
        t = f"{pick(INST)}\n{pick(['Division of','Department of',''])} {svc}\n{R.randint(100,999)} {pick(STREETS)}\n\n{fdate(d,2)}\n\n{ref}, {doc_cred()}\n{pick(['Maple Street Family Practice','Westside Internal Medicine Associates','Lakeview Family Health Center','Hospital Medicine Service'])}\n\nRE: {p['first']} {p['last']}\nDOB: {fdate(dob_for_age(p['age'],d),0)}\n\nDear Dr. {ref.split()[1]},\n\n"
        t += f"Thank you for {pick(['asking me to see','referring','the opportunity to evaluate'])} {p['first']} {p['last']} in {svc.lower()} consultation regarding {c['consult_q']}.\n\n"
        t += f"HISTORY: {hpi} Past history includes {', '.join(c['pmh'])}. Current medications: {', '.join(c['meds'])}. Allergies: {pick(ALLERG)}. {soc(c,p)}\n\n"
        t += f"EXAMINATION: {vit_str(v,2)}. {c['exam']['gen']}. {c['exam']['cv']}. {c['exam']['lungs']}. {c['exam']['ext']}.\n\nI reviewed the following: {c['labs']}. {c['imaging']}.\n\n"
        t += f"IMPRESSION: {'; '.join(c['assess'])}.\n\nRECOMMENDATIONS:\n{num_list(recs)}\n\nI will see {pr(p['s'])[2]} back in {R.randint(2,8)} weeks and will keep you informed. Please do not hesitate to contact me with any questions.\n\nSincerely,\n\n{doc}, {doc_cred()}\n{svc}\n\ncc: patient chart"
        return t, "outpatient", "letter"
    if style=="untitled":
        t = f"{header(p,d,3)}\n\nAsked by Dr. {req.split()[1]} to evaluate this patient for {c['consult_q']}. Chart reviewed and patient examined at bedside.\n\n{hpi}\n\nPMH: {', '.join(c['pmh'])}. Meds reviewed: {', '.join(c['meds'])}.\n\nOn exam {c['exam']['gen'].lower()}; {c['exam']['cv'].lower()}; {c['exam']['lungs'].lower()}; {c['exam']['ext'].lower()}.\n\nLabs/imaging: {c['labs']}. {c['imaging']}.\n\nMy impression is {c['assess'][0][0].lower()+c['assess'][0][1:]}.\nSuggestions:\n{num_list(recs,1)}\n\nDiscussed with primary team. {svc} will continue to follow.\n{doc}, {doc_cred()}"
        return t, "inpatient", "untitled"
    if style=="hp":  # consult with full H&P sections (hard case)
        t = f"{svc.upper()} CONSULTATION - HISTORY AND PHYSICAL\n{header(p,d,1)}\nReferring: {req}\nDate: {fdate(d,0)}\n\nREASON FOR CONSULT: {c['consult_q']}\n\nCHIEF COMPLAINT: {c['cc']}\n\nHISTORY OF PRESENT ILLNESS: {hpi}\n\nPAST MEDICAL HISTORY: {', '.join(c['pmh'])}\nPAST SURGICAL HISTORY: {pick(PSH)}\nMEDICATIONS: {', '.join(c['meds'])}\nALLERGIES: {pick(ALLERG)}\nSOCIAL HISTORY: {soc(c,p)}\nFAMILY HISTORY: {pick(FAM)}\nREVIEW OF SYSTEMS: {ros_block(c)}\n\nPHYSICAL EXAM:\n{exam_block(c,v)}\n\nASSESSMENT: {'; '.join(c['assess'])}.\n\nRECOMMENDATIONS TO PRIMARY TEAM:\n{num_list(recs)}\n\nThank you for involving us in the care of this patient.\n{doc}, {doc_cred()}"
        return t, "inpatient", "dictated"
    if style=="ocr":
        t = fax_banner(d) + f"\n\n{svc.upper()} CONSULT\n{header(p,d,0)}\nRequested by: {req}\n\nREASON: {c['consult_q']}\n\nHPI: {hpi}\n\nEXAM: {c['exam']['gen']}. {c['exam']['cv']}. {c['exam']['lungs']}.\n\nIMPRESSION: {c['assess'][0]}\n\nRECOMMENDATIONS:\n{num_list(recs)}\n\n{doc}\n{footer(2)}"
        return ocr_noise(t,0.015), "inpatient", "ocr-noisy"

# ---------------- PROGRESS (inpatient) ----------------
def progress_inpt(c, style):
    p = ptinfo(c); d = rdate(); doc = doctor(); hd = R.randint(2,5); v = vitals()
    first = c["course"].split(". ")[0] + "."
    if style=="soap":
        t = f"{pick(['Progress Note','Daily Progress Note','Medicine Progress Note','PROGRESS NOTE'])} - Hospital Day {hd}\n{header(p,d,2)}\n{fdate(d,0)} {rtime()}\n\n"
        t += f"S: {pick(['Feels better today.','Reports mild improvement.','No acute events overnight.','Slept poorly, otherwise improving.'])} {pick(['Tolerating diet.','Ambulating in hall with PT.','Pain controlled.','Less short of breath.'])} Denies CP, new SOB, N/V.\n\n"
        t += f"O: {vit_str(v,1)}\nI/O: {R.randint(1200,2400)}/{R.randint(1400,3600)}\n{c['exam']['gen']}; {c['exam']['cv']}; {c['exam']['lungs']}; {c['exam']['ext']}\nLabs: {c['labs']} (trending {pick(['toward baseline','down','stable'])})\nMeds: {'; '.join(m for m in c['meds'] if m!='none')}\n\n"
        t += f"A: {p['age']}{p['s']} HD#{hd} for {c['dx'].lower()}, {pick(['improving','clinically improving','stable','slowly improving'])}.\n\nP:\n{num_list(c['plan'][:4],1)}\n- Dispo: anticipate d/c in {R.randint(1,3)} days\n\n{doc}, {doc_cred()}"
        return t, "inpatient", "soap"
    if style=="terse":
        t = f"{pick(['Hospitalist Daily Note','Interval Note','Daily Note','Attending Progress Note','Resident Progress Note'])}\n{header(p,d,1)}\nHD {hd}\n\nInterval/24h events: {first} {pick(['No overnight events.','Overnight: RN called for BP, no intervention needed.','Overnight: required PRN for pain x1.'])}\nSubjective: {pick(['Feels better.','Tired but improving.','No complaints this AM.','Wants to go home.'])}\n\nVS: {vit_str(v,1)}\nExam: {c['exam']['gen']}. CV {c['exam']['cv']}. Lungs {c['exam']['lungs']}. Ext {c['exam']['ext']}.\n\nLabs today: {c['labs']}\n\nA/P:\n"
        for a in c["assess"]: t += f"# {a}\n  - {pick(['cont current mgmt','trend labs','reassess in AM','as above'])}\n"
        t += f"FEN: {pick(['regular diet','NPO after MN','cardiac diet','2g Na'])} / PPx: {pick(['enoxaparin','heparin SQ','SCDs'])} / Code: Full\nDispo: {c['dispo']} when medically ready\n\n{doc}"
        return t, "inpatient", "terse"
    if style=="untitled":
        t = f"{fdate(d,0)}\n{p['last']}, {p['first']} ({p['mrn']})\n\nHD#{hd}. {first} Patient seen and examined this morning. {pick(['Reports feeling stronger.','No new complaints.','Family at bedside, questions answered.'])}\n\n{vit_str(v,0)}. {c['exam']['cv']}. {c['exam']['lungs']}.\n\nContinue: {'; '.join(c['plan'][:3])}.\nWill reassess tomorrow.\n\n- {doc.split()[0][0]}. {doc.split()[1]}"
        return t, "inpatient", "untitled"
    if style=="surgery":
        pod = R.randint(1,3)
        t = f"{pick(['Surgery Progress Note','POD #%d Note'%pod,'Gen Surg Daily Note','Ortho Progress Note'])}\n{header(p,d,2)}\nPOD #{pod} s/p {c['procs'][0] if c['procs'] else 'surgery'}\n\nS: Pain {R.randint(2,6)}/10, controlled on PO meds. {pick(['+flatus','+BM','no flatus yet','voiding spontaneously'])}. Tolerating {pick(['clears','regular diet','full liquids'])}. Ambulated x{R.randint(1,4)}.\nO: {vit_str(v,1)}\nIncision: {pick(['c/d/i','dressing clean and dry','port sites c/d/i, no erythema'])}. Abd soft, appropriately tender.\nLabs: WBC {round(R.uniform(7,12),1)}, Hgb {round(R.uniform(9.5,12.5),1)}\nA/P: Progressing well.\n- Advance diet\n- Ambulate TID, IS\n- Multimodal analgesia\n- Anticipate d/c {pick(['tomorrow','today','POD 2'])}\n\n{doc}, {doc_cred()}"
        return t, "inpatient", "soap"

# ---------------- PROGRESS (outpatient) ----------------
OP_MEDS = {"Family Medicine":["metformin 1000 mg BID","lisinopril 20 mg daily","atorvastatin 40 mg daily"],"Internal Medicine":["amlodipine 5 mg daily","aspirin 81 mg daily","omeprazole 20 mg daily"],
 "Cardiology":["aspirin 81 mg daily","ticagrelor 90 mg BID","atorvastatin 80 mg daily","metoprolol succinate 25 mg daily"],"Nephrology":["losartan 100 mg daily","furosemide 20 mg daily","allopurinol 100 mg daily","insulin glargine 18 units qhs"],
 "Psychiatry":["sertraline 100 mg daily","hydroxyzine 25 mg q8h PRN anxiety"],"Orthopedics":["aspirin 81 mg BID","oxycodone 5 mg q6h PRN","acetaminophen 1 g TID"],"Obstetrics":["prenatal vitamin daily"],
 "Pediatrics":["none"],"Neurology":["topiramate 50 mg BID","rizatriptan 10 mg PRN"],"Gastroenterology":["adalimumab 40 mg SC q2 weeks","vitamin D3 2000 IU daily"],
 "Pulmonology":["fluticasone-umeclidinium-vilanterol 1 puff daily","albuterol HFA PRN"],"Urology":["tamsulosin 0.4 mg qhs"],"Dermatology":["risankizumab 150 mg SC q12 weeks","clobetasol 0.05% ointment PRN"],
 "Geriatrics":["lisinopril 20 mg daily","doxazosin 2 mg qhs","donepezil 10 mg qhs","diphenhydramine 25 mg qhs PRN sleep","vitamin D","omeprazole 20 mg","furosemide 20 mg","metformin 500 mg BID","gabapentin 300 mg TID","aspirin 81 mg","simvastatin 20 mg"],
 "Oncology":["ondansetron 8 mg q8h PRN","dexamethasone 8 mg days 2-3","lisinopril 10 mg daily"],"ENT":["budesonide 0.5 mg in saline irrigation daily","fluticasone nasal 2 sprays daily"],
 "Ophthalmology":["latanoprost 0.005% 1 drop OU qhs"],"Endocrinology":["levothyroxine 100 mcg daily"],"Rheumatology":["methotrexate 20 mg weekly","folic acid 1 mg daily"]}
def op_extra(o):
    meds = OP_MEDS.get(o['spec'],["see medication list"])
    return meds
def progress_outpt(o, style):
    age = R.randint(*o["age"]); f,l,s = person(); p = dict(age=age,s=s,first=f,last=l,mrn=mrn()); d = rdate(); doc = doctor(); v = vitals()
    clinic = pick([f"{o['spec']} Clinic - {pick(INST)}", f"{pick(INST)} {o['spec']} Associates", f"{o['spec']} Outpatient Center"])
    tele = "Telephone" in o["title"] or "Telehealth" in o["title"]
    if style=="soap":
        meds = op_extra(o)
        t = f"{o['title']}\n{clinic}\n{header(p,d,1)}\nDOS: {fdate(d,0)}\nProvider: {doc}, {doc_cred()}\n\nCC: {o['s']}\n\nS: {o['subj']} {pick(['Otherwise feels well.','No ED visits or hospitalizations since last visit.','Adherent to medications, no side effects reported.',''])}\nROS: {pick(['Denies fever, chest pain, SOB, GI/GU complaints.','Negative except as in HPI.','No new symptoms; 10-point ROS otherwise negative.'])}\nCurrent meds: {'; '.join(meds)}\nAllergies: {pick(ALLERG)}\nSocial: {pick(['No tobacco. Occasional alcohol.','Former smoker. Lives with family.','Never smoker; works full-time.','Lives alone, independent.'])}\n\nO: {'' if tele else vit_str(v,1)+chr(10)}{'' if tele else 'Gen: NAD, pleasant. '}{o['obj']}\n\nA: {o['assess']}\n\nP:\n{num_list(o['plan'],1)}\n\n{pick(['Total time on date of service: %d minutes, including chart review and counseling.' % R.randint(15,40), 'Patient agrees with plan. Questions answered.', 'Follow-up scheduled at checkout.', ''])}\n{doc}"
        return t, "outpatient", "soap"
    if style=="full":  # full ROS and exam - confusable with H&P
        t = f"{pick(['Clinic Visit','Return Visit','Office Visit - Established Patient','Follow-Up Visit',o['title']])}\n{header(p,d,0)}\nDate of visit: {fdate(d,2)}\nReason for visit: {o['s']}\n\nHISTORY OF PRESENT ILLNESS:\n{o['subj']}\n\nREVIEW OF SYSTEMS:\nConstitutional: negative for fever, chills, weight loss. Eyes: negative. ENT: negative. Cardiovascular: negative for chest pain, palpitations. Respiratory: negative for cough unless noted above. GI: negative. GU: negative. MSK: as per HPI. Skin: see HPI. Neuro: negative. Psych: negative.\n\n"
        t += f"CURRENT MEDICATIONS:\n{num_list(op_extra(o),1)}\nALLERGIES: {pick(ALLERG)}\n\nPHYSICAL EXAMINATION:\nVitals: {vit_str(v,2)}\nGeneral: Well appearing, in no acute distress.\nHEENT: Normocephalic. Moist mucous membranes.\nNeck: Supple, no lymphadenopathy.\nCardiovascular: Regular rate and rhythm, no murmurs.\nLungs: Clear to auscultation bilaterally.\nAbdomen: Soft, nontender.\nExtremities: No edema.\nFocused: {o['obj']}\n\nASSESSMENT AND PLAN:\n{o['assess']}\n{num_list(o['plan'])}\n\nReturn to clinic as above or sooner if symptoms worsen.\n{doc}, {doc_cred()}"
        return t, "outpatient", "dictated"
    if style=="letter":
        ref = doctor()
        t = f"{clinic}\n{fdate(d,2)}\n\nDr. {ref}\n{pick(CLINICS)}\n\nRe: {f} {l}, DOB {fdate(dob_for_age(age,d),0)}\n\nDear Dr. {ref.split()[1]},\n\nI saw {f} in follow-up in the {o['spec'].lower()} clinic today. {o['subj']}\n\nOn examination: {o['obj']}\n\nAssessment: {o['assess']}\n\nPlan: {' '.join(x.rstrip('.')+'.' for x in o['plan'])}\n\nThank you for allowing me to participate in {pr(s)[1]} care.\n\nYours sincerely,\n\n{doc}, {doc_cred()}"
        return t, "outpatient", "letter"
    if style=="terse":
        t = f"{pick([o['title'],'F/u visit','Clinic note','Established pt visit'])} {fdate(d,3)}\n{p['last']}, {p['first']} {age}{s} MRN {p['mrn']}\nCC: {o['s']}\n\n{o['subj']}\nMeds: {', '.join(op_extra(o))}\n\n{'' if tele else 'VS: '+vit_str(v,1)+chr(10)}{o['obj']}\n\nA/P: {o['assess']}\n" + "\n".join(f"- {x}" for x in o['plan']) + f"\n\n{doc.split()[0][0]}. {doc.split()[1]}, {doc_cred()}"
        return t, "outpatient", "terse"
    if style=="untitled":
        t = f"{p['first']} {p['last']}   {fdate(d,0)}\n\n{o['subj']} {o['obj']}\n\nImpression: {o['assess']}\n{num_list(o['plan'],1)}\n\n{doc}"
        return t, "outpatient", "untitled"

# ---------------- ED ----------------
ED_MINOR = [
 dict(cc="right ankle injury", hpi="{A} rolled {his} right ankle stepping off a curb about 2 hours ago. Able to bear weight with pain. No other injuries.", exam="Swelling and tenderness over ATFL, no tenderness at posterior malleolar edges, base of 5th metatarsal or navicular. NV intact.", data="Ottawa ankle rules negative; no imaging indicated.", dx="Right lateral ankle sprain, grade I-II", course="Ice, ibuprofen 600 mg PO given. ASO brace applied.", dispo="Discharged home. RICE, ibuprofen, ortho/sports med f/u if not improved in 1-2 weeks."),
 dict(cc="laceration to left hand", hpi="{A} cut {his} left palm on a kitchen knife while washing dishes 1 hour prior to arrival. Bleeding controlled with pressure. Right-hand dominant. Tetanus last 2015.", exam="3.2 cm linear laceration thenar eminence, no tendon exposure, full FDS/FDP function all digits, sensation intact, cap refill < 2 s.", data="No x-ray needed, no foreign body suspected.", dx="Simple laceration of left palm, 3.2 cm", course="Digital block not required; local lidocaine 1%. Irrigated with 500 mL NS. Repaired with 6 simple interrupted 4-0 nylon sutures. Tdap given.", dispo="Discharged. Wound care instructions. Suture removal in 10-14 days."),
 dict(cc="headache", hpi="{A} with history of migraine presents with typical left-sided throbbing headache for 14 hours with photophobia and nausea, not responding to home sumatriptan. No thunderclap onset, fever, neck stiffness or focal deficits.", exam="Nonfocal neuro exam, no meningismus, normal fundi.", data="No imaging indicated.", dx="Migraine without aura, intractable", course="Metoclopramide 10 mg IV, diphenhydramine 25 mg IV, ketorolac 15 mg IV and 1 L NS. Headache 8/10 -> 1/10 at reassessment.", dispo="Discharged home. Follow up with PCP or neurology."),
 dict(cc="left flank pain", hpi="{A} presents with sudden onset colicky left flank pain radiating to the groin starting 5 hours ago with nausea. Gross hematuria this morning. No fever.", exam="Afebrile. Writhing, unable to find comfortable position. Left CVA tenderness, abdomen soft.", data="UA: large blood, no leukocytes or nitrite. Cr 0.9. CT stone protocol: 4 mm left UVJ stone with mild hydronephrosis.", dx="Left ureterolithiasis, 4 mm, uncomplicated", course="Ketorolac 15 mg IV and ondansetron 4 mg IV with resolution of pain. Tolerated PO.", dispo="Discharged with tamsulosin, ibuprofen, strainer. Urology follow-up. Return for fever or uncontrolled pain."),
 dict(cc="sore throat", hpi="{A} with 3 days of sore throat, fever to 101.5F, painful swallowing. No cough. Tolerating liquids.", exam="Tonsillar exudates bilaterally, tender anterior cervical nodes, uvula midline, no trismus.", data="Rapid strep antigen positive.", dx="Streptococcal pharyngitis", course="Dexamethasone 10 mg PO and ibuprofen given.", dispo="Discharged on amoxicillin 500 mg BID x10 days."),
 dict(cc="chest pain", hpi="{A} with sharp left-sided chest pain for 2 days, worse with deep breaths and lying flat, better leaning forward. Had a cold last week. No exertional component.", exam="Friction rub at LLSB, lungs clear, no JVD.", data="ECG diffuse ST elevation with PR depression. Troponin negative x2. Bedside echo no effusion. CXR normal.", dx="Acute pericarditis", course="Ibuprofen 600 mg given with improvement.", dispo="Discharged on ibuprofen 600 mg TID and colchicine 0.5 mg BID x3 months. Cardiology follow-up in 1 week."),
 dict(cc="fever in child", hpi="{A} with fever to 39.2 C for 2 days, tugging at right ear, decreased sleep. Drinking well, normal wet diapers. Immunizations up to date.", exam="Well-appearing, playful. Right TM bulging and erythematous. Lungs clear. No rash.", data="None.", dx="Right acute otitis media", course="Ibuprofen given with defervescence.", dispo="Discharged with amoxicillin 90 mg/kg/day divided BID x10 days. PCP follow-up 2-3 days if not improving."),
 dict(cc="motor vehicle collision", hpi="{A} restrained driver in a low-speed rear-end collision, airbags did not deploy. Ambulatory at scene. Complains of neck stiffness. No LOC, no anticoagulants.", exam="GCS 15. Mild paraspinal cervical tenderness, no midline tenderness, full ROM. Chest and abdomen without seatbelt sign.", data="Canadian C-spine rule: low risk, imaging not required.", dx="Cervical strain after MVC", course="Acetaminophen and ibuprofen.", dispo="Discharged home with return precautions."),
]

def ed(c, style, minor=None):
    d = rdate(); doc = doctor(); arrival = rtime()
    if minor:
        age = R.randint(3,70) if "child" not in minor["cc"] else R.randint(1,5); s = sex(); f,l,s = person(s)
        p = dict(age=age,s=s,first=f,last=l,mrn=mrn())
        hpi = fill(minor["hpi"], age, s); v = vitals()
        if style in ("dictated","ocr"):
            t = f"{pick(INST).upper()}\nEMERGENCY DEPARTMENT {pick(['REPORT','RECORD','PHYSICIAN NOTE'])}\n\n{header(p,d,0)}\nDATE OF SERVICE: {fdate(d,0)}\nTIME SEEN: {arrival}\n\nCHIEF COMPLAINT: {minor['cc'].capitalize()}.\n\nHISTORY OF PRESENT ILLNESS: {hpi}\n\nPAST MEDICAL HISTORY: {pick(['None.','Asthma.','Hypertension.','Migraine.'])}\nMEDICATIONS: {pick(['None.','Albuterol PRN.','Ibuprofen PRN.'])}\nALLERGIES: {pick(ALLERG)}.\n\nPHYSICAL EXAMINATION:\nVITAL SIGNS: {vit_str(v,1)}.\n{minor['exam']}\n\nMEDICAL DECISION MAKING: {minor['data']}\n\nED COURSE: {minor['course']}\n\nDIAGNOSIS: {minor['dx']}.\n\nDISPOSITION: {minor['dispo']}{dict_footer(doc, d)}"
            if style=="ocr": return ocr_noise(fax_banner(d)+"\n\n"+t+"\n"+footer(1),0.015), "ed", "ocr-noisy"
            return t, "ed", "dictated"
        t = f"{pick(['ED Provider Note','ED Note','Emergency Dept Visit','ED Physician Documentation'])}\n{header(p,d,2)}\nArrival {arrival}  Acuity ESI {R.randint(3,5)}\n\nCC: {minor['cc']}\nHPI: {hpi}\nPE: {vit_str(v,1)}. {minor['exam']}\nMDM: {minor['data']}\nED course: {minor['course']}\nImpression: {minor['dx']}\nDispo: {minor['dispo']}\n\n{doc}, {doc_cred()}"
        return t, "ed", "terse"
    p = ptinfo(c); v = vitals("sick" if c['key'] in ('cap','pyelo','febrile_neutropenia','dka','copd') else "normal")
    hpi = fill(c["hpi"], p['age'], p['s'])
    admit_unit = pick(["medicine","hospitalist service","telemetry","ICU","step-down unit",c['spec'].lower()])
    if c['spec'] in ('General Surgery','Orthopedics','Urology'): admit_unit = pick([c['spec'].lower()+" service", c['spec'].lower()])
    if c['key']=='si': admit_unit="inpatient psychiatry"
    if c['key']=='preeclampsia': admit_unit="Labor and Delivery"
    if style=="dictated":
        t = f"{pick(INST).upper()}\n{pick(['EMERGENCY DEPARTMENT REPORT','EMERGENCY ROOM RECORD','EMERGENCY DEPARTMENT PHYSICIAN RECORD'])}\n\n{header(p,d,0)}\nDATE OF SERVICE: {fdate(d,0)}\nARRIVAL: {arrival} by {pick(['EMS','private vehicle','ambulance','walk-in'])}\n\n"
        t += f"CHIEF COMPLAINT: {c['cc'].capitalize()}.\n\nHISTORY OF PRESENT ILLNESS: {hpi}\n\nREVIEW OF SYSTEMS: {ros_block(c)}\n\nPAST MEDICAL HISTORY: {', '.join(c['pmh'])}.\nMEDICATIONS: {', '.join(c['meds'])}.\nALLERGIES: {pick(ALLERG)}.\nSOCIAL HISTORY: {soc(c,p)}\n\nPHYSICAL EXAMINATION:\n{exam_block(c,v)}\n\n"
        t += f"DIAGNOSTIC STUDIES: {c['labs']}. {c['imaging']}.\n\nED COURSE: {c['ed_course']} Discussed with Dr. {pick(DOC_LAST)} of {admit_unit}, who accepts the patient for admission.\n\nMEDICAL DECISION MAKING: Presentation consistent with {c['dx'].lower()}. Differential considered. Requires inpatient level of care.\n\nCLINICAL IMPRESSION:\n{num_list(c['assess'][:2])}\n\nDISPOSITION: Admitted to {admit_unit} in {pick(['stable','guarded','fair'])} condition.{dict_footer(doc, d)}"
        return t, "ed", "dictated"
    if style=="terse":
        t = f"{pick(['ED Provider Note','ED Physician Note','Emergency Medicine Note','ED Attending Note'])}\n{header(p,d,2)}\nArrival {arrival}  ESI {R.randint(1,3)}  Room {pick(['A','B','C','Res'])}{R.randint(1,30)}\n\nCC: {c['cc']}\nHPI: {p['age']}{p['s']} {hpi.split(' ',1)[1] if hpi.startswith('A') else hpi}\nPMH: {', '.join(c['pmh'])}\nMeds/All: reviewed, {pick(ALLERG)}\n\nPE:\n{exam_block(c,v,terse=True)}\n\nResults: {c['labs']}. {c['imaging']}.\n\nMDM: {c['dx']}. {c['ed_course']}\nDDx considered: {pick(['ACS, PE, dissection','sepsis, obstruction, perforation','intracranial hemorrhage, hypoglycemia, seizure','infection, metabolic derangement, medication effect'])}.\n\nImpression: {c['assess'][0]}\nDispo: Admit - {admit_unit}. Spoke with admitting team at {rtime()}. Pt/family agree with plan.\n\n{doc}, {doc_cred()}"
        return t, "ed", "terse"
    if style=="untitled":
        t = f"{p['last']}, {p['first']}  MRN {p['mrn']}\nTriage {arrival}  Seen {rtime()}\nTriage VS: {vit_str(v,1)}\n\n{hpi}\n\nExam: {c['exam']['gen']}. {c['exam']['cv']}. {c['exam']['lungs']}. {c['exam']['abd']}.\n\nWorkup: {c['labs']}. {c['imaging']}.\n\nTx in department: {c['ed_course']}\n\nImp: {c['dx']}\nPlan: admit {admit_unit}; bed requested. Signed out to oncoming ED physician pending bed.\n\n{doc}"
        return t, "ed", "untitled"
    if style=="ocr":
        t = fax_banner(d) + f"\n\nEMERGENCY DEPARTMENT NOTE\n{header(p,d,0)}\n\nCC: {c['cc']}\nHPI: {hpi}\n\nEXAM: {c['exam']['gen']}; {c['exam']['cv']}; {c['exam']['lungs']}\n\nLABS/IMAGING: {c['labs']}; {c['imaging']}\n\nED COURSE: {c['ed_course']}\n\nDX: {c['dx']}\nDISPO: Admit {admit_unit}\n\n{doc}\n{footer(1)}"
        return ocr_noise(t,0.015), "ed", "ocr-noisy"
