from hand1 import H, HAND

H("18748-4","Diagnostic imaging study","radiology","dictated","""
ST. BRENDAN'S HOSPITAL - VASCULAR LABORATORY
ARTERIAL DOPPLER WITH ANKLE-BRACHIAL INDEX, BILATERAL LOWER EXTREMITIES

Patient: McAllister, Duane    DOB 01/25/1954    MRN 44018822
Date: 10/21/2025    Referring: Dr. K. Albright    Technologist: S. Vega, RVT

Indication: Right calf claudication at 1 block, diabetes, smoker.

Technique: Resting segmental pressures, pulse volume recordings and continuous-wave Doppler waveforms at the common femoral, popliteal, posterior tibial and dorsalis pedis arteries. Toe pressures with photoplethysmography.

Results:
Brachial pressures: right 148, left 144 mmHg.
Right: DP 88, PT 92 mmHg. ABI 0.62. Toe pressure 54 mmHg (TBI 0.36). Monophasic waveforms from the popliteal artery distally; biphasic at the CFA. PVR amplitude reduced at the calf and ankle.
Left: DP 136, PT 140 mmHg. ABI 0.95. Toe pressure 102 mmHg. Triphasic waveforms throughout.

Interpretation:
1. Moderate right lower extremity peripheral arterial disease (ABI 0.62) with waveform changes suggesting femoropopliteal segment disease.
2. Normal left ABI.
Arterial duplex of the right femoropopliteal segment may be performed for lesion localization if intervention is being considered.

Interpreting physician: Catherine Whitaker, MD, RPVI
""")

H("18748-4","Diagnostic imaging study","radiology","ocr-noisy","""
Page 1 of 1     RECEIVED 08/02/2025 13:11 FAX (330) 555-0102

MILLBROOK OPEN MRI & IMAGING
MRI R SHOULDER W/O CONTRAST

Pt: 0KONKWO, SAMUEL    DOB 04/21/1983    Exam date 08/01/2025
Ordering: Summit Orthopedic & Sports Med

HISTORY: Work injury lifting boxes 07/14/2025, pain, weakness w/ abduction.
FlNDINGS:
Rotator cuff: Full-thickness, full-width tear of the supraspinatus tendon with 1.8 cm of medial retraction. Infraspinatus with low-grade partial-thickness articular surface tearing. Subscapularis and teres minor intact. No significant fatty atrophy (Goutallier 1).
Biceps: long head intact, located within groove. Mild tendinosis.
Labrum: degenerative fraying of the superior labrum without discrete tear.
AC joint: moderate hypertrophic change with downsloping acromion (type II).
Bursa: moderate subacromial-subdeltoid bursal fluid.
Bones: no fracture. Greater tuberosity cystic change.

IMPRESSION:
1. Full-thickness full-width supraspinatus tear with 1.8 cm retraction, minimal atrophy.
2. Partial-thickness infraspinatus tear.
3. Subacromial bursitis; type II acromion, AC arthrosis.

Read by: D. Falk, MD   Musculoskeletal Radiology
""")

H("18748-4","Diagnostic imaging study","radiology","untitled","""
REASON FOR EXAM: 3 y/o with limp and refusal to bear weight on R leg x 1 day, low grade fever

US RIGHT HIP, PEDIATRIC   02/09/2026
Comparison: Pelvis radiograph same day (normal).

There is a right hip joint effusion measuring 6 mm in depth anterior to the femoral neck, compared with 2 mm on the left (difference 4 mm). No synovial thickening or hyperemia on color Doppler. No soft tissue abscess. Femoral head epiphyses symmetric.

IMPRESSION: Right hip effusion. Ultrasound cannot distinguish transient synovitis from septic arthritis; correlate with clinical findings and inflammatory markers (Kocher criteria). Aspiration if clinically indicated.

Jamal Ruiz, MD - Pediatric Radiology
""")

H("18748-4","Diagnostic imaging study","radiology","terse","""
XR CHEST PA/LAT   11/30/2025 10:22
Clin: pre-op, 68M, hernia repair
Comp: 2022
Lungs clear. No effusion or pneumothorax. Heart size normal. Aortic knob calcification. Mild degenerative change thoracic spine.
IMP: No acute cardiopulmonary process.
- E. Castellanos, MD
""")

