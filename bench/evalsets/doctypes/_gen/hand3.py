from hand1 import H, HAND

H("18842-5","Discharge summary","inpatient","untitled","""
Harborview Memorial Hospital - Adult Inpatient Psychiatry

Patient: Dunmore, Keisha     MRN: 0071102283     DOB: 12/22/1984
Admitted: 04/02/2026     Discharged: 04/13/2026
Legal status at discharge: Voluntary

Ms. Dunmore is a 41-year-old woman with bipolar I disorder who was admitted on a voluntary basis after 10 days of decreased need for sleep (2-3 hours nightly), pressured speech, spending approximately $6,000 on online purchases, and an argument with a neighbor that required police presence. She had stopped lithium about two months earlier because of weight gain and tremor.

On admission she was grandiose, euphoric and irritable, with flight of ideas, but without psychotic features or suicidal ideation. Labs were unremarkable apart from a TSH of 5.8. Pregnancy test negative. She was started on olanzapine 10 mg nightly, increased to 15 mg on day 3, and lithium was re-initiated at 600 mg nightly after discussion of her side-effect concerns; lithium level on day 9 was 0.7 mEq/L. Sleep normalized to 6-7 hours by day 6. She participated in groups and family sessions with her husband. By discharge her mood was euthymic to mildly elevated, speech normal rate, thought process linear, and she endorsed insight into the need for maintenance treatment. She consistently denied SI/HI throughout the stay. No seclusion or restraint was required.

Discharge diagnoses: Bipolar I disorder, current episode manic, severe, without psychotic features; subclinical hypothyroidism.

Medications at discharge:
- Lithium carbonate ER 600 mg PO nightly
- Olanzapine 15 mg PO nightly (plan to taper once stable on lithium; metabolic monitoring)
- Levothyroxine was NOT started; recheck TSH in 6 weeks

Risk assessment at discharge: low acute risk of harm to self or others. Protective factors include engaged spouse, employment, future orientation, and outpatient follow-up. Husband will hold credit cards for the next month per patient's request.

Follow-up: Cedar Behavioral Health, Dr. Tanaka, 04/17/2026 at 2:30 PM; lithium level, BMP and TSH in 1 week at that visit. Therapist Hannah Torvik 04/20.
Crisis resources provided (988).

Elena Voss, MD, Attending Psychiatrist
""")

H("18842-5","Discharge summary","inpatient","ocr-noisy","""
11/19/2025  16:48   FROM: GREENWAY NEPHRO   TO: 5550144      P.001/003

EASTGATE HEALTH SYSTEM
D1SCHARGE SUMMARY

Pt: THIBODEAUX, LOUIS A      MRN 000482211     DOB 02/17/1960
Adm: 11/10/2025    Disch: 11/18/2025
Attending: Nadia Reinholt, MD (Nephrology)

Discharge Diagnoses:
1. End-stage kidney disease due to diabetic nephropathy, new initiation of hemodialysis
2. Uremic pericarditis without tamponade
3. Hyperkalemia, resolved
4. Volume overload, improved
5. Type 2 diabetes mellitus, insulin requiring
6. Anemia of CKD

Procedures:
- Tunneled right internal jugular hemodialysis catheter placement (IR) 11/11/2025
- Hemodialysis sessions x 6
- Transthoracic echocardiogram 11/11/2025: small circumferential effusion, no tamponade physiology
- Left radiocephalic AV fistula creation (vascular surgery) 11/17/2025

Hospital Course: 65 y/o man with CKD stage 5 (eGFR 8) presented with 2 weeks of nausea, pruritus, dyspnea, and pleuritic chest pain with a pericardial friction rub. BUN 148, Cr 9.6, K 6.3, bicarbonate 14. After discussion of options including conservative kidney management and peritoneal dialysis, the patient chose in-center hemodialysis. A tunneled catheter was placed and daily HD initiated, with resolution of the rub and chest pain by HD #3. Ultrafiltration of 9.5 kg total achieved. EPO started with HD. Vascular surgery created a left radiocephalic AVF prior to discharge; thrill present. Outpatient HD chair confirmed at Riverton Dialysis MWF 06:00.

Disch Meds: sevelamer 800 mg TID with meals; calcitriol 0.25 mcg MWF at dialysis; insulin glargine 14 units qhs (reduced); amlodipine 10 mg daily; renal multivitamin daily. STOP: furosemide, losartan, metformin.

Follow-up: First outpatient HD 11/19. Vascular surgery 4 weeks (fistula check). Nephrology clinic 2 weeks. Transplant referral sent.

N. Reinholt, MD
                                Page 1 of 3
""")

H("18842-5","Discharge summary","inpatient","terse","""
Postpartum Discharge Summary
Pt: Rahimi, Nadia  31y  G1P1001   MRN 78812093
Adm 10/13/25 (L&D) -> D/C 10/16/25

Delivery: Primary LTCS 10/14 at 40w1d for arrest of dilation at 6 cm after 6 h adequate contractions. Liveborn male, 3,720 g, Apgars 8/9. QBL 820 mL.
Postpartum course: uncomplicated. Afebrile. Pain controlled on oral meds. Hgb 12.1 -> 10.4. Tolerating diet, ambulating, voiding, +BM. Breastfeeding.
Rh: A+. Rubella: immune. Tdap: given at 28 wk. Flu vaccine: given 10/15.
Contraception: norethindrone 0.35 mg daily, start now.

D/C meds: ibuprofen 600 mg q6h PRN, acetaminophen 1 g q8h PRN, oxycodone 5 mg q6h PRN severe pain #6, ferrous sulfate 325 mg QOD, docusate 100 mg BID, prenatal vitamin.
Instructions: pelvic rest 6 wks; no lifting > baby; call for fever >100.4, heavy bleeding (>1 pad/h), incision redness/drainage, headache/vision change, mood concerns.
F/u: incision check 1-2 wks; postpartum visit 6 wks; EPDS screening at visit.

Y. Ashby, MD
""")

H("34117-2","History and physical note","inpatient","terse","""
L&D Admission Note (H&P)
Marchetti, Sofia   27 y/o G2P1001 @ 39w4d (EDD 07/02/2026 by 8 wk US)   MRN 66020419
06/29/2026 03:10

CC: contractions

HPI: Regular painful ctx q4-5 min since 23:00. +FM. Denies LOF, VB. No HA, visual changes, RUQ pain.
Prenatal course: care at Lakeview Women's Health, 11 visits. Uncomplicated. NIPS low risk. Anatomy US normal. 1h GTT 112. GBS negative (35 wk).
Prenatal labs: B+, antibody screen neg, rubella immune, RPR NR, HIV neg, HBsAg neg, HCV neg.
OB hx: 2023 SVD 3,400 g, 9h labor, no complications.
Gyn hx: no abnormal Paps. No STIs.
PMH: anxiety (no meds). PSH: wisdom teeth. Meds: PNV. All: NKDA. SHx: married, no tobacco/EtOH/drugs.

ROS: neg except as above.

PE: BP 118/74  HR 88  T 36.9  RR 18
Gen: uncomfortable with ctx, coping well
CV RRR. Lungs CTAB. Abd gravid, soft, NT between ctx. Leopolds: vertex, EFW 3,500 g.
SVE: 5/90/-1, vertex, intact membranes
Ext: no edema, DTRs 2+
FHT: baseline 135, moderate variability, + accels, no decels - Category I
Toco: ctx q3-4 min, palpate moderate

A/P: 27 y/o G2P1 at 39w4d in active labor. GBS neg.
- Admit to L&D
- Expectant management, anticipate SVD
- CBC, T&S
- Epidural on request (pt desires)
- Continuous EFM
- Postpartum: desires LNG-IUD at 6 wks, breastfeeding

Rosa Galloway, CNM / Attending on call: Dr. Brandvold
""")

