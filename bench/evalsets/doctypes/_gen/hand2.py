from hand1 import H, HAND

H("18842-5","Discharge summary","inpatient","terse","""
Newborn Discharge Summary
Baby Girl Mendoza ("Lucia")   MRN 8810442   DOB 11/02/2025 04:18
Mother: Carmen Mendoza, 29 y/o G2P2, MRN 7732019

Delivery: SVD at 39w3d. Apgars 8/9. ROM 6 h, clear fluid. GBS neg. Maternal labs: O+, RPR NR, HBsAg neg, HIV neg, rubella immune.
BW 3,260 g (48%ile)  Length 50 cm  HC 34 cm
D/C wt 3,080 g (-5.5% from BW)

Nursery course: Uncomplicated. Breastfeeding q2-3h with good latch per lactation. Voids and stools appropriate. TcB at 36 h 9.8 mg/dL, low-risk zone, no phototherapy. Baby is O+, DAT not done.

Screens: Newborn metabolic screen sent 11/03. Hearing screen passed bilaterally. CCHD screen passed (R hand 99%, foot 98%).
Meds/immunizations: Vitamin K 1 mg IM, erythromycin eye ointment, Hep B vaccine #1 given 11/02.

D/C exam: Well appearing, pink, AFOSF, red reflex present OU, palate intact, RRR no murmur, lungs clear, abd soft, cord drying, hips stable (Ortolani/Barlow neg), normal female genitalia, spine intact, good tone/suck/Moro.

Dx: Term female newborn, AGA, appropriate weight loss.
D/C home with mother 11/04/2025.
F/u: Northside Pediatrics in 2 days (weight/jaundice check). Car seat education done. Safe sleep reviewed.

Priya Bergstrom, MD, Newborn Nursery
""")

H("18842-5","Discharge summary","inpatient","untitled","""
Sunset Hills General - Clinical Decision Unit
Patient: Whitcombe, Gordon   MRN 00719934   Age 58
Observation start 07/19/2026 22:40   Discharge 07/20/2026 16:05

Reason for observation: chest pain, rule out acute coronary syndrome.

Course: 58 y/o man with HTN and hyperlipidemia presented with 2 hours of left-sided chest tightness at rest that resolved spontaneously. Initial ECG with no ischemic changes. High-sensitivity troponin 6 -> 7 -> 6 ng/L. He was observed on telemetry without arrhythmia. Exercise treadmill stress echo this morning: 10.2 METs, no chest pain, no ECG changes, no inducible wall motion abnormality, EF 60%. Pain felt most consistent with musculoskeletal or esophageal etiology.

Final diagnosis: Chest pain, low risk, acute coronary syndrome excluded.
Procedures: Exercise stress echocardiogram 07/20.

Medications: continue home lisinopril 10 mg, rosuvastatin 10 mg. New: omeprazole 20 mg daily x 4 weeks.
Condition: good. Discharged home ambulatory.
Follow-up: PCP in 1-2 weeks. Return for recurrent chest pain, shortness of breath, syncope.

Douglas Greer, MD - CDU attending
""")

H("18842-5","Discharge summary","inpatient","terse","""
DISCHARGE SUMMARY - LEFT AGAINST MEDICAL ADVICE
Pt: Salcedo, Marcus  42M  MRN E004418273
Admit 09/08/2025 -> Left AMA 09/10/2025 02:30

Admission dx: Alcohol withdrawal with withdrawal seizure; alcoholic hepatitis (Maddrey DF 28)
Course: Admitted to step-down on phenobarbital protocol after witnessed GTC seizure in ED. CIWA 8-14 on HD2, no further seizures. Bili 4.1, INR 1.5, AST/ALT 212/88. Thiamine, folate, MVI given. Addiction medicine saw pt on HD2 and discussed naltrexone (deferred given LFTs) vs acamprosate.
On night of HD2 pt requested to leave. Capacity assessed by night hospitalist: pt able to understand, appreciate, reason and communicate a choice. Risks explained incl. recurrent seizures, DTs, death. Pt declined to stay, signed AMA form.
Given: Rx for thiamine 100 mg daily, folic acid 1 mg daily; chlordiazepoxide not prescribed due to liver disease/seizure risk unsupervised. Acamprosate 666 mg TID prescribed.
Follow-up: Addiction medicine bridge clinic appt 09/12 10:00 given in writing; GI clinic referral placed; pt told he can return to ED at any time.

Kenji Voss, MD (hospitalist)
""")