H("11504-8","Surgical operation note","inpatient","dictated","""
OPERATIVE REPORT

DATE: 04/22/2026
PATIENT: Whitcombe, Darlene      MRN: 67703390
SURGEON: Gordon Voss, MD, Vascular Surgery
ASSISTANT: none
ANESTHESIA: General endotracheal

PREOPERATIVE DIAGNOSIS: Gangrene of the left forefoot with osteomyelitis; nonreconstructable peripheral arterial disease.
POSTOPERATIVE DIAGNOSIS: Same.
PROCEDURE: Left below-knee amputation.

INDICATIONS: 72-year-old woman with diabetes, end-stage renal disease on hemodialysis and wet gangrene of the left forefoot progressing despite IV antibiotics. Angiography demonstrated occlusion of all three tibial vessels without a distal target. Popliteal pulse palpable and skin at the level of the proposed incision well perfused. She and her family consented after discussion of risks including wound breakdown, need for higher amputation, phantom limb pain, cardiac events and death.

FINDINGS: Healthy, bleeding muscle at the level of transection. Posterior flap viable. Tibial vessels heavily calcified.

DESCRIPTION: The patient was placed supine. A thigh tourniquet was placed but not inflated. The left lower extremity was prepped and draped, with the gangrenous foot excluded in an impervious bag. A long posterior flap was marked with the anterior incision 12 cm below the tibial tuberosity. The skin and subcutaneous tissues were incised. The anterior compartment muscles were divided, and the anterior tibial vessels suture ligated. The superficial peroneal nerve was identified, placed on gentle traction, ligated and allowed to retract. The tibia was divided with a power saw 1 cm proximal to the skin incision and beveled anteriorly; the fibula was divided 1.5 cm proximal to the tibial cut. The posterior flap was developed and the posterior tibial and peroneal vessels were suture ligated with 2-0 silk. The tibial nerve was ligated under tension and divided sharply. The soleus was trimmed to reduce bulk. The specimen was passed off. The wound was irrigated with saline and hemostasis obtained. The posterior fascia was approximated to the anterior fascia with interrupted 0 Vicryl, and skin closed with staples without tension. A soft dressing and a rigid removable dressing were applied.

EBL: 150 mL. SPECIMEN: Left lower extremity below knee (to pathology; proximal bone margin sent separately for culture and pathology). COMPLICATIONS: None.

Patient extubated and taken to PACU in stable condition.

Gordon Voss, MD
""")

H("11504-8","Surgical operation note","inpatient","untitled","""
Castellanos, Ignacio     POD0 05/19/2025
see full dictation

Whipple (PPPD) + chole + J-tube. Dx: pancreatic head adenoCA s/p neoadjuvant mFOLFIRINOX. No mets on dx lap. Tumor separated from SMV, no vein resection. Soft gland, 3 mm duct -> high fistula risk, 5 Fr stent across PJ. Frozen margins (CBD, neck) neg. EBL 450. No transfusion. 2 Blakes (PJ, HJ). To SICU extubated, epidural running.

H. Petrakis, MD
""")

H("11504-8","Surgical operation note","inpatient","dictated","""
OPERATIVE NOTE - CARDIAC SURGERY

Patient: Farrow, Dolores    MRN 11902336    Date of operation: 11/04/2025
Operators: Anita Greer, MD (Cardiac Surgery) and Samir Tanaka, MD (Interventional Cardiology)
Anesthesia: Monitored anesthesia care with dexmedetomidine; TTE guidance

PREOPERATIVE DIAGNOSIS: Severe symptomatic aortic stenosis, STS PROM 4.8%.
POSTOPERATIVE DIAGNOSIS: Same.
PROCEDURE: Transcatheter aortic valve replacement via percutaneous right transfemoral approach with a 26 mm balloon-expandable valve. Temporary transvenous pacemaker via left femoral vein. Perclose closure of right common femoral artery.

FINDINGS: Severely calcified trileaflet aortic valve. Post-deployment TTE: well-seated valve, mean gradient 8 mmHg, trace paravalvular leak, no pericardial effusion. No new conduction disturbance.

DESCRIPTION: The patient was brought to the hybrid operating room and positioned supine. Both groins were prepped and draped. Under ultrasound guidance the right common femoral artery was accessed and pre-closed with two Perclose devices, and a 14 Fr expandable sheath was placed. Left femoral arterial and venous access were obtained for pigtail and temporary pacing wire. Heparin was administered to ACT > 250 seconds. The aortic valve was crossed with a straight wire and AL1 catheter and an extra-stiff wire positioned in the LV apex. The valve was advanced, positioned coaxially under fluoroscopy with the help of aortography, and deployed under rapid ventricular pacing at 180 bpm. Final aortography and TTE confirmed good position and function. Wires were removed, protamine given and the right femoral artery closed with the pre-placed Perclose sutures with good hemostasis and palpable distal pulses. Left-sided sheaths removed with manual pressure.

Contrast: 72 mL. Fluoro time: 14 min. EBL: 50 mL. Complications: none.
Disposition: CVICU recovery, anticipate next-day discharge if no conduction abnormality on telemetry.

Anita Greer, MD
""")