H("34117-2","History and physical note","outpatient","dictated","""
WESTSIDE INTERNAL MEDICINE ASSOCIATES
NEW PATIENT HISTORY AND PHYSICAL

Patient: Yilmaz, Rajesh      DOB: 03/03/1972      Date of service: 09/09/2025
Provider: Priyanka Falk, MD

CHIEF COMPLAINT: Establish care; "I haven't seen a doctor in 8 years."

HISTORY OF PRESENT ILLNESS: 53-year-old man relocating from out of state, presenting to establish primary care. He reports intermittent heartburn after meals, 2-3 times per week, relieved with antacids. He notes increased urinary frequency and thirst over the past 6 months and nocturia twice nightly. No weight loss, chest pain, dyspnea, or change in bowel habits. He snores, and his wife reports occasional pauses in breathing. Energy is fair.

PAST MEDICAL HISTORY: "Borderline" blood pressure told 2017, never treated. Childhood asthma, resolved.
PAST SURGICAL HISTORY: Right knee arthroscopy 2010.
MEDICATIONS: Calcium carbonate as needed. No prescription medications.
ALLERGIES: No known drug allergies.
IMMUNIZATIONS: Unknown; believes last tetanus over 10 years ago. No COVID-19 boosters since 2021. Never had shingles or pneumococcal vaccines.
HEALTH MAINTENANCE: Never had colon cancer screening. No lipid testing in memory.

FAMILY HISTORY: Father with type 2 diabetes and MI at 58, deceased. Mother alive, 79, with hypertension. Brother with diabetes.

SOCIAL HISTORY: Married, two teenage children. Works as an IT project manager, sedentary. Former smoker, 10 pack-years, quit at 35. Alcohol 2-3 drinks on weekends. No drug use. Eats fast food at lunch most days. No regular exercise.

REVIEW OF SYSTEMS:
Constitutional: fatigue; no fever or weight change.
Eyes: mild blurred vision at distance.
ENT: snoring.
Cardiovascular: no chest pain, palpitations, or edema.
Respiratory: no cough or wheeze.
GI: heartburn as above; no dysphagia, melena, or hematochezia.
GU: polyuria, nocturia; no hematuria or erectile dysfunction.
MSK: occasional low back stiffness.
Skin: darkening of skin at the back of the neck.
Neuro: no numbness or tingling in the feet.
Psych: mood good; PHQ-2 negative.
Endocrine: polydipsia.

PHYSICAL EXAMINATION:
Vitals: BP 148/94 (repeat 144/92), HR 82, RR 14, T 98.1 F, SpO2 97% RA. Height 5'9", weight 231 lb, BMI 34.1. Neck circumference 17.5 in.
General: Well-appearing, overweight man, no distress.
HEENT: Normocephalic. Pupils equal and reactive. Fundi: sharp discs, no hemorrhages visualized (undilated). Oropharynx crowded, Mallampati III.
Neck: Supple, no thyromegaly or lymphadenopathy. No carotid bruits.
Cardiovascular: Regular rhythm, normal S1 S2, no murmurs, rubs, or gallops. Pedal pulses 2+.
Lungs: Clear to auscultation bilaterally.
Abdomen: Obese, soft, nontender, no hepatosplenomegaly.
GU: Deferred.
Extremities: No edema.
Skin: Acanthosis nigricans at posterior neck.
Neuro: Alert, oriented. Monofilament sensation intact bilaterally. Gait normal.
Psych: Normal mood and affect.

POINT OF CARE: Fingerstick glucose 248 mg/dL (nonfasting). Urine dip 2+ glucose, negative protein.

ASSESSMENT AND PLAN:
1. Hyperglycemia with polyuria/polydipsia, likely new type 2 diabetes mellitus. A1c, CMP, urine albumin-to-creatinine ratio today. Start metformin 500 mg daily with dinner, titrate. Diabetes education referral. Ophthalmology for dilated exam.
2. Elevated blood pressure, likely stage 2 hypertension. Home BP monitoring for 2 weeks; will start lisinopril if confirmed, favored given diabetes.
3. Suspected obstructive sleep apnea (STOP-BANG 6). Home sleep apnea test ordered.
4. GERD. Lifestyle measures; famotidine 20 mg BID PRN. Consider EGD if persistent given age and risk factors.
5. Class I obesity. Discussed nutrition and activity goals; 150 min/week moderate exercise.
6. Cardiovascular risk: lipid panel today; calculate ASCVD risk at follow-up.
7. Health maintenance: Tdap today; recombinant zoster series #1 today; pneumococcal PCV20 today; COVID-19 booster offered. FIT-DNA vs colonoscopy discussed - patient prefers colonoscopy, referral placed. Hepatitis C and HIV screening today.

Return in 2 weeks to review results and home BP log.

Priyanka Falk, MD
""")

H("34117-2","History and physical note","inpatient","untitled","""
NEUROSURGERY - ICU ADMISSION
Ferreira, Lucia   52F   MRN 81122056   Admitted 01/30/2026 15:10 to NSICU

History: Sudden "worst headache of my life" at 13:30 while lifting groceries, with vomiting x2 and neck stiffness. Brief LOC per husband (<1 min). No anticoagulants. Smoker 1 ppd. HTN, poorly controlled (ran out of amlodipine). Mother died of "brain bleed" at 60.
Meds: none currently (amlodipine 10 mg previously). NKDA.

Exam: BP 178/96 -> 138/80 on nicardipine; HR 64; afebrile. GCS 14 (E3V5M6). Drowsy, oriented, follows commands. Meningismus. Pupils 3 mm equal and reactive. No CN palsy (specifically no CN III). Strength 5/5 x4. No drift. Hunt-Hess 2. 

CT head: diffuse SAH in basal cisterns and bilateral sylvian fissures, thick clot, small IVH in occipital horns, mild ventricular enlargement. Modified Fisher 4. CTA: 7 mm anterior communicating artery aneurysm, irregular with daughter sac.
Labs: Na 139, plt 244, INR 1.0, troponin 0.06, ECG sinus with diffuse T wave inversions.

Impression: Aneurysmal SAH from 7 mm AComm aneurysm, Hunt-Hess 2, mFisher 4; early hydrocephalus.

Plan:
- NSICU, neuro checks q1h
- SBP goal <140 until aneurysm secured; nicardipine gtt
- Nimodipine 60 mg q4h x 21 days
- Levetiracetam 500 BID x 7 days
- Cerebral angiogram with endovascular coiling vs clipping tonight - discussed with neurointerventional (Dr. Falk); consent from patient and husband
- EVD placement at bedside if mental status declines
- TTE (troponin leak/ECG changes), euvolemia, Na checks q6h
- Nicotine patch, stool softeners, SCDs; hold pharmacologic DVT ppx until secured
- Full code

Elijah Brandvold, MD, Neurosurgery
""")

