HAND = []
def H(loinc, tname, setting, style, text): HAND.append((loinc, tname, setting, style, text.strip("\n")))

H("18842-5","Discharge summary","inpatient","dictated","""
CEDAR PLAINS MEDICAL CENTER
MEDICAL INTENSIVE CARE UNIT / HOSPITAL MEDICINE

DISCHARGE SUMMARY

PATIENT: OSTROWSKI, HELENA M.          MRN: 40038817
DOB: 04/11/1951                        ACCOUNT: 771203554
ADMITTED: 02/03/2026                   DISCHARGED: 02/17/2026
ATTENDING AT DISCHARGE: Renee Falk, MD
PRIMARY CARE: Howard Lindqvist, MD

PRINCIPAL DIAGNOSIS:
Septic shock secondary to Klebsiella pneumoniae bacteremia from an infected obstructing left renal calculus.

SECONDARY DIAGNOSES:
1. Acute hypoxemic respiratory failure requiring mechanical ventilation (02/03-02/07).
2. Acute kidney injury, KDIGO stage 3, recovered without dialysis.
3. Critical illness myopathy with ICU-acquired weakness.
4. New-onset atrial fibrillation during shock, converted to sinus rhythm.
5. Type 2 diabetes mellitus with hyperglycemia.
6. Stress-related thrombocytopenia, resolved.

PROCEDURES:
1. Endotracheal intubation and mechanical ventilation, 02/03/2026.
2. Right internal jugular triple-lumen central venous catheter, 02/03/2026 (removed 02/09).
3. Left radial arterial line, 02/03/2026 (removed 02/08).
4. Interventional radiology left percutaneous nephrostomy tube placement, 02/04/2026.
5. Transthoracic echocardiogram, 02/05/2026.
6. Right upper extremity PICC line placement, 02/10/2026.

CONSULTANTS: Urology (Dr. Okafor), Interventional Radiology, Infectious Disease (Dr. Bellamy), Physical Medicine and Rehabilitation.

HISTORY OF PRESENT ILLNESS:
Mrs. Ostrowski is a 74-year-old woman with type 2 diabetes, hypertension and recurrent nephrolithiasis who was brought in by ambulance after her husband found her confused and febrile. In the emergency department she was hypotensive to 74/40, lactate 6.8, with a left obstructing 9 mm ureteropelvic junction stone and hydronephrosis on CT.

HOSPITAL COURSE BY PROBLEM:

1. Septic shock / Klebsiella bacteremia / infected obstructing stone. She received 30 mL/kg of crystalloid and broad-spectrum antibiotics (vancomycin and piperacillin-tazobactam) within the first hour. Norepinephrine was started and vasopressin was added for refractory hypotension on day 1. Urology recommended emergent decompression; given hemodynamic instability, IR placed a left percutaneous nephrostomy tube on 02/04 with frank pus aspirated. Blood and urine cultures grew Klebsiella pneumoniae, ceftriaxone-susceptible, and antibiotics were narrowed to ceftriaxone on day 3. Vasopressors were weaned off by 02/06. Infectious Disease recommended 14 days total of IV therapy from first negative blood culture (02/05), ending 02/19; a PICC was placed and she will complete ceftriaxone 2 g daily at the rehabilitation facility. Definitive stone management (ureteroscopy vs. percutaneous nephrolithotomy) will be planned by Urology in 4-6 weeks. The nephrostomy remains in place to gravity drainage.

2. Acute hypoxemic respiratory failure. Intubated in the ED for worsening mentation and hypoxemia with bilateral infiltrates consistent with ARDS. Managed with low tidal volume ventilation and conservative fluid strategy once off pressors. Extubated 02/07 to high-flow nasal cannula and weaned to room air by 02/12.

3. Acute kidney injury. Creatinine peaked at 4.1 (baseline 0.9) on 02/05 with oliguria. Renal replacement therapy was discussed but not required. Creatinine 1.2 at discharge.

4. Atrial fibrillation with RVR occurred on 02/04 in the setting of catecholamines and was managed with amiodarone infusion; she converted to sinus rhythm within 24 hours. CHA2DS2-VASc is 4. After discussion with the patient and her husband, apixaban 5 mg BID was started 02/13 once platelets recovered and no further procedures were planned. Amiodarone was stopped 02/14; she has remained in sinus rhythm on telemetry.

5. ICU-acquired weakness. Significant proximal weakness after extubation. PT/OT followed daily. She can now transfer with moderate assistance and ambulate 40 feet with a rolling walker. PM&R evaluated and she was accepted to acute inpatient rehabilitation.

6. Diabetes. Managed on insulin infusion in the ICU, then basal-bolus insulin. A1c 8.2%. Metformin held given AKI and will be resumed when renal function is stable.

CONDITION AT DISCHARGE: Stable, improving. Alert and oriented x3.

DISCHARGE MEDICATIONS:
1. Ceftriaxone 2 g IV every 24 hours through 02/19/2026, then stop and remove PICC.
2. Apixaban 5 mg PO twice daily. NEW.
3. Insulin glargine 16 units subcutaneously nightly. NEW.
4. Insulin lispro sliding scale with meals.
5. Amlodipine 5 mg PO daily (resumed at lower dose; lisinopril held).
6. Atorvastatin 20 mg PO nightly.
7. Tamsulosin 0.4 mg PO nightly.
8. Acetaminophen 650 mg every 6 hours as needed.
STOPPED: Lisinopril 20 mg (hold until renal follow-up), metformin 1000 mg BID (hold).

DISPOSITION: Valley Acute Rehab Hospital.

FOLLOW-UP:
- Urology, Dr. Okafor, in 2 weeks; nephrostomy care per protocol.
- Infectious Disease phone check at end of therapy.
- PCP Dr. Lindqvist within 2 weeks of leaving rehab; BMP and CBC weekly while on ceftriaxone.
- Cardiology referral for atrial fibrillation in 4-6 weeks.

PENDING RESULTS: None.

CODE STATUS: Full code, confirmed with patient.

Renee Falk, MD
Hospital Medicine
D: 02/17/2026 14:22  T: 02/17/2026 16:40  Job 448201
""")