H("11506-3","Progress note","inpatient","soap","""
Postpartum Note - PPD #1
Rahimi, Nadia  31 y/o G1P1001  s/p primary LTCS 10/14 for arrest of dilation
Date: 10/15/2025 06:50

S: Pain 4/10, controlled w/ ibuprofen + acetaminophen, 1 dose oxycodone overnight. Ambulating to BR. Voiding after Foley removal at 06:00. + flatus. Tolerating regular diet. Breastfeeding, baby latching well. Lochia moderate. Denies HA, vision changes, CP, SOB, calf pain. Mood good.

O: T 37.1  HR 82  BP 124/76  RR 16  SpO2 98%
Gen: NAD
CV: RRR
Lungs: CTAB
Breasts: soft, nontender, nipples intact
Abd: soft, appropriately tender, fundus firm 1 cm below umbilicus
Incision: Pfannenstiel, dressing c/d/i
Ext: no calf tenderness, trace edema
Labs: Hgb 10.4 (pre-op 12.1). Blood type A+, rubella immune.

A: 31 y/o G1P1 PPD#1 s/p pLTCS, recovering well. Mild acute blood loss anemia.
P:
- Routine postpartum care, encourage ambulation, IS
- Ferrous sulfate 325 mg every other day
- Continue breastfeeding support, lactation f/u
- Tdap given prenatally; flu vaccine today
- Contraception: desires progestin-only pill, Rx at d/c
- Anticipate d/c PPD #2-3

Yolanda Ashby, MD, OB/GYN resident
""")

H("11506-3","Progress note","other","untitled","""
Greenbriar Skilled Nursing - physician visit 12/02/2025

Mrs. Pellegrini (Room 214B) seen today for routine 30-day visit and nursing concern about reduced appetite. She is an 88 y/o woman with moderate vascular dementia, HFpEF, CKD 3b, and a healed L hip fracture, long-term resident since June. Staff report she is eating ~50% of meals for 10 days, weight down 3 lb this month. No cough, fever, vomiting or change in stools. No new behaviors. Daughter visited Sunday, felt she was "her usual self."

Exam: BP 118/64, HR 70, T 97.6, SpO2 95% RA, wt 112 lb. Sitting in wheelchair, pleasant, oriented to self. Poor dentition, upper denture loose. Lungs clear. Heart regular, 2/6 SEM. Abdomen soft, nontender. No edema. Skin intact, no pressure injuries.

Labs 11/28: Na 138, K 4.4, Cr 1.7 (stable), Hgb 10.8, TSH 2.2, albumin 3.1.

Impression/Plan:
1. Decreased oral intake with mild weight loss - likely poorly fitting denture and advancing dementia. Dental consult for denture reline; dietitian to add fortified shakes BID; weekly weights; allow preferred foods and finger foods.
2. HFpEF - euvolemic, continue furosemide 20 mg.
3. CKD 3b - stable.
4. Goals of care: remains DNR/DNI, no hospital transfer except for comfort needs per MOLST on file. Will update daughter by phone.

Return visit 30 days or sooner PRN.
Bernard Okafor, MD, attending physician
""")

H("11506-3","Progress note","inpatient","terse","""
Psychiatry Progress Note
Pt: Greer-Whitfield, J   Unit: 4 West BHU   Hospital day 5   08/19/2025

Interval: Slept 6 h. Attended 3 groups. Took risperidone 2 mg qhs without issue; no PRNs in 48h. Nursing notes less guarded, eating 75% of meals.

Pt report: "The voices are quieter, like a radio in another room." Still believes roommates were involved "somehow" but less certain. Denies SI/HI.

MSE: Groomed, fair eye contact. Speech normal rate/volume. Mood "ok." Affect mildly constricted, more reactive. TP: mostly linear, occasional tangentiality. TC: persecutory beliefs held with less conviction, no thought broadcasting reported today. Perception: AH decreased in frequency, not commanding. No evidence of responding to internal stimuli on unit. Cognition grossly intact. Insight: emerging ("maybe the weed made it worse"). Judgment: improving.

AIMS 0. No EPS, no akathisia (BARS 0). Orthostatics negative. Wt +1.2 kg.
MRI brain 8/16: normal. EEG: normal awake/drowsy.

Assessment: First-episode psychosis, improving on risperidone; cannabis use disorder.

Plan:
- Increase risperidone to 3 mg qhs
- Continue 15-min checks
- Family meeting Thursday with parents re: coordinated specialty care program (intake scheduled 8/28)
- MI-based substance counseling with SW
- Target d/c early next week

C. Szabo, MD
""")

H("11488-4","Consult note","inpatient","terse","""
Palliative Care Consultation
Requested by: Dr. Mbeki (MICU)   Date: 03/21/2026
Pt: Lindqvist, Arthur   71M   MRN 30771265
Reason: goals of care, family support; prolonged mechanical ventilation

Source: chart, primary team, family meeting (wife Evelyn - HCP, son Tomas), RN

HPI/Illness summary: 71M with COPD (FEV1 45%), HFpEF, admitted 3/16 with influenza A pneumonia complicated by ARDS, septic shock and Pseudomonas VAP. Vent day 4, off pressors, failed SBT today. Intermittently follows commands.

Patient values (per wife): "He would want to try if there's a real chance he can go home and work in his garden again. He never wanted to live on a machine." Pt previously told family he would not want a trach or long-term nursing home. No written AD; wife is HCP by state default hierarchy, son agrees.

Prognostic understanding: Family understands he is "very sick," hoping for recovery. Surprised to hear trach may be discussed in the next week.

Symptoms: CPOT 2-3 during turns; RR 22-28. Appears comfortable at rest on propofol/fentanyl.

Impression:
1. Goals of care in critically ill patient with ARDS and chronic lung disease; family identifies function and independence as priorities and expresses patient's prior wish to avoid trach/long-term vent.
2. Family distress, anticipatory grief.

Recommendations:
1. Proposed time-limited trial: continue full ICU support x 5-7 days with daily SBT; family meeting again 3/26 to reassess. Family agrees.
2. Code status: recommend DNR in event of arrest given poor expected outcome; family will consider overnight - revisit tomorrow.
3. If unable to wean, family leaning toward comfort-focused extubation rather than tracheostomy; we will support.
4. Symptom: fentanyl bolus 25 mcg before turns/procedures.
5. Chaplain referral (Lutheran) - placed. SW for family support/parking.

Thank you for involving us; will follow daily.
Naomi Iwasaki, MD, Hospice & Palliative Medicine   x6621
Time: 75 min, >50% in family meeting/counseling.
""")