H("34111-5","Emergency department note","ed","terse","""
ED Provider Note - Observation placement
Bergstrom, Harold  79M  MRN 22930047   06/11/2026  Arrival 10:02  ESI 3

CC: fall

HPI: 79M w/ bladder CA s/p TURBT, BPH, HTN presents after mechanical fall at home getting out of bathtub, struck L side of chest on tub edge. No head strike, no LOC, no anticoag (aspirin only). Pain L lateral chest 8/10, worse w/ deep breath. No SOB at rest. No dizziness prior to fall. Ambulatory afterward with cane.

PMH: bladder CA, BPH, HTN, OA. Meds: aspirin 81, tamsulosin, amlodipine. NKDA. Lives w/ wife, 2-story home.

Exam: T 36.7 HR 92 BP 152/84 RR 20 SpO2 95% RA
A&Ox3, GCS 15, no scalp hematoma. C-spine nontender (NEXUS neg). Chest: point tenderness L ribs 7-9 lateral, no crepitus, no flail; breath sounds equal bilat. Abd soft NT, no LUQ tenderness. Pelvis stable. Extremities atraumatic. IS 750 mL.

Results: CXR + rib series: acute nondisplaced fx L ribs 7 and 8, no PTX/effusion. CBC, BMP unremarkable. UA neg.

MDM: 79M with 2 rib fractures; elderly with ≥2 rib fx at increased risk of pulmonary complications (pneumonia). Pain limiting deep inspiration. Not meeting trauma activation. CT abd not indicated (no abd tenderness, normal Hgb). Place in observation for pain control, IS, PT eval.

ED course: acetaminophen 1 g IV, lidocaine patch, oxycodone 2.5 mg PO -> pain 4/10, IS 1,250 mL.

Impression: Closed fx L ribs 7-8 after ground-level fall
Dispo: Observation, hospitalist (Dr. Pruitt) accepted at 13:40. Trauma service aware, will see as consult.

Omar Mbeki, MD
""")

H("34111-5","Emergency department note","ed","dictated","""
EASTGATE HEALTH SYSTEM - PEDIATRIC EMERGENCY DEPARTMENT
ED VISIT NOTE

Patient: Kowalczyk, Hannah      Age: 15 years      Sex: F      MRN: 7801193
Date: 09/14/2025    Time of evaluation: 22:18    Historian: patient and mother

CHIEF COMPLAINT: Ingestion.

HISTORY OF PRESENT ILLNESS: Fifteen-year-old girl brought by her mother after disclosing that she took "about 20" of her mother's 500 mg acetaminophen tablets at approximately 17:00 after an argument with her boyfriend. Ingestion was single, acute. She reports nausea and one episode of emesis. Denies co-ingestants, alcohol, or drugs. She states she "wanted to sleep and not wake up" but now regrets the ingestion. No prior attempts. No prior psychiatric care.

PAST MEDICAL HISTORY: None. MEDICATIONS: None. ALLERGIES: None. LMP 2 weeks ago.

PHYSICAL EXAMINATION: T 36.9, HR 104, BP 112/68, RR 16, SpO2 99%. Weight 54 kg. Tearful, cooperative. Pupils 4 mm reactive. No nystagmus. Mucous membranes moist. Heart tachycardic, regular. Lungs clear. Abdomen soft with mild epigastric tenderness, no RUQ tenderness. Neurologically intact. No self-harm marks on the skin.

DIAGNOSTICS: Estimated ingestion 10 g = 185 mg/kg. 4-hour acetaminophen level (drawn 21:05, 4 h 05 min post-ingestion): 212 mcg/mL - above the treatment line on the Rumack-Matthew nomogram. Salicylate negative. Ethanol negative. AST 24, ALT 19, INR 1.0, BMP normal, urine hCG negative. ECG: sinus tachycardia, QTc 428.

MEDICAL DECISION MAKING / ED COURSE: Acute acetaminophen overdose with level above the treatment line. Poison center consulted (case # 25-114920). N-acetylcysteine IV started at 21:30 using the 21-hour protocol. Ondansetron 4 mg IV. Placed on 1:1 sitter with safety search of belongings. Psychiatry consulted for suicide risk assessment once medically stable; ASQ screen positive (acute risk).

DIAGNOSES:
1. Intentional acetaminophen overdose, toxic level.
2. Suicide attempt.

DISPOSITION: Admitted to the Pediatric Hospital Medicine service for NAC therapy with 1:1 observation; repeat acetaminophen level and LFTs at completion of NAC per poison center. Psychiatry to follow.

Lucia Kessler, MD, Pediatric Emergency Medicine
""")