H("11488-4","Consult note","inpatient","terse","""
ENT Consult
Requesting: Hospitalist (Dr. Pruitt)   Date 12/14/2025 22:40
Pt: Ashby, Harold 81M   MRN 00277155   Location: 3 North
Q: recurrent R epistaxis despite anterior packing, on apixaban

HPI: 81M w/ AFib on apixaban, HTN, admitted today for R epistaxis x 3 episodes over 24h. Rhino Rocket placed in ED with recurrence 4 h later, bleeding into posterior pharynx. Hgb 12.4 -> 10.1. No trauma. Lives in dry climate, forced air heat.
Exam: BP 162/88 HR 88 irreg. Moderate active oozing around R anterior pack, blood in posterior oropharynx. After removal of pack and suction: anterior septum unremarkable bilaterally. Rigid endoscopy (0 deg) after oxymetazoline/lidocaine pledgets: active bleeding point R posterior lateral nasal wall near sphenopalatine region. L side normal.
Proc: Posterior epistaxis - placed R 7.5 cm anterior/posterior double-balloon pack, balloons inflated (posterior 8 mL, anterior 25 mL air), hemostasis achieved, no further bleeding in oropharynx on observation x 20 min.

A: R posterior epistaxis on anticoagulation, currently controlled with posterior balloon pack.
Recs:
1. Admit to telemetry/step-down w/ continuous pulse ox (posterior pack)
2. Hold apixaban x 48-72h - discuss w/ cardiology re: stroke risk; no reversal needed currently
3. BP control, goal SBP < 150
4. Prophylactic antibiotics not required; keep pack 48-72h, ENT will remove
5. Afrin not to be used >3 days; saline gel after pack removal, humidifier
6. If rebleeds with pack in place -> OR for R endoscopic sphenopalatine artery ligation vs IR embolization

ENT will follow. Pager 3320.
Marcus Lindholm, MD (ENT resident) / d/w Dr. Szabo
""")

H("11488-4","Consult note","inpatient","dictated","""
CONSULTATION-LIAISON PSYCHIATRY
Decision-Making Capacity Evaluation

Date: 05/22/2026   Time: 15:30
Patient: Bergstrom, Evelyn    MRN 38820114    Age 79    Room 7W-22
Requesting physician: Dr. Hiroshi Adeyemi, General Surgery
Reason for consultation: Patient refusing recommended below-knee amputation for infected left foot gangrene; please assess capacity.

SOURCES: Patient interview (40 minutes), chart review, discussion with surgical team and bedside nurse, telephone call with daughter (health care agent).

BACKGROUND: 79-year-old widowed woman with type 2 diabetes, peripheral arterial disease, and CKD 3 admitted 5/19 with wet gangrene of the left forefoot and osteomyelitis. Vascular surgery has determined she is not a revascularization candidate. Surgery recommends left below-knee amputation and has explained that without it she has a high risk of sepsis and death. She has declined repeatedly. No prior psychiatric history. No history of cognitive impairment per daughter; she manages her own finances and lives independently.

MENTAL STATUS EXAMINATION: Elderly woman sitting up in bed, well-groomed, cooperative, good eye contact. Speech normal rate and volume. Mood "tired of hospitals." Affect appropriate, mildly sad, reactive, smiles when talking about her grandchildren. Thought process linear and goal-directed. Thought content: no delusions; denies suicidal ideation; states clearly "I don't want to die, but I don't want to lose my leg." No hallucinations. Alert and oriented x4. MoCA 25/30 (lost points for delayed recall and cube). CAM negative.

CAPACITY ASSESSMENT (specific to the decision regarding amputation):
- Communicates a choice: Yes, consistently declines amputation over 3 days and with multiple clinicians.
- Understanding: She accurately paraphrases the proposed surgery, its purpose, and the risk of spreading infection and death without it.
- Appreciation: She acknowledges that these risks apply to her ("I know this could kill me, doctor."). No evidence of denial driven by a psychiatric process.
- Reasoning: She weighs the options in light of stable, long-held values: she watched her husband decline after a bilateral amputation and a long nursing-home stay, and she prioritizes remaining at home. She is willing to accept IV antibiotics and local wound care, and would accept hospice if infection progresses.

There is no evidence of a major depressive episode, delirium, or a neurocognitive disorder that impairs her decisional abilities.

IMPRESSION:
1. Patient demonstrates decision-making capacity to refuse below-knee amputation.
2. Adjustment disorder with depressed mood, mild, not impairing capacity.

RECOMMENDATIONS:
1. Her informed refusal should be respected and documented. Capacity is decision- and time-specific; reassess if mental status changes (e.g., if she becomes septic or delirious).
2. Recommend palliative care consultation to clarify goals and plan for symptom management.
3. Encourage continued, non-coercive conversations; she is open to revisiting the question with her daughter present.
4. No psychotropic medication indicated at this time. Supportive therapy offered.

Thank you for the consultation. We will sign off but are happy to re-evaluate.

Ingrid Osei, MD
Consultation-Liaison Psychiatry
""")

H("11488-4","Consult note","outpatient","terse","""
eConsult Response - Hematology
Question from: Dr. Kevin Albright (Family Medicine)   Received 02/03/2026   Responded 02/04/2026
Patient: Farrow, Gloria   67F   (chart reviewed; patient not seen)

Question: "Platelets 468-510K on 3 checks over 6 months. Mild iron deficiency (ferritin 18). Otherwise well. Needs heme referral?"

Data reviewed: CBC 8/2025 plt 468, Hgb 11.9, MCV 79; 11/2025 plt 495; 1/2026 plt 510, WBC 7.2 normal diff. Ferritin 18, TSAT 11%. CRP normal. No splenomegaly documented. Colonoscopy 2019 normal.

Assessment: Persistent mild thrombocytosis most consistent with reactive thrombocytosis due to iron deficiency. Essential thrombocythemia less likely but not excluded.

Recommendations:
1. Evaluate cause of iron deficiency in a 67-year-old: repeat colonoscopy and consider EGD/celiac serologies.
2. Oral iron: ferrous sulfate 325 mg every other day; recheck CBC and ferritin in 8-12 weeks.
3. If platelets remain > 450K after iron repletion (ferritin > 50), send JAK2 V617F with reflex to CALR/MPL and place formal hematology referral.
4. No aspirin needed at this platelet level absent other indications.

Time spent: 15 minutes. Please re-submit or refer if questions.
Nikhil Ocampo, MD, Hematology
""")

H("11506-3","Progress note","outpatient","terse","""
Telephone Encounter - Urology
Date/time: 07/08/2026 10:15
Pt: Sorensen, Curtis  DOB 11/30/1957   Identity verified (name + DOB)
Caller: pt

Reason: results of prostate biopsy 07/01.
Discussed: 12-core TRUS/MRI-fusion biopsy - Gleason 3+3=6 (Grade Group 1) in 2/12 cores (L apex 10%, L lateral mid 5%). MRI target (PI-RADS 3) benign. PSA 5.4, PSA density 0.11.
Reviewed meaning of low-risk prostate cancer. Recommended active surveillance per NCCN low risk; explained PSA q6mo, repeat MRI 12 mo, confirmatory biopsy 12-18 mo. Pt asked about surgery/radiation - explained options and that treatment can be pursued if progression. Pt would like to discuss in person with wife.
Post-biopsy: no fever, hematuria resolved, mild hematospermia - reassured.
Plan: clinic visit w/ Dr. Chandra in 2 wks (scheduled 7/22); pt given prostate cancer education packet via portal. Pt verbalized understanding.
Time: 14 minutes.
A. Marquez, NP
""")