H("11488-4","Consult note","inpatient","dictated","""
DERMATOLOGY INPATIENT CONSULTATION

Date: 01/27/2026
Patient: Ndiaye, Fatima   MRN 61220389   Location: 6 East, bed 14
Requesting service: Hospital Medicine (Dr. Carrow)
Question: "New diffuse rash, on multiple new antibiotics, please evaluate"

HISTORY: 57-year-old woman admitted 01/20 for left foot osteomyelitis, started on vancomycin and cefepime, transitioned to oral trimethoprim-sulfamethoxazole on 01/24. Developed pruritic rash on the trunk yesterday spreading to arms and thighs, with subjective fever. Denies oral pain, eye pain, dysuria, skin pain or blistering. No prior drug reactions. Other medications: insulin, atorvastatin (chronic), enoxaparin (since admission).

EXAMINATION: T 38.1 C. Alert, well-appearing. Skin exam of face, scalp, trunk, bilateral upper and lower extremities: blanching erythematous morbilliform macules and papules coalescing on the trunk, approximately 40% BSA. No vesicles, bullae, dusky or targetoid lesions. Nikolsky sign negative. Mild facial edema not present. Oral, ocular and genital mucosa clear. No lymphadenopathy.

LABS: WBC 9.8 with eosinophils 9% (absolute 880, up from 200). AST 38, ALT 41 (normal baseline). Cr 0.9.

IMPRESSION: Morbilliform (exanthematous) drug eruption, most likely due to trimethoprim-sulfamethoxazole given timing (day 3 of exposure). Currently no features of SJS/TEN. Eosinophilia raises concern for evolving DRESS, although latency is short and there is no organ involvement, facial edema or lymphadenopathy; RegiSCAR score currently 2.

RECOMMENDATIONS:
1. Discontinue trimethoprim-sulfamethoxazole; document sulfonamide antibiotic allergy. ID to advise on alternative therapy.
2. Triamcinolone 0.1% ointment BID to trunk and extremities (avoid face/folds); cetirizine 10 mg daily and hydroxyzine 25 mg qhs PRN itch.
3. Repeat CBC with differential, CMP in 48-72 hours to monitor for DRESS; low threshold to re-consult if facial edema, LAD, rising LFTs or mucosal involvement.
4. No skin biopsy needed at this time.

Thank you for this interesting consult. Dermatology will sign off; please page with any change.

Stefan Marquez, MD, Dermatology
""")

H("34117-2","History and physical note","inpatient","terse","""
PEDIATRIC ADMISSION H&P
Pt: Tran, Kaylee   4y F   MRN 9920031   Adm 02/11/2026 19:30 to Peds Ward
Source: mother, ED records

CC: fever x 5 days, rash, red eyes

HPI: Previously healthy 4 yo F w/ fever to 39.8-40.2 daily x 5 days despite antipyretics. Day 3 developed bilateral nonexudative conjunctival injection and red cracked lips. Day 4 diffuse maculopapular rash trunk/groin, swelling of hands and feet. Irritable, decreased PO intake, still urinating ~4x/day. No cough, vomiting, diarrhea. No sick contacts, no travel. Seen by PCP day 2, dx viral illness.

PMH: term, NSVD, no hospitalizations. Imm UTD.
Meds: ibuprofen/acetaminophen PRN. NKDA.
FHx: noncontributory. SHx: lives w/ parents + 7 yo brother, attends preschool.

ROS: + fever, rash, red eyes, irritability, decreased appetite; - cough, rhinorrhea, V/D, joint swelling, dysuria

PE: T 39.6  HR 148  RR 26  BP 96/58  SpO2 99% RA  Wt 16.2 kg
Gen: irritable, consolable by mother, nontoxic
HEENT: bilat bulbar conjunctival injection sparing limbus, no exudate; lips erythematous, cracked; strawberry tongue; pharynx erythematous
Neck: 1.8 cm tender L anterior cervical LN
CV: tachycardic, regular, no murmur/gallop, CRT <2s
Resp: CTAB
Abd: soft, NT, no HSM
Ext: indurated edema dorsum of hands and feet, erythematous palms/soles
Skin: polymorphous maculopapular rash trunk, accentuated in perineum w/ early desquamation
Neuro: nonfocal

Labs (ED): WBC 17.6, ANC 12.1, Hgb 10.2, plt 468, CRP 11.2 mg/dL, ESR 78, ALT 88, albumin 2.9, Na 132; UA: 15 WBC/hpf, neg LE/nitrite
Imaging: none yet

A/P: 4yo F w/ 5 d fever + 5/5 principal clinical criteria -> complete Kawasaki disease. 
- Echo in AM (coronary z-scores) - ordered
- IVIG 2 g/kg (32 g) over 12 h tonight
- ASA 40 mg/kg/day div q6h (high-dose) until afebrile 48h, then low dose 3-5 mg/kg/day
- Peds cardiology consulted, aware
- Monitor for fever 36h post-IVIG (IVIG resistance); Kobayashi score calculated = 5 (high risk) -> discuss adjunctive steroids w/ cardiology
- mIVF at 2/3 maint, strict I/O
- Hold live vaccines 11 months post IVIG; counsel family
- Dispo: peds floor, telemetry not needed

Esther Oyelaran, MD, PGY-3 Pediatrics / Attending: Dr. Kaczmarek
""")

