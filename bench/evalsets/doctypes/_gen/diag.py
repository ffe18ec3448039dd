from common import *

IMG = [
 dict(exam="CT HEAD WITHOUT CONTRAST", reason="Fall, on anticoagulation, headache", tech="Axial images were obtained from the skull base to the vertex without intravenous contrast. Coronal and sagittal reformats were generated.", comp="None.",
  find="There is no acute intracranial hemorrhage, mass effect or midline shift. Gray-white matter differentiation is preserved. Mild periventricular white matter hypodensities are consistent with chronic small vessel ischemic disease. Ventricles and sulci are prominent, consistent with age-related volume loss. The visualized paranasal sinuses and mastoid air cells are clear. No calvarial fracture. Small left frontal scalp hematoma.",
  imp="1. No acute intracranial abnormality.\n2. Left frontal scalp hematoma without underlying fracture.\n3. Chronic microvascular ischemic changes."),
 dict(exam="CHEST X-RAY, 2 VIEWS (PA AND LATERAL)", reason="Cough and fever", tech="PA and lateral views of the chest.", comp="None available.",
  find="There is consolidation in the right lower lobe with air bronchograms. No pleural effusion or pneumothorax. The cardiomediastinal silhouette is within normal limits. Osseous structures are intact.",
  imp="Right lower lobe pneumonia. Follow-up radiographs in 6-8 weeks recommended to document resolution."),
 dict(exam="CTA CHEST FOR PULMONARY EMBOLISM", reason="Dyspnea, tachycardia, elevated D-dimer", tech="Helical CT angiography of the chest was performed following IV administration of 75 mL Omnipaque 350. Multiplanar reformats reviewed.", comp="None.",
  find="Filling defects are present in the right lower lobe segmental arteries and in the left upper lobe segmental and subsegmental branches. The main pulmonary artery is normal in caliber. RV/LV ratio is 0.9. No pulmonary infarct. Lungs are clear. No pleural effusion. No lymphadenopathy.",
  imp="Bilateral segmental and subsegmental pulmonary emboli without CT evidence of right heart strain. Findings communicated to Dr. {ref} at {time} by telephone."),
 dict(exam="MRI BRAIN WITH AND WITHOUT CONTRAST", reason="New onset seizure", tech="Multiplanar multisequence MR imaging of the brain before and after administration of 7 mL gadobutrol.", comp="CT head from 2 days prior.",
  find="There is a 2.3 x 1.9 cm heterogeneously enhancing mass in the right temporal lobe with surrounding T2/FLAIR hyperintense vasogenic edema and 3 mm of leftward midline shift. Foci of susceptibility within the lesion suggest blood products. Restricted diffusion is absent. No additional lesions. Ventricles normal. Major flow voids are preserved.",
  imp="Enhancing right temporal mass with vasogenic edema, most concerning for a primary glial neoplasm; metastasis less likely given solitary lesion. Neurosurgical consultation recommended."),
 dict(exam="US ABDOMEN RIGHT UPPER QUADRANT", reason="RUQ pain, elevated LFTs", tech="Grayscale and color Doppler images of the right upper quadrant.", comp="None.",
  find="The liver is normal in size and echotexture. The gallbladder contains multiple mobile shadowing stones, the largest 1.4 cm. Gallbladder wall measures 5 mm with trace pericholecystic fluid. Sonographic Murphy sign is positive. Common bile duct measures 4 mm. Pancreas is partially obscured by bowel gas. Right kidney is normal.",
  imp="Cholelithiasis with gallbladder wall thickening, pericholecystic fluid and positive sonographic Murphy sign, consistent with acute calculous cholecystitis."),
 dict(exam="SCREENING MAMMOGRAM, BILATERAL, WITH TOMOSYNTHESIS", reason="Annual screening, no symptoms", tech="Standard CC and MLO views of both breasts with digital breast tomosynthesis. CAD was utilized.", comp="Compared with prior studies from 2 and 3 years ago.",
  find="The breasts are heterogeneously dense, which may obscure small masses. There is a new 8 mm irregular mass with indistinct margins in the left breast upper outer quadrant at 2 o'clock, middle depth. No suspicious calcifications. The right breast is stable without suspicious findings.",
  imp="BI-RADS 0: Incomplete. Additional imaging evaluation needed. Diagnostic mammogram and ultrasound of the left breast recommended."),
 dict(exam="XR LEFT WRIST 3 VIEWS", reason="FOOSH injury, snuffbox tenderness", tech="PA, lateral and oblique views of the left wrist; scaphoid view.", comp="None.",
  find="There is a nondisplaced transverse fracture through the waist of the scaphoid. Distal radius and ulna intact. Carpal alignment maintained. Soft tissue swelling dorsally.",
  imp="Nondisplaced scaphoid waist fracture."),
 dict(exam="CT ABDOMEN AND PELVIS WITH IV CONTRAST", reason="Right lower quadrant pain, leukocytosis", tech="Axial CT images were acquired through the abdomen and pelvis following 100 mL Isovue-370 IV. Oral contrast not given.", comp="None.",
  find="The appendix is dilated to 12 mm with wall enhancement and periappendiceal fat stranding. An appendicolith is present at the base. No periappendiceal abscess or extraluminal gas. Liver, spleen, pancreas, adrenals and kidneys are unremarkable. No bowel obstruction. Bladder normal. No free fluid beyond a trace in the pelvis.",
  imp="Acute appendicitis with appendicolith. No perforation or abscess."),
 dict(exam="TRANSTHORACIC ECHOCARDIOGRAM", reason="Heart failure, assess LV function", tech="Complete 2D, M-mode, color, spectral and tissue Doppler. Image quality fair.", comp="Prior TTE 18 months ago: EF 35%.",
  find="Left ventricle: moderately dilated, LVIDd 6.4 cm. Severe global hypokinesis with akinesis of the apex and anteroseptal wall. LVEF estimated 25% by biplane Simpson. Grade III diastolic dysfunction, E/e' 18. Right ventricle: mildly reduced function, TAPSE 15 mm. Left atrium severely dilated, LAVI 52 mL/m2. Mitral valve: moderate functional mitral regurgitation. Aortic valve: trileaflet, no stenosis. Tricuspid: mild TR, RVSP 48 mmHg. IVC dilated with < 50% collapse. No pericardial effusion. No LV thrombus seen.",
  imp="1. Severe ischemic cardiomyopathy, LVEF 25%, decreased from prior.\n2. Moderate functional MR.\n3. Elevated filling pressures and moderate pulmonary hypertension."),
 dict(exam="BILATERAL LOWER EXTREMITY VENOUS DUPLEX", reason="Left calf pain and swelling", tech="Grayscale, compression and color/spectral Doppler of the bilateral common femoral, femoral, popliteal and calf veins.", comp="None.",
  find="Left: Noncompressible popliteal vein with echogenic intraluminal thrombus extending into the posterior tibial veins. Common femoral and femoral veins compress normally with phasic flow. Right: all veins fully compressible with normal augmentation. Incidental 2.1 cm left Baker's cyst.",
  imp="Acute deep venous thrombosis of the left popliteal and posterior tibial veins. No right DVT."),
 dict(exam="MRI LUMBAR SPINE WITHOUT CONTRAST", reason="Low back pain with right leg radiculopathy x 8 weeks", tech="Sagittal T1, T2 and STIR; axial T1 and T2 images.", comp="None.",
  find="Normal lumbar lordosis. Vertebral body heights are maintained. L4-L5: disc desiccation with a large right paracentral extrusion migrating inferiorly 8 mm, compressing the traversing right L5 nerve root in the lateral recess. Mild central canal stenosis. L5-S1: mild disc bulge without neural compression. Conus terminates at L1 and is normal.",
  imp="Large right paracentral L4-L5 disc extrusion with compression of the traversing right L5 nerve root."),
 dict(exam="NM MYOCARDIAL PERFUSION SPECT, REGADENOSON STRESS", reason="Atypical chest pain, unable to exercise", tech="Rest and stress imaging following 10.2 mCi and 31.4 mCi Tc-99m sestamibi. Regadenoson 0.4 mg IV. Gated SPECT.", comp="None.",
  find="No ECG changes with regadenoson. Mild reversible perfusion defect of the inferolateral wall involving 2 segments, summed stress score 5, summed difference score 4. Normal wall motion. Post-stress LVEF 58%. No transient ischemic dilation.",
  imp="Small area of mild ischemia in the inferolateral wall (LCx territory). Preserved LV function. Low-intermediate risk study."),
 dict(exam="RENAL ULTRASOUND", reason="Acute kidney injury", tech="Grayscale and color Doppler images of both kidneys and bladder.", comp="None.",
  find="Right kidney 9.8 cm, left kidney 10.1 cm. Both kidneys demonstrate increased cortical echogenicity with mild cortical thinning. No hydronephrosis, stones or masses. Simple 1.5 cm cyst in the right lower pole. Bladder is decompressed around a Foley catheter.",
  imp="No hydronephrosis. Echogenic kidneys compatible with medical renal disease. Bosniak I right renal cyst requiring no follow-up."),
 dict(exam="OB ULTRASOUND, DETAILED ANATOMY SURVEY", reason="20 week anatomy scan, G2P1", tech="Transabdominal real-time ultrasound.", comp="None.",
  find="Single live intrauterine pregnancy in cephalic presentation. FHR 148 bpm. Biometry: BPD 47 mm, HC 176 mm, AC 152 mm, FL 33 mm; composite EGA 20w3d, consistent with dates. EFW 345 g (48th percentile). Placenta posterior, fundal, no previa. Amniotic fluid normal, MVP 5.1 cm. Three-vessel cord. Fetal anatomy including intracranial structures, face, spine, four-chamber heart, outflow tracts, stomach, kidneys, bladder and extremities appears normal. Cervical length 3.8 cm transabdominal.",
  imp="Single live IUP at 20w3d with normal anatomic survey. No placenta previa."),
 dict(exam="CT CHEST WITHOUT CONTRAST, LOW-DOSE LUNG CANCER SCREENING", reason="Lung cancer screening, 40 pack-year smoker", tech="Low-dose helical CT of the chest without contrast.", comp="Prior LDCT 1 year ago.",
  find="New 9 mm solid nodule in the right upper lobe, posterior segment, with spiculated margins. Previously described 3 mm left lower lobe nodule is stable. Moderate centrilobular emphysema, upper lobe predominant. Coronary artery calcifications. No lymphadenopathy.",
  imp="Lung-RADS 4B: new 9 mm spiculated RUL nodule, suspicious. Recommend PET/CT and/or tissue sampling. Moderate emphysema. Coronary calcification."),
 dict(exam="XR PORTABLE CHEST 1 VIEW", reason="Central line placement", tech="Single AP portable view.", comp="Yesterday.",
  find="Interval placement of right internal jugular central venous catheter with tip at the cavoatrial junction. No pneumothorax. Endotracheal tube 4 cm above the carina. Enteric tube courses below the diaphragm. Persistent bilateral perihilar airspace opacities, unchanged.",
  imp="Right IJ CVC tip at cavoatrial junction. No pneumothorax. Stable bilateral airspace disease."),
 dict(exam="CAROTID DUPLEX ULTRASOUND BILATERAL", reason="Left amaurosis fugax", tech="Grayscale, color and spectral Doppler of the bilateral extracranial carotid and vertebral arteries.", comp="None.",
  find="Right: mild heterogeneous plaque at the bifurcation. ICA PSV 98 cm/s, EDV 24 cm/s, ICA/CCA ratio 1.4, consistent with less than 50% stenosis. Left: heterogeneous irregular plaque at the bulb extending into the proximal ICA. ICA PSV 312 cm/s, EDV 118 cm/s, ratio 4.6, consistent with 70-99% stenosis. Bilateral vertebral arteries antegrade.",
  imp="1. Left ICA stenosis 70-99%.\n2. Right ICA stenosis less than 50%."),
 dict(exam="DEXA BONE DENSITOMETRY", reason="Postmenopausal, osteoporosis screening", tech="Dual-energy x-ray absorptiometry of the lumbar spine and bilateral hips.", comp="None.",
  find="L1-L4 BMD 0.782 g/cm2, T-score -2.8. Left femoral neck BMD 0.601 g/cm2, T-score -2.6. Total left hip T-score -2.1. FRAX 10-year probability of major osteoporotic fracture 24%, hip fracture 5.1%.",
  imp="Osteoporosis by WHO criteria. Elevated fracture risk."),
 dict(exam="MRI RIGHT KNEE WITHOUT CONTRAST", reason="Twisting injury, locking, medial joint line pain", tech="Multiplanar multisequence MRI of the right knee.", comp="Radiographs 2 weeks prior.",
  find="Bucket-handle tear of the medial meniscus with displaced fragment in the intercondylar notch (double PCL sign). ACL intact. PCL intact. MCL with low-grade sprain. Lateral meniscus intact. Moderate joint effusion. Bone marrow edema in the medial tibial plateau. Cartilage preserved.",
  imp="Displaced bucket-handle tear of the medial meniscus. Grade I MCL sprain. Joint effusion."),
 dict(exam="THYROID ULTRASOUND", reason="Palpable thyroid nodule", tech="Grayscale and color Doppler imaging of the thyroid and neck.", comp="None.",
  find="Right lobe 5.2 x 1.8 x 1.7 cm. Left lobe 4.8 x 1.6 x 1.5 cm. Isthmus 3 mm. Right lower pole solid hypoechoic nodule 1.7 x 1.4 x 1.3 cm, wider than tall, with smooth margins and no echogenic foci (TI-RADS 4, 7 points? no, 4 points). No suspicious cervical lymphadenopathy.",
  imp="1.7 cm right lower pole nodule, ACR TI-RADS TR4. Fine needle aspiration is recommended (threshold 1.5 cm)."),
 dict(exam="FLUOROSCOPIC VIDEO SWALLOW STUDY", reason="Dysphagia after stroke, aspiration risk", tech="Modified barium swallow performed with speech-language pathology using thin, nectar-thick, puree and solid consistencies in the lateral projection. Fluoroscopy time 2.8 minutes.", comp="None.",
  find="Delayed swallow initiation. Silent aspiration of thin liquids after the swallow due to pharyngeal residue. Penetration without aspiration with nectar-thick liquids, cleared with cued cough. Puree and soft solids without penetration. Moderate vallecular residue.",
  imp="Oropharyngeal dysphagia with silent aspiration of thin liquids. See SLP report for diet recommendations (nectar-thick liquids, mechanical soft)."),
 dict(exam="PELVIC ULTRASOUND, TRANSABDOMINAL AND TRANSVAGINAL", reason="Heavy menstrual bleeding, anemia", tech="Transabdominal and transvaginal images of the pelvis.", comp="None.",
  find="Uterus enlarged measuring 13.1 x 8.4 x 9.0 cm with multiple fibroids, the largest a 5.2 cm intramural fibroid in the posterior fundus and a 2.8 cm submucosal fibroid distorting the endometrial cavity. Endometrium 9 mm. Ovaries normal with follicles. No free fluid.",
  imp="Enlarged fibroid uterus including a submucosal component, likely contributing to menorrhagia."),
 dict(exam="PET/CT SKULL BASE TO MID THIGH", reason="Staging newly diagnosed diffuse large B-cell lymphoma", tech="Images acquired 62 minutes after IV administration of 11.8 mCi F-18 FDG. Blood glucose 96 mg/dL. Low-dose CT for attenuation correction.", comp="CT chest abdomen pelvis last month.",
  find="Hypermetabolic bulky left cervical and supraclavicular lymphadenopathy, SUVmax 18.4. Hypermetabolic mediastinal and left hilar nodes, SUVmax 14.2. Hypermetabolic retroperitoneal para-aortic nodes. Spleen normal size with focal FDG uptake, SUVmax 9.1. No osseous lesions. Physiologic activity elsewhere.",
  imp="FDG-avid lymphoma involving nodal stations above and below the diaphragm with splenic involvement, consistent with Ann Arbor stage III-IV disease (Deauville baseline)."),
 dict(exam="XR ABDOMEN 2 VIEWS (KUB AND UPRIGHT)", reason="Abdominal distension, vomiting", tech="Supine and upright views of the abdomen.", comp="None.",
  find="Multiple dilated loops of small bowel measuring up to 4 cm with air-fluid levels on upright view. Paucity of colonic gas. No free intraperitoneal air. Surgical clips in the right upper quadrant.",
  imp="Findings consistent with small bowel obstruction. CT recommended for further evaluation."),
 dict(exam="PEDIATRIC US ABDOMEN - PYLORUS", reason="5-week-old with projectile vomiting", tech="Grayscale images of the pylorus.", comp="None.",
  find="The pyloric muscle wall measures 4.6 mm in thickness and the channel length measures 19 mm. No passage of gastric contents through the pylorus during the 10-minute exam. Stomach is distended with fluid.",
  imp="Findings consistent with hypertrophic pyloric stenosis."),
]

