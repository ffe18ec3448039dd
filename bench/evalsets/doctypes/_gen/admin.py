from common import *

REFS = [
 ("Cardiology","new systolic murmur and exertional dyspnea","grade III/VI systolic ejection murmur at RUSB radiating to carotids, new since last year; ECG with LVH","evaluation for aortic stenosis and echocardiogram"),
 ("Gastroenterology","iron deficiency anemia and intermittent dark stools","Hgb 9.8, ferritin 6, MCV 72; no NSAID use","colonoscopy and upper endoscopy"),
 ("Orthopedics","persistent right shoulder pain and weakness","positive drop arm test, weakness with external rotation; MRI shows full-thickness supraspinatus tear","surgical opinion regarding rotator cuff repair"),
 ("Neurology","recurrent episodes of transient left arm numbness","three 10-minute episodes over 2 weeks, normal exam between episodes","evaluation for TIA vs. focal seizure; I have ordered MRI brain and carotid duplex"),
 ("Nephrology","declining eGFR and proteinuria","eGFR 41 from 58 over 18 months, UACR 520 mg/g, on lisinopril","CKD management and consideration of SGLT2 inhibitor"),
 ("Dermatology","changing pigmented lesion on the left calf","7 mm asymmetric lesion with irregular border and color variegation","evaluation and biopsy"),
 ("Psychiatry","treatment-resistant depression","failed adequate trials of sertraline, bupropion augmentation and venlafaxine; PHQ-9 21","medication management and consideration of further options"),
 ("Endocrinology","thyroid nodule","1.8 cm right thyroid nodule TI-RADS 4 on ultrasound, TSH normal","FNA and management"),
 ("Pulmonology","incidental 12 mm lung nodule","found on CT abdomen for kidney stone; 30 pack-year former smoker","nodule evaluation, possible PET/CT"),
 ("Urology","elevated PSA","PSA 7.8 from 4.1 one year ago, nodular right lobe on DRE","prostate biopsy consideration"),
 ("Rheumatology","inflammatory polyarthritis","symmetric MCP and wrist synovitis, morning stiffness 2 hours, RF and anti-CCP positive","initiation of DMARD therapy"),
 ("ENT","chronic unilateral hearing loss and tinnitus, left","audiogram with asymmetric sensorineural loss","evaluation; MRI internal auditory canals to rule out vestibular schwannoma"),
 ("Ophthalmology","diabetic retinopathy screening","type 2 diabetes for 12 years, A1c 9.1, no eye exam in 3 years","dilated fundus examination"),
 ("Obstetrics - Maternal-Fetal Medicine","pregnancy with chronic hypertension and type 2 diabetes","G3P2 at 11 weeks, on insulin and nifedipine","co-management and detailed anatomy ultrasound"),
 ("Physical Therapy","chronic low back pain","mechanical low back pain 4 months, no red flags","evaluate and treat, core stabilization program"),
 ("Sleep Medicine","suspected obstructive sleep apnea","loud snoring, witnessed apneas, Epworth 15, BMI 36, resistant hypertension","polysomnography"),
 ("Pediatric Cardiology","murmur in 4-year-old","grade II/VI vibratory murmur LLSB, louder supine; otherwise well","evaluation, likely innocent Still's murmur but parents anxious"),
 ("Hematology/Oncology","unexplained lymphadenopathy and night sweats","2.5 cm firm left supraclavicular node, 10 lb weight loss","excisional biopsy and workup"),
 ("Geriatrics","progressive memory loss","MoCA 19/30, getting lost while driving, daughter concerned","comprehensive geriatric and cognitive assessment"),
 ("General Surgery","symptomatic umbilical hernia","3 cm reducible umbilical hernia, painful with lifting","surgical repair"),
 ("Vascular Surgery","claudication","calf pain at 1 block, ABI 0.62 right","evaluation for revascularization"),
]