H("34117-2","History and physical note","inpatient","dictated","""
ATTENDING ADMISSION NOTE - GENERAL MEDICINE
Lakeview Community Hospital
Date: 01/08/2026  21:30
Patient: Oyelaran, Elijah   67 M   MRN 33001291

I have seen and examined the patient, reviewed the ED record and the resident's note, and agree with the following, with my additions.

CHIEF COMPLAINT: Jaundice and weight loss.

HPI: 67-year-old man with type 2 diabetes (recently worsening control) who presents with 3 weeks of painless yellowing of the skin and eyes, dark urine, pale stools, generalized itching and a 15 lb unintentional weight loss over 3 months. He reports vague epigastric discomfort radiating to the back, worse at night. No fevers, rigors or vomiting. Alcohol use is minimal. No prior liver disease.

PMH: Type 2 diabetes (A1c 6.4% last year, 9.2% now), hypertension, BPH.
PSH: None.
MEDS: Metformin 1000 mg BID, lisinopril 10 mg daily, tamsulosin 0.4 mg nightly.
ALLERGIES: None.
SOCIAL: Retired mail carrier, lives with wife. Former smoker (30 pack-years, quit 2015). 1-2 beers per week.
FAMILY: Brother with pancreatic cancer at 70.
ROS: Positive for pruritus, anorexia, fatigue. Negative for GI bleeding, chest pain, dyspnea.

EXAM: T 36.9, HR 84, BP 136/80, RR 16, SpO2 97%. Thin, jaundiced man, no distress. Scleral icterus. No lymphadenopathy including Virchow node. Heart regular. Lungs clear. Abdomen soft, mild epigastric tenderness, palpable nontender gallbladder in the RUQ (Courvoisier sign), no ascites. No asterixis. Excoriations on forearms and back.

DATA: Total bilirubin 11.4, direct 8.9, alk phos 612, AST 188, ALT 240, lipase 48, INR 1.3, albumin 3.4, glucose 286, WBC 7.9, Hgb 12.2. CA 19-9 pending. CT abdomen/pelvis with contrast (ED): 3.1 cm hypoattenuating mass in the pancreatic head with marked intrahepatic and extrahepatic biliary dilation (CBD 15 mm) and pancreatic duct dilation ("double duct sign"); abuts the SMV less than 180 degrees; no liver lesions or ascites.

ASSESSMENT AND PLAN:
67-year-old man with painless obstructive jaundice, weight loss, new-onset worsening diabetes and a pancreatic head mass with double duct sign - highly concerning for pancreatic adenocarcinoma, potentially resectable/borderline.
1. Pancreatic head mass with biliary obstruction: GI consulted for EUS with fine-needle biopsy and ERCP with biliary stent (metal stent preferred if surgical candidacy pending neoadjuvant therapy). Pancreas-protocol CT chest/abdomen for staging. CA 19-9. Hepatobiliary surgery and oncology consults. Vitamin K 10 mg IV for INR.
2. Pruritus: cholestyramine held until after procedures; hydroxyzine PRN, emollients.
3. Diabetes: hold metformin around contrast/procedures; basal-bolus insulin.
4. Nutrition: dietitian; consider pancreatic enzymes.
5. Goals/psychosocial: patient aware of concern for cancer; wife present. Social work and chaplaincy offered.
6. VTE prophylaxis: enoxaparin, hold morning of procedure. Full code.

Time spent: 70 minutes.
Charles Ruiz, MD, Attending Hospitalist
""")