H("11506-3","Progress note","outpatient","soap","""
Dialysis Unit - Monthly Nephrology Progress Note
Riverton Dialysis Center   Chair 14, MWF 1st shift
Pt: Thibodeaux, Louis   65M   ESKD (DM), HD since 11/2025
Date: 02/16/2026

S: Feels much better than at start. Appetite good, no chest pain. Occasional cramping last hour of treatment. Pruritus resolved. Adherent to binders "most days."
O: Pre-HD wt 84.2 kg, post 81.6 (EDW 81.5). Pre BP 152/84, post 128/72. IDWG avg 2.8 kg.
Access: L radiocephalic AVF - good thrill/bruit, matured, cannulating with 15g needles since 2/2; R IJ tunneled cath still in place.
Labs (2/9): Kt/V 1.42, URR 72%, Hgb 10.6, K 5.1, Ca 8.9, phos 6.2, PTH 412, albumin 3.8, ferritin 520, TSAT 28%.
Exam: lungs clear, no edema, AVF as above.
A/P:
1. ESKD on HD - adequate clearance. Continue 4 h, Qb 400, 2K/2.5Ca bath.
2. AVF matured - remove tunneled catheter; IR referral placed.
3. Hyperphosphatemia - increase sevelamer to 1600 mg TID with meals; dietitian reinforcement.
4. SHPT - increase calcitriol to 0.5 mcg MWF.
5. Anemia - continue epoetin, dose per protocol; iron replete.
6. Cramping - reassess EDW, consider raising by 0.3 kg.
7. Transplant evaluation in progress at North Ridge.

Nadia Reinholt, MD
""")

H("11506-3","Progress note","outpatient","terse","""
POD #1 visit - Horizon Eye Institute
Pt: Whitcombe, Joan  74F   s/p phaco/PCIOL OS 04/28/2026 (Dr. Mbeki)
Date: 04/29/2026

CC: post-op check. Pt reports mildly blurry vision, scratchy sensation, no pain, no flashes/floaters.
Meds: using prednisolone acetate 1% QID OS, moxifloxacin QID OS since last night.

VA sc: OS 20/40, PH 20/25 (pre-op 20/70 BCVA). OD 20/30.
IOP: OS 18 (tonopen), OD 15.
SLE OS: lids - mild edema. Conj - mild injection. Cornea - clear, trace stromal edema temporal near wound; wound Seidel negative. AC - deep, 1+ cell. Iris - round pupil. Lens - PCIOL well centered in bag.
DFE: deferred.

A/P: POD#1 s/p uncomplicated CE/IOL OS, doing well.
- Continue prednisolone QID x 1 wk then taper over 3 wks
- Continue moxifloxacin QID x 1 week then stop
- Shield at night x 1 week, no rubbing, no swimming 2 wks
- RD/endophthalmitis warning signs reviewed (pain, decreased vision, redness) - call immediately
- RTC 1 week; plan OD surgery after refraction stable

F. Iwasaki, OD (co-management)
""")

H("11506-3","Progress note","outpatient","soap","""
Northside Pediatrics - ADHD Follow-up
Patient: Galloway, Samuel   9 y.o. M   Visit date: 03/11/2026   Accompanied by mother
Provider: Esther Reinholt, MD

S: Started methylphenidate ER 18 mg qAM 5 weeks ago for ADHD, combined type. Teacher Vanderbilt reports improvement in attention and fewer classroom disruptions; homework completion up. Mother notes appetite decreased at lunch, eats large dinner. Falls asleep by 9:30 PM, no change. No headaches, stomachaches, tics, palpitations, or mood changes. Occasional irritability around 5 PM as medication wears off.

O: Wt 27.4 kg (was 28.1 kg), Ht 133 cm. BP 102/64 (50th %ile), HR 86.
Gen: alert, interactive, sat through visit with minimal fidgeting.
CV: RRR, no murmur.
Neuro: no tics observed.
Parent Vanderbilt: inattention 4/9 (was 8/9), hyperactivity 3/9 (was 7/9). Teacher Vanderbilt: inattention 3/9, performance items improved.

A: ADHD, combined presentation - good response to stimulant; mild appetite suppression with 0.7 kg weight loss. Afternoon rebound.

P:
1. Continue methylphenidate ER 18 mg daily; consider 27 mg only if school reports return of symptoms.
2. Appetite: high-calorie breakfast before med, after-school snack, weight check in 6 wks.
3. Rebound: structured after-school routine; discuss adding short-acting afternoon dose if persists.
4. Controlled substance agreement reviewed; 30-day Rx sent.
5. Continue 504 plan; behavioral parent training referral given.
RTC 6 weeks.
""")

H("34111-5","Emergency department note","ed","terse","""
ED Provider Note
Castellanos, Mei   23F   MRN 77120093   Arrival 02:14   ESI 3

CC: sore throat, can't swallow

HPI: 4 days progressively worsening L-sided sore throat, fever to 101.8, painful swallowing, now drooling spit into cup, muffled voice. Tried amoxicillin leftover x 2 days. No SOB, no stridor. No PMH. No meds. NKDA. Not pregnant (UPT neg).

Exam: T 38.4 HR 108 BP 124/78 RR 16 SpO2 99%
Hot potato voice, mild trismus (2 FB). L peritonsillar fullness with uvular deviation to R, L tonsil displaced medially. R tonsil 2+. Tender L level II LN. No stridor, handling secretions w/ cup, neck supple, full ROM, no submandibular swelling.

MDM: Clinical L peritonsillar abscess. No signs of deep neck space infection or airway compromise - CT not indicated at this time. Bedside intraoral US confirms 1.8 x 1.3 cm hypoechoic collection.

Procedure: Needle aspiration L PTA. Verbal consent. Topical benzocaine + 2 mL 1% lido w/ epi. 18 g needle with guard, aspirated 4 mL purulent material from superior pole. Pt tolerated well. Immediate improvement in pain/voice.

ED course: dexamethasone 10 mg IV, clindamycin 600 mg IV, ketorolac 15 mg IV, 1 L NS. Tolerating PO water and popsicle at 05:30.

Dx: L peritonsillar abscess, s/p needle aspiration
Dispo: Discharged home. Clindamycin 300 mg QID x 10 d, ibuprofen/acetaminophen. ENT f/u in 2-3 d (Pinecrest ENT, referral placed). Return precautions: trouble breathing, recurrent swelling, unable to swallow fluids, neck swelling.

B. Tanaka, MD
""")