def referral(i, style):
    r = REFS[i % len(REFS)]
    age = R.randint(4,6) if "4-year-old" in r[1] else R.randint(25,85)
    sx = "F" if "pregnancy" in r[1] else ("M" if "PSA" in r[1] else None)
    f,l,s = person(sx); d = rdate(); doc = doctor(); to = doctor(); he,his,him = pr(s)
    clinic = pick(["Maple Street Family Practice","Westside Internal Medicine Associates","Northside Pediatrics" if age<18 else "Brookfield Primary Care","Lakeview Family Health Center","Riverbend Community Clinic"]); a1,a2 = address()
    if style=="letter":
        t = f"{clinic}\n{a1}\n{a2}\nPhone {phone()}  Fax {phone()}\n\n{fdate(d,2)}\n\n{to}, {doc_cred()}\n{r[0]}\n{pick(INST)}\n\nRE: {f} {l}\nDOB: {fdate(dob_for_age(age,d),0)}\n\nDear Dr. {to.split()[1]},\n\n"
        t += f"I am writing to refer {f} {l}, a {age}-year-old {'patient' if age>17 else 'child'} of mine, for {r[3]}. {he.capitalize()} has been experiencing {r[1]}. On my evaluation: {r[2]}.\n\n"
        t += f"{pick(['Symptoms began','This has been going on for','The problem started'])} about {R.randint(2,10)} {pick(['weeks','months'])} ago{pick([' and has gradually worsened',' and has been persistent despite conservative measures',''])}. {pick(['Initial management in our office included','We have tried','So far we have tried'])} {pick(['lifestyle modification and close follow-up','a trial of medication without adequate response','basic laboratory evaluation, results enclosed','watchful waiting, but the patient and I agree that specialist input is now needed'])}.\n\n"
        t += f"{his.capitalize()} other medical problems include {pick(['hypertension and hyperlipidemia','type 2 diabetes','asthma','no significant chronic illness','GERD and osteoarthritis'])}. Current medications and recent results are enclosed. {pick(['Allergies: none known.','Allergic to penicillin.','No known drug allergies.'])}\n\n"
        t += f"I would be grateful if you could see {him} at your earliest convenience{pick(['.',' - the patient is quite anxious.',' given the concern for malignancy.',''])} Please send your recommendations to my office.\n\nThank you for your assistance.\n\nSincerely,\n\n{doc}, {doc_cred()}\n{pick(['Family Medicine','Internal Medicine','Primary Care','Pediatrics'])}\n\nEnclosures: problem list, medication list, recent labs"
        return t, "outpatient", "letter"
    if style=="form":
        t = f"{pick(['REFERRAL REQUEST','OUTPATIENT REFERRAL FORM','Specialty Referral','REFERRAL / AUTHORIZATION REQUEST'])}\n{clinic}\n\nDate: {fdate(d,0)}   Priority: {pick(['Routine','Urgent','Urgent - within 2 weeks','Routine'])}\n\nPATIENT\nName: {l}, {f}   DOB: {fdate(dob_for_age(age,d),0)}   MRN: {mrn()}\nPhone: {phone()}\nInsurance: {pick(['BlueRidge PPO','Unity Health HMO','Medicare','Medicaid - State Care Plus','Cascade Choice EPO'])}   Member ID: {pick(string.ascii_uppercase)}{R.randint(10000000,99999999)}\n\nREFERRED TO\nSpecialty: {r[0]}\nProvider: {to}\n\nREFERRING PROVIDER\n{doc}, {doc_cred()}  NPI {R.randint(1000000000,1999999999)}\n\nREASON FOR REFERRAL: {r[1]}\nCLINICAL SUMMARY: {r[2]}.\nSERVICE REQUESTED: {pick(['Consult and treat','Consult only','Evaluate and manage'])} - {r[3]}\nDiagnosis code: {pick(['R01.1','D50.9','M75.121','G45.9','N18.3','D48.5','F33.2','E04.1','R91.1','R97.20','M06.9','H90.42','E11.9','O10.019','M54.50','G47.33','R01.0','R59.0','R41.3','K42.9','I73.9'])}\n\nAttachments: {pick(['office note, labs','imaging report','none'])}\nAuthorization #: {pick(['pending','not required',str(R.randint(10000000,99999999))])}"
        return t, "outpatient", "form"
    if style=="terse":
        t = f"Referral: {r[0]}\nPt: {l}, {f} {age}{s}  {fdate(d,3)}\nReason: {r[1]}\nHx: {r[2]}\nRequest: {r[3]}\nPlease schedule w/in {pick(['2 wks','4 wks','1 mo','6 wks'])}. Records attached.\n{doc}"
        return t, "outpatient", "terse"
    if style=="ocr":
        t = fax_banner(d) + f"\n\nFAX COVER - REFERRAL\nTo: {r[0]} - {to}\nFrom: {clinic}\n\nDear colleague,\n\nPlease see our patient {f} {l} (DOB {fdate(dob_for_age(age,d),0)}) for {r[1]}. Findings: {r[2]}. We are requesting {r[3]}.\n\nThank you,\n{doc}\n\nCONFIDENTIALITY NOTICE: This facsimile contains protected health information. If received in error please notify sender and destroy.\n{footer(1)}"
        return ocr_noise(t,0.015), "outpatient", "ocr-noisy"