H("34117-2","History and physical note","inpatient","ocr-noisy","""
Fax Server   07/22/2025 04:55:12   PAGE 2 OF 4

PINE COUNTY HOSPITAL      ADMISSION H&P  (Family Medicine Inpatient Service)

NAME: STRAND, OLGA        MRN 0039218       DOS 07/21/2025     AGE 84

CC: fever, cough, "not herself" x 2 days

HPI: 84 yo F from home w/ dementia (mild), HFpEF, CKD3, brought by son for 2d cough, fever 101, decreased PO, more confused than baseline. 1 episode of choking while drinking 3 days ago per son. No CP. Son reports weight loss and frequent coughing w/ thin liquids x months.

PMH: Alzheimer dementia (mild), HFpEF (EF 60%), CKD 3a, HTN, osteoporosis, hx L hip fx 2021
Meds: donepezil 5, furosemide 20, amlodipine 5, alendronate weekly, Vit D
All: PCN (hives)
Soc: widowed, lives with son, uses walker, no tob/EtOH
Code: DNR/DNI (POLST on file, confirmed w/ son as HCP)

PE: T 38.5 HR 104 BP 108/62 RR 24 SpO2 90% RA -> 95% 2L NC
Gen: frail, lethargic but arousable, oriented to self
Lungs: crackles R base, decreased BS R base
CV: tachy, regular, no JVD
Abd: soft, NT
Ext: trace edema
Neuro: nonfocal, CAM+

Labs: WBC 15.2, Na 133, BUN 34, Cr 1.5 (bl 1.1), lactate 1.9, procal 1.2
CXR: RLL infiltrate, small R effusion
UA neg

A/P: 84F with RLL aspiration pneumonia, sepsis (not shock), delirium, AKI
1. RLL pneumonia, likely aspiration - ceftriaxone 1 g daily (PCN hives -> low cross-reactivity, ok per pharmacy), anaerobic coverage not needed; BCx, sputum cx; O2 goal >92
2. Dysphagia - NPO until SLP bedside swallow eval; MBS if needed
3. Delirium - reorientation, family at bedside, avoid benzos/anticholinergics, continue donepezil
4. AKI on CKD - hold furosemide, gentle IVF 75 mL/h, recheck BMP AM
5. DNR/DNI confirmed; son agrees with hospital-level care incl. antibiotics, no ICU

T. Iwasaki, MD (FM resident) / Dr. Ashby attending
                                                 -- 2 --
""")

H("18842-5","Discharge summary","inpatient","dictated","""
NORTHSIDE CHILDREN'S UNIT - ST. BRENDAN'S HOSPITAL
PEDIATRIC DISCHARGE SUMMARY

Patient: Tran, Kaylee    Age: 4 y    MRN 9920031
Admission: 02/11/2026    Discharge: 02/15/2026
Attending: Joan Kaczmarek, MD
PCP: Northside Pediatrics

DIAGNOSIS: Complete Kawasaki disease without coronary artery aneurysm.

PROCEDURES: Transthoracic echocardiogram x 2 (02/12, 02/14). IVIG infusion.

HOSPITAL COURSE: Kaylee was admitted on day 5 of fever with bilateral nonexudative conjunctivitis, oral mucosal changes, polymorphous rash, extremity changes and cervical lymphadenopathy, meeting criteria for complete Kawasaki disease. CRP was 11.2 mg/dL with sterile pyuria, hypoalbuminemia and elevated ALT. She received IVIG 2 g/kg on the night of admission and high-dose aspirin. Because of a high Kobayashi score (5), pediatric cardiology recommended adjunctive prednisolone 2 mg/kg/day. She defervesced within 18 hours of IVIG and remained afebrile for more than 48 hours. Initial echocardiogram: normal coronary arteries (LAD z-score +1.4, RCA z-score +1.1, LMCA +0.9), normal function, no effusion. Repeat echo on 02/14 unchanged. Aspirin was reduced to low dose once afebrile for 48 hours. CRP decreased to 3.4 at discharge. Periungual desquamation began on day 9, as expected.

DISCHARGE MEDICATIONS:
1. Aspirin 81 mg PO once daily until cardiology follow-up (anticipated 6-8 weeks).
2. Prednisolone 15 mg/5 mL: 10.8 mL (32 mg) PO daily, taper over 2 weeks per written schedule.
3. Famotidine 8 mg PO twice daily while on steroids.

INSTRUCTIONS: Avoid ibuprofen while on aspirin. Influenza vaccine is up to date - important while on aspirin (risk of Reye syndrome); avoid contact with varicella and influenza and call if exposed. Live vaccines (MMR, varicella) should be deferred for 11 months after IVIG. Return for fever > 38.0 C, rash, or decreased energy.

FOLLOW-UP: Pediatric cardiology with echo in 2 weeks and 6 weeks. PCP in 1 week.

Condition at discharge: Good.

Esther Oyelaran, MD, for Joan Kaczmarek, MD
""")