H("34111-5","Emergency department note","ed","dictated","""
LAKEVIEW COMMUNITY HOSPITAL - EMERGENCY DEPARTMENT
ED PHYSICIAN DOCUMENTATION

Date of service: 06/07/2026        Time seen: 11:42
Patient: Nakagawa, Dolores          Age: 34         MRN: 5520183

CHIEF COMPLAINT: Vaginal bleeding in early pregnancy.

HISTORY OF PRESENT ILLNESS: G3P1011 at approximately 7 weeks by LMP (04/19/2026) with a positive home pregnancy test 2 weeks ago, presents with light vaginal bleeding since last night, soaking 2 pads overnight, with mild lower abdominal cramping. No passage of tissue, dizziness, syncope, shoulder pain, or fever. No prior ultrasound this pregnancy. History of one prior spontaneous abortion in 2022. No history of ectopic pregnancy, PID, or tubal surgery.

PAST MEDICAL HISTORY: Hypothyroidism.
MEDICATIONS: Levothyroxine 75 mcg daily, prenatal vitamin.
ALLERGIES: None.
SOCIAL: Nonsmoker, no alcohol.

PHYSICAL EXAMINATION:
Vitals: BP 118/72, HR 84, T 36.8 C, RR 14, SpO2 100%.
General: Comfortable, no distress.
Abdomen: Soft, mild suprapubic tenderness, no rebound or guarding.
Pelvic (chaperone present, RN Lucia): Small amount of dark blood in the vault, no active bleeding. Cervical os closed. No tissue. No cervical motion or adnexal tenderness.

DIAGNOSTICS:
Quantitative hCG 18,420 mIU/mL. Blood type O negative, antibody screen negative. Hgb 12.8.
Transvaginal ultrasound (radiology): single intrauterine gestational sac with yolk sac and fetal pole, CRL 9 mm consistent with 6w6d, fetal cardiac activity present at 138 bpm. Small subchorionic hemorrhage. No adnexal masses or free fluid.

MEDICAL DECISION MAKING: Threatened abortion with confirmed viable intrauterine pregnancy; ectopic pregnancy excluded by IUP with no risk factors for heterotopic pregnancy. Hemodynamically stable with normal hemoglobin. Rh negative, therefore Rh immune globulin indicated.

ED COURSE: Rho(D) immune globulin 300 mcg IM administered. Patient reassured and counseled that bleeding is common in the first trimester and that most pregnancies with cardiac activity continue.

DIAGNOSIS:
1. Threatened abortion, viable intrauterine pregnancy at 6w6d.
2. Rh-negative status, RhIG given.

DISPOSITION: Discharged home in stable condition. Pelvic rest until follow-up. Follow up with Lakeview Women's Health within 1 week (appointment request sent). Return for heavy bleeding (more than 2 pads per hour for 2 hours), severe pain, fever, or lightheadedness.

Douglas Thibodeaux, DO
""")

H("11504-8","Surgical operation note","inpatient","dictated","""
OPERATIVE REPORT - OAKMONT UROLOGY / ST. BRENDAN'S HOSPITAL

DATE OF PROCEDURE: 08/04/2025
PATIENT: Bergstrom, Harold         MRN: 22930047         AGE: 79
SURGEON: Samir Okafor, MD
ANESTHESIA: General via laryngeal mask airway

PREOPERATIVE DIAGNOSIS: Bladder mass, atypical urine cytology, gross hematuria.
POSTOPERATIVE DIAGNOSIS: Bladder tumor, left lateral wall, approximately 3 cm, papillary.
PROCEDURES:
1. Cystourethroscopy.
2. Transurethral resection of bladder tumor (TURBT), medium (2-5 cm).
3. Bilateral retrograde pyelograms.
4. Instillation of intravesical gemcitabine 2 g.

INDICATIONS: 79-year-old former smoker with painless gross hematuria, office cystoscopy showing a papillary left lateral wall lesion, and urine cytology atypical urothelial cells. CT urogram with no upper tract filling defects.

FINDINGS: Normal anterior urethra. Moderate trilobar prostatic hypertrophy. Bladder with moderate trabeculation. A 3 cm papillary tumor on the left lateral wall, well above and lateral to the left ureteral orifice. No other lesions. No velvety erythematous areas suspicious for carcinoma in situ on white-light cystoscopy. Bilateral retrograde pyelograms: normal caliber ureters and collecting systems without filling defects.

DESCRIPTION: After induction of general anesthesia, the patient was placed in dorsal lithotomy position, prepped and draped. A time-out was performed. Preoperative cefazolin was given. A 22 Fr rigid cystoscope was passed per urethra and pan-cystoscopy performed. Each ureteral orifice was cannulated with a 5 Fr open-ended catheter and retrograde pyelography performed with dilute contrast under fluoroscopy. The 26 Fr continuous-flow resectoscope was then introduced with bipolar loop. The tumor was resected systematically in piecemeal fashion down to and including detrusor muscle at the base; the base was sent separately. An obturator nerve block was not required; no obturator reflex was encountered. Hemostasis was obtained with the rollerball. Chips were evacuated with an Ellik evacuator. There was no evidence of perforation. A 20 Fr three-way Foley catheter was placed and 2 g gemcitabine in 50 mL saline instilled, to dwell for 1 hour.

SPECIMENS: 1) Bladder tumor, left lateral wall. 2) Deep base of tumor.
EBL: Minimal.  COMPLICATIONS: None.
DISPOSITION: PACU, stable. Drain gemcitabine at 1 hour, then continuous bladder irrigation as needed. Anticipate catheter removal and discharge tomorrow.

Samir Okafor, MD
""")

H("11504-8","Surgical operation note","outpatient","terse","""
Pinecrest ENT Surgery Center - Operative Note
Date: 10/07/2025   Pt: Albright, Miriam   46F   MRN PE-118203
Surgeon: Catherine Lund, MD   Anesthesia: GETA
Pre-op dx: Chronic rhinosinusitis with nasal polyps, failed maximal medical therapy; nasal septal deviation
Post-op dx: same
Procedures: Bilateral functional endoscopic sinus surgery - maxillary antrostomy, total ethmoidectomy, sphenoidotomy, frontal sinusotomy (Draf IIa) bilaterally; septoplasty; image guidance
Findings: Grade 3 polyps bilaterally, thick eosinophilic mucin in bilateral maxillary/ethmoid sinuses, septal spur to left. Skull base and lamina papyracea intact.
Technique in brief: Image guidance registered. Septoplasty via L hemitransfixion incision with resection of spur, quilting suture. Microdebrider polypectomy, then sequential uncinectomy, wide maxillary antrostomies, anterior to posterior ethmoidectomy to skull base, sphenoidotomy via transethmoid approach, frontal recess dissection. Mucin sent for fungal stain/culture. Steroid-eluting stents placed in ethmoid cavities bilaterally.
EBL 150 mL. Specimens: polyps, mucin. Complications: none. CSF leak: none observed.
Dispo: home from PACU. Saline irrigations start POD1. Debridement visit 1 wk.
C. Lund
""")

H("11504-8","Surgical operation note","outpatient","dictated","""
OPERATIVE NOTE

PATIENT: Nakagawa, Beatrice         MRN: 68812009       DOS: 02/18/2026
SURGEON: Elena Marquez, MD, FACS (Surgical Oncology)
ANESTHESIA: General LMA with pectoralis nerve block.

PREOPERATIVE DIAGNOSIS: Left breast invasive ductal carcinoma, cT1c N0, ER/PR positive, HER2 negative.
POSTOPERATIVE DIAGNOSIS: Same.
PROCEDURE:
1. Left breast partial mastectomy (lumpectomy) with radioactive seed localization.
2. Left axillary sentinel lymph node biopsy with Tc-99m sulfur colloid and isosulfan blue.
3. Intraoperative specimen radiograph.

FINDINGS: Specimen radiograph confirmed the seed and biopsy clip within the specimen, centrally located. Two sentinel nodes identified, both hot (counts 1,420 and 610) and blue; background less than 10% of the hottest node. No palpable abnormal nodes.

DESCRIPTION: After identification and marking, the patient was taken to the OR. Following induction, 5 mL of isosulfan blue was injected in the subareolar region and the breast massaged. The left breast and axilla were prepped and draped. Using the gamma probe, the seed was localized at 2 o'clock. A curvilinear periareolar-sparing incision was made over the seed. The lesion was excised with a rim of grossly normal tissue, oriented with sutures (short superior, long lateral), and radiographed. Additional anterior and superior shave margins were taken. Hemostasis achieved; clips placed in the cavity for radiation planning. The cavity was closed in layers. Through a separate axillary incision, the clavipectoral fascia was opened and two hot and blue sentinel nodes were identified and excised. Post-excision bed counts were background. Incisions closed with 3-0 Vicryl and 4-0 Monocryl subcuticular; Dermabond applied.

EBL: 20 mL. SPECIMENS: Left breast partial mastectomy with seed, oriented; additional anterior and superior margins; sentinel nodes #1 and #2. COMPLICATIONS: None. The patient was discharged home from PACU in good condition with a surgical bra.

Elena Marquez, MD
""")