def imaging(im, style):
    f,l,s = person(); d = rdate(); rad = doctor(); ref = doctor(); age = R.randint(30,85)
    if "MAMMO" in im["exam"] or "OB " in im["exam"] or "PELVIC" in im["exam"] or "DEXA" in im["exam"]: f,l,s = person("F")
    imp = im["imp"].replace("{ref}", ref.split()[1]).replace("{time}", rtime())
    acc = f"{pick(['RAD','IMG','A'])}{R.randint(1000000,9999999)}"
    if style=="dictated":
        t = f"{pick(INST).upper()}\nDEPARTMENT OF {pick(['RADIOLOGY','DIAGNOSTIC IMAGING','MEDICAL IMAGING'])}\n\nPatient: {l}, {f}    MRN: {mrn()}    DOB: {fdate(dob_for_age(age,d),0)}\nAccession: {acc}    Exam date: {fdate(d,0)} {rtime()}\nOrdering physician: {ref}\n\nEXAM: {im['exam']}\n\nCLINICAL HISTORY: {im['reason']}.\n\nTECHNIQUE: {im['tech']}\n\nCOMPARISON: {im['comp']}\n\nFINDINGS:\n{im['find']}\n\nIMPRESSION:\n{imp}{pick(['', '', chr(10)+chr(10)+'COMMUNICATION: Findings were discussed with the ordering provider by telephone at '+rtime()+'.', chr(10)+chr(10)+'Radiation dose reduction techniques (automated exposure control, iterative reconstruction) were used.' if 'CT' in im['exam'] else '', chr(10)+chr(10)+'Report reviewed with resident Dr. '+pick(DOC_LAST)+'. I have personally reviewed the images and agree with the findings.'])}\n\n{pick(['Electronically signed by','Interpreted by','Dictated and signed by'])}: {rad}, MD, {pick(['Radiologist','Diagnostic Radiology','Attending Radiologist'])} {fdate(d,0)} {rtime()}"
        return t, "radiology", "dictated"
    if style=="reason_first":
        t = f"REASON FOR EXAM: {im['reason']}\n\n{im['exam']}\nDate: {fdate(d,1)}\nPatient: {f} {l} ({mrn()})\n\nTECHNIQUE: {im['tech']}\nCOMPARISON: {im['comp']}\n\nFINDINGS: {im['find']}\n\nIMPRESSION: {imp}\n\n{rad}, MD"
        return t, "radiology", "untitled"
    if style=="terse":
        t = f"{im['exam'].title()}  {fdate(d,3)}\nAcc {acc}\nHx: {im['reason']}\nComp: {im['comp']}\nFindings: {im['find']}\nImpression: {imp}\n-- {rad.split()[0][0]}. {rad.split()[1]}, MD"
        return t, "radiology", "terse"
    if style=="ocr":
        t = fax_banner(d) + f"\n\n{pick(INST).upper()} IMAGING SERVICES\nRADIOLOGY REPORT\nName: {l.upper()}, {f.upper()}   Acc#: {acc}\nExam: {im['exam']}    Date: {fdate(d,0)}\nIndication: {im['reason']}\n\nFINDINGS: {im['find']}\n\nIMPRESSION:\n{imp}\n\nFinal report signed {rad}, MD\n{footer(1)}"
        return ocr_noise(t,0.014), "radiology", "ocr-noisy"
    if style=="untitled":
        t = f"{l}, {f}\n{fdate(d,2)}\n\n{im['reason']}. {im['tech']} Compared with: {im['comp'].lower()}\n\n{im['find']}\n\nConclusion:\n{imp}\n\n{rad}, MD"
        return t, "radiology", "untitled"