H("34117-2","History and physical note","inpatient","dictated","""
HARBORVIEW MEMORIAL HOSPITAL - BEHAVIORAL HEALTH UNIT
PSYCHIATRIC ADMISSION HISTORY AND PHYSICAL

Patient: Greer-Whitfield, Jonah     MRN: 0066312094     Age: 23     Sex: M
Date of admission: 08/14/2025      Legal status: Involuntary 72-hour hold, converted to voluntary 08/15
Attending psychiatrist: Catherine Szabo, MD

IDENTIFYING DATA: 23-year-old single man, college senior, living in student housing, with no prior psychiatric hospitalizations.

CHIEF COMPLAINT: "My roommates are recording my thoughts."

HISTORY OF PRESENT ILLNESS: The patient was brought to the emergency department by campus police after roommates reported he had barricaded himself in his room for two days, covered the windows with foil, and was heard shouting at the walls. Over the past four months he has withdrawn from friends, stopped attending classes, and has become increasingly preoccupied with the belief that a professor implanted a device that broadcasts his thoughts. He reports hearing two male voices commenting on his behavior, at times telling him he is worthless. He denies command hallucinations to harm himself or others. Sleep has been 2-3 hours nightly for two weeks. He has been using cannabis daily (high-potency vape) for approximately a year, last use 3 days ago. He denies other substances. No history of mania; denies decreased need for sleep with increased energy, grandiosity or spending. Mother reports a maternal uncle with schizophrenia.

PAST PSYCHIATRIC HISTORY: Treated for social anxiety at age 16 with sertraline for 6 months. No suicide attempts, no self-harm, no prior violence. No prior antipsychotic trials.

SUBSTANCE USE: Cannabis daily x 1 year. Alcohol 3-4 drinks on weekends. Denies tobacco, stimulants, hallucinogens, opioids.

PAST MEDICAL HISTORY: Asthma, mild intermittent. No head injury or seizures.
MEDICATIONS: Albuterol HFA as needed.
ALLERGIES: No known drug allergies.

SOCIAL HISTORY: Grew up with both parents in a rural town; older sister. Majoring in mechanical engineering, GPA dropped from 3.6 to 2.1 this past semester. No legal history. No firearms access per patient and mother.

FAMILY HISTORY: Maternal uncle with schizophrenia. Father with alcohol use disorder in remission.

REVIEW OF SYSTEMS: Weight loss of about 10 lb over 2 months due to poor intake. Denies headache, fever, focal weakness, palpitations. Otherwise negative.

PHYSICAL EXAMINATION:
Vitals: BP 128/78, HR 96, RR 16, T 36.8 C, SpO2 99% RA. BMI 21.
General: Thin young man, guarded, in no physical distress.
HEENT: Pupils 4 mm equal and reactive. Mucous membranes dry.
Cardiac: Regular, no murmur. Lungs: Clear. Abdomen: Soft, nontender.
Neuro: Cranial nerves II-XII intact, strength 5/5 throughout, normal gait, no tremor or rigidity, no abnormal movements (AIMS 0).
Skin: No lesions or track marks.

MENTAL STATUS EXAMINATION: Appearance: unshaven, wearing the same clothes as on arrival. Behavior: guarded, intermittently glancing at the ceiling, appears to be responding to internal stimuli. Speech: soft, slightly slowed. Mood: "stressed." Affect: constricted, incongruent at times. Thought process: tangential with occasional thought blocking. Thought content: persecutory delusions and thought broadcasting as above; denies suicidal or homicidal ideation, intent or plan. Perception: auditory hallucinations, commenting voices. Cognition: alert, oriented to person, place, and date; attention impaired (unable to do serial 7s past 93). Insight: poor. Judgment: impaired.

LABORATORY DATA: CBC and CMP within normal limits. TSH 1.9. Urine drug screen positive for cannabinoids only. Ethanol undetectable. HIV and RPR nonreactive. B12 normal. Lipid panel and A1c ordered as antipsychotic baseline. ECG: sinus rhythm 92, QTc 412 ms.
CT head (ED): no acute abnormality.

ASSESSMENT: 23-year-old man with 4 months of prodromal decline followed by prominent persecutory delusions, thought broadcasting and commenting auditory hallucinations with functional decline, in the setting of heavy daily cannabis use and family history of schizophrenia. Differential includes schizophreniform disorder (duration under 6 months), cannabis-induced psychotic disorder, and less likely a primary mood disorder with psychotic features. Medical causes are being excluded; MRI brain and EEG will be obtained given first episode.

DIAGNOSES:
1. Unspecified schizophrenia spectrum and other psychotic disorder; rule out schizophreniform disorder vs. substance-induced psychotic disorder.
2. Cannabis use disorder, moderate.
3. Asthma, mild intermittent.

PLAN:
1. Admit to adult inpatient psychiatry unit, routine observation with 15-minute checks. No current indication for 1:1.
2. Start risperidone 1 mg at bedtime, increase to 2 mg on day 3 as tolerated. Monitor for EPS, orthostasis.
3. Lorazepam 1 mg PO every 6 hours as needed for severe agitation.
4. MRI brain with and without contrast, EEG.
5. Substance use counseling; psychoeducation regarding cannabis and psychosis.
6. Family meeting with parents with patient consent; refer to coordinated specialty care first-episode psychosis program at discharge.
7. Medical: albuterol PRN; regular diet; encourage oral intake.

Estimated length of stay: 7-10 days.

Catherine Szabo, MD
Attending Psychiatrist
Electronically signed 08/14/2025 21:05
""")