H("28570-0","Procedure note","inpatient","dictated","""
HARBOR GI & ENDOSCOPY - ENDOSCOPY REPORT

Patient: Castellanos, Oscar    MRN 00910223    Date: 12/03/2025    Location: ICU bedside -> Endoscopy suite
Endoscopist: Julia Petrakis, MD
Procedure: Esophagogastroduodenoscopy with esophageal variceal band ligation
Indication: Hematemesis in a patient with alcohol-associated cirrhosis (Child-Pugh C); hemoglobin 6.9
Sedation/airway: Intubated for airway protection prior to procedure by ICU team; propofol infusion.
Pre-procedure medications: Octreotide infusion, ceftriaxone 1 g IV, erythromycin 250 mg IV 30 minutes prior.

Findings:
Esophagus: Four columns of large (grade 3) varices in the distal esophagus with red wale signs; one column with a white nipple sign (platelet plug) at 36 cm indicating recent bleed. Moderate fresh blood in the esophageal lumen, cleared with irrigation.
Stomach: Moderate portal hypertensive gastropathy in the fundus and body. No gastric varices on retroflexion. Old blood and clot in the fundus, suctioned.
Duodenum: Normal to the second portion.

Interventions: Six bands placed, starting at the GE junction and spiraling proximally, including the stigmata at 36 cm. Good hemostasis at the end of the procedure.

EBL: minimal. Complications: none.

Impression:
1. Acute esophageal variceal hemorrhage, treated with band ligation x6.
2. Portal hypertensive gastropathy.

Recommendations:
- Continue octreotide 50 mcg/h for 3-5 days; ceftriaxone for 7 days
- Transfuse to Hgb goal 7-8; avoid over-transfusion
- Consider early TIPS within 72 hours given Child-Pugh C - IR/hepatology notified
- Repeat EGD for banding in 2-4 weeks
- Start carvedilol once hemodynamically stable and off pressors

Julia Petrakis, MD
""")

H("28570-0","Procedure note","outpatient","terse","""
COLPOSCOPY PROCEDURE NOTE
Lakeview Women's Health     Date: 05/19/2026
Pt: Kowalczyk, Aisha  28 y/o G0   LMP 05/06/2026   UPT neg
Indication: Pap LSIL, HPV 16 positive
Consent: signed after discussion of risks (bleeding, infection, discomfort, inadequate sample)

Speculum placed. Cervix nulliparous, no gross lesions. Acetic acid 5% applied.
Adequacy: SCJ fully visualized (type 1 TZ). Satisfactory exam.
Findings: dense acetowhite epithelium w/ sharp borders and fine mosaicism at 11 and 1 o'clock, extending to SCJ. No atypical vessels. Lugol's: iodine nonstaining at same areas.
Colposcopic impression: HSIL (CIN 2-3) suspected.
Biopsies: ectocervical bx at 11 and 1 o'clock; ECC performed.
Hemostasis with Monsel's solution. EBL minimal. Tolerated well.

Plan: path results in 1-2 wks; if CIN2+, LEEP discussed (reviewed preterm birth risk considerations given future fertility desire). Pelvic rest 48 h. Call with heavy bleeding or fever.
Tamika Lindqvist, MD
""")

H("28570-0","Procedure note","outpatient","terse","""
Intravitreal Injection Procedure Note
Horizon Eye Institute   06/02/2026
Pt: Pruitt, Arthur  81M   Eye: OD
Dx: Neovascular (wet) age-related macular degeneration OD, active (OCT: subretinal fluid increased, CST 384 um)
Injection #7 OD; interval 6 wks
Drug: aflibercept 2 mg/0.05 mL
Consent: on file (annual), risks reviewed today: endophthalmitis, RD, IOP rise, bleeding
Time-out: correct pt, eye (OD marked), drug
Prep: proparacaine, lidocaine gel, 5% povidone-iodine to lashes/fornix, lid speculum
Injection: 30 g needle, 3.5 mm posterior to limbus inferotemporally
Post: CF vision confirmed, optic nerve perfused on indirect ophthalmoscopy, IOP 21 at 5 min
Complications: none
F/u: 6 wks with OCT, treat-and-extend.
Return immediately for pain, decreasing vision, or redness.
H. Mbeki, MD, Retina
""")

H("28570-0","Procedure note","inpatient","terse","""
Procedure: Nontunneled hemodialysis catheter placement (Trialysis), R IJ
Date/time: 11/10/2025 21:05     Pt: Thibodeaux, Louis A  65M  MRN 000482211
Operator: Kenji Farrow, MD (Nephrology fellow); attending Dr. Reinholt present for key portions
Indication: urgent HD for hyperkalemia (K 6.3), uremic pericarditis; no existing access
Consent: written consent from pt
Universal protocol: time-out done; full sterile barrier; CHG prep
US: R IJ patent, compressible, no thrombus
Technique: lidocaine 1% local. Real-time US-guided single-pass venipuncture, wire passed, ECG without ectopy. Serial dilation, 12 Fr 16 cm triple-lumen dialysis catheter placed. All lumens aspirated/flushed. Heparin lock 1000 u/mL per lumen volume. Sutured, Biopatch, sterile dressing.
CXR: tip in SVC/RA junction, no PTX. Cleared for use.
EBL <5 mL. Complications: none.
""")

H("18748-4","Diagnostic imaging study","radiology","terse","""
CT ABDOMEN PELVIS WO CONTRAST (RENAL STONE PROTOCOL)  03/14/2026 03:02
Indication: L flank pain, hematuria
Comparison: none
Findings: 5 x 4 mm obstructing calculus at the left UVJ with moderate left hydroureteronephrosis and perinephric stranding. Two nonobstructing right lower pole calculi, 3 mm and 2 mm. Bladder decompressed. Appendix normal. No free air or fluid. Lung bases clear.
IMPRESSION:
1. 5 mm obstructing left UVJ calculus with moderate hydronephrosis.
2. Nonobstructing right nephrolithiasis.
Dictated by: P. Sato, MD (Night radiology coverage)
""")