CONSENTS = [
 ("Laparoscopic cholecystectomy, possible open cholecystectomy, possible intraoperative cholangiogram","bleeding, infection, injury to the bile duct, bile leak, injury to bowel or blood vessels, conversion to open surgery, hernia, blood clots, and risks of anesthesia","observation, antibiotics, percutaneous drainage"),
 ("Transfusion of blood and blood products","fever, allergic reaction, hemolytic reaction, fluid overload, lung injury (TRALI), and rare transmission of infection such as hepatitis or HIV","no transfusion, iron or erythropoietin therapy, acceptance of the risks of anemia"),
 ("Colonoscopy with possible biopsy and polypectomy under sedation","bleeding, perforation of the colon which may require surgery, missed lesions, reaction to sedation medicines, aspiration","stool-based testing, CT colonography, no screening"),
 ("Cardiac catheterization with possible percutaneous coronary intervention","bleeding or hematoma at access site, arterial injury, kidney injury from contrast dye, allergic reaction, heart attack, stroke, arrhythmia, need for emergency bypass surgery, death (less than 1 in 1000)","medical therapy alone, stress testing, coronary CT angiography"),
 ("Cesarean delivery","bleeding possibly requiring transfusion or hysterectomy, infection, injury to bladder, bowel or ureters, blood clots, anesthesia complications, risks in future pregnancies including placenta accreta and uterine rupture","trial of labor after cesarean"),
 ("Moderate (conscious) sedation","decreased breathing, low blood pressure, allergic reaction, aspiration, need for airway support or reversal agents","local anesthesia only, general anesthesia"),
 ("Electroconvulsive therapy (course of up to 12 treatments)","short-term memory loss, confusion after treatment, headache, muscle aches, risks of brief general anesthesia, rarely cardiac complications","medication changes, transcranial magnetic stimulation, psychotherapy"),
 ("Total knee arthroplasty, right","infection, bleeding, blood clots, stiffness, persistent pain, nerve or vessel injury, implant loosening or wear requiring revision, leg length difference, anesthesia risks","continued nonoperative care, injections, bracing, physical therapy"),
 ("Lumbar puncture","headache, bleeding, infection, nerve irritation, failure to obtain fluid","empiric treatment without CSF analysis, imaging"),
 ("Chemotherapy administration (FOLFOX regimen)","nausea, vomiting, low blood counts with risk of infection and bleeding, nerve damage (neuropathy), diarrhea, mouth sores, fatigue, allergic reactions, rarely death","observation, alternative regimens, clinical trial, palliative care"),
 ("HIV testing","a positive result may cause emotional distress; results are confidential and protected by law","declining testing"),
]
def consent(i, style):
    c = CONSENTS[i % len(CONSENTS)]; f,l,s = person(); d = rdate(); doc = doctor(); inst = pick(INST)
    if style=="form":
        t = f"{inst.upper()}\n{pick(['INFORMED CONSENT FOR PROCEDURE','CONSENT TO OPERATION, ANESTHESIA, AND OTHER MEDICAL SERVICES','AUTHORIZATION AND CONSENT FOR TREATMENT','INFORMED CONSENT'])}\n\nPatient Name: {l}, {f}   MRN: {mrn()}   DOB: {fdate(dob_for_age(R.randint(20,85),d),0)}\n\n"
        t += f"1. I, {f} {l} (or my authorized representative), authorize Dr. {doc} and such assistants as may be selected to perform the following procedure(s):\n   {c[0]}\n\n"
        t += f"2. The nature and purpose of the procedure, the expected benefits, and the possible risks and complications have been explained to me. Risks include but are not limited to: {c[1]}.\n\n3. Reasonable alternatives have been explained, including: {c[2]}, and the risks of no treatment.\n\n"
        t += "4. I understand that no guarantee has been made regarding the outcome. I consent to the administration of anesthesia and/or sedation as deemed necessary, and to the disposal of any tissue removed.\n\n5. I have had the opportunity to ask questions and all of my questions have been answered to my satisfaction.\n\n"
        t += f"Patient/Representative signature: ______________________  Date: {fdate(d,0)}  Time: {rtime()}\nRelationship if not patient: ____________\nWitness: ______________________\nInterpreter used: [ ] Yes  [X] No   Language: ______\n\nPHYSICIAN ATTESTATION: I have explained the procedure, risks, benefits and alternatives to the patient and answered all questions.\nPhysician signature: {doc}, {doc_cred()}   Date: {fdate(d,0)}"
        return t, pick(["inpatient","outpatient"]), "form"
    if style=="ocr":
        t,_,_ = consent(i,"form")
        return ocr_noise(fax_banner(d)+"\n"+t+"\n"+footer(1), 0.016), "other", "ocr-noisy"
    if style=="terse":
        t = f"Procedure Consent\n{l}, {f}  {fdate(d,3)}\nProcedure: {c[0]}\nRisks discussed: {c[1]}\nAlternatives: {c[2]}\nPatient verbalized understanding, all questions answered, agrees to proceed.\n[X] Patient signed  [ ] Surrogate signed\nWitness: RN {pick(FIRST_F)} {pick(LAST)[0]}.\nProvider: {doc}"
        return t, "inpatient", "terse"