H("11504-8","Surgical operation note","inpatient","dictated","""
NORTH RIDGE UNIVERSITY MEDICAL CENTER
DEPARTMENT OF SURGERY - HEPATOBILIARY AND PANCREAS SERVICE

OPERATIVE REPORT

Patient Name: Castellanos, Ignacio       MRN: 58820046       Date of Operation: 05/19/2025
Surgeon: Hiroshi Petrakis, MD
Assistants: Leah Ocampo, MD (Chief Resident); Amara Voss, MD (PGY-2)
Anesthesia: General endotracheal with thoracic epidural
Anesthesiologist: Douglas Kessler, MD

PREOPERATIVE DIAGNOSIS: Adenocarcinoma of the head of the pancreas, resectable, status post 4 cycles of neoadjuvant modified FOLFIRINOX.

POSTOPERATIVE DIAGNOSIS: Same.

OPERATION PERFORMED:
1. Diagnostic laparoscopy.
2. Pylorus-preserving pancreaticoduodenectomy (Whipple procedure).
3. Cholecystectomy.
4. Placement of feeding jejunostomy tube.

ESTIMATED BLOOD LOSS: 450 mL.
FLUIDS: 3,200 mL crystalloid, 500 mL 5% albumin.
URINE OUTPUT: 610 mL.
BLOOD PRODUCTS: None.
DRAINS: Two 19 Fr round Blake drains, one posterior to the pancreaticojejunostomy and one near the hepaticojejunostomy.
SPECIMENS: Pancreaticoduodenectomy specimen with gallbladder, oriented (long stitch = pancreatic neck margin, short stitch = bile duct margin); SMA margin and bile duct margin sent separately for frozen section.
COMPLICATIONS: None.

INDICATIONS: The patient is a 64-year-old man who presented with painless jaundice in December. Workup demonstrated a 2.6 cm hypoattenuating mass in the pancreatic head with abutment of less than 180 degrees of the superior mesenteric vein and no arterial involvement. EUS-guided biopsy confirmed adenocarcinoma. He completed neoadjuvant chemotherapy with CA 19-9 decreasing from 412 to 38 and restaging CT showing no metastatic disease. After extensive discussion of the risks, including pancreatic fistula, delayed gastric emptying, bleeding, infection, diabetes, need for reoperation and mortality of approximately 2%, he elected to proceed.

FINDINGS: Diagnostic laparoscopy showed no peritoneal or hepatic metastases. The tumor was firm, in the pancreatic head, and separated from the SMV with careful dissection without need for venous resection. Soft pancreas with a 3 mm pancreatic duct. Common bile duct 9 mm with an indwelling metal stent. Frozen sections of the bile duct and pancreatic neck margins were negative for carcinoma.

DESCRIPTION OF PROCEDURE: After placement of a thoracic epidural, the patient was brought to the operating room and general endotracheal anesthesia was induced. Arterial line, Foley catheter and sequential compression devices were placed. Preoperative antibiotics were given and a surgical time-out was completed. The abdomen was prepped and draped.

A 12 mm port was placed at the umbilicus and diagnostic laparoscopy was performed as above. The port site was then incorporated into an upper midline laparotomy. A self-retaining retractor was positioned. An extended Kocher maneuver was performed, mobilizing the duodenum and pancreatic head off the IVC and aorta to the left renal vein. The gastrocolic ligament was divided and the lesser sac entered. The right gastroepiploic vessels were ligated. The SMV was identified inferior to the pancreatic neck and a tunnel developed under the neck along the portal vein.

Cholecystectomy was performed in a top-down fashion. The common hepatic duct was divided above the cystic duct insertion and the stent removed; the proximal duct was sent for frozen section. The gastroduodenal artery was identified, test-clamped with preserved hepatic arterial flow on Doppler, and ligated and divided. The duodenum was divided 2 cm distal to the pylorus with a GIA stapler. The jejunum was divided approximately 20 cm distal to the ligament of Treitz and the mesentery taken with a bipolar sealing device; the proximal jejunum was delivered beneath the mesenteric vessels. The pancreatic neck was divided sharply with electrocautery and the margin sent for frozen section. The uncinate process was dissected off the SMV and portal vein, ligating the small venous branches, and along the right side of the SMA with an artery-first periadventitial dissection, completing the resection. The specimen was passed off and oriented.

Reconstruction was performed in a retrocolic fashion. A duct-to-mucosa pancreaticojejunostomy was constructed with an outer layer of interrupted 3-0 silk and inner interrupted 5-0 PDS over a 5 Fr pancreatic stent. An end-to-side hepaticojejunostomy was fashioned 10 cm downstream with interrupted 5-0 PDS. An antecolic end-to-side duodenojejunostomy was constructed 50 cm further downstream in two layers. A 12 Fr feeding jejunostomy was placed distally with a Witzel tunnel and secured to the abdominal wall. The abdomen was irrigated and hemostasis confirmed. Drains were placed as above and brought out through separate stab incisions.

The fascia was closed with running looped #1 PDS. The skin was closed with staples. All counts were reported correct x2. The patient was extubated in the operating room and transferred to the surgical intensive care unit in stable condition. I was present and scrubbed for the entire procedure.

Hiroshi Petrakis, MD
Professor of Surgery
Dictated 05/19/2025 18:47 / Transcribed 05/20/2025 07:12 / JOB 80314
""")