H("18748-4","Diagnostic imaging study","radiology","dictated","""
EXAM: MRI PROSTATE WITH AND WITHOUT CONTRAST (MULTIPARAMETRIC)
DATE: 05/02/2026
PATIENT: Sorensen, Curtis    MRN 88100427    DOB 11/30/1957
REFERRING: Dr. A. Marquez, Urology

CLINICAL HISTORY: PSA 5.4 ng/mL, rising from 3.9. No prior biopsy.

TECHNIQUE: 3T multiparametric MRI of the prostate with multiplanar T2-weighted imaging, diffusion-weighted imaging (b-values 50, 800, 1400) with ADC map, and dynamic contrast-enhanced imaging after 7.5 mL gadoterate. No endorectal coil.

COMPARISON: None.

FINDINGS:
Prostate size: 5.1 x 4.2 x 4.6 cm (volume approximately 49 mL). PSA density 0.11 ng/mL/cc.
Transition zone: Heterogeneous BPH nodules, encapsulated.
Peripheral zone: 9 mm area of mildly hypointense T2 signal in the left posterolateral peripheral zone at the mid gland, with mild to moderate hypointensity on ADC (ADC approximately 980) and mild hyperintensity on high b-value images (DWI score 3). No focal early enhancement on DCE (DCE negative). PI-RADS v2.1 assessment category: 3.

Extraprostatic extension: None. Seminal vesicles: Normal. Neurovascular bundles: Symmetric.
Lymph nodes: No pelvic lymphadenopathy. Bones: No suspicious osseous lesions.

IMPRESSION:
1. PI-RADS 3 (equivocal) 9 mm lesion in the left posterolateral peripheral zone, mid gland. Targeted biopsy can be considered in context of PSA density and clinical risk.
2. Moderate BPH, prostate volume 49 mL.

Signed: Renee Hartigan, MD, Body Imaging
""")

H("18748-4","Diagnostic imaging study","radiology","untitled","""
Hepatobiliary scintigraphy (HIDA)
Pt Quintero, Luis    DOB 08/08/1970    Date 09/30/2025
Reason: RUQ pain, ultrasound equivocal for acute cholecystitis

6.2 mCi Tc-99m mebrofenin IV, dynamic images 60 min. Morphine 0.04 mg/kg given at 60 min for nonvisualization, with 30 additional min of imaging.

Prompt hepatic uptake and excretion. Small bowel activity by 25 minutes. The gallbladder is not visualized at 60 minutes or at 30 minutes after morphine augmentation. No biliary leak.

IMPRESSION: Nonvisualization of the gallbladder despite morphine augmentation, consistent with acute cystic duct obstruction / acute cholecystitis in the appropriate clinical setting. Patent common bile duct.

Amara Greer, MD, Nuclear Medicine
""")

H("11502-2","Laboratory report","lab","form","""
Quest-Line Reference Laboratories          SPECIMEN: 44-218-07713
Patient: ASHBY, MARCUS         DOB: 05/05/1980   Sex: M
Client: Cedar Plains Fertility Associates    Physician: Leah Bellamy, MD
Collected: 03/03/2026 08:40 (home collection, received 09:25)   Abstinence: 3 days

SEMEN ANALYSIS (WHO 6th edition reference limits)
Volume ................................ 2.8 mL          (>=1.4)
pH .................................... 7.8             (>=7.2)
Liquefaction .......................... Complete, 30 min
Viscosity ............................. Normal
Sperm concentration ................... 9.2 million/mL   LOW   (>=16)
Total sperm count ..................... 25.8 million     LOW   (>=39)
Total motility (PR + NP) .............. 31 %             LOW   (>=42)
Progressive motility .................. 18 %             LOW   (>=30)
Normal morphology (strict) ............ 3 %              LOW   (>=4)
Vitality (eosin-nigrosin) ............. 62 %             (>=54)
Round cells ........................... 0.8 million/mL
Leukocytes (peroxidase) ............... <1 million/mL

Interpretation: Oligoasthenoteratozoospermia. Recommend repeat analysis in 2-3 months; consider endocrine evaluation (FSH, LH, testosterone) if persistent.
Technologist: RJ   Reviewed: Andrology Laboratory Director
""")

H("11502-2","Laboratory report","lab","ocr-noisy","""
FAX FROM STATE PUBLIC HEALTH LAB  12/04/2025 07:19  PG 1/1

NEWBORN SCREENING REPORT
Infant: MENDOZA, BABY GIRL       DOB 11/02/2025  Time 04:18   Sex F
Birth wt 3260 g   Specimen collected 11/03/2025 06:30 (26 hrs)   Kit #: 2025-88-417209
Submitter: St. Brendan's Hospital Nursery    PCP: Northside Pediatrics

RESULT SUMMARY: ALL DISORDERS SCREENED - WITHIN NORMAL LIMITS EXCEPT AS NOTED

Amino acid disorders (incl. PKU, MSUD) ......... Normal
Fatty acid oxidation disorders ................. Normal
Organic acid disorders .......................... Normal
Congenital hypothyroidism (TSH) ................. Normal (TSH 6.1 mIU/L)
Congenital adrenal hyperplasia (17-OHP) ......... Normal
Galactosemia (GALT) ............................. Normal
Biotinidase ..................................... Normal
Hemoglobinopathy (IEF) .......................... FA - SICKLE CELL TRAIT NOT DETECTED - NORMAL
Cystic fibrosis (IRT) ........................... BORDERLINE - IRT 68 ng/mL (cutoff 62)
  -> CFTR DNA panel: NO mutations detected. No further action required.
SCID (TREC) ..................................... Normal
SMA (SMN1) ...................................... Normal

No repeat specimen required.
State Newborn Screening Program, Follow-up Coordinator: (555) 014-2200
""")

H("11526-1","Pathology study","lab","dictated","""
DERMATOPATHOLOGY REPORT
Clearwater Dermatology / Central Pathology & Lab Services
Accession: DP26-00941      Received: 01/14/2026      Reported: 01/16/2026
Patient: Salcedo, Bernard   DOB 02/02/1949   Sex M
Clinician: Grace Tanaka, MD

Specimens:
A. Skin, right temple, shave biopsy. Clinical: "r/o BCC vs AK"
B. Skin, left upper back, shave biopsy. Clinical: "irritated SK?"

Diagnosis:
A. Skin, right temple, shave biopsy:
   - BASAL CELL CARCINOMA, NODULAR AND MICRONODULAR TYPES.
   - Tumor extends to the deep and peripheral margins.
B. Skin, left upper back, shave biopsy:
   - IRRITATED SEBORRHEIC KERATOSIS.
   - Margins not applicable (benign).

Gross: A. Tan-pink shave of skin 0.7 x 0.6 x 0.15 cm, trisected, entirely submitted. B. Brown verrucous shave 0.9 x 0.7 x 0.3 cm, bisected, entirely submitted.

Microscopic: A. Nests of basaloid cells with peripheral palisading and retraction artifact, with smaller micronodules at the deep aspect, in a fibromyxoid stroma. B. Acanthotic epidermis with horn pseudocysts and squamous eddies; no atypia.

Comment (A): Given the micronodular component and location on the head, Mohs micrographic surgery is recommended.

Electronically signed: Howard Carrow, MD, Dermatopathologist
""")

H("11526-1","Pathology study","lab","untitled","""
P25-4120 PLACENTA
Mother: Rahimi, Nadia   Delivery 10/14/2025   GA 40w1d   Indication: maternal intrapartum fever (38.3 C)

Placenta, singleton, 540 g (50-75th percentile for GA), trimmed. Three-vessel umbilical cord, 54 cm, central insertion. Membranes complete, tan-opaque.

Diagnosis:
- ACUTE CHORIOAMNIONITIS, MATERNAL INFLAMMATORY RESPONSE STAGE 2, GRADE 1.
- FETAL INFLAMMATORY RESPONSE STAGE 1 (chorionic vasculitis).
- No funisitis.
- Three-vessel cord. No villous abnormality. No infarcts.

B. Kessler, MD, Perinatal Pathology
""")