PAYERS = [("BlueRidge Blue Cross Blue Shield","PPO"),("Unity Health Plans","HMO"),("Cascade Choice","EPO"),("Medicare","Part A/B"),("State Care Plus Medicaid",""),("Pinnacle Mutual Health","POS"),("Meridian Star Advantage","Medicare Advantage HMO"),("TriCoast Employee Health","HDHP")]
def insurance(i, style):
    p = PAYERS[i % len(PAYERS)]; f,l,s = person(); d = rdate()
    mid = f"{''.join(R.choice(string.ascii_uppercase) for _ in range(3))}{R.randint(100000000,999999999)}"
    grp = str(R.randint(10000,999999))
    if p[0]=="Medicare":
        t = f"MEDICARE HEALTH INSURANCE\n\nName/Nombre\n{f.upper()} {pick(string.ascii_uppercase)} {l.upper()}\n\nMedicare Number/Numero de Medicare\n{R.randint(1,9)}{pick(string.ascii_uppercase)}{pick(string.ascii_uppercase)}{R.randint(0,9)}-{pick(string.ascii_uppercase)}{pick(string.ascii_uppercase)}{R.randint(0,9)}-{pick(string.ascii_uppercase)}{pick(string.ascii_uppercase)}{R.randint(10,99)}\n\nEntitled to/Con derecho a        Coverage starts/Cobertura empieza\nHOSPITAL (PART A)                {fdate(rdate(2015,2024),0)}\nMEDICAL (PART B)                 {fdate(rdate(2015,2024),0)}\n\n1-800-MEDICARE (1-800-633-4227)"
    else:
        t = f"[FRONT]\n{p[0].upper()}\n{p[1]}\n\nMember: {f.upper()} {l.upper()}\nMember ID: {mid}\nGroup No: {grp}\nRxBIN: {R.randint(600000,610999)}   RxPCN: {pick(['ADV','RXPCN1','MEDDPRIME','9999'])}   RxGRP: {pick(['RX'+str(R.randint(1000,9999)),'HLTH'])}\nPCP: {doctor()}\nCopays: PCP ${pick([20,25,30,35])}  Specialist ${pick([40,50,60])}  ER ${pick([150,250,300])}  Urgent Care ${pick([50,75])}\nEffective: {fdate(rdate(2023,2026),0)}\n"
        if chance(0.6): t += f"Dependents: {pick(FIRST_F)} {l.upper()} 01, {pick(FIRST_M)} {l.upper()} 02\n"
        t += f"\n[BACK]\nMembers: Customer Service {phone()}  TTY 711\nProviders: Eligibility & Benefits {phone()}\nPre-certification required for inpatient admissions and advanced imaging: {phone()}\nSubmit medical claims to: PO Box {R.randint(1000,99999)}, {pick(CITIES)[0]}, {pick(CITIES)[1]} {R.randint(10000,99999)}\nPayer ID: {R.randint(10000,99999)}\nPharmacy help desk: {phone()}\nThis card does not guarantee coverage. Present this card at time of service.\n{pick(['Nurse line 24/7: '+phone(),'www.'+p[0].split()[0].lower()+'health.example.com',''])}"
    if style=="ocr":
        return ocr_noise(t, 0.03), "other", "ocr-noisy"
    return t, "other", "form"