H("34111-5","Emergency department note","ed","soap","""
ED Fast Track Note          04/02/2026  14:12
Holloway, Duane   27M   MRN 00389154

S: Painful swollen R index finger x 2 days after hangnail picking. No fever. Works as line cook. Tdap 2022. No PMH. NKDA.
O: T 36.9 HR 78 BP 128/80. R index finger: fluctuant, erythematous swelling of lateral nail fold, no pulp/volar pad tenderness, no fusiform swelling, no pain with passive extension, full ROM, sensation intact.
A: Acute paronychia R index finger. No signs of felon or flexor tenosynovitis.
P: Digital block w/ 1% lidocaine plain, 4 mL. Nail fold elevated with #11 blade, small amount pus expressed, irrigated. Dressing. Warm soaks TID-QID x 5 days. Cephalexin 500 mg QID x 5 d given surrounding cellulitis. Return for spreading redness, fever, pain with finger movement.
Dispo: home, stable.

R. Lindholm, PA-C / supervising Dr. Adeyemi
""")

H("34111-5","Emergency department note","ed","untitled","""
Pediatric Emergency - Riverside Regional
Pt: Quintero, Elijah   22 mo M   Wt 11.8 kg   MRN 55210876
Arrived 03/05/2026 20:05 with parents. Triage ESI 2.

Mother reports child choked on a peanut while playing with older cousin about 3 hours ago, coughed and gagged for several minutes, then settled but has had persistent cough and "whistling" breathing since. No cyanosis, no loss of consciousness. No prior wheezing history. Immunized. No meds, NKDA.

Exam: T 37.2, HR 132, RR 38, SpO2 94% RA. Alert, playful between coughs. No stridor at rest. Mild subcostal retractions. Decreased air entry on the right with monophonic expiratory wheeze on the right; left clear. Oropharynx clear, no drooling.

Bilateral decubitus chest films: air trapping on the right (right lung fails to deflate in right-down decubitus). No radiopaque FB. No pneumothorax.

Assessment: Suspected right mainstem bronchial foreign body aspiration.
Plan / course: NPO. Kept calm with parent, no agitation. Supplemental O2 via blow-by to keep sats >93%. Pediatric ENT (Dr. Szabo) consulted at 20:50, will take to OR tonight for rigid bronchoscopy. Anesthesia aware. Parents updated and agree.
Disposition: admitted to pediatric ENT service via OR.

Beatrice Falk, MD, Pediatric Emergency Medicine
""")

H("11504-8","Surgical operation note","inpatient","terse","""
OPERATIVE NOTE
Date: 03/05/2026      Pt: Quintero, Elijah  22 mo M  MRN 55210876
Surgeon: Catherine Szabo, MD (Pediatric Otolaryngology)
Anesthesia: General, spontaneous ventilation (Dr. Moreau)

Pre-op dx: Suspected foreign body, right mainstem bronchus
Post-op dx: Peanut foreign body, right bronchus intermedius
Procedure: Direct laryngoscopy and rigid bronchoscopy with removal of foreign body

Findings: Normal supraglottis/glottis/subglottis. Trachea normal. Half of a peanut lodged in the right bronchus intermedius with surrounding mucosal edema and mild granulation; purulent secretions distal. After removal, distal airways patent; repeat survey no residual fragments. Left bronchial tree normal.

Description: Inhalational induction with mask. Topical lidocaine to larynx. Shoulder roll placed. Laryngoscope inserted and larynx suspended. A 3.5 Storz ventilating bronchoscope passed through the cords with ventilation through side port. FB visualized and grasped with optical peanut forceps; the scope, forceps and FB were withdrawn as a unit. A second look with 3.5 scope confirmed no residual fragments; secretions suctioned and sent for culture. Dexamethasone 0.5 mg/kg IV given. Patient awakened, mask ventilated, transferred to PACU breathing spontaneously.

EBL: none. Specimen: peanut fragment (to family per request/discarded), bronchial aspirate for culture. Complications: none.
Plan: observe overnight on peds floor, CXR in AM, d/c if stable.

C. Szabo, MD
""")