H("57133-1","Referral note","outpatient","letter","""
Brookfield Geriatric Care
410 Rosewood Terrace, Bellmont PA 19402

June 11, 2026

Hospice Admissions Team
Heartland Valley Hospice
By fax: (610) 555-0119

RE: Referral for hospice evaluation - Mr. Gordon Whitcombe, DOB 06/30/1936, Medicare ID 6TE4-RD2-KM38

To the Admissions Team:

I am referring my patient, Mr. Whitcombe, for hospice evaluation at home. He is an 89-year-old man with end-stage heart failure (EF 15%, NYHA IV) who has had three hospitalizations for decompensation in the last four months despite maximally tolerated therapy. He now has dyspnea at rest, spends more than 50% of the day in bed or a recliner (PPS 40%), and has lost 14 lb over three months with poor oral intake. His creatinine has risen to 2.6 and he is no longer tolerating diuretic escalation.

He and his wife have decided, after several conversations with me and his cardiologist, Dr. Okafor, to focus on comfort and remain at home. He has a completed POLST (DNR, comfort-focused treatment) and his wife is his health care agent. He is not a candidate for advanced therapies.

Current medications: furosemide 80 mg BID, metolazone 2.5 mg as needed, metoprolol succinate 25 mg daily, spironolactone 12.5 mg daily, hydrocodone 5 mg as needed (added recently for dyspnea). His ICD remains active - the family wishes to discuss deactivation, and I have started that conversation.

I certify that in my clinical judgment his prognosis is six months or less if the disease follows its usual course. Please contact his wife, Ruth Whitcombe, at (610) 555-0173 to arrange an admission visit. I will remain his attending physician.

Sincerely,

Phillip Oyelaran, MD
Geriatric Medicine
""")

H("101904-1","Release of information request","other","letter","""
Secure message via patient portal
From: Ferreira, Lucia (patient)
To: North Ridge University Medical Center - Health Information Management
Sent: 03/18/2026 21:47
Subject: need my records for 2nd opinion

Hello, I was in the neuro ICU in January for a brain aneurysm (coiling 1/30). I have a second opinion appointment at a different hospital on April 2 and they asked me to bring my records and my scans. Can you please send me the discharge summary, the operation/procedure reports from the angiogram, and all the CT/CTA and angiogram images on a disc? Also the neurosurgery clinic note from February. I can pick up in person or you can mail to my home address on file. My date of birth is 11/04/1973.

Thank you
Lucia Ferreira
""")

H("101904-1","Release of information request","other","form","""
WORKERS' COMPENSATION - REQUEST FOR MEDICAL RECORDS AND AUTHORIZATION
Keystone Mutual Workers' Compensation Insurance Co.
Claim #: WC-25-0448172        Date of injury: 07/14/2025
Employer: Northgate Logistics, Inc.
Claimant: Okonkwo, Samuel   DOB 04/21/1983   SSN (last 4): XXX-XX-6619

TO: Summit Orthopedic & Sports Medicine - Medical Records

Please provide copies of the following for treatment related to the work injury (right shoulder/rotator cuff):
[X] Office visit notes      [X] Operative reports       [X] Imaging reports (MRI, x-ray)
[X] Physical therapy notes  [X] Work status / restrictions forms  [ ] Billing ledger
Dates of service: 07/14/2025 to present

Under state workers' compensation statute, records relating to the compensable injury may be released to the insurer without further patient authorization. A signed claimant authorization is nevertheless attached.

Return records to: Claims Adjuster Victor Sato, fax (555) 014-8830, or upload via provider portal.
Requested by: V. Sato   Date: 01/09/2026   Phone: (555) 014-8800
""")

H("59284-0","Consent document","inpatient","form","""
ST. BRENDAN'S HOSPITAL
REFUSAL OF BLOOD AND BLOOD PRODUCTS / RELEASE

Patient: Quintero, Rosa      MRN: 21094456     DOB: 07/19/1969
Procedure: Total abdominal hysterectomy, bilateral salpingo-oophorectomy (scheduled 03/04/2026)

I, the undersigned, request that no blood or blood derivatives be administered to me during this hospitalization, notwithstanding that such treatment may be considered necessary in the opinion of my physicians to preserve my life or health. I understand the possible consequences of refusing blood, including serious harm or death.

Please indicate which of the following you WILL accept (initial each):
Whole blood / red cells / white cells / platelets / plasma:          REFUSE  __RQ__
Albumin:                                                             ACCEPT  __RQ__
Clotting factor concentrates / fibrinogen concentrate:              ACCEPT  __RQ__
Intraoperative cell salvage (continuous circuit):                    ACCEPT  __RQ__
Erythropoietin, IV iron:                                             ACCEPT  __RQ__
Tranexamic acid:                                                     ACCEPT  __RQ__

I release the hospital, its personnel, and the attending physicians from any responsibility whatsoever for unfavorable reactions or any untoward results due to my refusal to permit the use of blood or its derivatives.

Patient signature: _______________________  Date: 02/20/2026
Witness: _______________________
Physician: I have discussed with the patient the risks of refusing transfusion and alternatives available. Signed: Priya Holloway, MD
""")

H("42348-3","Advance directive","other","form","""
PSYCHIATRIC ADVANCE DIRECTIVE (Declaration for Mental Health Treatment)

I, Keisha Dunmore, born 12/22/1984, being an adult of sound mind, make this declaration for mental health treatment to be followed if a court, or two qualified professionals, determine that my ability to receive and evaluate information effectively or communicate decisions is impaired to such an extent that I lack the capacity to refuse or consent to mental health treatment.

My diagnosis: Bipolar I disorder.

Warning signs that I am becoming ill: sleeping less than 4 hours, talking very fast, spending money, starting many projects at once.

PSYCHOACTIVE MEDICATIONS
I consent to: lithium; olanzapine; quetiapine.
I do NOT consent to: haloperidol (severe dystonic reaction in 2014); valproate (I may want to become pregnant).

ELECTROCONVULSIVE THERAPY: I do not consent to ECT.

ADMISSION TO A TREATMENT FACILITY: I consent to voluntary admission for up to 14 days. I prefer Harborview Memorial Hospital Behavioral Health Unit.

Other preferences: Please contact my husband, Andre Dunmore, (555) 014-3321, whom I appoint as my attorney-in-fact for mental health decisions. Please do not contact my employer. Calming strategies that work for me: a quiet room, music, walking.

Signature: ______________________     Date: 04/13/2026
Witness 1: ______________________    Witness 2: ______________________
Attorney-in-fact acceptance: I accept this appointment. ________________ Andre Dunmore
""")

H("64290-0","Health insurance card","other","ocr-noisy","""
STATE CARE PLUS
M E D I C A I D
Managed by Unity Health Plans

NAME: GALLOWAY SAMUEL R
ID# 7720 0418 83      DOB 01/17/2017
ISSUE DATE 07/01/2025
PCP: NORTHSIDE PEDIATRICS  (216) 555-0184

Member Services 1-800-555-0155 TTY 711
24/7 Nurse Line 1-800-555-0166
Pharmacy: BIN 004336 PCN MCAIDADV GRP RX5510

Providers: verify eligibility before each visit. Carry this card at all times.
Emergency: go to nearest ER or call 911 - no prior approval needed.
""")