H("18842-5","Discharge summary","inpatient","terse","""
Hospital Course Summary / Discharge
Strand, Olga  84F  MRN 0039218
07/21/2025 - 07/26/2025   Family Medicine Inpatient Service

Dx: RLL aspiration pneumonia with sepsis; oropharyngeal dysphagia; delirium (resolved); AKI on CKD 3a (resolved)

Course: Treated w/ ceftriaxone 5 days total (tolerated despite PCN hives hx). Weaned to RA HD3. BCx neg. SLP bedside eval -> MBS 7/22: silent aspiration thin liquids; cleared on mildly thick (nectar) liquids w/ chin tuck and small sips. Delirium cleared by HD4 w/ nonpharm measures. Cr 1.5 -> 1.1. Furosemide resumed at d/c. Goals of care: DNR/DNI confirmed; son (HCP) aware of ongoing aspiration risk; prefers oral diet with modifications, no feeding tube (consistent w/ POLST).

Procedures: Modified barium swallow 7/22.

D/C meds: donepezil 5 mg qhs, furosemide 20 mg daily, amlodipine 5 mg daily, vitamin D 1000 IU daily; HOLD alendronate (pill esophagitis/aspiration risk) until PCP review.
Diet: mechanical soft, mildly thick liquids, upright 90 deg for meals + 30 min after, supervision.
Services: home health RN/SLP/PT.
F/u: PCP Dr. Ashby 1 wk.

T. Iwasaki, MD
""")

H("11488-4","Consult note","inpatient","dictated","""
INFECTIOUS DISEASES CONSULTATION

Date: 02/04/2026
Patient: Ostrowski, Helena    MRN 40038817    Location: MICU bed 4
Requested by: Renee Falk, MD (MICU)
Reason: Klebsiella bacteremia with infected obstructing stone - antibiotic selection and duration.

HPI: 74-year-old woman with T2DM, HTN and nephrolithiasis admitted 02/03 with septic shock from an obstructing left UPJ stone, now intubated on norepinephrine and vasopressin. IR placed a left percutaneous nephrostomy this morning with purulent output. Blood cultures from 02/03 2/2 sets with gram-negative rods, identified by rapid PCR as Klebsiella pneumoniae, no CTX-M or carbapenemase genes detected. Urine culture pending. She received vancomycin and piperacillin-tazobactam since arrival.

Prior microbiology: Urine culture 2024 - E. coli, pan-sensitive. No known MDRO colonization. No recent hospitalizations or antibiotics in the last 90 days. No travel.

Allergies: None. Meds reviewed on MAR.

Exam: Intubated, sedated. T max 39.1. HR 108, MAP 68 on norepinephrine 0.12. Lungs with coarse breath sounds bilaterally. Abdomen soft. Left nephrostomy draining cloudy yellow urine. No rash. Lines: R IJ CVC placed 2/3, clean.

Labs: WBC 24.1, plt 88, Cr 3.8, lactate 3.4 (from 6.8), procalcitonin 48.

IMPRESSION: Septic shock due to Klebsiella pneumoniae bacteremia from obstructive pyelonephritis, now source-controlled with nephrostomy. Rapid diagnostics do not suggest ESBL. MRSA coverage not needed.

RECOMMENDATIONS:
1. Discontinue vancomycin.
2. Continue piperacillin-tazobactam (renally dosed) pending susceptibilities; de-escalate to ceftriaxone 2 g IV daily once susceptibility confirmed.
3. Repeat blood cultures today to document clearance.
4. Duration: 14 days from first negative blood culture given severity and delayed source control; oral step-down not advised while stone remains in situ.
5. Send nephrostomy urine for culture.
6. Definitive stone management per urology after infection is treated.

We will follow with you. Thank you for the consult.
Leah Bellamy, MD, Infectious Diseases
""")

H("11506-3","Progress note","inpatient","soap","""
Interval Note - Cardiology (consult follow-up)
Date 02/05/2026    Ostrowski, Helena  MICU-4

S: Intubated/sedated. Remains in sinus rhythm since 18:00 yesterday on amiodarone gtt.
O: HR 88 SR, MAP 70 on low-dose norepi (0.04). Tele: no recurrent AF overnight. TTE today: LVEF 55%, no RWMA, mild LAE, no effusion. Mg 2.1, K 4.2.
A: New-onset AF with RVR in setting of septic shock and catecholamines, now in SR. CHA2DS2-VASc 4 (age, female, HTN, DM).
P:
- Continue amiodarone gtt to complete 24 h then stop; no oral load needed if remains in SR off pressors
- Keep K > 4, Mg > 2
- Anticoagulation: defer while thrombocytopenic (plt 74) and procedures pending; revisit before discharge - lean toward apixaban given score
- Will sign off actively, available PRN; outpatient cardiology f/u 4-6 wks post discharge

Martin Carrow, MD, Cardiology
""")

