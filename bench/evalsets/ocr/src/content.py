"""Fictional hospital document content.

Every name, date, MRN, address, phone number and clinical detail here is
invented. Documents are returned as a list of layout elements (see layout.py).
"""
import random

FIRST = ["Orla", "Tobias", "Marisol", "Eamon", "Priyanka", "Dusan", "Wilhelmina", "Kofi",
         "Annelise", "Rashid", "Ilse", "Corwin", "Thandiwe", "Benedikt", "Lucinda", "Matteo",
         "Saoirse", "Anselm", "Fenella", "Jarrah", "Ottoline", "Yusuf", "Margit", "Cassius",
         "Delphine", "Radomir", "Henrietta", "Ezekiel", "Rosalind", "Tamsin", "Idris", "Valka"]
LAST = ["Vantreese", "Okonkwo-Pell", "Hadderwick", "Brennagh", "Quillfeather", "Marchetti",
        "Sorensby", "Tallowmere", "Ashcombe", "Demirel", "Fairbairn", "Kowalczyk", "Lindqvar",
        "Mbeki-Roth", "Penhaligon", "Rautenberg", "Stavrakis", "Thornquist", "Ulverston",
        "Wexcombe", "Yardley-Moss", "Zabrinski", "Castellane", "Dunmore", "Elphick", "Grisdale"]