RX = [("Amoxicillin","500 mg capsule","Take 1 capsule by mouth three times daily for 10 days","#30 (thirty)","0"),
      ("Lisinopril","10 mg tablet","Take 1 tablet by mouth once daily","#90","3"),
      ("Metformin ER","500 mg tablet","Take 2 tablets by mouth with evening meal","#180","1"),
      ("Oxycodone-acetaminophen","5-325 mg tablet","Take 1 tablet by mouth every 6 hours as needed for severe pain. Do not exceed 4 tablets per day","#12 (twelve)","0"),
      ("Sertraline","50 mg tablet","Take 1/2 tablet daily for 1 week then 1 tablet daily","#30","2"),
      ("Albuterol sulfate HFA","90 mcg/actuation inhaler","Inhale 2 puffs every 4-6 hours as needed for wheezing","1 inhaler (18 g)","1"),
      ("Apixaban","5 mg tablet","Take 1 tablet by mouth twice daily","#60","5"),
      ("Prednisone","20 mg tablet","Take 2 tablets daily x 5 days","#10","0"),
      ("Insulin glargine U-100 pen","100 units/mL","Inject 22 units subcutaneously at bedtime. Pen needles 32G 4 mm, use daily","15 mL (5 pens)","2"),
      ("Amoxicillin oral suspension","400 mg/5 mL","Give 7.5 mL by mouth twice daily for 10 days. Shake well","150 mL","0"),
      ("Nitrofurantoin monohydrate/macrocrystals","100 mg capsule","Take 1 capsule by mouth twice daily with food for 5 days","#10","0"),
      ("Atorvastatin","40 mg tablet","Take 1 tablet by mouth at bedtime","#90","3")]
DAYS = {"Amoxicillin":10,"Lisinopril":90,"Metformin ER":90,"Oxycodone-acetaminophen":3,"Sertraline":30,"Albuterol sulfate HFA":25,"Apixaban":30,"Prednisone":5,"Insulin glargine U-100 pen":34,"Amoxicillin oral suspension":10,"Nitrofurantoin monohydrate/macrocrystals":5,"Atorvastatin":90}
def prescription(i, style):
    r = RX[i % len(RX)]; f,l,s = person(); d = rdate(); doc = doctor(); a1,a2 = address()
    age = R.randint(3,9) if "suspension" in r[0] else R.randint(20,85)
    if style=="form":
        t = f"{pick(CLINICS)}\n{R.randint(100,999)} {pick(STREETS)}, {a2}\nPh {phone()}\n\n{doc}, {doc_cred()}\nDEA: {pick(['A','B','F','M'])}{pick(string.ascii_uppercase)}{R.randint(1000000,9999999)}   NPI: {R.randint(1000000000,1999999999)}\n\nPatient: {f} {l}     DOB: {fdate(dob_for_age(age,d),0)}\nAddress: {a1}, {a2}\nDate: {fdate(d,0)}\n\nRx\n{r[0]} {r[1]}\nSig: {r[2]}\nDisp: {r[3]}\nRefills: {r[4]}\n{pick(['[ ] Dispense as written   [X] Substitution permitted','Substitution permitted','DAW: No'])}\n\n____________________________\nPrescriber signature"
        if "Oxycodone" in r[0]: t += f"\nPDMP reviewed {fdate(d,0)}. Diagnosis: post-operative pain."
        return t, "outpatient", "form"
    if style=="terse":
        t = f"E-PRESCRIPTION\nTo: {pick(['CornerCare Pharmacy #','Valley Drug #','MedMart Pharmacy #','HealthFirst Rx #'])}{R.randint(100,9999)}  NCPDP {R.randint(1000000,9999999)}\nFrom: {doc} NPI {R.randint(1000000000,1999999999)}\nPatient: {l}, {f}  DOB {fdate(dob_for_age(age,d),1)}  Sex {s}\nDrug: {r[0]} {r[1]}\nSIG: {r[2]}\nQty: {r[3]}  Days supply: {DAYS.get(r[0],30)}  Refills: {r[4]}\nDx: {pick(['I10','E11.9','J45.909','F32.1','N39.0','H66.91','I48.91','M17.11','E78.5'])}\nWritten: {fdate(d,1)} {R.randint(8,17):02d}:{R.randint(0,59):02d}\nNote to pharmacist: {pick(['none','pt prefers generic','please counsel on use','90-day supply ok'])}"
        return t, "outpatient", "terse"
    if style=="ocr":
        t,_,_ = prescription(i,"form")
        return ocr_noise(fax_banner(d)+"\n\n"+t, 0.02), "outpatient", "ocr-noisy"