H("11506-3","Progress note","outpatient","letter","""
Summit Orthopedic & Sports Medicine
2500 Hillcrest Blvd, Lakewood CO 80226

January 12, 2026

Dr. Kevin Albright
Maple Street Family Practice

Re: Samuel Okonkwo, DOB 04/21/1983 - follow-up visit 01/12/2026

Dear Kevin,

I saw Samuel today, 12 weeks after his right arthroscopic rotator cuff repair (double-row supraspinatus repair and subacromial decompression performed 10/20/2025).

He is doing well. Pain is 1-2/10, only with overhead reaching, and he has stopped all analgesics except occasional ibuprofen. He is attending physical therapy twice weekly and doing his home program. He sleeps through the night.

On examination the portals are well healed. Active forward elevation is 160 degrees, external rotation 50 degrees, internal rotation to L1. Strength in the supraspinatus is 4/5 and external rotation 4+/5, without pain. No signs of stiffness or infection.

He is progressing as expected. He may now begin a strengthening phase in therapy. I have kept him on modified duty at work (no lifting over 15 lb, no repetitive overhead activity) for another 6 weeks, and anticipate a return to full duty at about 5-6 months postoperatively. I will see him again in 6 weeks.

With kind regards,

Victor Greer, MD
Orthopaedic Surgery - Sports Medicine
""")

H("28570-0","Procedure note","ed","terse","""
Procedure Note: Procedural sedation + closed reduction, L shoulder
ED  03/27/2026  19:40   Ndiaye, Felix  31M

Indication: anterior L glenohumeral dislocation (x-ray confirmed, no fx), 2nd lifetime episode; failed reduction attempt w/o sedation
Consent: verbal + written, risks of sedation (resp depression, aspiration, hypotension) and reduction (fx, nerve injury)
Pre-sedation: ASA I, Mallampati 1, NPO 4h solids. Pre-reduction neuro: axillary n sensation intact, radial pulse 2+.
Time-out performed. Continuous SpO2, ETCO2, cardiac monitoring; RN at bedside; airway equipment available.
Sedation: propofol 1 mg/kg (80 mg) IV then 20 mg x2; total 120 mg. Sedation start 19:22, end 19:38.
Reduction: external rotation method followed by traction-countertraction; palpable clunk, successful on 1st attempt under sedation.
Post: returned to baseline mental status 19:48. Neuro intact, axillary sensation intact. Post-reduction XR: concentric reduction, small Hill-Sachs, no fx.
Complications: transient SpO2 92%, resolved with jaw thrust; no BVM needed.
Sling applied. Ortho f/u 1 wk (recurrent instability).
P. Salcedo, MD
""")

H("28570-0","Procedure note","outpatient","untitled","""
Patient: Arthur Torvik, 38, two children, counseled at consult visit 4 weeks ago; consent signed today; post-vasectomy semen analysis requirement reviewed.
Date: 04/03/2026   Oakmont Urology, procedure room 2
Provider: Samir Okafor, MD

No-scalpel technique. Scrotum shaved and prepped with chlorhexidine. Right vas isolated with three-finger technique; 1% lidocaine without epinephrine, 5 mL, for vasal block. Skin puncture with sharp dissecting forceps, vas delivered with ring clamp. A 1 cm segment excised, lumen cauterized on both ends, fascial interposition of the prostatic end with a clip. Same procedure performed on the left through the same puncture. Hemostasis good. No sutures. Gauze and scrotal support applied.

EBL minimal. No complications. Segments not sent to pathology (visual confirmation of vas lumen).

Post-procedure instructions given: ice 24-48 h, scrotal support, no heavy lifting 1 week, use other contraception until semen analysis at 12 weeks shows azoospermia or rare non-motile sperm.
""")