H("11488-4","Consult note","outpatient","letter","""
EASTGATE ONCOLOGY & HEMATOLOGY
1140 Northgate Parkway, Suite 300
Fairhaven, MA 02719
Tel (508) 555-0143   Fax (508) 555-0188

March 3, 2026

Grace Whitaker, MD
Maple Street Family Practice
22 Orchard Street
Fairhaven, MA 02719

RE: Beatrice Nakagawa     DOB: 07/30/1962     Our MRN: EO-221874

Dear Dr. Whitaker,

Thank you for referring Ms. Nakagawa for medical oncology consultation regarding her newly diagnosed left breast cancer. I saw her today with her husband in clinic.

HISTORY OF PRESENT ILLNESS: Ms. Nakagawa is a 63-year-old postmenopausal woman whose screening mammogram in January showed a new 8 mm irregular mass in the left breast at 2 o'clock. Diagnostic imaging confirmed a 1.1 cm mass with no suspicious axillary nodes. Ultrasound-guided core biopsy demonstrated invasive ductal carcinoma, Nottingham grade 2, ER 95%, PR 60%, HER2 1+ by IHC. She underwent left lumpectomy with sentinel lymph node biopsy by Dr. Marquez on 02/18. Final pathology: 1.3 cm invasive ductal carcinoma, grade 2, margins negative (closest 4 mm), 0/2 sentinel nodes, pT1c pN0(sn). She is recovering well from surgery with minimal discomfort. She denies bone pain, headaches, cough, or weight loss.

PAST MEDICAL HISTORY: Hypertension; hypothyroidism; osteopenia (DEXA 2024, femoral neck T-score -1.8). Two uncomplicated pregnancies. Menopause at 52; used hormone replacement therapy for 3 years, stopped 2017.

MEDICATIONS: Losartan 50 mg daily, levothyroxine 88 mcg daily, calcium with vitamin D.
ALLERGIES: Sulfa (rash).

FAMILY HISTORY: Mother with breast cancer at 71. Paternal aunt with ovarian cancer in her 50s. No known genetic testing in the family.

SOCIAL HISTORY: Retired pharmacist. Married. Never smoker; 2-3 glasses of wine per week. Walks 30 minutes daily.

REVIEW OF SYSTEMS: Mild hot flashes. Otherwise negative in 12 systems.

PHYSICAL EXAMINATION: BP 134/80, HR 72, weight 68 kg, ECOG 0. Well appearing. No cervical, supraclavicular or axillary lymphadenopathy. Left breast with healing lumpectomy incision at 2 o'clock and axillary incision, no erythema or seroma. Right breast without masses. Lungs clear. Heart regular. Abdomen soft without hepatomegaly. No spinal tenderness. No edema.

DATA: CBC, CMP normal. Oncotype DX Recurrence Score is pending (sent 02/24).

ASSESSMENT: Stage IA (pT1c pN0 M0, anatomic; prognostic stage IA) hormone receptor-positive, HER2-negative invasive ductal carcinoma of the left breast, status post breast-conserving surgery. Given her family history of breast and ovarian cancer, she meets criteria for germline genetic testing.

RECOMMENDATIONS:
1. Await Oncotype DX. If the Recurrence Score is 25 or lower, adjuvant chemotherapy would provide little benefit at her age and endocrine therapy alone would be recommended. If higher, we will discuss adjuvant chemotherapy (docetaxel/cyclophosphamide x4).
2. Adjuvant endocrine therapy with an aromatase inhibitor (anastrozole 1 mg daily) for at least 5 years, to start after radiation. We discussed arthralgias, hot flashes and bone loss.
3. Given osteopenia and planned AI, repeat DEXA at baseline and consider zoledronic acid every 6 months for 3 years for bone health and its adjuvant benefit.
4. Referral to radiation oncology for whole-breast radiation.
5. Referral to genetic counseling for multigene panel testing.

She and her husband had many good questions, which were answered. I will see her back in 2 weeks to review the Oncotype result. Thank you for allowing me to participate in her care.

Sincerely,

Nikhil Chandra, MD
Medical Oncology

cc: Elena Marquez, MD (Surgical Oncology)
""")