H("11504-8","Surgical operation note","inpatient","ocr-noisy","""
Fax: 03/12/2026 11:02  FROM 555 0193  TO HIM  P.002/003

SUMMIT ORTHOPEDIC SURGERY CENTER
OPERATIVE RE PORT

Patient: Pruitt, Ruth         DOB 06/22/1966     Acct 88203317
Date of Surgery: 03/10/2026
Surgeon: Gordon Whitaker, MD
Ass1stant: T. Reyes, PA-C

Preoperative diagnosis: Right bimalleolar ankle fracture.
Postoperative diagnosis: Same, with syndesmotic instability.
Procedure: 1) Open reduction internal fixation right lateral malleolus with plate and screws. 2) ORIF right medial malleolus with two 4.0 mm partially threaded cannulated screws. 3) Syndesmotic fixation with suture-button device.
Anesthesia: General LMA plus popliteal and saphenous nerve blocks.
Tourniquet: thigh, 250 mmHg, 72 minutes.
EBL: 25 mL. Complications: none.

Description: Patient supine, bump under right hip. Right leg prepped and draped. A lateral incision was made over the fibula, superficial peroneal nerve identified and protected. The oblique fibular fracture was cleaned of hematoma, reduced with pointed reduction clamp and fixed with a 3.5 mm lag screw and a 7-hole one-third tubular neutralization plate. A medial incision was made, the medial malleolar fragment debrided of interposed periosteum and reduced, fixed with two cannulated screws. Cotton test and external rotation stress under fluoroscopy demonstrated syndesmotic widening; a suture-button was placed 1.5 cm above the plafond with reduction confirmed on mortise view. Wounds irrigated, closed with 2-0 Vicryl and 3-0 nylon. Sterile dressing and well-padded posterior splint applied.

Plan: NWB RLE 6 weeks, aspirin 81 mg BID x 4 weeks, f/u 2 weeks for suture removal.

G. Whitaker, MD
                                                         Page 2 of 3
""")

H("28570-0","Procedure note","outpatient","dictated","""
VALLEY PAIN & SPINE - PROCEDURE REPORT

Patient: Kowalczyk, Lonnie   DOB 09/14/1961   Date: 05/06/2026
Physician: Hiroshi Chandra, MD

PROCEDURE: Right L5-S1 transforaminal epidural steroid injection under fluoroscopic guidance.

INDICATION: Right S1 radiculopathy from L5-S1 foraminal stenosis, failed 8 weeks of physical therapy and NSAIDs.

PRE-PROCEDURE: Risks including infection, bleeding, nerve injury, headache, increased pain, and steroid side effects discussed; consent signed. Not on anticoagulants. No contrast allergy. Time-out performed.

DESCRIPTION: The patient was placed prone. The lumbosacral area was prepped with chlorhexidine and draped sterilely. Under AP and oblique fluoroscopy, the right L5-S1 neuroforamen was identified. The skin was anesthetized with 1% lidocaine. A 22-gauge 3.5-inch Quincke needle was advanced to the superior aspect of the right L5-S1 foramen (safe triangle). Lateral view confirmed position. After negative aspiration, 1 mL of Omnipaque 240 was injected under live fluoroscopy showing epidural spread along the right S1 nerve root and into the epidural space without vascular uptake. 10 mg of dexamethasone (preservative-free) with 1 mL of 1% lidocaine was injected. The needle was removed intact; bandage applied.

Fluoroscopy time: 38 seconds.
EBL: none. Complications: none. 
Post-procedure: Pre-procedure pain 7/10, post-procedure 3/10. Vitals stable. Neurologically intact, ambulating independently. Discharged with written instructions. Follow-up in 3 weeks.

Hiroshi Chandra, MD
""")

H("28570-0","Procedure note","inpatient","terse","""
Bedside procedure: Chest tube (tube thoracostomy), LEFT
03/30/2026 16:20  |  Esposito, Rosa  63F  MRN 70021194  |  5 West

Indication: large L pleural effusion w/ loculations on US, pH 7.08, glucose 32 -> complicated parapneumonic effusion/empyema
Consent: written, pt
Time-out: yes
Sedation: fentanyl 50 mcg IV; local 1% lido 15 mL
Site: L 5th ICS, mid-axillary line, US-marked
Technique: Seldinger. Needle entry w/ aspiration of turbid yellow fluid, guidewire, dilators, 14 Fr pigtail catheter placed; sutured at skin; connected to Pleur-evac -20 cm H2O. 600 mL turbid fluid drained initially, clamped x 30 min then resumed.
Samples: fluid culture, Gram stain, cell count.
EBL minimal. Complications: none; pt tolerated well. SpO2 97% post.
CXR post: catheter in L base, no PTX, decreased effusion.
Plan: tPA/DNase intrapleural per pulm protocol if poor drainage; flush 20 mL NS q8h; daily CXR.

Lucia Farouk, MD (Pulm/CC fellow)   Supervised by Dr. Hartigan, present for entire procedure
""")

H("18748-4","Diagnostic imaging study","radiology","terse","""
XR RIGHT ANKLE 3V  01/14/2026 09:41
Hx: inversion injury, lateral malleolar tenderness
Findings: No acute fracture or dislocation. Ankle mortise congruent. Lateral soft tissue swelling. Small plantar calcaneal spur.
Impression: No fracture. Soft tissue swelling.
-- D. Kaczmarek, MD
""")