# ---------- LAB ----------
def flag(v, lo, hi):
    return "H" if v>hi else ("L" if v<lo else "")
PANELS = {
 "CBC WITH DIFFERENTIAL": [("WBC","x10^3/uL",4.0,11.0,1),("RBC","x10^6/uL",4.2,5.8,2),("Hemoglobin","g/dL",12.0,16.5,1),("Hematocrit","%",36,49,1),("MCV","fL",80,100,0),("Platelets","x10^3/uL",150,400,0),("Neutrophils","%",40,75,0),("Lymphocytes","%",20,45,0),("Monocytes","%",2,10,0),("Eosinophils","%",0,6,0)],
 "BASIC METABOLIC PANEL": [("Sodium","mmol/L",135,145,0),("Potassium","mmol/L",3.5,5.1,1),("Chloride","mmol/L",98,107,0),("CO2","mmol/L",22,29,0),("BUN","mg/dL",7,20,0),("Creatinine","mg/dL",0.6,1.2,2),("Glucose","mg/dL",70,99,0),("Calcium","mg/dL",8.6,10.3,1),("eGFR","mL/min/1.73m2",60,200,0)],
 "HEPATIC FUNCTION PANEL": [("Total Protein","g/dL",6.0,8.3,1),("Albumin","g/dL",3.5,5.0,1),("Total Bilirubin","mg/dL",0.2,1.2,1),("Direct Bilirubin","mg/dL",0.0,0.3,1),("Alkaline Phosphatase","U/L",44,147,0),("AST","U/L",10,40,0),("ALT","U/L",7,56,0)],
 "LIPID PANEL": [("Total Cholesterol","mg/dL",0,200,0),("Triglycerides","mg/dL",0,150,0),("HDL Cholesterol","mg/dL",40,200,0),("LDL Cholesterol (calc)","mg/dL",0,100,0),("Non-HDL Cholesterol","mg/dL",0,130,0)],
 "COAGULATION PANEL": [("PT","sec",11.0,13.5,1),("INR","",0.8,1.1,1),("aPTT","sec",25,35,0),("Fibrinogen","mg/dL",200,400,0)],
 "THYROID STUDIES": [("TSH","uIU/mL",0.45,4.5,2),("Free T4","ng/dL",0.8,1.8,2)],
 "IRON STUDIES": [("Iron","ug/dL",60,170,0),("TIBC","ug/dL",250,450,0),("Transferrin Saturation","%",20,50,0),("Ferritin","ng/mL",30,400,0)],
 "ARTERIAL BLOOD GAS": [("pH","",7.35,7.45,2),("pCO2","mmHg",35,45,0),("pO2","mmHg",80,100,0),("HCO3","mmol/L",22,26,0),("Base Excess","mmol/L",-2,2,1),("O2 Sat","%",95,100,0)],
 "CARDIAC MARKERS": [("Troponin I, high sensitivity","ng/L",0,34,0),("CK","U/L",30,200,0),("NT-proBNP","pg/mL",0,300,0)],
 "HEMOGLOBIN A1C": [("Hemoglobin A1c","%",4.0,5.6,1),("Estimated Average Glucose","mg/dL",68,114,0)],
}
def gen_val(lo, hi, dec, abn):
    span = hi-lo if hi<200 else (lo*2 if lo>0 else 100)
    if hi>=200 and lo==0: span = hi
    if abn and chance(0.35):
        v = hi + R.uniform(0.05,0.8)*span if chance(0.6) else max(0, lo - R.uniform(0.05,0.4)*(span if lo>0 else 1))
    else:
        v = R.uniform(lo + 0.1*(min(hi,lo+span)-lo), min(hi,lo+span) - 0.1*(min(hi,lo+span)-lo))
    return round(v, dec) if dec else int(round(v))