H("34111-5","Emergency department note","ed","dictated","""
RIVERSIDE REGIONAL MEDICAL CENTER - LEVEL I TRAUMA CENTER
EMERGENCY DEPARTMENT PHYSICIAN RECORD - TRAUMA ACTIVATION (LEVEL 1)

Patient: UNKNOWN, TRAUMA ZULU (later identified as Brandvold, Kyle)     MRN: 9000418822
Arrival: 06/28/2025 01:37 via ground EMS     Activation: 01:21 (prehospital)

CHIEF COMPLAINT: Motorcycle crash.

HISTORY OF PRESENT ILLNESS: Approximately 30-year-old male, helmeted motorcycle driver, who struck a guardrail at estimated 50 mph. Per EMS, found 20 feet from the bike, GCS 13 at scene (E3V4M6), complaining of left chest and left leg pain. Hypotensive to 86/50 en route, given 500 mL NS. History otherwise limited; patient unable to provide PMH or medications. Tetanus unknown.

PRIMARY SURVEY:
A - Speaking, airway patent. C-collar in place.
B - Decreased breath sounds on the left, SpO2 89% on NRB. Crepitus left lateral chest wall.
C - HR 128, BP 82/48. Pelvis stable to gentle compression. Obvious deformity left thigh. Two 16g IVs. FAST: positive in the left upper quadrant (splenorenal), negative pericardium. eFAST: absent lung sliding on the left.
D - GCS 13 (E3V4M6), pupils 3 mm equal and reactive, moves all extremities.
E - Fully exposed. Warm blankets applied. Abrasions to left flank and left forearm.

INTERVENTIONS IN TRAUMA BAY:
- Left tube thoracostomy (28 Fr, 5th intercostal space anterior axillary line) by me at 01:44 with rush of air and 350 mL blood; SpO2 improved to 96%.
- Massive transfusion protocol activated 01:42. Received 4 units PRBC, 4 units FFP, 1 apheresis platelets in the trauma bay. TXA 1 g IV given at 01:46.
- Left femur placed in traction splint.
- Tetanus toxoid given.

SECONDARY SURVEY: Scalp without lacerations. Facial bones stable. No midline C-spine step-off (collar maintained). Chest: left chest wall tenderness with crepitus. Abdomen: mildly distended, tender LUQ with guarding. Pelvis stable. Left thigh deformity with swelling, distal pulses dopplerable, foot warm. Back: no step-offs on logroll. Rectal tone normal, no gross blood.

LABS: Hgb 9.1 -> repeat 8.4 after products, lactate 5.9, INR 1.4, fibrinogen 148, ethanol 0.11, base deficit -9. Type O+.

IMAGING: After initial resuscitation BP improved to 104/62 with HR 108 and he was taken for CT. CT head/C-spine: negative. CT chest/abdomen/pelvis: left rib fractures 4-9 with flail segment, residual small left pneumothorax with chest tube in place, pulmonary contusion; grade IV splenic laceration with active extravasation; moderate hemoperitoneum. Left femur x-ray: comminuted midshaft femur fracture.

ED COURSE / MDM: Hemorrhagic shock from splenic injury and hemothorax, responding transiently to balanced resuscitation. Discussed with trauma surgery attending Dr. Hartigan at bedside throughout. Given active extravasation and transient response, decision made for operative management. IR not pursued. Orthopedics notified for femur fracture, will temporize with external fixation in the OR. Cryoprecipitate ordered for low fibrinogen. Patient's sister reached by phone and updated.

CRITICAL CARE TIME: 74 minutes exclusive of separately billable procedures.

DIAGNOSES:
1. Hemorrhagic shock.
2. Grade IV splenic laceration with active extravasation.
3. Left hemopneumothorax, s/p tube thoracostomy.
4. Left flail chest, rib fractures 4-9.
5. Closed comminuted left femoral shaft fracture.
6. Alcohol intoxication.

DISPOSITION: Taken directly to the operating room with Trauma Surgery at 02:41 for exploratory laparotomy/splenectomy; expected admission to Surgical ICU. Condition: critical.

Omar Sato, MD
Emergency Medicine Attending
Signed 06/28/2025 04:15
""")