def advance_directive(i, style):
    f,l,s = person(); d = rdate(); agent_f, agent_l, _ = person(); doc = doctor(); a1,a2 = address()
    st = pick(CITIES)[1]
    kind = i % 5
    if kind==0:
        t = f"ADVANCE HEALTH CARE DIRECTIVE - LIVING WILL\n\nI, {f} {l}, born {fdate(dob_for_age(R.randint(50,90),d),2)}, residing at {a1}, {a2}, being of sound mind, willfully and voluntarily make this declaration.\n\nIf I have an incurable and irreversible condition that will result in my death within a relatively short time, or if I become unconscious and, to a reasonable degree of medical certainty, will not regain consciousness, or if the likely risks and burdens of treatment would outweigh the expected benefits, I direct that my physician:\n\n[X] Withhold or withdraw treatment that only prolongs the process of dying, including cardiopulmonary resuscitation, mechanical ventilation and dialysis.\n[{pick(['X',' '])}] Withhold artificial nutrition and hydration (tube feeding).\n[X] Provide medication and care to keep me comfortable and relieve pain, even if it may hasten my death.\n\nOther wishes: {pick(['I wish to die at home if possible.','I would like a chaplain of the Lutheran faith to be called.','I wish to donate any usable organs and tissues.','None.'])}\n\nSigned: ______________________  Date: {fdate(d,0)}\n\nWITNESSES: We declare that the declarant signed this document in our presence, appeared to be of sound mind, and is not known to us to be under duress. Neither of us is the declarant's health care agent or entitled to any part of the declarant's estate.\nWitness 1: ________________  Witness 2: ________________\n\nNOTARY: State of {st}, County of {pick(['Franklin','Jefferson','Lincoln','Washington'])}. Subscribed and sworn before me on {fdate(d,2)}."
    elif kind==1:
        t = f"PHYSICIAN ORDERS FOR LIFE-SUSTAINING TREATMENT (POLST)\nHIPAA permits disclosure to health care providers as necessary for treatment.\n\nPatient Last Name: {l}   First: {f}   DOB: {fdate(dob_for_age(R.randint(70,95),d),0)}\n\nA. CARDIOPULMONARY RESUSCITATION (CPR): Person has no pulse and is not breathing.\n[ ] Attempt Resuscitation/CPR\n[X] Do Not Attempt Resuscitation/DNR\n\nB. MEDICAL INTERVENTIONS: Person has pulse and/or is breathing.\n[{pick(['X',' '])}] Comfort Measures Only\n[ ] Selective Treatment - avoid intensive care\n[ ] Full Treatment\nAdditional orders: {pick(['No hospital transfer unless comfort needs cannot be met.','May use antibiotics for comfort.','No dialysis.'])}\n\nC. ARTIFICIALLY ADMINISTERED NUTRITION\n[ ] Long-term artificial nutrition\n[X] No artificial means of nutrition, including feeding tubes\n\nD. INFORMATION AND SIGNATURES\nDiscussed with: [X] Patient  [ ] Health Care Agent  [ ] Court-appointed guardian\nPhysician/NP/PA: {doc}  Phone {phone()}  Date {fdate(d,0)}\nSignature of patient or surrogate: ____________________\n\nSEND FORM WITH PERSON WHENEVER TRANSFERRED OR DISCHARGED."
    elif kind==2:
        t = f"HEALTH CARE PROXY\n\n(1) I, {f} {l}, hereby appoint {agent_f} {agent_l} ({pick(['daughter','son','spouse','sister','friend','niece'])}), of {address()[0]}, telephone {phone()}, as my health care agent to make any and all health care decisions for me, except to the extent that I state otherwise. This proxy shall take effect only when and if I become unable to make my own health care decisions.\n\n(2) Optional alternate agent: If the person I appoint is unable, unwilling or unavailable to act as my health care agent, I appoint {pick(FIRST_M+FIRST_F)} {pick(LAST)} as my alternate.\n\n(3) Unless I revoke it, this proxy shall remain in effect indefinitely.\n\n(4) I direct my agent to make health care decisions in accordance with my wishes and limitations as stated below, or as he or she otherwise knows. My agent knows my wishes regarding artificial nutrition and hydration.\nLimitations: {pick(['I do not want to be kept alive on a breathing machine if there is no reasonable hope of recovery.','None.','I do not wish to receive blood transfusions.'])}\n\n(5) Your signature: ____________________  Date: {fdate(d,0)}\nYour address: {a1}, {a2}\n\nStatement by witnesses: I declare that the person who signed this document is personally known to me and appeared to be of sound mind and acting of his or her own free will.\nWitness 1 ______________  Witness 2 ______________"
    elif kind==3:
        t = f"{pick(INST).upper()}\nDO NOT RESUSCITATE (DNR) ORDER\n\nPatient: {l}, {f}   MRN: {mrn()}\nDate/Time: {fdate(d,0)} {rtime()}\n\nIn the event of cardiac or respiratory arrest, NO cardiopulmonary resuscitation will be initiated. This includes no chest compressions, no defibrillation, no intubation or mechanical ventilation, and no code medications.\n\nThis order does NOT limit other treatment. Continue: [X] antibiotics [X] IV fluids [{pick(['X',' '])}] transfer to ICU [X] comfort care\n\nBasis for order: Discussion with [{pick(['X',' '])}] patient with decision-making capacity  [ ] health care agent/surrogate: ____________\nSummary of discussion: Patient with {pick(['metastatic pancreatic cancer','end-stage COPD on home oxygen','advanced dementia','end-stage heart failure not a candidate for advanced therapies'])}; prognosis and the low likelihood of meaningful recovery after CPR were discussed. Patient/family expressed wish to avoid resuscitation.\n\nAttending physician: {doc}, {doc_cred()}\nSignature: ______________________  Pager {R.randint(1000,9999)}\n\nThis order will be reviewed at each transfer of care."
    else:
        t = f"DURABLE POWER OF ATTORNEY FOR HEALTH CARE AND ADVANCE DIRECTIVE\nState of {st}\n\nPART 1. I, {f} {l}, designate {agent_f} {agent_l} as my agent to make health care decisions for me.\n\nPART 2. INSTRUCTIONS FOR HEALTH CARE\nEnd-of-life decisions: I direct that my health care providers and others involved in my care provide, withhold, or withdraw treatment in accordance with the choice I have marked below:\n( ) Choice to prolong life: I want my life prolonged as long as possible within the limits of generally accepted health care standards.\n(X) Choice not to prolong life: I do not want my life prolonged if (a) I have an incurable and irreversible condition that will result in my death within a relatively short time, (b) I become unconscious and will not regain consciousness, or (c) the likely risks and burdens of treatment would outweigh the expected benefits.\n\nRelief from pain: I direct that treatment for alleviation of pain or discomfort be provided at all times.\n\nPART 3. DONATION OF ORGANS AT DEATH: (X) I give any needed organs, tissues, or parts.\n\nPART 4. PRIMARY PHYSICIAN: {doc}, {phone()}\n\nSigned {fdate(d,2)}.\n_______________________ {f} {l}\nWitnesses: _______________  _______________"
    if style=="ocr": return ocr_noise(fax_banner(d)+"\n\n"+t+"\n"+footer(1), 0.015), "other", "ocr-noisy"
    return t, "other", "form"