H("18748-4","Diagnostic imaging study","radiology","dictated","""
REASON FOR EXAM: Palpable lump left breast, 10 o'clock, found on self exam. 44 y/o F. Prior screening 18 months ago BI-RADS 1.

EXAM: DIAGNOSTIC MAMMOGRAM LEFT WITH TOMOSYNTHESIS AND TARGETED LEFT BREAST ULTRASOUND
DATE: 08/27/2025

TECHNIQUE: Left CC, MLO and spot compression views with tomosynthesis. A BB was placed over the palpable area. Targeted grayscale and color Doppler ultrasound of the left breast 10 o'clock.

COMPARISON: 02/2024 screening mammogram.

BREAST COMPOSITION: The breasts are extremely dense, which lowers the sensitivity of mammography.

FINDINGS:
Mammogram: Under the BB marker at 10 o'clock there is a 1.4 cm oval circumscribed equal-density mass, new from prior. No associated calcifications or architectural distortion.
Ultrasound: At 10 o'clock, 5 cm from the nipple, corresponding to the palpable finding, there is a 1.5 x 0.8 x 1.2 cm oval, circumscribed, parallel, hypoechoic mass with posterior acoustic enhancement and no internal vascularity, most consistent with a fibroadenoma. Left axilla: normal lymph nodes.

IMPRESSION:
Probably benign palpable mass left breast 10 o'clock, most likely fibroadenoma.
BI-RADS 3: Probably benign. Short-interval follow-up left breast ultrasound in 6 months is recommended. Given the palpable finding and patient preference, ultrasound-guided biopsy is a reasonable alternative and was discussed with the patient.

Results were discussed with the patient at the time of the exam.

Signed: Julia Ocampo, MD, Breast Imaging
""")

H("11502-2","Laboratory report","lab","form","""
BLOOD BANK / TRANSFUSION SERVICE REPORT
Mercy Valley Health Transfusion Medicine
Patient: HAVERFORD, DARLENE   MRN 40188012   DOB 03/19/1957
Collected 06/02/2026 05:42   Reported 06/02/2026 07:15

ABO/Rh:                    A POSITIVE
Antibody screen:           POSITIVE
Antibody identification:   ANTI-E and ANTI-K (Kell) identified
Direct antiglobulin test:  NEGATIVE
Phenotype:                 E-negative, K-negative

Crossmatch: 2 units A Pos, E-neg, K-neg RBCs, AHG crossmatch compatible. Units: W0362 26 118442 / W0362 26 118509
Status: Ready for issue.

COMMENT: Patient has clinically significant alloantibodies. All future red cell transfusions must be antigen-negative for E and K. Allow additional time (up to 4 hours) for crossmatch. Wallet card issued.

Medical Director review: Catherine Bose, MD, Transfusion Medicine
""")

H("11502-2","Laboratory report","lab","terse","""
Therapeutic drug monitoring - Galloway, Andre  MRN 61120337   05/14/2026
Vancomycin trough   22.4 mcg/mL   H   (target per pharmacy: AUC-guided; trough 10-20)
   drawn 07:58, 30 min prior to 4th dose (1250 mg q12h)
Creatinine          1.6 mg/dL     H   (0.7-1.3)   prior 1.1 on 5/12
Pharmacy notified 08:41. Dose held per protocol, new level ordered.
Tacrolimus (whole blood, LC-MS/MS)   not ordered
Reported by: Core Lab, tech 0412
""")

H("11502-2","Laboratory report","lab","form","""
Northstar Diagnostic Labs                              Page 1 of 1
HEPATITIS PANEL, ACUTE + REFLEX
Patient: Iwasaki, Tomas   Sex: M   DOB 11/05/1989   Specimen: serum
Ordering: Elena Lund, MD          Collected 02/19/2026   Final 02/20/2026

Hepatitis A IgM antibody ..................... NONREACTIVE
Hepatitis B surface antigen .................. REACTIVE   (A)
Hepatitis B core IgM antibody ................ REACTIVE   (A)
Hepatitis B surface antibody ................. <3.5 mIU/mL  (nonimmune)
Hepatitis C antibody ......................... NONREACTIVE
  -> Reflex HBV DNA, quantitative: 4.8 x 10^7 IU/mL (7.68 log IU/mL)
ALT .......................................... 1,204 U/L  (H)  ref 7-56
Total bilirubin .............................. 3.9 mg/dL  (H)  ref 0.2-1.2

Interpretation: Serologic pattern consistent with ACUTE hepatitis B infection. Reportable condition - public health notified per state requirements. Recommend HBeAg/anti-HBe, INR, and testing of close contacts.
""")

H("11526-1","Pathology study","lab","terse","""
CYTOLOGY - URINE, voided
Case C26-03318   Bergstrom, Harold   79M   rec'd 04/08/2026
Adequacy: satisfactory
Dx: ATYPICAL UROTHELIAL CELLS (The Paris System category: Atypical urothelial cells, AUC)
Comment: Few cells with increased N:C ratio (>0.5) and mild hyperchromasia; cannot exclude high-grade urothelial carcinoma. Correlation with cystoscopy recommended. Ancillary FISH (UroVysion) available on request.
Cytotechnologist: MH   Pathologist: Elena Reinholt, MD
""")