UA = [("Color","","Yellow"),("Appearance","","{cl}"),("Specific Gravity","1.005-1.030","{sg}"),("pH","5.0-8.0","{ph}"),("Protein","Negative","{pr}"),("Glucose","Negative","Negative"),("Ketones","Negative","{ke}"),("Blood","Negative","{bl}"),("Nitrite","Negative","{ni}"),("Leukocyte Esterase","Negative","{le}"),("WBC","0-5 /hpf","{wbc}"),("RBC","0-2 /hpf","{rbc}"),("Bacteria","None seen","{ba}")]
CULT = [
 ("URINE CULTURE","Urine, clean catch","> 100,000 CFU/mL Escherichia coli","Ampicillin R; Cefazolin S; Ceftriaxone S; Ciprofloxacin R; Nitrofurantoin S; Trimethoprim/Sulfamethoxazole R"),
 ("BLOOD CULTURE","Blood, peripheral venipuncture, set 1 of 2","Gram positive cocci in clusters in aerobic bottle at 14 hours. Staphylococcus aureus, methicillin-susceptible (MSSA) by rapid PCR","Oxacillin S; Cefazolin S; Clindamycin S; Erythromycin R; Vancomycin S (MIC 1); Trimethoprim/Sulfamethoxazole S"),
 ("WOUND CULTURE","Wound, left axilla abscess","Moderate growth Staphylococcus aureus, methicillin-resistant (MRSA). Gram stain: many PMNs, many gram positive cocci in clusters","Oxacillin R; Clindamycin S; Doxycycline S; Trimethoprim/Sulfamethoxazole S; Vancomycin S; Linezolid S"),
 ("STOOL PATHOGEN PANEL (PCR)","Stool","Clostridioides difficile toxin B gene DETECTED. All other targets not detected",""),
 ("CSF STUDIES","Cerebrospinal fluid, lumbar puncture, tubes 1-4","Tube 1 WBC 4, RBC 210; Tube 4 WBC 2, RBC 6. Glucose 64 mg/dL (serum 102). Protein 38 mg/dL. Gram stain: no organisms, no PMNs. Meningitis/encephalitis PCR panel: not detected. Culture: no growth at 72 hours",""),
 ("RESPIRATORY PATHOGEN PANEL","Nasopharyngeal swab","Respiratory syncytial virus: DETECTED. SARS-CoV-2: not detected. Influenza A/B: not detected. All other targets not detected",""),
]