H("11506-3","Progress note","inpatient","terse","""
MICU Progress Note - Hospital Day 6 / Vent Day 4
Lindqvist, Arthur   71M   MRN 30771265   Bed MICU-12
03/21/2026 07:40

24h events:
- Failed SBT at 06:00 (RSBI 118, tachypneic to 38 at 20 min)
- Norepi weaned off at 22:00, MAP 65-72 since
- Febrile 38.6 overnight, repeat BCx sent, sputum cx sent
- No RRT needed; UOP improving

Subjective: Sedated on propofol, RASS -1, nods to simple questions during SAT. Family (wife, son) at bedside.

Objective:
T max 38.6 / current 37.9   HR 94-112 SR   BP 108/62 (MAP 77)   RR 22 (set 16)
Vent: VC 420 (6 mL/kg PBW) / RR 16 / PEEP 10 / FiO2 0.45 -> P/F 188; Pplat 26
I/O: 2.1 L in / 2.9 L out (UOP 1.6 L); net -0.8, LOS net +6.4 L
Lines: R IJ CVC (d6), L radial A-line (d6), Foley (d6), OGT
Gen: intubated, sedated, intermittently follows commands
CV: RRR, no m
Pulm: coarse bilateral rhonchi, L>R, no wheeze
Abd: soft, ND, +BS, tolerating TF at goal 55 mL/h
Ext: 2+ pitting edema BLE, warm
Skin: sacral stage I pressure injury, new; wound RN consulted
Neuro: PERRL, MAE, CAM-ICU +

Labs: WBC 14.2 (11.8), Hgb 8.3, plt 142, Na 146, K 3.8, HCO3 25, BUN 41, Cr 1.6 (1.9, baseline 1.0), Mg 1.8, Phos 2.4, lactate 1.3, procal 2.9 (1.4)
ABG 7.41/42/84 on 0.45
Micro: BAL 3/16 Pseudomonas aeruginosa, pip-tazo S, cefepime S, cipro R; BCx 3/15 NGTD; new cx pending
CXR: worsening LLL opacity, stable R infiltrate, lines in good position

A/P: 71M w/ COPD, HFpEF, admitted w/ influenza A pneumonia -> ARDS, now with secondary Pseudomonas VAP and new fever.

#Acute hypoxemic resp failure / ARDS / Pseudomonas VAP
- continue lung protective ventilation, PEEP/FiO2 per ARDSnet low PEEP table
- narrowed to cefepime 2 g q8h (day 3 of 7) - check for ?new source: new fever; send C diff if stools, check line sites, consider CVC exchange if no other source
- daily SAT/SBT; likely not ready today
- diurese: furosemide 40 IV x1, goal net -1 L

#Septic shock - resolved, off pressors
#AKI - improving, nonoliguric; renally dose abx, avoid nephrotoxins
#Hypernatremia - free water flushes 200 mL q4h
#ICU delirium - CAM+, minimize benzos, lights/blinds protocol, quetiapine 25 qhs
#Stage I sacral pressure injury - q2h turns, wound RN, air mattress
#HFpEF, COPD - home meds held; duonebs q6h

PPx: heparin 5000 SQ TID, PPI (on vent), CHG bath
Nutrition: TF at goal
Code: FULL (discussed with wife 3/19; family meeting today 2 PM with palliative care)
Dispo: remain MICU

Discussed with MICU attending Dr. Mbeki on rounds.
Stefan Ruiz, MD, PGY-2 Internal Medicine   pgr 4471
Attending attestation: I saw and examined the patient with the resident and agree with the findings and plan as documented. 40 min critical care time. -- A. Mbeki, MD
""")

H("28570-0","Procedure note","outpatient","dictated","""
BAYSHORE CARDIOLOGY GROUP - CARDIAC CATHETERIZATION LABORATORY
CARDIAC CATHETERIZATION REPORT

Patient: Farrow, Dolores      MRN: 11902336      DOB: 02/08/1949
Procedure date: 09/23/2025
Operator: Samir Tanaka, MD, FACC, FSCAI
Referring: Grace Okonkwo, MD

PROCEDURES PERFORMED:
1. Left heart catheterization.
2. Selective coronary angiography.
3. Left ventriculography.
4. Right heart catheterization with cardiac output by thermodilution and Fick.
5. Ultrasound-guided right radial artery and right brachial vein access.

INDICATIONS: 76-year-old woman with severe aortic stenosis by TTE (AVA 0.7 cm2, mean gradient 46 mmHg, peak velocity 4.4 m/s), NYHA class III dyspnea, being evaluated for transcatheter aortic valve replacement. Pre-TAVR coronary assessment and hemodynamics.

CONSENT AND SEDATION: Risks including bleeding, vascular injury, contrast nephropathy, stroke, myocardial infarction, arrhythmia and death were reviewed and written consent obtained. Moderate sedation with midazolam 2 mg and fentanyl 50 mcg administered by RN under my supervision; independent trained observer present; intraservice time 41 minutes. Time-out completed.

TECHNIQUE: The right wrist was prepped and draped. After local lidocaine, the right radial artery was accessed with a micropuncture needle under ultrasound guidance and a 6 Fr Glidesheath Slender placed. Verapamil 2.5 mg, nitroglycerin 200 mcg, and heparin 3,000 units were given intra-arterially. A 6 Fr brachial venous sheath was placed. A balloon-tipped catheter was advanced to the pulmonary capillary wedge position under fluoroscopy. Diagnostic coronary angiography was performed with a 5 Fr Tiger catheter. The aortic valve was not crossed given known severe AS by echo. Sheaths removed, TR band applied to the radial artery and manual pressure to the vein with hemostasis.

HEMODYNAMICS (on room air):
RA 9 mmHg; RV 48/10; PA 48/22 (mean 32); PCWP 20 with v waves to 28
Aorta 142/64 (mean 90)
PA saturation 62%, arterial saturation 96%
Cardiac output (thermodilution) 4.1 L/min; cardiac index 2.3 L/min/m2
PVR 2.9 Wood units

CORONARY ANGIOGRAPHY:
Dominance: right.
Left main: Normal, short.
LAD: Moderate calcification; 40% proximal stenosis; diagonal branches without significant disease.
Left circumflex: 30% mid-vessel plaque. OM1 with luminal irregularities.
RCA: Large dominant vessel with 50-60% mid-segment stenosis. Physiologic assessment with iFR: 0.93 (not significant). PDA and PLV normal.

CONTRAST: 48 mL iodixanol. FLUOROSCOPY TIME: 9.2 minutes. AIR KERMA: 412 mGy.
ESTIMATED BLOOD LOSS: < 10 mL. COMPLICATIONS: None.

CONCLUSIONS:
1. Mild-to-moderate nonobstructive coronary artery disease; RCA lesion physiologically nonsignificant by iFR.
2. Mildly elevated left-sided filling pressures with mild postcapillary pulmonary hypertension.
3. Preserved cardiac index.

RECOMMENDATIONS:
1. No revascularization indicated prior to TAVR.
2. Proceed with TAVR CT angiography for annular sizing and access planning; heart team review next week.
3. Continue aspirin and statin. Hold metformin 48 hours post-contrast; BMP in 3 days.
4. Radial precautions for 24 hours.

Samir Tanaka, MD, FACC
Interventional Cardiology
""")