def roi(i, style):
    f,l,s = person(); d = rdate(); inst = pick(INST); a1,a2 = address(); dob = fdate(dob_for_age(R.randint(20,85),d),0)
    kind = i % 5
    recs = pick(["all records","discharge summary, operative report and imaging reports","emergency department records and x-rays","complete medical record including billing","laboratory results and progress notes"])
    d0 = fdate(rdate(2022,2024),0); d1 = fdate(rdate(2025,2026),0)
    if kind==0:
        t = f"{inst}\nHealth Information Management\nAUTHORIZATION FOR USE AND DISCLOSURE OF PROTECTED HEALTH INFORMATION\n\nPatient name: {f} {l}   DOB: {dob}   MRN: {mrn()}\nAddress: {a1}, {a2}   Phone: {phone()}\n\nI authorize {inst} to release the following information:\n[{pick(['X',' '])}] Discharge summary  [X] History & physical  [ ] Operative report  [X] Lab results  [ ] Radiology reports  [ ] Entire record\nDates of service: {d0} to {d1}\n\nTo: {pick(['Dr. '+doctor(),'Apex Life Insurance Company','myself','Smithfield & Ortiz LLP'])}\nPurpose: [{pick(['X',' '])}] Continuity of care  [ ] Legal  [ ] Insurance  [ ] Personal use\n\nI understand that this authorization includes information regarding: (initial if applicable) ___ Alcohol/drug abuse treatment ___ Mental health ___ HIV/AIDS ___ Genetic testing\n\nThis authorization expires on {fdate(d+datetime.timedelta(days=365),0)} or upon the following event: ________. I understand I may revoke this authorization in writing at any time except to the extent action has already been taken. Treatment, payment, enrollment or eligibility will not be conditioned on signing. Information disclosed may be re-disclosed by the recipient and no longer protected by federal privacy regulations.\n\nSignature of patient or legal representative: _________________  Date: {fdate(d,0)}"
    elif kind==1:
        firm = pick(["Hartwell, Brandt & Oyelowo, P.C.","Marsh Injury Law Group","Delgado & Finch Attorneys at Law"])
        t = f"{firm}\n{a1}\n{a2}\n\n{fdate(d,2)}\n\nCustodian of Records\n{inst}\nHealth Information Management Department\n\nRE: Request for Medical Records\nOur client: {f} {l}\nDOB: {dob}\nDate of incident: {fdate(rdate(2024,2025),0)}\n\nDear Custodian of Records:\n\nThis firm represents the above-named individual in connection with injuries sustained in a {pick(['motor vehicle collision','slip and fall','workplace accident'])}. Enclosed please find a HIPAA-compliant authorization signed by our client. Please forward complete certified copies of {recs} for dates of service {d0} through present, together with an itemized billing statement.\n\nPlease advise of any copying fees in advance; we agree to pay reasonable charges as permitted by state law. Kindly include a signed certification of records.\n\nThank you for your prompt attention.\n\nVery truly yours,\n\n{doctor().split()[0]} {pick(LAST)}, Esq.\nParalegal contact: {phone()}\n\nEnclosure: Authorization"
    elif kind==2:
        ins = pick(["Apex Life Insurance Company","Northwind Disability Claims","Sentinel Mutual Underwriting"])
        t = f"{ins}\nClaims Department\n\n{fdate(d,2)}\n\nTo: Medical Records / Release of Information\n{pick(CLINICS)}\n\nRe: Applicant/Claimant {f} {l}, DOB {dob}\nClaim/Policy #: {R.randint(10000000,99999999)}\n\nWe are evaluating a {pick(['life insurance application','long-term disability claim','short-term disability claim'])} for the individual named above. Pursuant to the enclosed signed authorization, please provide copies of {recs} from {d0} to present, including office notes, test results and specialist consultations.\n\nAn Attending Physician Statement is also enclosed for completion. Please return records within 30 days. Invoices for reasonable copy fees up to $25 may be submitted with records.\n\nSincerely,\n{pick(FIRST_F)} {pick(LAST)}\nMedical Underwriting Specialist\nFax {phone()}"
    elif kind==3:
        t = f"REQUEST FOR ACCESS TO MY HEALTH RECORDS\n\nTo: {inst} Release of Information Office\n\nI, {f} {l}, DOB {dob}, request a copy of my own medical records under my HIPAA right of access.\n\nRecords requested: {recs}\nDates: {d0} - {d1}\nFormat: [{pick(['X',' '])}] Paper  [X] Electronic (secure email / patient portal)  [ ] CD/DVD for images\nDeliver to: {a1}, {a2} / email on file\n\nPhoto ID attached: [X] driver's license\n\nSignature: ____________________   Date: {fdate(d,0)}\n\nFOR OFFICE USE ONLY: Received {fdate(d,0)} by ____  ID verified [ ]  Date fulfilled ______  Pages ____"
    else:
        t = f"Hi,\n\nI am writing to request copies of records for my {pick(['mother','father','husband','wife'])}, {f} {l} (DOB {dob}), who was a patient at {inst} from {d0} to {d1}. I am {pick(['her','his'])} court-appointed guardian / health care agent and have attached the guardianship letters. We need the {recs} for {pick(['a new specialist appointment','Social Security disability','a second opinion at another hospital'])}.\n\nPlease mail to {a1}, {a2} or call me at {phone()}.\n\nThank you,\n{pick(FIRST_F+FIRST_M)} {l}"
    if style=="ocr": return ocr_noise(fax_banner(d)+"\n\n"+t+"\n"+footer(1), 0.015), "other", "ocr-noisy"
    return t, "other", ("letter" if kind in (1,2,4) else "form")