def lab(i, style):
    f,l,s = person(); d = rdate(); age = R.randint(1,90); doc = doctor()
    labname = pick([f"{pick(INST)} Clinical Laboratory","Quest-Line Reference Laboratories","Northstar Diagnostic Labs","Central Pathology & Lab Services",f"{pick(INST)} Core Lab"])
    hdr = f"{labname}\nCLIA #{R.randint(10,99)}D{R.randint(1000000,9999999)}   Director: {doctor()}, MD\n\nPATIENT: {l.upper()}, {f.upper()}   DOB: {fdate(dob_for_age(age,d),0)}   SEX: {s}\nMRN: {mrn()}   ACCESSION: {R.randint(10,99)}-{R.randint(100,365)}-{R.randint(10000,99999)}\nORDERING: {doc}\nCOLLECTED: {fdate(d,0)} {rtime()}   RECEIVED: {fdate(d,0)} {rtime()}   REPORTED: {fdate(d,0)} {rtime()}\n"
    kind = i % 4
    if kind in (0,1):
        names = R.sample(list(PANELS.keys()), R.randint(1,3))
        body = ""
        abn = chance(0.7)
        for n in names:
            body += f"\n{n}\n" if style!="terse" else f"\n-- {n} --\n"
            body += f"{'TEST':<28}{'RESULT':>10} {'FLAG':<5}{'UNITS':<16}{'REF RANGE'}\n" if style!="terse" else ""
            for (tn,u,lo,hi,dec) in PANELS[n]:
                v = gen_val(lo,hi,dec,abn); fl = flag(v,lo,hi) if not (tn=="eGFR" and v>=60) else ""
                rr = f"{lo}-{hi}" if lo>0 else f"<{hi}"
                if tn=="HDL Cholesterol": rr=">40"; fl = "L" if v<40 else ""
                if tn=="eGFR": rr=">60"
                if style=="terse": body += f"{tn} {v}{(' '+fl) if fl else ''} ({rr})\n"
                else: body += f"{tn:<28}{str(v):>10} {fl:<5}{u:<16}{rr}\n"
        if chance(0.3) and "CARDIAC MARKERS" in names: body += "\nCRITICAL VALUE called to and read back by RN on unit.\n"
        title = pick(["LABORATORY REPORT","FINAL REPORT","CUMULATIVE LAB RESULTS","Lab Results"])
    elif kind==2:
        cl = pick(["Clear","Cloudy","Slightly cloudy"]); pos = cl!="Clear"
        vals = dict(cl=cl, sg=round(R.uniform(1.005,1.030),3), ph=pick(["5.5","6.0","6.5","7.0"]), pr=pick(["Negative","Trace","1+"]), ke=pick(["Negative","Negative","Trace"]), bl=pick(["Negative","Small","Moderate"]) , ni="Positive" if pos else "Negative", le=pick(["Large","Moderate"]) if pos else "Negative", wbc=pick([">50","21-50"]) if pos else "0-2", rbc=pick(["3-5","0-2","6-10"]), ba=pick(["Many","Moderate"]) if pos else "None seen")
        title = "URINALYSIS WITH MICROSCOPY"
        body = f"\n{title}\n" + "".join(f"{n:<24}{v.format(**vals):<16}{('Ref: '+r) if r else ''}\n" for n,r,v in UA)
        if pos and chance(0.5): body += "\nReflex urine culture ordered per protocol.\n"
    else:
        c = pick(CULT); title = "MICROBIOLOGY REPORT"
        body = f"\n{c[0]}\nSource: {c[1]}\nStatus: {pick(['FINAL','PRELIMINARY','FINAL - CORRECTED'])}\n\nResult: {c[2]}\n"
        if c[3]: body += f"\nSusceptibility (MIC, CLSI interpretation):\n" + "\n".join("  "+x for x in c[3].split("; ")) + "\n"
    if style=="form":
        t = hdr + f"\n{title}\n{body}\n** End of report **\nResults reviewed by laboratory. Reference ranges are age/sex specific."
        return t, "lab", "form"
    if style=="terse":
        t = f"Lab results - {l}, {f} ({mrn()}) {fdate(d,3)} {rtime()}\n{body}\nOrdered by {doc}. Final."
        return t, "lab", "terse"
    if style=="ocr":
        t = fax_banner(d) + "\n\n" + hdr + f"\n{title}\n{body}\n{footer(1)}"
        return ocr_noise(t,0.012), "lab", "ocr-noisy"