H("18748-4","Diagnostic imaging study","radiology","dictated","""
Transthoracic Echocardiogram

Lakeview Community Hospital - Echocardiography Laboratory
Patient: ABERNATHY, DESMOND    MRN: 2288104    DOB: 10/02/1983    Sex: M
Height 183 cm  Weight 94 kg  BSA 2.18 m2  BP 126/78  HR 64
Study date: 04/16/2026   Location: Outpatient   Sonographer: KL, RDCS
Referring: Julia Carrow, MD   Reading: Martin Adeyemi, MD
Indication: Syncope during exercise; family history of sudden cardiac death (brother, age 35).
Image quality: Good. Contrast: none.

MEASUREMENTS
IVSd 2.1 cm (0.6-1.0)     LVPWd 1.1 cm     LVIDd 4.4 cm     LVIDs 2.6 cm
LVEF (biplane) 68%        GLS -14%
LA volume index 41 mL/m2
LVOT peak gradient at rest 22 mmHg; with Valsalva 74 mmHg
MV E 0.7 m/s, A 0.6 m/s, E/A 1.2, septal e' 5 cm/s, lateral e' 7 cm/s, avg E/e' 11.7
TAPSE 2.3 cm; RVSP 28 mmHg
Aortic root 3.3 cm; ascending aorta 3.2 cm

FINDINGS
Left ventricle: Normal cavity size. Severe asymmetric septal hypertrophy, maximal basal-to-mid anteroseptal wall thickness 21 mm with normal posterior wall thickness. Hyperdynamic systolic function. Reduced global longitudinal strain, predominantly septal. No regional wall motion abnormalities. No apical aneurysm.
Left ventricular outflow tract: Systolic anterior motion (SAM) of the anterior mitral leaflet with mitral-septal contact. Late-peaking dagger-shaped LVOT Doppler profile. Resting peak gradient 22 mmHg, provoked to 74 mmHg with Valsalva.
Diastolic function: Impaired relaxation with mildly elevated filling pressures.
Mitral valve: Mildly elongated anterior leaflet. Mild-to-moderate posteriorly directed mitral regurgitation related to SAM.
Left atrium: Moderately dilated.
Right ventricle: Normal size and function.
Aortic valve: Trileaflet, normal opening, no regurgitation.
Tricuspid and pulmonic valves: Normal; trivial TR.
Pericardium: No effusion.
IVC: Normal size with normal respiratory collapse.

IMPRESSION
1. Asymmetric septal hypertrophy (21 mm) with SAM of the mitral valve and dynamic LVOT obstruction, resting gradient 22 mmHg increasing to 74 mmHg with Valsalva - findings consistent with obstructive hypertrophic cardiomyopathy.
2. Hyperdynamic LV systolic function (EF 68%) with reduced GLS.
3. Mild-to-moderate SAM-related mitral regurgitation; moderate LA enlargement.
4. Recommend cardiac MRI for tissue characterization and extent of late gadolinium enhancement, ambulatory rhythm monitoring, and referral to an HCM center. First-degree relatives should be screened.

Results discussed with Dr. Carrow on 04/16/2026 at 15:10.

Electronically signed: Martin Adeyemi, MD, FASE  04/16/2026 14:58
""")