HOSPITALS = [
    ("Harrowgate Valley General Hospital", "1200 Linden Crescent, Harrowgate, NV 89931", "(555) 014-2200"),
    ("St. Elspeth Regional Medical Center", "45 Abbey Mill Road, Elspeth Falls, OR 97990", "(555) 013-7781"),
    ("Marrow Creek Community Hospital", "8 Quarry Lane, Marrow Creek, VT 05960", "(555) 019-3340"),
    ("Northfield Lakes University Hospital", "300 College Parkway, Northfield Lakes, MN 55990", "(555) 012-9045"),
    ("Bramblewood Children's and Family Hospital", "77 Hollis Avenue, Bramblewood, KS 66990", "(555) 016-5512"),
]
SERVICES = ["Internal Medicine", "Cardiology", "General Surgery", "Orthopaedics", "Pulmonology",
            "Nephrology", "Gastroenterology", "Neurology", "Geriatric Medicine", "Hospitalist Service"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


class Doc:
    """Random fictional facts for one document."""

    def __init__(self, rng):
        self.r = rng
        self.pt_first, self.pt_last = rng.choice(FIRST), rng.choice(LAST)
        self.sex = rng.choice(["F", "M"])
        self.dob = (rng.randint(1931, 2004), rng.randint(1, 12), rng.randint(1, 28))
        self.mrn = "%02d-%03d-%04d" % (rng.randint(10, 99), rng.randint(0, 999), rng.randint(0, 9999))
        self.acct = "%d" % rng.randint(100000000, 999999999)
        self.hosp = rng.choice(HOSPITALS)
        self.service = rng.choice(SERVICES)
        self.doc1 = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        self.doc2 = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        y, m, d = rng.choice([2025, 2026]), rng.randint(1, 12), rng.randint(1, 19)
        self.adm = (y, m, d)
        self.los = rng.randint(2, 9)
        self.dis = (y, m, d + self.los)
        self.datefmt = rng.choice(["us", "iso", "long"])
        self.age = y - self.dob[0]

    def date(self, t, fmt=None):
        fmt = fmt or self.datefmt
        y, m, d = t
        if fmt == "us":
            return "%02d/%02d/%04d" % (m, d, y)
        if fmt == "iso":
            return "%04d-%02d-%02d" % (y, m, d)
        return "%s %d, %d" % (MONTHS[m - 1], d, y)

    @property
    def name(self):
        return "%s %s" % (self.pt_first, self.pt_last)

    @property
    def name_rev(self):
        return "%s, %s" % (self.pt_last.upper(), self.pt_first)

    def time(self):
        return "%02d:%02d" % (self.r.randint(6, 22), self.r.randint(0, 59))

    def pron(self):
        return ("she", "her") if self.sex == "F" else ("he", "his")


def header(d, title):
    name, addr, phone = d.hosp
    return [("center", name, "bold", 14), ("center", "%s   Tel %s" % (addr, phone), "reg", 9),
            ("rule",), ("space", 4), ("center", title, "bold", 13), ("space", 6)]


def patient_grid(d, size):
    return ("kvgrid", [("Patient", d.name_rev), ("MRN", d.mrn), ("DOB", d.date(d.dob)),
                       ("Sex", d.sex), ("Account", d.acct), ("Service", d.service)], 2, size)


# ---------------------------------------------------------------- discharge
DX = [("Community-acquired pneumonia, right lower lobe", "J18.9"),
      ("Acute decompensated heart failure with reduced ejection fraction", "I50.21"),
      ("Acute pyelonephritis", "N10"), ("Cellulitis of left lower leg", "L03.116"),
      ("Acute exacerbation of chronic obstructive pulmonary disease", "J44.1"),
      ("Upper gastrointestinal bleed secondary to duodenal ulcer", "K26.4"),
      ("Diabetic ketoacidosis", "E11.10"), ("Closed fracture of right femoral neck", "S72.001A")]
SECONDARY = ["Type 2 diabetes mellitus", "Essential hypertension", "Chronic kidney disease stage 3a",
             "Atrial fibrillation on anticoagulation", "Hyperlipidemia", "Obstructive sleep apnea",
             "Iron deficiency anemia", "Hypothyroidism", "Major depressive disorder, in remission",
             "Osteoarthritis of both knees", "Gastroesophageal reflux disease"]
MEDS = [("Metformin", "500 mg", "PO", "twice daily"), ("Lisinopril", "10 mg", "PO", "once daily"),
        ("Atorvastatin", "40 mg", "PO", "at bedtime"), ("Furosemide", "40 mg", "PO", "once daily"),
        ("Apixaban", "5 mg", "PO", "twice daily"), ("Levothyroxine", "75 mcg", "PO", "before breakfast"),
        ("Pantoprazole", "40 mg", "PO", "once daily"), ("Amoxicillin-clavulanate", "875 mg", "PO", "every 12 hours"),
        ("Carvedilol", "6.25 mg", "PO", "twice daily"), ("Insulin glargine", "18 units", "SC", "at bedtime"),
        ("Acetaminophen", "650 mg", "PO", "every 6 hours as needed"), ("Sertraline", "50 mg", "PO", "once daily"),
        ("Tiotropium", "18 mcg", "INH", "once daily"), ("Enoxaparin", "40 mg", "SC", "once daily"),
        ("Cephalexin", "500 mg", "PO", "four times daily"), ("Spironolactone", "25 mg", "PO", "once daily"),
        ("Albuterol", "2 puffs", "INH", "every 4 hours as needed"), ("Gabapentin", "300 mg", "PO", "three times daily")]


def course_sentences(d, dx):
    he, his = d.pron()
    r = d.r
    s = [
        "%s is a %d-year-old %s with a history of %s and %s who presented to the emergency department with %s." % (
            d.name, d.age, "woman" if d.sex == "F" else "man", r.choice(SECONDARY).lower(),
            r.choice(SECONDARY).lower(),
            r.choice(["three days of worsening shortness of breath", "fever and rigors", "progressive leg swelling",
                      "acute onset of confusion", "productive cough and pleuritic chest pain",
                      "a fall at home with inability to bear weight"])),
        "On arrival %s was %s, with a heart rate of %d and blood pressure of %d/%d." % (
            he, r.choice(["afebrile", "febrile to 38.9 C", "tachypneic", "hemodynamically stable"]),
            r.randint(62, 124), r.randint(98, 168), r.randint(54, 96)),
        "Initial laboratory studies were notable for a white cell count of %.1f and a creatinine of %.2f." % (
            r.uniform(4.1, 18.9), r.uniform(0.6, 2.4)),
        "%s was admitted to the %s service and treated for %s." % (his.capitalize(), d.service, dx[0].lower()),
        "%s improved steadily with %s and was able to ambulate independently by hospital day %d." % (
            he.capitalize(), r.choice(["intravenous antibiotics", "diuresis", "supportive care",
                                       "fluid resuscitation and insulin infusion", "bronchodilators and steroids"]),
            r.randint(2, d.los)),
        "Physical therapy evaluated %s and recommended %s." % (
            "her" if d.sex == "F" else "him", r.choice(["discharge home with outpatient therapy",
                                                       "a rolling walker for the next four weeks",
                                                       "no further inpatient needs"])),
        "Repeat laboratory values on the day of discharge were stable and %s tolerated a regular diet." % he,
    ]
    return s


def discharge_summary(d, size):
    r = d.r
    dx = r.choice(DX)
    sec = r.sample(SECONDARY, 3)
    meds = r.sample(MEDS, r.randint(4, 6))
    els = header(d, "DISCHARGE SUMMARY")
    els += [patient_grid(d, size),
            ("kvgrid", [("Admitted", d.date(d.adm)), ("Discharged", d.date(d.dis)),
                        ("Attending", "Dr. %s" % d.doc1), ("PCP", "Dr. %s" % d.doc2)], 2, size),
            ("space", 6), ("heading", "Principal Diagnosis", size + 1),
            ("para", "%s (%s)" % dx, size),
            ("heading", "Secondary Diagnoses", size + 1)]
    els += [("para", "%d. %s" % (i + 1, s), size) for i, s in enumerate(sec)]
    els += [("heading", "Hospital Course", size + 1), ("para", " ".join(course_sentences(d, dx)), size),
            ("heading", "Discharge Medications", size + 1),
            ("table", ["Medication", "Dose", "Route", "Frequency"], [list(m) for m in meds], size),
            ("heading", "Follow-up", size + 1),
            ("para", "Follow up with Dr. %s in %s. Return to the emergency department for fever above 38.5 C, "
                     "chest pain, worsening breathlessness or any new bleeding. Diet: %s. Activity: %s." % (
                         d.doc2, r.choice(["7 to 10 days", "2 weeks", "one month"]),
                         r.choice(["heart healthy, 2 g sodium", "carbohydrate controlled", "regular"]),
                         r.choice(["as tolerated", "no lifting over 10 lb for 6 weeks", "walk daily"])), size),
            ("space", 6),
            ("para", "Electronically signed by %s, MD on %s at %s" % (d.doc1, d.date(d.dis), d.time()), size - 1)]
    return els


# ---------------------------------------------------------------- lab report
PANELS = {
    "Complete Blood Count": [("WBC", 4.0, 11.0, "x10^9/L", 1), ("RBC", 4.2, 5.9, "x10^12/L", 2),
                             ("Hemoglobin", 12.0, 17.5, "g/dL", 1), ("Hematocrit", 36.0, 52.0, "%", 1),
                             ("MCV", 80, 100, "fL", 0), ("Platelets", 150, 400, "x10^9/L", 0)],
    "Basic Metabolic Panel": [("Sodium", 135, 145, "mmol/L", 0), ("Potassium", 3.5, 5.1, "mmol/L", 1),
                              ("Chloride", 98, 107, "mmol/L", 0), ("Bicarbonate", 22, 29, "mmol/L", 0),
                              ("BUN", 7, 20, "mg/dL", 0), ("Creatinine", 0.6, 1.3, "mg/dL", 2),
                              ("Glucose", 70, 99, "mg/dL", 0), ("Calcium", 8.6, 10.3, "mg/dL", 1)],
    "Hepatic Function Panel": [("ALT", 7, 56, "U/L", 0), ("AST", 10, 40, "U/L", 0),
                               ("Alkaline Phosphatase", 44, 147, "U/L", 0), ("Total Bilirubin", 0.1, 1.2, "mg/dL", 1),
                               ("Albumin", 3.5, 5.0, "g/dL", 1)],
    "Lipid Panel": [("Total Cholesterol", 120, 199, "mg/dL", 0), ("HDL Cholesterol", 40, 90, "mg/dL", 0),
                    ("LDL Cholesterol", 50, 129, "mg/dL", 0), ("Triglycerides", 40, 149, "mg/dL", 0)],
    "Coagulation": [("PT", 11.0, 13.5, "sec", 1), ("INR", 0.8, 1.2, "", 1), ("aPTT", 25, 35, "sec", 0)],
}


def lab_rows(r, panel):
    rows = []
    for name, lo, hi, unit, dp in PANELS[panel]:
        span = hi - lo
        v = r.uniform(lo - 0.35 * span, hi + 0.35 * span) if r.random() < 0.3 else r.uniform(lo, hi)
        v = max(v, 0.1)
        fmt = "%%.%df" % dp
        flag = "H" if v > hi else ("L" if v < lo else "")
        rows.append([name, fmt % v, unit, (fmt + "-" + fmt) % (lo, hi), flag])
    return rows


def lab_report(d, size):
    r = d.r
    panels = r.sample(sorted(PANELS), 2)
    els = header(d, "LABORATORY REPORT")
    hh, mm = r.randint(6, 20), r.randint(0, 44)
    els += [patient_grid(d, size),
            ("kvgrid", [("Collected", "%s %02d:%02d" % (d.date(d.adm), hh, mm)),
                        ("Received", "%s %02d:%02d" % (d.date(d.adm), hh, mm + r.randint(5, 15))),
                        ("Ordering", "Dr. %s" % d.doc1), ("Accession", "L%d" % r.randint(10000000, 99999999))],
             2, size), ("space", 6)]
    for p in panels:
        els += [("heading", p, size + 1),
                ("table", ["Test", "Result", "Units", "Reference", "Flag"], lab_rows(r, p), size), ("space", 4)]
    els += [("heading", "Comments", size + 1),
            ("para", r.choice([
                "Specimen slightly hemolyzed; potassium may be falsely elevated. Repeat collection advised if clinically indicated.",
                "Results reviewed by the laboratory director. Critical values were telephoned to the ward nurse and read back.",
                "Reference ranges apply to adults aged 18 and over. Flags: H = above range, L = below range."]), size),
            ("space", 6),
            ("para", "Verified by %s, MLS on %s at %02d:%02d" % (d.doc2, d.date(d.adm), hh + 2, mm), size - 1)]
    return els


# ---------------------------------------------------------------- consent
PROCS = ["colonoscopy with possible biopsy and polypectomy", "right total knee arthroplasty",
         "laparoscopic cholecystectomy", "cardiac catheterization with possible stent placement",
         "transfusion of blood products", "upper endoscopy", "bone marrow aspiration and biopsy"]


def consent_form(d, size):
    r = d.r
    proc = r.choice(PROCS)
    els = header(d, "CONSENT FOR PROCEDURE OR TREATMENT")
    els += [patient_grid(d, size), ("space", 6),
            ("para", "I, %s, authorize Dr. %s and such assistants as may be selected to perform the following "
                     "procedure: %s." % (d.name, d.doc1, proc), size),
            ("para", "The nature and purpose of the procedure, the possible alternatives, and the risks involved "
                     "have been explained to me. These risks include, but are not limited to, bleeding, infection, "
                     "reaction to medication or anesthesia, injury to nearby organs, and in rare cases death.", size),
            ("para", "I understand that no guarantee has been made to me about the result of the procedure. "
                     "I consent to the administration of anesthesia or sedation as considered necessary by the "
                     "anesthesia provider.", size),
            ("para", "I consent to the examination and disposal of any tissue removed during the procedure, "
                     "in accordance with the customary practice of %s." % d.hosp[0], size),
            ("space", 4), ("heading", "Blood products", size),
            ("checks", ["I consent to blood transfusion", "I refuse blood transfusion"], r.randint(0, 1), size),
            ("heading", "Interpreter", size),
            ("checks", ["Not required", "Used in person", "Used by telephone"], r.randint(0, 2), size),
            ("space", 10),
            ("sig", "Patient or legal representative signature", size),
            ("sig", "Date and time", size),
            ("sig", "Witness", size),
            ("sig", "Physician obtaining consent: Dr. %s" % d.doc1, size),
            ("space", 4),
            ("para", "Form CF-%03d rev. %02d/%d" % (r.randint(100, 999), r.randint(1, 12), r.randint(2019, 2024)), 9)]
    return els


# ---------------------------------------------------------------- referral letter
def referral_letter(d, size):
    r = d.r
    he, his = d.pron()
    spec = r.choice(["Cardiology", "Rheumatology", "Endocrinology", "Neurology", "Hematology", "Urology"])
    reason = {"Cardiology": "exertional chest tightness and an abnormal resting ECG",
              "Rheumatology": "symmetric small joint swelling with a positive rheumatoid factor",
              "Endocrinology": "poorly controlled diabetes despite maximal oral therapy",
              "Neurology": "recurrent episodes of transient left arm weakness",
              "Hematology": "persistent unexplained thrombocytopenia",
              "Urology": "microscopic hematuria on three separate samples"}[spec]
    name, addr, phone = d.hosp
    els = [("left", name, "bold", size + 2), ("left", addr, "reg", size - 1), ("left", "Telephone %s" % phone, "reg", size - 1),
           ("space", 10), ("left", d.date(d.dis, "long"), "reg", size), ("space", 8),
           ("left", "Dr. %s" % d.doc2, "reg", size), ("left", "Department of %s" % spec, "reg", size),
           ("left", r.choice(HOSPITALS)[0], "reg", size), ("space", 8),
           ("left", "Re: %s, DOB %s, MRN %s" % (d.name, d.date(d.dob), d.mrn), "bold", size), ("space", 6),
           ("para", "Dear Dr. %s," % d.doc2.split()[-1], size),
           ("para", "Thank you for seeing %s, a %d-year-old patient whom I have followed in clinic for several years. "
                    "I would be grateful for your opinion regarding %s." % (d.name, d.age, reason), size),
           ("para", "%s past medical history includes %s and %s. Current medications are %s %s, %s %s and %s %s. "
                    "%s has no known drug allergies and is a %s." % (
                        his.capitalize(), r.choice(SECONDARY).lower(), r.choice(SECONDARY).lower(),
                        *[x for m in r.sample(MEDS, 3) for x in m[:2]], he.capitalize(),
                        r.choice(["lifelong non-smoker", "former smoker of 20 pack-years", "current smoker"])), size),
           ("para", "Recent investigations showed a hemoglobin of %.1f g/dL and an estimated GFR of %d mL/min. "
                    "I have enclosed copies of the most recent results and the ECG for your review." % (
                        r.uniform(9.5, 15.5), r.randint(35, 95)), size),
           ("para", "Please do not hesitate to contact me if you require any further information.", size),
           ("space", 6), ("para", "Yours sincerely,", size), ("space", 18),
           ("left", "Dr. %s, MD" % d.doc1, "reg", size), ("left", "%s, %s" % (d.service, name), "reg", size),
           ("space", 6), ("left", "cc: %s (patient)" % d.name, "reg", size - 1)]
    return els


# ---------------------------------------------------------------- medication list
def medication_list(d, size):
    r = d.r
    meds = r.sample(MEDS, r.randint(7, 10))
    rows = []
    for m in meds:
        st = (r.randint(2015, 2025), r.randint(1, 12), r.randint(1, 28))
        rows.append([m[0], m[1], m[2], m[3], d.date(st, "us")])
    els = header(d, "ACTIVE MEDICATION LIST")
    els += [patient_grid(d, size),
            ("para", "Allergies: %s" % r.choice(["Penicillin (rash)", "No known drug allergies", "Sulfa drugs (hives), latex",
                                                  "Codeine (nausea)", "Iodinated contrast (anaphylaxis)"]), size),
            ("para", "Weight: %d kg   Height: %d cm" % (r.randint(48, 121), r.randint(150, 195)), size),
            ("space", 6),
            ("table", ["Medication", "Dose", "Route", "Frequency", "Started"], rows, size),
            ("space", 6), ("heading", "Discontinued this admission", size + 1)]
    for m in r.sample(MEDS, 2):
        els.append(("para", "%s %s %s - stopped %s (%s)" % (m[0], m[1], m[2], d.date(d.dis, "us"),
                                                           r.choice(["renal function", "no longer indicated",
                                                                     "drug interaction", "hypotension"])), size))
    els += [("space", 6),
            ("para", "Reconciled by %s, PharmD on %s. Bring this list to every appointment." % (d.doc2, d.date(d.dis)), size)]
    return els


# ---------------------------------------------------------------- radiology
EXAMS = [("CT ABDOMEN AND PELVIS WITH CONTRAST", "abdominal pain, rule out appendicitis"),
         ("CHEST RADIOGRAPH, PA AND LATERAL", "cough and fever for five days"),
         ("MRI LUMBAR SPINE WITHOUT CONTRAST", "low back pain radiating to the left leg"),
         ("CT HEAD WITHOUT CONTRAST", "fall with head strike, on anticoagulation"),
         ("ULTRASOUND RIGHT UPPER QUADRANT", "elevated liver enzymes and epigastric pain")]
FINDINGS = {
    "CT ABDOMEN AND PELVIS WITH CONTRAST": [
        "The appendix measures 11 mm in diameter with surrounding fat stranding and a small appendicolith.",
        "No free intraperitoneal air. No drainable fluid collection.",
        "The liver, spleen, pancreas and adrenal glands are unremarkable.",
        "The kidneys enhance symmetrically without hydronephrosis.",
        "Scattered colonic diverticula without evidence of diverticulitis."],
    "CHEST RADIOGRAPH, PA AND LATERAL": [
        "There is a patchy opacity in the right lower lobe obscuring the right hemidiaphragm.",
        "No pleural effusion or pneumothorax.", "The cardiomediastinal silhouette is within normal limits.",
        "Mild degenerative changes of the thoracic spine."],
    "MRI LUMBAR SPINE WITHOUT CONTRAST": [
        "Vertebral body heights and alignment are maintained.",
        "At L4-L5 there is a left paracentral disc extrusion contacting the traversing left L5 nerve root.",
        "At L5-S1 there is mild facet arthropathy without significant canal stenosis.",
        "The conus terminates normally at the level of L1."],
    "CT HEAD WITHOUT CONTRAST": [
        "No acute intracranial hemorrhage, mass effect or midline shift.",
        "Gray-white matter differentiation is preserved.",
        "Mild periventricular white matter hypoattenuation, likely chronic small vessel disease.",
        "The calvarium is intact. The visualized paranasal sinuses are clear."],
    "ULTRASOUND RIGHT UPPER QUADRANT": [
        "The gallbladder contains multiple mobile shadowing stones measuring up to 14 mm.",
        "The gallbladder wall measures 2 mm. No pericholecystic fluid. Sonographic Murphy sign is negative.",
        "The common bile duct measures 4 mm.", "The liver is mildly echogenic, consistent with steatosis."],
}
IMPRESSION = {
    "CT ABDOMEN AND PELVIS WITH CONTRAST": ["Acute uncomplicated appendicitis.", "Colonic diverticulosis."],
    "CHEST RADIOGRAPH, PA AND LATERAL": ["Right lower lobe pneumonia. Follow-up radiograph in 6 to 8 weeks is suggested."],
    "MRI LUMBAR SPINE WITHOUT CONTRAST": ["L4-L5 left paracentral disc extrusion contacting the left L5 nerve root."],
    "CT HEAD WITHOUT CONTRAST": ["No acute intracranial abnormality.", "Chronic small vessel ischemic change."],
    "ULTRASOUND RIGHT UPPER QUADRANT": ["Cholelithiasis without sonographic evidence of cholecystitis.", "Hepatic steatosis."],
}


def radiology_report(d, size):
    r = d.r
    exam, hist = r.choice(EXAMS)
    els = header(d, "RADIOLOGY REPORT")
    els += [patient_grid(d, size),
            ("kvgrid", [("Exam date", "%s %s" % (d.date(d.adm), d.time())), ("Accession", "RAD%d" % r.randint(1000000, 9999999)),
                        ("Referring", "Dr. %s" % d.doc1), ("Location", r.choice(["ED", "Ward 4B", "Outpatient", "ICU"]))], 2, size),
            ("space", 6), ("heading", "EXAMINATION: " + exam, size + 1),
            ("para", "CLINICAL HISTORY: %d-year-old with %s." % (d.age, hist), size),
            ("para", "TECHNIQUE: %s" % r.choice([
                "Standard protocol images were obtained. Dose reduction techniques were used.",
                "Multiplanar multisequence images were acquired on a 1.5 T system.",
                "Routine views were obtained."]), size),
            ("para", "COMPARISON: %s" % r.choice(["None available.", "Prior study dated %s." % d.date((d.adm[0] - 1, 6, 11))]), size),
            ("heading", "FINDINGS", size + 1)]
    els += [("para", f, size) for f in FINDINGS[exam]]
    els += [("heading", "IMPRESSION", size + 1)]
    els += [("para", "%d. %s" % (i + 1, s), size) for i, s in enumerate(IMPRESSION[exam])]
    els += [("space", 8), ("para", "Dictated by Dr. %s, Radiology. Signed %s %s." % (d.doc2, d.date(d.adm), d.time()), size - 1)]
    return els


# ---------------------------------------------------------------- progress note (two columns)
def progress_note(d, size):
    r = d.r
    he, his = d.pron()
    hd = r.randint(2, 6)
    left = [("heading", "Subjective", size + 1),
            ("para", "Hospital day %d. %s reports %s. Slept %s overnight. Tolerating %s. Denies chest pain, "
                     "nausea or new weakness." % (hd, he.capitalize(), r.choice(["less breathlessness", "improved pain control",
                                                                             "ongoing fatigue", "mild headache"]),
                                                  r.choice(["well", "poorly", "about five hours"]),
                                                  r.choice(["a soft diet", "oral intake", "clear liquids"])), size),
            ("heading", "Objective", size + 1),
            ("para", "T %.1f C, HR %d, BP %d/%d, RR %d, SpO2 %d%% on %s." % (
                r.uniform(36.2, 38.4), r.randint(58, 118), r.randint(100, 160), r.randint(55, 95), r.randint(12, 26),
                r.randint(89, 99), r.choice(["room air", "2 L nasal cannula", "4 L nasal cannula"])), size),
            ("para", "General: alert, oriented, in no acute distress. Chest: %s. Heart: regular rate, no murmur. "
                     "Abdomen: soft, non-tender. Extremities: %s." % (
                         r.choice(["clear to auscultation", "crackles at the right base", "scattered expiratory wheeze"]),
                         r.choice(["no edema", "trace pitting edema to the ankles", "2+ edema to the mid shin"])), size),
            ("para", "Labs today: Na %d, K %.1f, Cr %.2f, WBC %.1f, Hgb %.1f." % (
                r.randint(131, 146), r.uniform(3.2, 5.4), r.uniform(0.6, 2.1), r.uniform(4.5, 16.0), r.uniform(8.0, 15.0)), size)]
    right = [("heading", "Assessment", size + 1),
             ("para", "%d-year-old with %s, %s." % (d.age, r.choice(DX)[0].lower(),
                                                   r.choice(["improving", "slowly improving", "clinically stable",
                                                             "not yet at baseline"])), size),
             ("heading", "Plan", size + 1)]
    plans = ["Continue current antibiotics, day %d of 7." % hd, "Daily weights and strict intake and output.",
             "Wean oxygen to keep saturation above 92%.", "Repeat basic metabolic panel in the morning.",
             "Physical therapy to assess mobility.", "Continue thromboprophylaxis with enoxaparin.",
             "Discuss goals of care with family this afternoon.", "Anticipate discharge in 48 to 72 hours."]
    right += [("para", "%d. %s" % (i + 1, p), size) for i, p in enumerate(r.sample(plans, 5))]
    right += [("heading", "Disposition", size + 1),
              ("para", "Remains inpatient on %s. Code status: %s." % (d.service, r.choice(["Full code", "DNR/DNI"])), size)]
    els = header(d, "PROGRESS NOTE")
    els += [patient_grid(d, size), ("kvgrid", [("Date", d.date(d.adm)), ("Author", "Dr. %s" % d.doc1)], 2, size),
            ("space", 6), ("twocol", left, right), ("space", 8),
            ("para", "Note signed by %s, MD at %s." % (d.doc1, d.time()), size - 1)]
    return els


# ---------------------------------------------------------------- intake form (forms for lowres)
def intake_form(d, size):
    r = d.r
    els = header(d, "PATIENT REGISTRATION AND INTAKE FORM")
    els += [("heading", "Section A - Patient details", size + 1),
            ("kvgrid", [("Last name", d.pt_last), ("First name", d.pt_first), ("Date of birth", d.date(d.dob)),
                        ("Sex", d.sex), ("MRN", d.mrn), ("Phone", "(555) 01%d-%04d" % (r.randint(0, 9), r.randint(0, 9999))),
                        ("Address", "%d %s" % (r.randint(2, 980), r.choice(["Birch Hollow Road", "Kestrel Way", "Old Mill Street",
                                                                            "Tarn View Close", "Juniper Court"]))),
                        ("City", r.choice(["Harrowgate", "Elspeth Falls", "Marrow Creek", "Northfield Lakes"]))], 2, size),
            ("heading", "Section B - Emergency contact", size + 1),
            ("kvgrid", [("Name", "%s %s" % (r.choice(FIRST), d.pt_last)), ("Relationship", r.choice(["Spouse", "Daughter", "Son", "Sister", "Friend"])),
                        ("Phone", "(555) 01%d-%04d" % (r.randint(0, 9), r.randint(0, 9999)))], 2, size),
            ("heading", "Section C - Insurance", size + 1),
            ("kvgrid", [("Plan", r.choice(["Meridian Mutual Health", "Cobblestone Care Plan", "State Medical Assistance"])),
                        ("Member ID", "MM%d" % r.randint(10000000, 99999999)), ("Group", "%d" % r.randint(1000, 9999))], 2, size),
            ("heading", "Section D - Health history (tick all that apply)", size + 1)]
    conds = ["Diabetes", "High blood pressure", "Asthma", "Heart disease", "Stroke", "Kidney disease",
             "Cancer", "Seizures", "Depression", "Bleeding disorder", "Hepatitis", "None of these"]
    for i in range(0, len(conds), 3):
        els.append(("checks", conds[i:i + 3], r.randint(0, 2) if r.random() < 0.6 else -1, size))
    els += [("heading", "Section E - Allergies and medications", size + 1),
            ("para", "Allergies: %s" % r.choice(["None known", "Penicillin", "Peanuts, shellfish", "Latex"]), size),
            ("para", "Current medications: %s" % ", ".join("%s %s" % m[:2] for m in r.sample(MEDS, 3)), size),
            ("heading", "Section F - Smoking status", size + 1),
            ("checks", ["Never", "Former", "Current"], r.randint(0, 2), size),
            ("space", 8), ("sig", "Signature of patient", size), ("sig", "Date", size),
            ("para", "For office use only. Registered by clerk %s." % r.choice(["JT", "MK", "AR", "PS"]), 9)]
    return els


DOC_TYPES = {"discharge": discharge_summary, "lab": lab_report, "consent": consent_form,
             "referral": referral_letter, "medlist": medication_list, "radiology": radiology_report,
             "progress": progress_note, "intake": intake_form}