# ---------- PATHOLOGY ----------
PATH = [
 dict(spec="Gallbladder, cholecystectomy", gross="Received in formalin labeled with the patient's name is a 7.8 x 3.2 x 2.5 cm opened gallbladder. The serosa is tan-pink and smooth. The wall measures up to 0.4 cm. The mucosa is green and velvety. Multiple yellow-green faceted stones up to 1.3 cm are present. Representative sections in 1 cassette.", micro="Sections show gallbladder wall with Rokitansky-Aschoff sinuses, mild chronic inflammation and muscular hypertrophy. No dysplasia or malignancy.", dx="GALLBLADDER, CHOLECYSTECTOMY:\n- CHRONIC CHOLECYSTITIS WITH CHOLELITHIASIS.\n- NEGATIVE FOR DYSPLASIA AND MALIGNANCY."),
 dict(spec="Appendix, appendectomy", gross="The specimen consists of a 6.5 cm in length by 1.1 cm in diameter appendix with attached mesoappendix. The serosa is dull and congested with fibrinous exudate. No perforation identified. The lumen contains a fecalith. Tip and representative sections submitted in 1 cassette.", micro="Transmural neutrophilic infiltrate with mucosal ulceration and serositis.", dx="APPENDIX, APPENDECTOMY:\n- ACUTE SUPPURATIVE APPENDICITIS WITH PERIAPPENDICITIS.\n- FECALITH PRESENT.\n- NO EVIDENCE OF PERFORATION OR NEOPLASM."),
 dict(spec="Colon, ascending and sigmoid, polypectomies", gross="A. Ascending colon polyp: two tan fragments, 0.5 and 0.3 cm, entirely submitted. B. Sigmoid polyp: one tan fragment 0.4 cm, entirely submitted.", micro="", dx="A. COLON, ASCENDING, POLYPECTOMY:\n- TUBULAR ADENOMA.\n- NEGATIVE FOR HIGH-GRADE DYSPLASIA.\n\nB. COLON, SIGMOID, POLYPECTOMY:\n- HYPERPLASTIC POLYP."),
 dict(spec="Breast, left, 2 o'clock, ultrasound-guided core needle biopsy", gross="Received in formalin (cold ischemia < 1 hour, fixation time 18 hours) are four tan-white cores, 1.2 to 1.8 cm, entirely submitted.", micro="Infiltrating nests and cords of moderately pleomorphic tumor cells with moderate tubule formation.", dx="BREAST, LEFT, 2:00, CORE BIOPSY:\n- INVASIVE DUCTAL CARCINOMA (NO SPECIAL TYPE), NOTTINGHAM GRADE 2 (3+2+2 = 7/9).\n- DUCTAL CARCINOMA IN SITU, CRIBRIFORM TYPE, INTERMEDIATE NUCLEAR GRADE.\n- LYMPHOVASCULAR INVASION: NOT IDENTIFIED.\n\nBIOMARKERS: ER positive (95%, strong), PR positive (60%, moderate), HER2 IHC 1+ (negative). Ki-67 18%."),
 dict(spec="Skin, left upper back, punch biopsy", gross="A 0.4 cm punch of skin with a 0.3 cm brown macule, bisected and entirely submitted.", micro="Asymmetric proliferation of atypical melanocytes in nests and single units along the dermal-epidermal junction with pagetoid spread and invasion into the papillary dermis. Breslow thickness 0.6 mm. No ulceration. Mitoses 0/mm2. Peripheral margin involved by in situ component.", dx="SKIN, LEFT UPPER BACK, PUNCH BIOPSY:\n- MALIGNANT MELANOMA, SUPERFICIAL SPREADING TYPE.\n- BRESLOW THICKNESS 0.6 MM, CLARK LEVEL II. NO ULCERATION.\n- pT1a.\n- PERIPHERAL MARGIN INVOLVED BY MELANOMA IN SITU; DEEP MARGIN NEGATIVE.\n- RE-EXCISION RECOMMENDED."),
 dict(spec="Prostate, radical prostatectomy with bilateral pelvic lymph nodes", gross="Prostate and seminal vesicles weighing 46 g, 4.6 x 4.2 x 3.8 cm. Inked and serially sectioned from apex to base revealing a vague firm tan-yellow area in the left posterior peripheral zone, 1.4 cm. Entirely submitted. Left pelvic lymph nodes: fibrofatty tissue 4.5 x 3 cm with 5 lymph nodes. Right: 3 lymph nodes.", micro="", dx="PROSTATE, RADICAL PROSTATECTOMY:\n- PROSTATIC ADENOCARCINOMA, ACINAR TYPE.\n- GLEASON SCORE 4+3=7 (GRADE GROUP 3), TERTIARY PATTERN 5 (<5%).\n- TUMOR EXTENT: APPROXIMATELY 15% OF PROSTATE, LEFT PREDOMINANT.\n- EXTRAPROSTATIC EXTENSION: PRESENT, FOCAL, LEFT POSTEROLATERAL.\n- SEMINAL VESICLE INVASION: NOT IDENTIFIED.\n- MARGINS: NEGATIVE.\n- LYMPH NODES: 0/8.\n- pT3a pN0."),
 dict(spec="Bone marrow, left posterior iliac crest, aspirate and core biopsy", gross="Core 1.8 cm. Aspirate smears x6, clot section.", micro="The core biopsy is 95% cellular with sheets of immature mononuclear cells with fine chromatin and prominent nucleoli. Aspirate differential (500 cells): blasts 68%, promyelocytes 2%, myelocytes 3%, erythroid precursors 9%, lymphocytes 12%. Auer rods identified. Flow cytometry: blasts express CD34, CD117, CD13, CD33, HLA-DR, MPO; negative for CD3, CD19.", dx="BONE MARROW, ASPIRATE AND BIOPSY:\n- ACUTE MYELOID LEUKEMIA (68% MYELOBLASTS).\n- HYPERCELLULAR MARROW (95%) WITH DECREASED TRILINEAGE HEMATOPOIESIS.\n- CYTOGENETICS AND MOLECULAR STUDIES (FLT3, NPM1, CEBPA, NGS MYELOID PANEL) PENDING; ADDENDUM TO FOLLOW."),
 dict(spec="Cervix, ThinPrep Papanicolaou test", gross="", micro="", dx="SPECIMEN ADEQUACY: Satisfactory for evaluation. Endocervical/transformation zone component present.\nINTERPRETATION: LOW-GRADE SQUAMOUS INTRAEPITHELIAL LESION (LSIL), encompassing HPV cytopathic effect.\nHPV high-risk testing: POSITIVE (other high-risk types; HPV 16/18 negative).\nRECOMMENDATION: Colposcopy per ASCCP risk-based guidelines."),
 dict(spec="Thyroid, right lower pole nodule, fine needle aspiration", gross="Received 4 alcohol-fixed smears and ThinPrep vial.", micro="Cellular specimen with sheets of follicular cells with nuclear enlargement, overlapping, powdery chromatin, nuclear grooves and intranuclear pseudoinclusions. Papillary fragments present.", dx="THYROID, RIGHT, FNA:\n- MALIGNANT (BETHESDA CATEGORY VI).\n- PAPILLARY THYROID CARCINOMA."),
 dict(spec="Uterus, cervix and bilateral fallopian tubes, total laparoscopic hysterectomy with bilateral salpingectomy", gross="Uterus (morcellated, contained) 412 g aggregate. Multiple whorled white-tan fragments. Endometrium tan, 0.3 cm. Fallopian tubes 6 and 6.5 cm, unremarkable.", micro="", dx="UTERUS, CERVIX, BILATERAL FALLOPIAN TUBES:\n- LEIOMYOMATA (MULTIPLE, UP TO 5.4 CM IN AGGREGATE FRAGMENT).\n- PROLIFERATIVE PHASE ENDOMETRIUM.\n- CERVIX WITH CHRONIC CERVICITIS AND NABOTHIAN CYSTS.\n- FALLOPIAN TUBES, BILATERAL: UNREMARKABLE. NEGATIVE FOR STIC.\n- NO MALIGNANCY IDENTIFIED."),
 dict(spec="Stomach, antrum, biopsy", gross="Three tan fragments 0.2-0.3 cm, entirely submitted.", micro="Antral mucosa with moderate chronic active inflammation, lymphoid aggregates. Immunostain for H. pylori shows numerous curved organisms on the surface epithelium.", dx="STOMACH, ANTRUM, BIOPSY:\n- CHRONIC ACTIVE GASTRITIS WITH HELICOBACTER PYLORI ORGANISMS (CONFIRMED BY IMMUNOHISTOCHEMISTRY).\n- NEGATIVE FOR INTESTINAL METAPLASIA AND DYSPLASIA."),
 dict(spec="Pleural fluid, right, thoracentesis (cytology)", gross="1,100 mL bloody fluid; cytospin and cell block prepared.", micro="Clusters of atypical epithelioid cells with high N:C ratio, vacuolated cytoplasm and prominent nucleoli in a background of mesothelial cells and lymphocytes. Cell block immunostains: TTF-1 positive, Napsin-A positive, calretinin negative, WT-1 negative.", dx="PLEURAL FLUID, RIGHT:\n- POSITIVE FOR MALIGNANT CELLS.\n- METASTATIC ADENOCARCINOMA, CONSISTENT WITH LUNG PRIMARY.\n- PD-L1 AND MOLECULAR TESTING SENT ON CELL BLOCK."),
 dict(spec="Endometrium, Pipelle biopsy", gross="Scant tan-red mucoid tissue, 1.0 x 0.8 x 0.2 cm in aggregate, entirely submitted.", micro="Crowded glands with back-to-back architecture and cytologic atypia, focal cribriforming. No definite stromal invasion in this sampling.", dx="ENDOMETRIUM, BIOPSY:\n- ATYPICAL ENDOMETRIAL HYPERPLASIA / ENDOMETRIOID INTRAEPITHELIAL NEOPLASIA (EIN).\n- CANNOT EXCLUDE COEXISTENT CARCINOMA; HYSTERECTOMY RECOMMENDED FOR DEFINITIVE EVALUATION."),
 dict(spec="Lung, right upper lobe, CT-guided core biopsy", gross="Three gray-tan cores 0.8 to 1.4 cm.", micro="Infiltrating atypical glands with acinar and lepidic patterns in a desmoplastic stroma. TTF-1 positive, p40 negative.", dx="LUNG, RIGHT UPPER LOBE, CORE BIOPSY:\n- ADENOCARCINOMA, ACINAR PREDOMINANT.\n- Tissue sent for EGFR, ALK, ROS1, KRAS, BRAF and PD-L1 (22C3) testing; results to be reported separately."),
]