H("11502-2","Laboratory report","lab","form","""
CEDAR PLAINS MEDICAL CENTER - CLINICAL LABORATORY
CUMULATIVE REPORT                                    Printed 02/06/2026 05:50
Patient: OSTROWSKI, HELENA M   MRN 40038817   Loc: MICU-04   Attending: FALK, R

                    02/03 20:14   02/04 04:30   02/05 04:30   02/06 04:30   Units     Ref
WBC                  26.8 H        24.1 H        18.7 H        13.2 H       K/uL      4.0-11.0
Hgb                  11.4 L        10.2 L         9.6 L         9.4 L       g/dL      12.0-15.5
Platelets             142           88 L          74 L          96 L        K/uL      150-400
Sodium                131 L         134 L         137           139         mmol/L    135-145
Potassium             5.4 H         4.9           4.2           4.0         mmol/L    3.5-5.1
Bicarbonate            14 L          17 L          20 L          22         mmol/L    22-29
BUN                    52 H          61 H          68 H          64 H       mg/dL     7-20
Creatinine            3.2 H         3.8 H         4.1 H         3.6 H       mg/dL     0.5-1.1
Lactate               6.8 HH        3.4 H         1.8           1.2         mmol/L    0.5-2.0
Procalcitonin          --           48.0 H          --          21.4 H      ng/mL     <0.5
Total bilirubin       1.6 H         1.9 H         1.4 H         1.1         mg/dL     0.2-1.2

HH = critical value, called to RN T. Gomez 02/03 20:41, read back verified.
Microbiology: Blood culture 02/03 x2: Klebsiella pneumoniae (see micro report). Blood culture 02/05: no growth at 24 h.
""")

H("11526-1","Pathology study","lab","dictated","""
NORTH RIDGE UNIVERSITY MEDICAL CENTER - SURGICAL PATHOLOGY
FROZEN SECTION AND FINAL REPORT

Case: S25-22017     Patient: Castellanos, Ignacio     MRN 58820046
Procedure date: 05/19/2025     Surgeon: H. Petrakis, MD

INTRAOPERATIVE CONSULTATION:
FS1 - Common hepatic duct margin: Negative for carcinoma. (Called to Dr. Petrakis, OR 7, 13:42 by Dr. Hartigan.)
FS2 - Pancreatic neck margin: Negative for carcinoma; PanIN-1 present. (13:58)

FINAL DIAGNOSIS:
PANCREAS, DUODENUM, DISTAL STOMACH (PYLORUS-PRESERVING), GALLBLADDER - PANCREATICODUODENECTOMY:
- INVASIVE DUCTAL ADENOCARCINOMA, MODERATELY DIFFERENTIATED, 2.1 CM (post-treatment).
- TREATMENT EFFECT: PARTIAL RESPONSE (CAP score 2, minimal to moderate response).
- PERINEURAL INVASION: PRESENT. LYMPHOVASCULAR INVASION: NOT IDENTIFIED.
- MARGINS: All margins negative. Closest: SMA (uncinate) margin, 0.3 cm.
- LYMPH NODES: 1 of 24 positive for metastatic carcinoma (ypN1).
- ypT2 ypN1.
- GALLBLADDER: Chronic cholecystitis.

Electronically signed: Renee Hartigan, MD   05/24/2025
""")

H("57133-1","Referral note","outpatient","letter","""
Horizon Eye Institute
1820 Fairview Road, Greenville SC 29601

August 19, 2025

Endocrinology Department
Westside Internal Medicine Associates
Attn: Dr. Stefan Lindqvist

Re: Robert Mendoza, DOB 09/12/1966

Dear Dr. Lindqvist,

I examined Mr. Mendoza today for his annual diabetic eye examination and found moderate nonproliferative diabetic retinopathy in both eyes with center-involving diabetic macular edema in the right eye (central subfield thickness 362 microns on OCT). His visual acuity is 20/40 OD and 20/25 OS. We have started intravitreal anti-VEGF therapy in the right eye.

Mr. Mendoza tells me his most recent A1c was 10.2% and that he has not had an endocrinology visit in over a year. His blood pressure in our office was 162/94. Improved glycemic and blood pressure control will be important to slow progression of his retinopathy, and I would be grateful if you could see him to optimize his diabetes regimen.

I will continue to see him monthly for injections and will keep you informed.

Sincerely,

Hiroshi Mbeki, MD
Retina Service
cc: Primary care, Dr. Gloria Farrow
""")

H("57833-6","Prescription for medication","outpatient","untitled","""
Dr. Renee Petrakis, MD - Clearwater Dermatology
(303) 555-0121   DEA FP2218830

For: Marcus Sorensen   DOB 06/06/2001
Date: 02/27/2026

Isotretinoin 40 mg capsules
Take 1 capsule by mouth twice daily with a fatty meal
Dispense: 60 capsules (30-day supply) - NO REFILLS
iPLEDGE registration #: 0044-1187-20 ; patient counseled, month 2 of therapy
Dx: severe nodulocystic acne (L70.0)

Signature: R. Petrakis
""")