H("11526-1","Pathology study","lab","dictated","""
PINE COUNTY HOSPITAL
SURGICAL PATHOLOGY

ACCESSION: S25-14482                 STATUS: FINAL
PATIENT: HOLLOWAY, RAYMOND T         MRN: 50118372        DOB: 12/01/1958
COLLECTED: 07/08/2025   RECEIVED: 07/08/2025   REPORTED: 07/11/2025
SURGEON: Charles Bose, MD
PATHOLOGIST: Anita Reinholt, MD

SPECIMEN(S):
A. Colon, sigmoid, laparoscopic sigmoid colectomy
B. Anastomotic donuts, proximal and distal

CLINICAL INFORMATION: 66-year-old man with sigmoid mass on screening colonoscopy, biopsy positive for adenocarcinoma. CT without distant metastasis.

FINAL DIAGNOSIS:
A. COLON, SIGMOID, SEGMENTAL RESECTION:
   - INVASIVE ADENOCARCINOMA, MODERATELY DIFFERENTIATED (LOW GRADE), 3.8 CM.
   - TUMOR INVADES THROUGH THE MUSCULARIS PROPRIA INTO PERICOLORECTAL TISSUE (pT3).
   - LYMPHOVASCULAR INVASION: PRESENT (SMALL VESSEL).
   - PERINEURAL INVASION: NOT IDENTIFIED.
   - TUMOR BUDDING: LOW (BD1, 3 BUDS/0.785 MM2).
   - METASTATIC CARCINOMA IN TWO OF TWENTY-ONE LYMPH NODES (2/21). NO TUMOR DEPOSITS.
   - ALL MARGINS NEGATIVE FOR CARCINOMA (RADIAL MARGIN 1.4 CM).
   - BACKGROUND COLON WITH DIVERTICULOSIS.
B. ANASTOMOTIC DONUTS:
   - BENIGN COLONIC TISSUE. NEGATIVE FOR DYSPLASIA AND CARCINOMA.

SYNOPTIC REPORT (COLON AND RECTUM RESECTION):
Procedure: Sigmoidectomy
Tumor site: Sigmoid colon
Tumor size: 3.8 x 3.1 x 0.9 cm
Macroscopic tumor perforation: Not identified
Histologic type: Adenocarcinoma
Histologic grade: G2, moderately differentiated
Tumor extent: Invades through muscularis propria into pericolorectal tissue
Margins: Proximal 9.2 cm, distal 6.4 cm, radial 1.4 cm, all negative
Treatment effect: No known presurgical therapy
Lymphovascular invasion: Present, small vessel
Perineural invasion: Not identified
Regional lymph nodes: 2 positive / 21 examined
Tumor deposits: Not identified
Pathologic stage classification (pTNM, AJCC 8th edition): pT3 pN1b
Ancillary studies: Mismatch repair immunohistochemistry: MLH1, PMS2, MSH2, MSH6 - intact nuclear expression (low probability of MSI-H).

GROSS DESCRIPTION:
A. Received fresh, labeled with the patient's name and "sigmoid colon," is a segment of colon, 24.5 cm in length and 3.5 cm in average circumference, with attached mesentery up to 8 cm. There is a tattoo site on the serosa 2 cm from the tumor. Opening reveals an ulcerated, raised, circumferential tan-red mass, 3.8 x 3.1 x 0.9 cm, located 9.2 cm from the proximal and 6.4 cm from the distal margins. On sectioning the tumor grossly invades into the pericolic fat. The radial (mesenteric) margin is inked blue. The remaining mucosa shows scattered diverticula. Twenty-one lymph nodes are identified, ranging from 0.2 to 1.1 cm. Representative sections submitted in cassettes A1-A18.
B. Received in formalin are two donuts of colonic tissue, 1.5 and 1.7 cm in diameter, entirely submitted in B1-B2.

MICROSCOPIC DESCRIPTION: Sections show an invasive moderately differentiated adenocarcinoma forming irregular glands with dirty necrosis, invading through the muscularis propria into the subserosal adipose tissue. Foci of small vessel lymphovascular invasion are present. Two lymph nodes contain metastatic adenocarcinoma, the largest focus measuring 6 mm without extranodal extension.

I, the signing pathologist, attest that I have personally examined the slides and made the diagnosis.
Anita Reinholt, MD
Electronically signed 07/11/2025 16:02
""")

H("57133-1","Referral note","outpatient","untitled","""
Riverbend Neurology - pls see
Pt: Sofia Galloway  DOB 3/17/1990  ph (614) 555-0199

Dear Dr Lund,
Would appreciate your eval of this 35 y/o F w/ 3 mo of intermittent blurred vision L eye + 1 episode of R leg numbness x 4 days last month, resolved. Exam today: mild L RAPD, otherwise nonfocal. No prior neuro hx. MRI brain ordered (pending auth).
Concern for demyelinating dz.
Meds: OCP only. NKDA.
Thanks - call me w/ questions.
Leah Holloway, PA-C / for Dr. B. Kessler
Maple Street Family Practice  fax (614) 555-0123
""")

H("101904-1","Release of information request","other","letter","""
SUBPOENA DUCES TECUM FOR MEDICAL RECORDS

IN THE CIRCUIT COURT OF LINCOLN COUNTY
Case No. 2025-CV-004417

Marisol Pruitt, Plaintiff,
v.
Hillcrest Grocery Holdings, LLC, Defendant.

TO: Custodian of Medical Records
Sunset Hills General
Health Information Management Department

YOU ARE COMMANDED to produce and permit inspection and copying of the following documents in your possession, custody or control, on or before January 30, 2026 at 10:00 a.m., at the offices of Abernathy Torvik LLP, 400 Commerce Drive, Suite 1200, Oak Ridge, TN 37830:

Any and all medical records pertaining to MARISOL PRUITT, date of birth 05/09/1977, including but not limited to emergency department records, admission and discharge records, physician and nursing notes, radiology films and reports, laboratory results, physical therapy records, and itemized billing statements, for the period January 1, 2021 to the present.

A properly executed HIPAA authorization signed by the patient is attached as Exhibit A, and notice has been provided to the patient pursuant to 45 CFR 164.512(e).

In lieu of appearance, you may comply with this subpoena by delivering true and complete copies of the requested records together with a signed Certification of Custodian of Records to the address above.

Dated: January 6, 2026

______________________________
Beth Strand, Attorney for Defendant
Abernathy Torvik LLP
(865) 555-0172
""")