def pathology(pa, style):
    f,l,s = person(); d = rdate(); path = doctor(); surg = doctor(); age = R.randint(25,85)
    if any(k in pa["spec"] for k in ("Cervix","Uterus","Endometrium","Breast")): f,l,s = person("F")
    if "Prostate" in pa["spec"]: f,l,s = person("M")
    case = f"{pick(['S','SP','C','BM','NG'])}{d.year%100}-{R.randint(1000,29999)}"
    if style=="dictated":
        t = f"{pick(INST).upper()}\nDEPARTMENT OF PATHOLOGY AND LABORATORY MEDICINE\n{pick(['SURGICAL PATHOLOGY REPORT','PATHOLOGY REPORT','CYTOPATHOLOGY REPORT' if 'cytology' in pa['spec'] or 'Pap' in pa['spec'] or 'aspiration' in pa['spec'] else 'SURGICAL PATHOLOGY REPORT'])}\n\nCase: {case}\nPatient: {l}, {f}   MRN: {mrn()}   DOB: {fdate(dob_for_age(age,d),0)}\nCollected: {fdate(d,0)}   Received: {fdate(d,0)}   Signed out: {fdate(d+datetime.timedelta(days=R.randint(1,4)),0)}\nSubmitting physician: {surg}\n\nSPECIMEN: {pa['spec']}\n\nCLINICAL HISTORY: {pick(['Per requisition.','See EMR.','Not provided.','Rule out malignancy.'])}\n\nFINAL DIAGNOSIS:\n{pa['dx']}\n"
        if pa['micro']: t += f"\nMICROSCOPIC DESCRIPTION:\n{pa['micro']}\n"
        if pa['gross']: t += f"\nGROSS DESCRIPTION:\n{pa['gross']}\n"
        t += f"\nI have personally reviewed the material and rendered the final diagnosis.\n{path}, MD, Pathologist (electronic signature)"
        return t, "lab", "dictated"
    if style=="terse":
        t = f"Path {case}  {l}, {f}  {fdate(d,3)}\nSpecimen: {pa['spec']}\nDx:\n{pa['dx']}\n{('Micro: '+pa['micro']) if pa['micro'] else ''}\n-- {path}, MD"
        return t, "lab", "terse"
    if style=="ocr":
        t = fax_banner(d) + f"\n\nPATHOLOGY REPORT  {case}\nName: {l.upper()}, {f.upper()}\nPhysician: {surg}\n\nDIAGNOSIS:\n{pa['dx']}\n\nGROSS: {pa['gross'] or 'See cytology preparation.'}\n\n{path}, MD\n{footer(1)}"
        return ocr_noise(t,0.013), "lab", "ocr-noisy"
    if style=="untitled":
        t = f"{case}\n{l}, {f}\n\n{pa['spec']}:\n\n{pa['dx']}\n\n{pa['gross']}\n\n{path}, M.D."
        return t, "lab", "untitled"