H("57133-1","Referral note","outpatient","form","""
PHYSICAL THERAPY REFERRAL / ORDER
Summit Orthopedic & Sports Medicine

Patient: Strand, Naomi      DOB: 01/09/1995     Date: 10/22/2025
Diagnosis: S/p right ACL reconstruction (BTB autograft) 10/15/2025; ICD-10 S83.511D, Z98.890
Referring surgeon: Victor Greer, MD   NPI 1447281930

Evaluate and treat per ACL reconstruction protocol (phase 1-4)
Frequency: 2-3x/week   Duration: 12 weeks
Precautions: WBAT in hinged brace locked in extension for ambulation x 2 weeks. No open-chain knee extension 90-45 deg x 12 wks. No pivoting/cutting before 6 months.
Goals: Full extension by week 2, flexion 120 by week 6, quad activation, normalize gait, return-to-sport testing at 6 months.
Modalities: NMES for quad, cryotherapy PRN.

Please send progress notes to clinic every 4 weeks.
Signature: V. Greer, MD
""")

H("57133-1","Referral note","ed","terse","""
ED Referral for Outpatient Follow-Up
To: Oakmont Urology (urgent slot, within 1 week)
From: Riverside Regional ED, Dr. Omar Sato   05/30/2026
Pt: Marchetti, Evelyn   61F   ph (330) 555-0148

Reason: incidental 3.4 cm enhancing solid L renal mass on CT A/P done in ED for abdominal pain (pain resolved - dx gastroenteritis). No hematuria. Cr 0.8.
CT report attached. Patient informed of finding and need for follow-up; verbalized understanding.
Please contact patient to schedule. Thank you.
""")

H("59284-0","Consent document","inpatient","form","""
LAKEVIEW COMMUNITY HOSPITAL
CONSENT FOR ANESTHESIA SERVICES

Patient: Osei, Kwame     MRN: 3310847     DOB: 07/12/1971
Planned procedure: Laparoscopic right colectomy
Planned anesthesia: [X] General  [ ] Regional (spinal/epidural/nerve block)  [ ] Monitored anesthesia care/sedation
Additional: [X] Arterial line  [ ] Central line  [X] Possible epidural for postoperative pain

I understand that anesthesia involves risks which may include, but are not limited to:
- General anesthesia: sore throat, hoarseness, damage to teeth, lips or tongue, nausea and vomiting, awareness under anesthesia, aspiration pneumonia, allergic reactions, heart attack, stroke, brain damage, or death.
- Regional anesthesia: headache, back pain, bleeding, infection, nerve damage, seizures, incomplete block requiring general anesthesia.
- Invasive monitoring: bleeding, infection, nerve or blood vessel injury, pneumothorax.

I consent to the anesthesia plan described above and to changes in the plan that the anesthesiologist considers necessary, including conversion to general anesthesia. I understand that a resident physician or a certified registered nurse anesthetist may participate under supervision of the attending anesthesiologist.

I have been given the opportunity to ask questions and all my questions have been answered. I understand I should not eat solid food for 8 hours before anesthesia.

Patient signature ______________________   Date 11/03/2025   Time 06:15
Anesthesiologist: Amara Hartigan, MD  signature ____________________
Interpreter (if used): Twi interpreter #4471 via video, ID verified
""")

H("59284-0","Consent document","outpatient","form","""
Cedar Behavioral Health
INFORMED CONSENT FOR TELEHEALTH SERVICES

Client name: ______Lindqvist, Ingrid_________   DOB: 04/02/1988

Telehealth involves the use of secure, interactive video and audio technology to deliver psychotherapy and psychiatric medication management when the clinician and client are not in the same location.

I understand that:
1. I have the right to withhold or withdraw consent to telehealth at any time without affecting my right to future care.
2. The laws that protect the privacy and confidentiality of my health information also apply to telehealth. Sessions will not be recorded without my written consent.
3. There are potential risks, including interruption or failure of the connection and, rarely, a breach of privacy despite reasonable security measures.
4. I will participate from a private location, and I will provide my physical address at the start of each session so that emergency services can be directed to me if needed.
5. In a mental health emergency I will call 911 or 988 or go to the nearest emergency room.
6. My insurance may or may not cover telehealth services; I am responsible for any charges not covered.

I have read and understand this information, and I consent to receive services via telehealth.

Client signature: ____________________  Date: 01/16/2026
Clinician: Hannah Torvik, LCSW
""")

H("64290-0","Health insurance card","other","ocr-noisy","""
NORTHPOINT DENTAL
PPO Plus Premier
Subscriber: KAC2MAREK, ARTHUR J
ID: NDX 448 210 937
Group: 70213   Plan: 0042
Dependents: 01 EVELYN  02 SAMUEL
Preventive 100%  Basic 80%  Major 50%
Annual Max $1,500  Ortho lifetime $1,500
- - - - - - -
Provider inquiries: 1-800-555-0166
Claims: PO Box 88311, Lakewood CO 80226
Not a guarantee of benefits. Benefits subject to plan terms.
""")

H("64290-0","Health insurance card","other","form","""
[Front of card]
Pinnacle Mutual Health - Gold Copay 1500
Member Name: ESTHER NDIAYE
Member ID: PMH-0099-3318-02
Group #: 814400-017
Plan Type: EPO - In-Network Only
Effective Date: 01/01/2026
Deductible (Ind/Fam): $1,500 / $3,000
Office Visit $30 | Specialist $60 | Urgent Care $75 | ER $350 (waived if admitted)
Rx: Tier 1 $10 / Tier 2 $40 / Tier 3 $70
RxBIN 610014  RxPCN PMHRX  RxGrp PMHGOLD

[Back of card]
Member Services: 1-888-555-0130 (TTY 711)
Behavioral Health: 1-888-555-0177
Prior authorization required for inpatient, MRI/CT/PET, and outpatient surgery: 1-888-555-0102
Medical claims: Pinnacle Mutual Health, PO Box 23004, Stanton MN 55102 | Payer ID 87726
www.pinnaclemutual.example
""")

H("57833-6","Prescription for medication","outpatient","ocr-noisy","""
Northside Pediatrics
Lonnie Abernathy, MD   NPI 1205539871
2210 Fairview Rd, Millbrook OH 44120  (216) 555-0184

Name: Sam Tran                  Age: 6 y   Wt: 21 kg
Address: 88 Juniper Ct, Millbrook OH       Date: 1/22/26

Rx  Cefdinir 250 mg/5 mL susp
    Sig: 6 mL (300 mg) PO once daily x 10 days
    Disp: 60 mL
    Refills: 0

Rx  Ibuprofen 100 mg/5 mL susp
    Sig: 10 mL PO q6-8h PRN fever/pain, with food
    Disp: 1 bottle (120 mL)

Substitution permitted ____ L Abernathy ___    Dispense as written ______
""")

H("57833-6","Prescription for medication","outpatient","form","""
CONTROLLED SUBSTANCE PRESCRIPTION - SCHEDULE II
Eastgate Oncology & Hematology   1140 Northgate Pkwy, Fairhaven MA
Prescriber: Nikhil Chandra, MD   DEA BC4471820   NPI 1093772104

Patient: Okonkwo, Tamika     DOB 08/30/1969
Address: 412 Larkspur Dr, Fairhaven MA 02719
Date written: 03/09/2026

Morphine sulfate extended-release 15 mg tablet
Sig: Take 1 tablet by mouth every 12 hours for cancer-related pain. Do not crush or chew.
Quantity: 60 (sixty) tablets     Days supply: 30     Refills: NONE

Diagnosis: C50.912 malignant neoplasm of left breast with bone metastases; G89.3 neoplasm-related pain
PMP reviewed 03/09/2026. Naloxone 4 mg nasal spray co-prescribed.
Signature: ______________________ (electronically transmitted, EPCS two-factor authenticated)
""")

H("42348-3","Advance directive","other","ocr-noisy","""
02/08/2026 09:14 FAX 555-0191 GREENBRIAR SNF -> ED        p.1/2

MEDICAL ORDERS FOR LIFE-SUSTAINING TREATMENT (MOLST)
Patient: PELLEGRINI, ROSA A.     DOB: 1937-03-28
THIS IS A MEDICAL ORDER SHEET BASED ON THE PATIENT'S CURRENT MEDICAL CONDITION AND WISHES.

SECTION A - RESUSCITATION INSTRUCTIONS WHEN THE PATIENT HAS NO PULSE AND/OR IS NOT BREATHING
[X] DNR - Do Not Attempt Resuscitation (Allow Natural Death)
[ ] CPR - Attempt Cardio-Pulmonary Resuscitation

SECTION B - Consent for resuscitation instructions: Decision made by [ ] patient [X] health care agent: Lucia Pellegrini (daughter)

SECTION E - ORDERS FOR OTHER LIFE-SUSTAINING TREATMENT
Treatment guidelines: [X] Comfort measures only  [ ] Limited medical interventions  [ ] No limitations
Intubation/ventilation: [X] Do not intubate
Future hospitalization: [X] Do not send to hospital unless pain or severe symptoms cannot be otherwise controlled
Artificially administered fluids and nutrition: [X] No feeding tube  [X] Trial period of IV fluids
Antibiotics: [ ] Do not use  [X] Determine use or limitation when infection occurs

Physician signature: Bernard Okafor, MD    Date: 06/19/2025
License #: 0224417      Phone: (419) 555-0118
""")

H("101904-1","Release of information request","other","form","""
Millbrook Elementary School District
REQUEST FOR STUDENT HEALTH INFORMATION / AUTHORIZATION TO RELEASE

Student: Kaylee Tran      DOB: 05/14/2021      Grade: PreK-4
Parent/Guardian: Mei Tran   Phone (216) 555-0147

I authorize Northside Pediatrics to release the following information to the Millbrook Elementary School Nurse's Office:
[X] Immunization record
[X] Most recent physical exam / school health form
[X] Medication orders for administration at school (aspirin per cardiology - Kawasaki follow-up)
[ ] Other: __________

Purpose: school enrollment and health planning.
This authorization expires at the end of the 2026-2027 school year. I understand I may revoke it in writing at any time.

Parent/Guardian signature: ____________________   Date: 03/02/2026
Return to: School Nurse, Millbrook Elementary, fax (216) 555-0160
""")
