"""Synthetic clinical notes with the structure of real ones, rendered in many styles.

Each clinical note type is built as a list of sections in the order its kind of document has
them (after the HL7 C-CDA document templates: an ED note has triage, ED course, medical
decision making and disposition; a progress note has interval history or SOAP; an imaging
report exam, technique, comparison, findings and impression; ...), with encounter-setting and
author/service cues, and then rendered in one of several styles: dictated with ALL-CAPS
headings, an EHR note with title-case headings, a terse note with abbreviations, SOAP,
narrative paragraphs or a letter (no headings at all), untitled, with or without a patient
header, and with OCR noise. Lists of choices are split by position (``split="train"`` uses the
even positions, ``"heldout"`` the odd ones) so calibration sees wording training never did.
No real PHI.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

from indexing.seed import pools as P

Split = Literal["train", "heldout"]
Sections = list[tuple[str, str]]  # (section key, body)

ED, PROGRESS, HP, CONSULT = "34111-5", "11506-3", "34117-2", "11488-4"
RADIOLOGY, DISCHARGE, OPERATIVE, PROCEDURE = "18748-4", "18842-5", "11504-8", "28570-0"
LAB, PATHOLOGY, REFERRAL = "11502-2", "11526-1", "57133-1"

# Heading variants per section key: (full, ALL-CAPS-friendly, terse)
HEADINGS: dict[str, tuple[str, ...]] = {
    "cc": ("Chief Complaint", "Presenting Complaint", "CC", "Reason for Visit", "Chief Concern", "Complaint"),
    "hpi": ("History of Present Illness", "HPI", "Present Illness", "History of Presenting Illness", "History",
            "Subjective"),
    "interval": ("Interval History", "Since Last Visit", "Interval Events", "Overnight Events", "Events",
                 "Interim History"),
    "pmh": ("Past Medical History", "PMH", "Medical History", "Past History", "PMHx", "Problem List"),
    "psh": ("Past Surgical History", "PSH", "Surgical History", "Prior Surgeries"),
    "meds": ("Medications", "Current Medications", "Home Medications", "Meds", "Outpatient Medications",
             "Medication List"),
    "allergies": ("Allergies", "Drug Allergies", "Allergies/Intolerances", "ALL"),
    "social": ("Social History", "SH", "Social", "Social/Family History"),
    "family": ("Family History", "FH", "Family Hx"),
    "ros": ("Review of Systems", "ROS", "Systems Review", "Review of Symptoms"),
    "vitals": ("Vital Signs", "Vitals", "VS", "Triage Vitals"),
    "exam": ("Physical Examination", "Physical Exam", "Exam", "PE", "Examination", "Objective"),
    "results": ("Results", "Labs", "Data", "Laboratory and Imaging", "Pertinent Results", "Studies"),
    "ap": ("Assessment and Plan", "Assessment/Plan", "A/P", "Impression and Plan", "Assessment & Plan", "Plan"),
    "assessment": ("Assessment", "Impression", "Diagnoses", "Clinical Impression", "A"),
    "plan": ("Plan", "Recommendations and Plan", "P", "Plan of Care"),
    "triage": ("Triage", "Arrival", "Mode of Arrival", "Triage Information", "Acuity"),
    "ed_course": ("ED Course", "Emergency Department Course", "Course in the ED", "ED Treatment", "ER Course",
                  "Treatment in Department"),
    "mdm": ("Medical Decision Making", "MDM", "Clinical Reasoning", "Differential Diagnosis", "Decision Making"),
    "ed_dx": ("Clinical Impression", "Final Diagnosis", "ED Diagnosis", "Diagnosis", "Diagnoses", "Impression"),
    "dispo": ("Disposition", "ED Disposition", "Dispo", "Plan", "Final Disposition", "Disposition and Plan", "Plan",
              "Dispo/Plan"),
    "reason_consult": ("Reason for Consultation", "Reason for Consult", "Consult Question", "Consultation Requested For",
                       "Question", "Reason for Referral"),
    "requesting": ("Requesting Physician", "Requesting Provider", "Referring Physician", "Consult Requested By",
                   "Requested By", "Referring Provider"),
    "recs": ("Recommendations", "Recs", "Consultant Recommendations", "Suggestions", "Recommendation"),
    "admit_date": ("Admission Date", "Date of Admission", "Admitted", "Admit Date"),
    "dc_date": ("Discharge Date", "Date of Discharge", "Discharged"),
    "admit_dx": ("Admitting Diagnosis", "Admission Diagnosis", "Reason for Hospitalization", "Presenting Problem"),
    "dc_dx": ("Discharge Diagnoses", "Final Diagnoses", "Principal Diagnosis", "Diagnoses at Discharge",
              "Discharge Diagnosis", "Secondary Diagnoses"),
    "course": ("Hospital Course", "Brief Hospital Course", "Course in Hospital", "Summary of Hospital Stay",
               "Clinical Course", "Hospital Course by Problem"),
    "procedures_done": ("Procedures", "Procedures Performed", "Operations and Procedures", "Procedures This Admission"),
    "consults_done": ("Consultations", "Consults", "Consulting Services"),
    "dc_meds": ("Discharge Medications", "Medications at Discharge", "Discharge Medication List", "D/C Meds",
                "Medications on Discharge"),
    "dc_condition": ("Condition at Discharge", "Discharge Condition", "Condition on Discharge", "Condition"),
    "dc_dispo": ("Discharge Disposition", "Disposition", "Discharged To"),
    "followup": ("Follow-up", "Follow Up", "Follow-up Appointments", "F/U", "Aftercare", "Return Visit"),
    "dc_instructions": ("Discharge Instructions", "Patient Instructions", "Instructions", "Activity and Diet"),
    "pending": ("Pending Results", "Pending at Discharge", "Results Pending", "Outstanding Items"),
    "preop": ("Preoperative Diagnosis", "Pre-operative Diagnosis", "Preop Diagnosis", "Pre-op Dx", "Diagnosis Before Surgery"),
    "postop": ("Postoperative Diagnosis", "Post-operative Diagnosis", "Postop Diagnosis", "Post-op Dx", "Diagnosis After Surgery"),
    "operation": ("Procedure", "Operation Performed", "Procedures Performed", "Operation", "Name of Operation",
                  "Procedure Performed"),
    "surgeon": ("Surgeon", "Attending Surgeon", "Primary Surgeon", "Surgeons"),
    "assistant": ("Assistant", "Assistants", "First Assistant", "Assistant Surgeon"),
    "anesthesia": ("Anesthesia", "Type of Anesthesia", "Anesthesia Type", "Anesthetic", "Sedation"),
    "ebl": ("Estimated Blood Loss", "EBL", "Blood Loss", "Quantitative Blood Loss"),
    "fluids": ("Fluids", "IV Fluids", "Crystalloid", "Fluids Given"),
    "drains": ("Drains", "Drain", "Tubes and Drains"),
    "specimens": ("Specimens", "Specimen", "Specimens Removed", "Specimens Sent"),
    "implants": ("Implants", "Implant", "Hardware"),
    "complications": ("Complications", "Complication", "Intraoperative Complications", "Adverse Events"),
    "findings": ("Findings", "Operative Findings", "Intraoperative Findings", "Procedure Findings"),
    "indications": ("Indications", "Indication", "Indications for Procedure", "Reason for Procedure",
                    "Indication for Operation", "Clinical Indication"),
    "op_description": ("Description of Procedure", "Procedure in Detail", "Operative Technique",
                       "Details of Procedure", "Description of Operation", "Technique"),
    "consent": ("Consent", "Informed Consent", "Consent and Time-out", "Time Out", "Universal Protocol"),
    "post_plan": ("Post-procedure Plan", "Plan", "Disposition", "Post-op Plan", "Aftercare"),
    "exam_name": ("Exam", "Examination", "Study", "Procedure", "Exam Type", "Study Performed"),
    "rad_history": ("Clinical History", "Indication", "History", "Reason for Exam", "Clinical Indication", "Hx"),
    "technique": ("Technique", "Protocol", "Technique and Protocol", "Procedure Details"),
    "comparison": ("Comparison", "Prior Studies", "Comparisons", "Priors"),
    "rad_findings": ("Findings", "Report", "Observations", "Findings and Measurements"),
    "impression": ("Impression", "Conclusion", "Conclusions", "Summary", "Interpretation", "Final Impression"),
    "collected": ("Collected", "Collection Date", "Specimen Collected", "Collection Time"),
    "lab_results": ("Results", "Test Results", "Result", "Panel Results"),
    "ordering": ("Ordering Provider", "Ordered By", "Ordering Physician", "Requesting Clinician"),
    "lab_comment": ("Comment", "Comments", "Lab Comment", "Note"),
    "source": ("Source", "Specimen Source", "Specimen Type", "Site"),
    "specimen": ("Specimen", "Specimen Submitted", "Specimens Received", "Source of Specimen", "Tissue Submitted"),
    "path_history": ("Clinical History", "Clinical Information", "Pertinent History", "Clinical Data"),
    "gross": ("Gross Description", "Gross Examination", "Macroscopic Description", "Gross"),
    "micro": ("Microscopic Description", "Microscopic Examination", "Histology", "Microscopic"),
    "path_dx": ("Final Diagnosis", "Diagnosis", "Pathologic Diagnosis", "Final Pathologic Diagnosis", "Interpretation"),
    "path_comment": ("Comment", "Note", "Comments", "Synoptic Summary"),
    "adequacy": ("Specimen Adequacy", "Adequacy", "Adequacy for Evaluation", "Specimen Quality"),
    "subjective": ("Subjective", "S"),
    "objective": ("Objective", "O"),
    "soap_a": ("Assessment", "A"),
    "soap_p": ("Plan", "P"),
    "mse": ("Mental Status Exam", "MSE", "Mental Status Examination"),
}


_T = TypeVar("_T")


class _G:
    """Random choices restricted to one split of every list of variants."""

    def __init__(self, rng: random.Random, split: Split):
        self.rng = rng
        self.split = split

    def pick(self, seq: Sequence[_T]) -> _T:
        if len(seq) >= 2:
            seq = seq[0::2] if self.split == "train" else seq[1::2]
        return self.rng.choice(seq)

    def s(self, *options: str) -> str:
        return str(self.pick(options))

    def p(self, prob: float) -> bool:
        return self.rng.random() < prob

    def age(self) -> int:
        return self.rng.randrange(19, 94)

    def n(self, lo: int, hi: int) -> int:
        return self.rng.randrange(lo, hi)

    def sex(self) -> str:
        return self.s("man", "woman", "male", "female", "gentleman", "lady", "M", "F")

    def acute(self) -> str:
        return str(self.pick(P.ACUTE_DX))

    def chronic(self) -> str:
        return str(self.pick(P.CHRONIC_DX))

    def complaint(self) -> str:
        return str(self.pick(P.COMPLAINTS))

    def med(self) -> str:
        return str(self.pick(P.MEDS))

    def meds(self, k: int) -> str:
        return "; ".join(self.rng.sample(P.MEDS, k))

    def chronics(self, k: int) -> str:
        return ", ".join(self.rng.sample(P.CHRONIC_DX, k))

    def specialty(self) -> str:
        return str(self.pick(P.SPECIALTIES))

    def doctor(self) -> str:
        return f"Dr. {self.rng.choice(('A.', 'B.', 'C.', 'D.', 'E.', 'J.', 'K.', 'M.', 'R.', 'S.', 'T.'))} " + \
            self.rng.choice(("Okafor", "Lindqvist", "Moreno", "Chen", "Patel", "Hughes", "Novak", "Barros", "Singh",
                             "Keller", "Adeyemi", "Rossi", "Yamada", "Dubois", "Walsh", "Haddad"))

    def vitals(self) -> str:
        return (f"T {self.rng.choice(('36.6', '37.0', '37.8', '38.4', '98.6F', '101.2F'))}, "
                f"BP {self.n(96, 182)}/{self.n(52, 104)}, HR {self.n(54, 128)}, RR {self.n(12, 28)}, "
                f"SpO2 {self.n(88, 100)}%{self.rng.choice((' on room air', ' RA', ' on 2 L', ''))}")

    def exam(self, k: int = 4) -> str:
        return " ".join(self.rng.sample(P.EXAM_LINES, k))

    def ros(self) -> str:
        return self.s("Negative except as in HPI.", "A 12-point review of systems is otherwise negative.",
                      "Positive for fatigue; negative for fever, chest pain, dyspnea.",
                      "All other systems reviewed and negative.", "Denies fever, chills, weight loss, chest pain.",
                      "Constitutional: no fevers. Resp: no cough. GI: no nausea. GU: no dysuria.",
                      "Unable to obtain due to mental status.", "As per HPI, otherwise negative.")

    def labs_brief(self) -> str:
        return self.s(f"WBC {self.n(4, 22)}.{self.n(0, 9)}, Hgb {self.n(7, 16)}.{self.n(0, 9)}, creatinine 1.{self.n(0, 9)}.",
                      f"Troponin negative x2. BMP unremarkable. Lactate {self.n(1, 5)}.{self.n(0, 9)}.",
                      "Labs notable for sodium 129 and potassium 3.1.", "CBC and CMP within normal limits.",
                      f"BNP {self.n(100, 3000)}; chest film with vascular congestion.",
                      "Urinalysis with pyuria and bacteria; culture sent.",
                      f"A1c {self.n(6, 11)}.{self.n(0, 9)}%, LDL {self.n(60, 190)}.",
                      "ECG: sinus rhythm, no acute ST changes.")


# ---- section builders, one per type ----------------------------------------------------------

def _ed_story(g: _G) -> Sections:
    """ED notes without ED headings: a timed narrative, a trauma activation, a parent's account."""
    age, sex, cc, dx = g.age(), g.sex(), g.complaint(), g.acute()
    t = f"{g.n(0, 23):02d}:{g.n(0, 59):02d}"
    kind = g.s("timed", "trauma", "child", "timed", "fasttrack", "trauma", "child", "fasttrack")
    if kind == "trauma":
        return [("raw", g.s("Trauma activation, level 1.", "Trauma alert - level 2.", "Trauma team activation.",
                            "Level 2 trauma.")),
                ("raw", g.s("Mechanism: unrestrained driver, rollover MVC.", "Mechanism: fall from a ladder, about 3 meters.",
                            "Mechanism: pedestrian struck by a car at low speed.", "Mechanism: assault with blunt object.",
                            "Motorcycle collision, helmeted.", "Ground-level fall on anticoagulation.")),
                ("raw", g.s("Primary survey: airway patent, breath sounds bilateral, pulses palpable, GCS 14.",
                            "ABCs intact. GCS 15. C-collar in place on arrival.",
                            "Primary survey intact; secondary survey with scalp laceration and left wrist deformity.",
                            "Arrived with EMS, backboard and collar; vitals stable en route.")),
                ("raw", g.s("FAST negative. CT head and C-spine negative.", "FAST positive in Morison's pouch.",
                            f"Imaging: {g.acute()}.", "Pan-scan without acute injury apart from rib fractures.")),
                ("raw", g.s("Trauma surgery at bedside; admitted to trauma service.", "Cleared clinically, discharged home.",
                            "To OR emergently with trauma surgery.", "Admitted to trauma ICU for observation."))]
    if kind == "child":
        who = g.s("mother", "father", "parents", "grandmother")
        kid = g.s(f"{g.n(2, 11)} month old", f"{g.n(2, 14)} year old", "toddler", "infant", "school-age child")
        return [("raw", f"{kid.capitalize()} brought in by {who} for {cc}. History obtained from {who}."),
                ("raw", g.s("Immunizations up to date. No sick contacts.", "Fever to 39 at home, given acetaminophen.",
                            "Decreased oral intake and fewer wet diapers.", "Daycare attendee.")),
                ("raw", g.s("On exam: well-appearing, interactive, mucous membranes moist.",
                            "Exam: fussy but consolable, capillary refill under 2 seconds.",
                            "Exam notable for clear rhinorrhea and mild intercostal retractions.")),
                ("raw", g.s(f"Treated in the pediatric ED with {g.med()}.", "Oral challenge passed in the department.",
                            "Observed for 2 hours after treatment with improvement.")),
                ("raw", g.s(f"Impression: {dx}.", f"Dx: {dx}.", f"Likely {dx}.")),
                ("raw", g.s(f"Discharged home with {who}; return for trouble breathing or not drinking.",
                            "Home, follow up with pediatrician in 1-2 days.", "Admit to pediatrics."))]
    if kind == "fasttrack":
        return [("raw", g.s(f"ER visit {t}", f"Seen in fast track {t}", f"ED {t}", f"Urgent ED evaluation {t}")),
                ("raw", g.s(f"c/o {cc} x {g.n(1, 5)}d.", f"{age}{sex[0].upper()} w/ {cc}.", f"pt w/ {cc}, no trauma.")),
                ("raw", g.s("exam unremarkable apart from mild tenderness.", "neuro nonfocal. vitals wnl.", "well appearing.")),
                ("raw", g.s(f"tx: {g.med()} -> improved.", f"given {g.med()} in ED.", "no tx needed.")),
                ("raw", g.s(f"Dx {dx}. d/c home, f/u pcp.", f"{dx}. dc w/ return precautions.", f"Imp: {dx}. home."))]
    return [("raw", g.s(f"{t} - {age} year old {sex} brought in by {g.s('friends', 'ambulance', 'police', 'family', 'EMS')} "
                        f"with {cc}.", f"Seen at {t}. {age} yo {sex} arrived by ambulance with {cc}.",
                        f"Time seen {t}. Patient presents to the ER with {cc}.")),
            ("raw", g.s("Secondary survey without signs of trauma.", f"Vitals on arrival: {g.vitals()}.",
                        f"Triage noted {g.vitals()}.", "GCS 15 on arrival.")),
            ("raw", g.s(f"{g.labs_brief()} Given {g.med()} and IV fluids.", f"Treated with {g.med()}; reassessed at intervals.",
                        "Placed on monitor, IV access, labs and ECG.")),
            ("raw", g.s(f"By {g.n(1, 6)} hours later symptoms improved and the patient was ambulating.",
                        "Remained stable during the ED stay.", "Re-examined before disposition: improved.")),
            ("raw", g.s("Discharged home with return precautions.", "Admitted to the hospitalist.",
                        "Discharged to the care of a family member with instructions.", "Transferred for cath lab."))]


def _ed(g: _G) -> Sections:
    if g.p(0.3):
        return _ed_story(g)
    cc = g.complaint()
    age, sex = g.age(), g.sex()
    arrival = g.s("Arrived by ambulance", "Walked in", "Brought in by EMS", "Arrived by private vehicle",
                  "Brought by family", "Transferred from an outside urgent care", "Arrived by police")
    hpi = g.s(
        f"{age}-year-old {sex} presents to the emergency department with {cc} that began {g.n(1, 12)} hours prior to arrival.",
        f"{age} yo {sex} here with {cc} since this morning. {arrival}.",
        f"Patient is a {age} year old {sex} who comes to the ER for {cc}. Symptoms started {g.n(1, 5)} days ago and "
        "worsened today.",
        f"This {age}-year-old {sex} with a history of {g.chronic()} presents with {cc}. EMS reports stable vitals en route.",
        f"{age}{sex[0].upper()} with {cc}. Onset abrupt. No similar episodes. Took ibuprofen at home without relief.",
        f"Per EMS and the patient, {cc} began while at work; {arrival.lower()}.",
    )
    course = g.s(
        f"In the ED the patient received {g.med()} and IV fluids with improvement of symptoms.",
        f"Given {g.med()} and {g.med()}. Reassessed at {g.n(1, 5)} hours and feeling better; tolerating PO.",
        "IV placed, labs drawn, imaging obtained. Pain controlled with IV morphine. Serial exams unchanged.",
        f"Treated with {g.med()}. Remained hemodynamically stable in the department. Repeat troponin negative.",
        "Patient observed in the emergency department for several hours without recurrence. Ambulated without difficulty.",
        "Sepsis bundle initiated: cultures, lactate, broad-spectrum antibiotics and 30 mL/kg crystalloid.",
    )
    mdm = g.s(
        f"Differential includes {g.acute()}, {g.acute()} and {g.acute()}. Workup as above is reassuring.",
        f"Presentation most consistent with {g.acute()}. Low suspicion for life-threatening cause given normal studies.",
        f"High risk presentation; concern for {g.acute()}. Discussed with the on-call specialist.",
        f"Given age and risk factors, evaluated for {g.acute()}; HEART score {g.n(0, 8)}.",
        "I personally reviewed the imaging and ECG. Data reviewed includes prior records.",
        f"Considered {g.acute()}; PERC negative. Symptoms improved after treatment.",
    )
    dx = g.acute()
    dispo = g.s(
        "Discharged home in stable condition with return precautions. Follow up with primary care in 2-3 days.",
        "Admitted to the hospitalist service for further management.", "Admit to ICU.",
        "Transferred to a tertiary center for higher level of care.",
        "Discharged from the ED. Patient verbalized understanding of instructions and reasons to return.",
        "Placed in observation for serial troponins.", "Left against medical advice after risks were discussed.",
        "Discharged with prescription and orthopedic follow-up.",
    )
    secs: Sections = []
    if g.p(0.6):
        secs.append(("triage", g.s(f"{arrival}. ESI {g.n(1, 6)}.", f"{arrival}. Triage acuity level {g.n(2, 5)}.",
                                   f"{arrival}; triage at {g.n(10, 23)}:{g.n(10, 59)}.",
                                   f"ESI level {g.n(2, 5)}. Triage vitals: {g.vitals()}.")))
    secs.append(("cc", cc.capitalize() + "."))
    secs.append(("hpi", hpi))
    if g.p(0.5):
        secs.append(("pmh", g.chronics(g.n(1, 4)) + "."))
    if g.p(0.4):
        secs.append(("meds", g.meds(g.n(1, 4)) + "."))
    if g.p(0.3):
        secs.append(("allergies", g.s("NKDA.", "Penicillin (hives).", "Sulfa.", "No known drug allergies.")))
    if g.p(0.4):
        secs.append(("ros", g.ros()))
    if g.p(0.5):
        secs.append(("vitals", g.vitals()))
    secs.append(("exam", g.exam(g.n(2, 6))))
    if g.p(0.6):
        secs.append(("results", g.labs_brief()))
    secs.append(("ed_course", course))
    if g.p(0.7):
        secs.append(("mdm", mdm))
    secs.append(("ed_dx", dx.capitalize() + "."))
    secs.append(("dispo", dispo))
    return secs


def _progress(g: _G) -> Sections:
    kind = g.s("clinic", "inpatient", "clinic", "specialty", "telehealth", "postop", "clinic", "psych")
    dx1, dx2 = g.chronic(), g.chronic()
    months = g.n(1, 13)
    if kind == "inpatient":
        day = g.n(2, 12)
        secs: Sections = [("interval", g.s(
            f"Hospital day {day}. No acute events overnight. Afebrile.",
            f"HD #{day}. Overnight had one episode of hypotension that responded to a fluid bolus.",
            "Slept well. Pain controlled. Tolerating regular diet.",
            f"Day {day} of antibiotics. Weaned off oxygen overnight. Ambulating with physical therapy.",
            "Nursing reports no events. Telemetry without arrhythmia.",
            f"POD #{day}. Passing flatus, tolerating clears."))]
        secs.append(("subjective", g.s("Feels better than yesterday.", "Still short of breath with exertion.",
                                       "Reports mild nausea this morning.", "No complaints today.",
                                       "States pain is 3/10 and controlled.", "Wants to go home.")))
        secs.append(("objective", f"{g.vitals()}. {g.exam(g.n(2, 4))} {g.labs_brief()}"))
        secs.append(("soap_a", g.s(f"{g.acute()}, improving.", f"{g.acute()} - slowly resolving. {dx1}, stable.",
                                   f"{g.acute()}, day {day} of therapy, clinically improving.",
                                   f"Hospital day {day} for {g.acute()}.")))
        secs.append(("soap_p", g.s(f"Continue {g.med()}. Advance diet. Anticipate discharge in 1-2 days.",
                                   f"Transition to oral {g.med()}. PT/OT. Discharge planning with case management.",
                                   "Continue current management; repeat labs in the morning.",
                                   f"Wean {g.med()}. Recheck electrolytes. DVT prophylaxis with enoxaparin.")))
        return secs
    if kind in ("icu", "ltc", "kid", "story") or g.p(0.25):
        kind = kind if kind in ("icu", "ltc", "kid", "story") else g.s("icu", "ltc", "kid", "story", "story")
        if kind == "icu":
            return [("raw", g.s("MICU Daily Note", "SICU progress note", "ICU Daily Progress", "CCU note, day " + str(g.n(2, 9)))),
                    ("raw", g.s("24h: extubated, on 3L nasal cannula.", "Overnight: weaned off pressors.",
                                "24 hour events: febrile to 38.6, cultures sent.", "Events: none; CRRT running.")),
                    ("raw", g.s(f"Exam: {g.exam(3)}", f"{g.vitals()}. {g.exam(2)}")),
                    ("raw", g.s(f"{g.acute()} - improving; day {g.n(2, 8)} of antibiotics.",
                                f"{g.acute()}: continue current therapy.", f"Shock resolving; {g.acute()}.")),
                    ("raw", g.s("Dispo: transfer to floor when stable.", "Remain in ICU.", "Family meeting today."))]
        if kind == "ltc":
            return [("raw", g.s("Nursing facility visit, routine", "Long-term care monthly visit", "SNF follow-up visit",
                                "Assisted living visit")),
                    ("raw", g.s("Seen on the unit. Staff report no falls or behavior changes.",
                                "Resident seen at the request of nursing for routine review.",
                                "Staff note stable intake and sleep.")),
                    ("raw", g.s(f"Exam: {g.exam(2)}", "Exam unchanged from prior.")),
                    ("raw", g.s(f"{g.chronic()}, stable. No medication changes. Next visit in one month.",
                                f"{g.chronic()} - continue plan of care. Reassess next month."))]
        if kind == "kid":
            return [("raw", g.s("Pediatric follow-up", "Recheck visit", "Well child follow-up", "Pediatrics clinic")),
                    ("raw", g.s(f"{g.n(1, 15)}-year-old seen for recheck of {g.acute()} treated {g.n(5, 15)} days ago.",
                                f"Child returns for follow-up after {g.acute()}; parent reports improvement.")),
                    ("raw", g.s("Eating and sleeping well. Fever resolved.", "Back at school. No new symptoms.")),
                    ("raw", g.s(f"Exam: {g.exam(2)}", "Exam normal today.")),
                    ("raw", g.s("Resolved. No further treatment. Routine care as scheduled.",
                                "Improving; finish course and return as needed."))]
        return [("raw", g.s(f"{g.s('Mr.', 'Mrs.', 'Ms.')} ___ is back to see me about {dx1}.",
                            f"I saw this patient again today for {dx1}.", f"She comes back for her {dx1}.",
                            f"He returns as planned after we adjusted his {g.med()}.",
                            f"I last saw her {months} months ago for {dx1}.")),
                ("raw", g.s(f"At the last visit we started {g.med()}; since then home readings are better.",
                            "He did not fill the new prescription because of cost.",
                            f"She reports her symptoms are about the same; some trouble with {g.complaint()}.",
                            "Things have gone well and he has no new complaints.")),
                ("raw", g.s(f"Exam today: {g.exam(2)}", f"{g.vitals()}. {g.exam(2)}")),
                ("raw", g.s(f"We talked about options and agreed to continue {g.med()}. I will see him again in {months} months.",
                            f"Plan to recheck labs and review at the next visit in {g.n(2, 8)} weeks.",
                            f"Continue the current plan; return sooner if worse. Follow up in {months} months."))]
    if kind == "psych":
        return [("cc", g.s("Medication management follow-up.", "Follow-up for depression and anxiety.",
                           "Return visit for bipolar disorder.", "Routine follow-up.")),
                ("interval", g.s(f"Since the last visit {months} weeks ago mood has been steadier. Sleeping better.",
                                 "Reports ongoing anxiety at work but fewer panic attacks. Adherent to medication.",
                                 "Some side effects (dry mouth). Denies suicidal or homicidal ideation.",
                                 "Mood 5/10. Attending therapy weekly. No substance use.")),
                ("mse", g.s("Well groomed, cooperative, speech normal, mood 'okay', affect congruent, no SI/HI.",
                            "Calm, good eye contact, linear thought process, insight fair, judgment good.",
                            "Alert, oriented, mood euthymic, affect full range, denies hallucinations.")),
                ("ap", g.s(f"{dx1}: improving. Continue {g.med()}. Return in {months} weeks.",
                           f"Increase {g.med()}. Safety plan reviewed. Follow up in one month.",
                           "Stable on current regimen. Continue psychotherapy. RTC 3 months."))]
    reason = g.s(f"Follow-up of {dx1} and {dx2}.", f"{months}-month follow-up.", f"Recheck {dx1}.",
                 f"Return visit for {dx1}.", "Follow up after recent hospitalization.", f"Routine visit for {dx1}.",
                 "Medication refill and follow-up.", f"Here for results of {g.s('labs', 'imaging', 'biopsy', 'sleep study')}.")
    interval = g.s(
        f"Returns for follow-up of {dx1}. Since the last visit {months} months ago, symptoms are better controlled.",
        f"Patient was last seen {months} weeks ago, when {g.med()} was started. Tolerating it well.",
        f"Seen today for scheduled follow-up. Reports adherence to {g.med()}; home readings are improved.",
        f"Since her last appointment she had one ED visit for {g.acute()}; now recovered.",
        f"He comes in for a recheck of {dx1}. No new complaints. Has been walking daily.",
        f"Doing well since the last visit. Some fatigue. Wants to discuss {dx2}.",
    )
    if kind == "postop":
        interval = g.s(f"Seen {g.n(1, 6)} weeks after {g.pick(P.SURGERIES)[0]}. Pain controlled, wound healing.",
                       f"Postoperative visit after {g.pick(P.SURGERIES)[0]}. Doing well, back to light activity.",
                       f"Status post {g.pick(P.SURGERIES)[0]}, here for wound check and suture removal.",
                       "Returns after surgery; incision healed, no fevers, eating well.")
    if kind == "telehealth":
        interval = "Video visit; patient at home and consented to telehealth. " + interval
    secs = []
    if g.p(0.7):
        secs.append(("cc", reason))
    secs.append(("interval" if g.p(0.5) else "hpi", interval))
    if g.p(0.5):
        secs.append(("meds", g.s("Reviewed and reconciled.", g.meds(g.n(2, 5)) + ".", "No changes since last visit.")))
    if g.p(0.4):
        secs.append(("ros", g.ros()))
    if g.p(0.5):
        secs.append(("vitals", g.vitals()))
    if kind != "telehealth" or g.p(0.3):
        secs.append(("exam", g.exam(g.n(2, 5))))
    if g.p(0.5):
        secs.append(("results", g.labs_brief()))
    secs.append(("ap", g.s(
        f"1. {dx1} - improved, continue {g.med()}. 2. {dx2} - stable. Return in {months} months.",
        f"{dx1}: at goal. Continue current regimen. Labs before next visit. Follow up in {months} months.",
        f"{dx1}, not at goal; increase {g.med()}. Recheck in {g.n(2, 8)} weeks.",
        f"Doing well. Continue {g.med()}. RTC {months} months or sooner as needed.",
        f"{dx1}, controlled. {dx2}, new concern; will obtain labs and discuss at the next appointment.",
        "Healing as expected. Advance activity. Follow up as needed.",
    )))
    return secs


def _hp_special(g: _G) -> Sections:
    kind = g.s("ld", "psych", "story", "peds", "ld", "psych", "story", "surg")
    if kind == "ld":
        return [("cc", g.s("Contractions.", "Leakage of fluid.", "Scheduled induction.", "Decreased fetal movement.")),
                ("hpi", (f"G{g.n(1, 5)}P{g.n(0, 4)} at {g.n(34, 41)}w{g.n(0, 6)}d presenting for "
                        f"{g.s('labor evaluation', 'induction of labor', 'rupture of membranes', 'elevated blood pressure')}.")),
                ("raw", g.s("Prenatal course uncomplicated. GBS negative.", "Prenatal care complicated by gestational diabetes.",
                            "Rubella immune, HIV negative, blood type A positive.")),
                ("exam", g.s("FHR 140s, moderate variability. Cervix 4/80/-1.", "Fetal heart tracing category I. SVE 6 cm.")),
                ("ap", g.s("Admit to labor and delivery. Expectant management. Epidural on request.",
                           "Admit for induction with misoprostol. Continuous monitoring."))]
    if kind == "psych":
        return [("raw", g.s("Psychiatric Admission Evaluation", "Inpatient psychiatry admission note", "Psych admission H&P")),
                ("raw", g.s(f"Identifying data: {g.age()}-year-old {g.sex()} admitted voluntarily.",
                            f"{g.age()} yo {g.sex()} brought on an involuntary hold.")),
                ("cc", g.s('"I want to kill myself."', '"They are watching me."', "Worsening depression.", "Agitation.")),
                ("hpi", g.s("Two weeks of worsening mood, poor sleep, stopped medication.",
                            "Escalating paranoia and not eating; family concerned.")),
                ("mse", g.s("Disheveled, guarded, flat affect, denies hallucinations, passive SI.",
                            "Restless, pressured speech, grandiose, no insight.")),
                ("ap", g.s("Admit to the inpatient psychiatric unit; restart antipsychotic; safety checks.",
                           "Admit, suicide precautions, start sertraline, labs and ECG."))]
    if kind == "peds":
        return [("raw", g.s("Pediatric Admission Note", "Pediatric H&P", "Peds admission")),
                ("cc", g.complaint().capitalize() + "."),
                ("hpi", f"{g.n(1, 16)}-year-old with {g.chronic()} admitted from the emergency department for {g.acute()}."),
                ("raw", g.s("Birth history: term, uncomplicated.", "Immunizations up to date.", "Development normal.")),
                ("exam", g.exam(3)),
                ("ap", g.s(f"Admit to the pediatric floor for {g.acute()}; IV fluids and {g.med()}.",
                           "Admit to the pediatric ward; wean oxygen as tolerated."))]
    if kind == "surg":
        return [("raw", g.s("Surgical admission H&P", "Surgery admission note", "Preoperative admission")),
                ("cc", g.complaint().capitalize() + "."),
                ("hpi", f"{g.age()} yo with {g.complaint()} found to have {g.pick(P.SURGERIES)[1]}."),
                ("pmh", g.chronics(2) + "."), ("exam", g.exam(3)),
                ("ap", f"Admit to general surgery. NPO, IV fluids. Plan {g.pick(P.SURGERIES)[0]}.")]
    age, sex, dx = g.age(), g.sex(), g.acute()
    return [("raw", g.s("Admission note.", "Admission note, general medicine.", "Night admission.", "Hospitalist admission.")),
            ("raw", (f"{g.s('Mr.', 'Mrs.', 'Ms.')} ___ is a {age} year old {sex} with {g.chronics(2)} who "
                    f"{g.s('was sent in by', 'was referred by', 'came in at the request of')} "
                    f"{g.s('her doctor', 'his cardiologist', 'the clinic', 'the nursing home')} for {g.complaint()} for {g.n(2, 9)} days.")),
            ("raw", (f"{g.s('She', 'He')} takes {g.meds(2)}. {g.s('No known allergies.', 'Allergic to penicillin.')} "
                    f"{g.pick(P.SOCIAL)}")),
            ("raw", f"On exam {g.vitals()}. {g.exam(2)} {g.labs_brief()}"),
            ("raw", (f"I think this is {dx}. We will admit {g.s('her', 'him')} to the "
                    f"{g.s('medical floor', 'telemetry unit', 'step-down unit', 'ICU')}, start {g.med()}, and "
                    f"{g.s('get cultures', 'trend labs', 'consult cardiology', 'monitor closely')}."))]


def _hp(g: _G) -> Sections:
    if g.p(0.3):
        return _hp_special(g)
    cc = g.complaint()
    age, sex = g.age(), g.sex()
    dx = g.acute()
    hpi = g.s(
        f"{age}-year-old {sex} with {g.chronics(2)} presenting with {g.n(1, 9)} days of {cc}. Admitted for {dx}.",
        f"The patient is a {age} year old {sex} who was in usual health until {g.n(2, 10)} days ago when {cc} began.",
        f"{age} y/o {sex} sent from clinic for {cc}. In the ED found to have {dx}; medicine asked to admit.",
        f"This {age}-year-old {sex} presents with worsening {cc}. Workup concerning for {dx}.",
        f"{age}{sex[0].upper()} PMH {g.chronics(2)} p/w {cc} x {g.n(1, 7)}d, found to have {dx}.",
        f"Scheduled admission for {g.pick(P.SURGERIES)[0]}; pre-operative history and physical.",
    )
    secs: Sections = []
    if g.p(0.35):
        secs.append(("admit_date", g.s("Today.", "See header.", f"{g.n(1, 12)}/{g.n(1, 28)}/2025.")))
    secs.append(("cc", cc.capitalize() + "."))
    secs.append(("hpi", hpi))
    secs.append(("pmh", g.chronics(g.n(1, 5)) + "."))
    if g.p(0.6):
        secs.append(("psh", g.s(f"{g.pick(P.SURGERIES)[0]}.", "None.", f"{g.pick(P.SURGERIES)[0]}, remote.")))
    secs.append(("meds", g.meds(g.n(1, 6)) + "."))
    secs.append(("allergies", g.s("NKDA.", "Penicillin - rash.", "Codeine - nausea.", "No known allergies.",
                                  "Sulfa drugs.", "Iodinated contrast - hives.")))
    if g.p(0.8):
        secs.append(("social", str(g.pick(P.SOCIAL))))
    if g.p(0.6):
        secs.append(("family", g.s("Father with MI at 60.", "Noncontributory.", "Mother with breast cancer.",
                                   "No family history of bleeding disorders.")))
    secs.append(("ros", g.ros()))
    secs.append(("exam", f"{g.vitals()}. {g.exam(g.n(4, 8))}"))
    if g.p(0.7):
        secs.append(("results", g.labs_brief()))
    secs.append(("ap", g.s(
        f"{dx}. Admit to medicine. Start {g.med()}. Telemetry. DVT prophylaxis. Full code.",
        f"Admit to the hospitalist service for {dx}. {g.med()}; monitor. Code status: DNR/DNI.",
        f"1. {dx} - admit, {g.med()}, serial labs. 2. {g.chronic()} - continue home meds. Diet: cardiac. Dispo: inpatient.",
        f"Will admit to step-down for {dx}. Consult {g.specialty()}. Hold home {g.med()}.",
        f"Admit for {dx}; IV fluids and {g.med()}. Expected length of stay 2-3 days.",
        "Cleared for surgery from a medical standpoint; proceed as planned tomorrow.",
    )))
    return secs


def _consult(g: _G) -> Sections:
    spec = g.specialty()
    dx, ch = g.acute(), g.chronic()
    age, sex = g.age(), g.sex()
    letter = g.p(0.35)
    if letter:
        return [("letter_open", g.s(
                    f"Dear {g.doctor()},\n\nThank you for referring this {age}-year-old {sex} whom I saw today in the "
                    f"{spec} clinic for {ch}.",
                    f"Dear Colleague,\n\nI had the pleasure of seeing your patient in consultation for {dx}.",
                    f"Dear {g.doctor()},\n\nMany thanks for asking me to see this patient regarding {ch}.",
                    f"Re: {spec} consultation\n\nDear {g.doctor()}, I saw your patient today as requested for evaluation of {dx}.")),
                ("hpi", g.s(f"Over the past {g.n(2, 12)} months there has been progressive {g.complaint()}. "
                            f"Background of {g.chronics(2)}.",
                            f"Symptoms began after {g.acute()} last year. Current medication includes {g.med()}.",
                            f"The main concern is {g.complaint()}. Prior workup with your office was unrevealing.")),
                ("exam", g.exam(g.n(2, 4))),
                ("assessment", g.s(f"My impression is {dx}.", f"I think this is most likely {ch}, less likely {dx}.",
                                   f"The findings are consistent with {dx} in the setting of {ch}.")),
                ("recs", g.s(f"I would suggest starting {g.med()} and have arranged further tests. I will see "
                             f"the patient again in {g.n(2, 12)} weeks and keep you informed.",
                             f"I recommend {g.med()}. I am happy to see the patient again if symptoms persist.",
                             "I have ordered imaging and blood tests and will write to you with the results.")),
                ("letter_close", g.s("Yours sincerely,", "Kind regards,", "With best wishes,", "Sincerely,")
                 + f"\n{g.doctor()}, {spec}")]
    secs: Sections = []
    secs.append(("requesting", f"{g.doctor()}, {g.s('hospital medicine', 'general surgery', 'internal medicine', 'ICU team', 'orthopedics', 'emergency medicine')}."))
    secs.append(("reason_consult", g.s(f"Evaluation of {dx}.", f"Management of {dx} in a patient with {ch}.",
                                       f"Asked to see regarding {dx}.", f"{dx}; please advise.",
                                       f"Perioperative risk assessment; history of {ch}.",
                                       f"Recommendations regarding {ch}.")))
    secs.append(("hpi", g.s(
        f"{age}-year-old {sex} admitted with {g.acute()}, now with {dx}. We are consulted by the primary team.",
        f"The patient is a {age} yo {sex} with {ch} who was hospitalized {g.n(1, 9)} days ago; {spec} was asked to evaluate {dx}.",
        f"{age} {sex} with {ch}. Primary team requests input on {dx}.",
        f"I was asked by {g.doctor()} to see this {age}-year-old {sex} for {dx}.")))
    if g.p(0.6):
        secs.append(("pmh", g.chronics(g.n(1, 4)) + "."))
    if g.p(0.5):
        secs.append(("meds", g.meds(g.n(1, 5)) + "."))
    if g.p(0.4):
        secs.append(("ros", g.ros()))
    secs.append(("exam", g.exam(g.n(2, 6))))
    if g.p(0.6):
        secs.append(("results", g.labs_brief()))
    secs.append(("assessment", g.s(f"{dx}, likely related to {ch}.", f"Consistent with {dx}.",
                                   f"{dx}; differential includes {g.acute()}.", f"Probable {dx}.")))
    secs.append(("recs", g.s(
        f"1. Start {g.med()}. 2. Obtain {g.s('echocardiogram', 'MRI', 'CT', 'ultrasound', 'cultures')}. 3. We will follow.",
        f"Recommend {g.med()}. Will continue to follow along. Thank you for this consult.",
        f"- {g.med()}\n- repeat labs in AM\n- {spec} will follow daily",
        f"No acute {spec} intervention needed. Outpatient follow-up in {spec} clinic. We will sign off; please call with questions.",
        f"Suggest {g.med()} and {g.med()}. Appreciate the opportunity to participate in the care of this patient.")))
    return secs


def _referral(g: _G) -> Sections:
    spec, dx, ch = g.specialty(), g.acute(), g.chronic()
    return [("raw", g.s(f"To: {spec.title()}", f"Referral to {spec}", f"Re: referral, {spec}", f"Attn: {spec.title()} clinic")),
            ("raw", g.s(f"Dear {g.doctor()},", "Dear Colleague,", "Dear Doctor,", "To whom it may concern,")),
            ("raw", g.s(f"I would be grateful if you could see this {g.age()}-year-old {g.sex()} with {ch}.",
                        f"I am referring my patient for evaluation and management of {dx}.",
                        f"Please could you assess this patient who has {ch} not responding to {g.med()}.",
                        f"Kindly see this patient for your opinion regarding {dx}.")),
            ("raw", g.s(f"Current medication: {g.meds(2)}.", f"Background: {g.chronics(2)}.",
                        f"Recent results: {g.labs_brief()}")),
            ("raw", g.s("Urgency: routine.", "Please see within two weeks.", "Urgent referral.", "Routine appointment please.")),
            ("raw", g.s("Many thanks,", "Kind regards,", "Thank you for seeing this patient.", "Yours sincerely,")
             + f"\n{g.doctor()}, {g.s('family medicine', 'primary care', 'internal medicine', 'general practice')}")]


def _radiology(g: _G) -> Sections:
    name, mod, region = g.pick(P.IMAGING)
    finds = P.FINDINGS[str(region)]
    k = min(len(finds), g.n(1, 4))
    findings = " ".join(g.rng.sample(finds, k))
    imp = str(g.pick(P.IMPRESSIONS)).format(acute=g.acute())
    secs: Sections = [("exam_name", str(name) + ".")]
    if g.p(0.85):
        secs.append(("rad_history", g.s(f"{g.complaint().capitalize()}.", f"Evaluate for {g.acute()}.",
                                        f"Rule out {g.acute()}.", f"{g.age()} yo with {g.complaint()}.",
                                        "Follow-up.", f"History of {g.chronic()}.")))
    if mod in ("echo", "nm"):
        if g.p(0.7):
            secs.append(("technique", g.s("Complete study with 2D, M-mode, color and spectral Doppler.",
                                          "Images are of adequate quality.", "Definity contrast used for LV opacification.",
                                          "Pharmacologic stress with regadenoson; rest and stress images.")))
        secs.append(("rad_findings", findings + " " + g.s("Aortic root normal.", "IVC normal with respiratory variation.",
                                                         "Inferior vena cava dilated.", "")))
    else:
        if g.p(0.6):
            secs.append(("technique", g.s("Axial images were acquired with coronal and sagittal reformats.",
                                          "Standard protocol.", "Noncontrast images obtained.",
                                          "Multiplanar multisequence imaging was performed.", "Two views.",
                                          "Grayscale and color Doppler images.", "Dose reduction technique used.")))
        if g.p(0.7):
            secs.append(("comparison", g.s("None.", f"Prior study {g.n(2, 24)} months ago.", "No prior imaging available.",
                                           "Radiograph from earlier today.")))
        secs.append(("rad_findings", findings))
    secs.append(("impression", imp))
    return secs


def _discharge(g: _G) -> Sections:
    dx = g.acute()
    los = g.n(2, 15)
    secs: Sections = [("admit_date", f"{g.n(1, 12)}/{g.n(1, 28)}/2025"), ("dc_date", f"{g.n(1, 12)}/{g.n(1, 28)}/2025")]
    if g.p(0.5):
        secs.append(("admit_dx", g.complaint().capitalize() + "."))
    secs.append(("dc_dx", g.s(f"1. {dx}. 2. {g.chronic()}.", f"Principal: {dx}. Secondary: {g.chronics(2)}.",
                              f"{dx}; {g.chronic()}.", f"{dx}, resolved.")))
    if g.p(0.4):
        secs.append(("procedures_done", g.s(f"{g.pick(P.BEDSIDE)[0]}.", f"{g.pick(P.SURGERIES)[0]}.", "None.")))
    if g.p(0.3):
        secs.append(("consults_done", f"{g.specialty()}, {g.specialty()}."))
    secs.append(("course", g.s(
        f"The patient was admitted with {dx} and treated with {g.med()}. Symptoms improved steadily over {los} days.",
        f"Presented with {g.complaint()} and was found to have {dx}. Managed with {g.med()}; course complicated by "
        f"{g.acute()}, which resolved. By day {los} the patient was ambulating and tolerating diet.",
        f"Admitted to the medicine service. {dx} was treated with {g.med()} and {g.med()}. "
        f"{g.specialty().capitalize()} was consulted. Stable for discharge on hospital day {los}.",
        f"# {dx}: treated with {g.med()}, improved. # {g.chronic()}: home regimen resumed. # Disposition: home.",
        f"Hospitalized {los} days for {dx}. Underwent {g.pick(P.SURGERIES)[0]} without complication. Pain controlled on oral agents.",
    )))
    secs.append(("dc_meds", g.s(f"{g.meds(g.n(2, 6))}.", f"New: {g.med()}. Continue: {g.meds(2)}. Stop: {g.med()}.",
                                f"Resume home medications. Add {g.med()}.")))
    if g.p(0.6):
        secs.append(("dc_condition", g.s("Stable.", "Good.", "Improved.", "Fair.")))
    secs.append(("dc_dispo", g.s("Home.", "Home with home health services.", "Skilled nursing facility.",
                                 "Acute inpatient rehabilitation.", "Home with family.", "Hospice.")))
    if g.p(0.5):
        secs.append(("dc_instructions", g.s("Low-sodium diet. Weigh daily; call if up more than 2 pounds.",
                                            "Activity as tolerated. No driving for 2 weeks.",
                                            "Return to the emergency department for fever, chest pain or bleeding.")))
    if g.p(0.3):
        secs.append(("pending", g.s("Blood cultures, final.", "None.", "Surgical pathology.")))
    secs.append(("followup", g.s(f"Primary care in {g.n(3, 14)} days.", f"{g.specialty().capitalize()} clinic in {g.n(1, 6)} weeks.",
                                 f"See {g.doctor()} in one week with labs.", "PCP within 7 days of discharge.")))
    return secs


def _operative(g: _G) -> Sections:
    op, dx, spec = g.pick(P.SURGERIES)
    secs: Sections = [("preop", f"{dx}."), ("postop", g.s("Same.", f"{dx}.", "Same as preoperative.", f"{dx}, confirmed.")),
                      ("operation", f"{op}.")]
    if g.p(0.7):
        secs.append(("surgeon", g.doctor()))
    if g.p(0.4):
        secs.append(("assistant", g.s(g.doctor(), "None.", "PA-C.", "Surgical resident.")))
    secs.append(("anesthesia", g.s("General endotracheal.", "General with LMA.", "Spinal.", "Regional block with sedation.",
                                   "Monitored anesthesia care.", "Epidural.")))
    secs.append(("ebl", g.s(f"{g.n(1, 60)}0 mL.", "Minimal.", "Less than 25 mL.", f"{g.n(1, 9)}00 mL.")))
    if g.p(0.4):
        secs.append(("fluids", f"{g.n(5, 30)}00 mL crystalloid."))
    if g.p(0.4):
        secs.append(("drains", g.s("None.", "19 French Blake drain.", "Jackson-Pratt drain to bulb suction.")))
    secs.append(("specimens", f"{spec}." if spec != "none" else "None."))
    if g.p(0.3):
        secs.append(("implants", g.s("See implant log.", "None.", "Mesh.", "Cemented components.")))
    secs.append(("complications", g.s("None.", "None apparent.", "No immediate complications.")))
    if g.p(0.5):
        secs.append(("indications", g.s(f"The patient has {dx} and elected to proceed with surgery after discussion of risks.",
                                        f"{dx} refractory to conservative management.")))
    secs.append(("findings", g.s("As expected.", f"Consistent with {dx}.", "No unexpected findings.",
                                 "Dense adhesions; otherwise as anticipated.")))
    secs.append(("op_description", g.s(
        "The patient was identified in the holding area and brought to the operating room. After induction of "
        "anesthesia the patient was positioned, prepped and draped in the usual sterile fashion. A time-out was "
        "performed. An incision was made and carried down through the subcutaneous tissue. At the conclusion, the "
        "wound was irrigated and closed in layers. Sponge, needle and instrument counts were correct.",
        "Following timeout and antibiotic prophylaxis, access was obtained and the operation proceeded without "
        "difficulty. Hemostasis was achieved. The fascia was closed with running suture and the skin with staples. "
        "The patient was extubated and taken to the recovery room in stable condition.",
        "Ports were placed under direct vision after insufflation. The dissection was completed, the specimen "
        "placed in a retrieval bag and removed. The port sites were closed. The patient tolerated the procedure well.",
        "After appropriate positioning and padding of pressure points, the limb was exsanguinated and the tourniquet "
        "inflated. Exposure was obtained, the pathology addressed, and the wound closed. Sterile dressing applied.")))
    return secs


def _procedure(g: _G) -> Sections:
    name, ind, desc = g.pick(P.BEDSIDE)
    secs: Sections = [("operation", f"{name}."), ("indications", f"{ind}.")]
    secs.append(("consent", g.s("Risks, benefits and alternatives discussed; written consent obtained. Time-out performed.",
                                "Informed consent signed. Universal protocol followed.",
                                "Consent obtained from the patient's health care proxy. Time out completed.",
                                "Emergent procedure; consent implied.")))
    if g.p(0.6):
        secs.append(("anesthesia", g.s("1% lidocaine local.", "Moderate sedation with midazolam and fentanyl.",
                                       "Propofol sedation by anesthesia.", "Local anesthesia.", "Topical anesthesia.")))
    secs.append(("op_description", str(desc).format(vol=g.n(1, 6)) + " " + g.s(
        "The site was cleaned and a dressing applied.", "The patient tolerated the procedure well.",
        "Post-procedure imaging confirmed position.", "")))
    if g.p(0.5):
        secs.append(("findings", g.s("As described.", "Normal study.", "Small polyp removed.", "Fluid sent for analysis.",
                                     "Two nonbleeding ulcers.", "Single-vessel disease.", "Mild erythema of the antrum.",
                                     "Hemorrhoids, otherwise normal to the cecum.")))
    if g.p(0.4):
        secs.append(("impression", g.s(f"Findings consistent with {g.acute()}.", "Successful procedure.",
                                       "Normal examination.", "Nonbleeding ulcer; biopsies taken.",
                                       f"Suspected {g.acute()}; await pathology.")))
    if g.p(0.4):
        secs.append(("specimens", g.s("Fluid to lab.", "Biopsies to pathology.", "None.", "Cultures sent.")))
    secs.append(("complications", g.s("None.", "None immediate.", "No complications.", "Minimal bleeding.")))
    if g.p(0.4):
        secs.append(("ebl", g.s("Minimal.", "None.", "Less than 5 mL.")))
    if g.p(0.5):
        secs.append(("post_plan", g.s("Follow up fluid studies.", "Await pathology.", "Monitor vitals per protocol.",
                                      "Chest X-ray to confirm placement.", "Resume diet.")))
    return secs


def _lab(g: _G) -> Sections:
    kind = g.s("panel", "micro", "panel", "panels")
    secs: Sections = [("collected", f"{g.n(1, 12)}/{g.n(1, 28)}/2025 {g.n(0, 23):02d}:{g.n(0, 59):02d}")]
    if g.p(0.4):
        secs.append(("ordering", g.doctor()))
    if kind == "micro":
        org = g.pick(P.ORGANISMS)
        abx = g.rng.sample(P.ANTIBIOTICS, g.n(4, 9))
        rows = "\n".join(f"{a:<32}{g.rng.choice(('S', 'S', 'R', 'I'))}   MIC {g.rng.choice(('<=1', '2', '4', '>=16', '0.5'))}"
                         for a in abx)
        secs.append(("source", g.s("Urine, midstream", "Blood, peripheral", "Wound, left foot", "Sputum", "Urine, catheter")))
        secs.append(("lab_results", (f"{g.s('Culture:', 'Organism:', 'Isolate 1:')} "
                                    f"{g.s('>100,000 CFU/mL', 'Moderate growth', 'Growth in 2 of 2 bottles', '')} {org}\n"
                                    f"{g.s('Susceptibility', 'Antimicrobial susceptibility', 'Sensitivities')}:\n{rows}")))
    else:
        panels = g.rng.sample(P.LAB_PANELS, 1 if kind == "panel" else g.n(2, 4))
        blocks = []
        for title, analytes in panels:
            lines = [str(title).upper() if g.p(0.5) else str(title)]
            for an, unit, lo, hi in analytes:
                span = hi - lo
                v = max(lo * 0.4, lo + span * g.rng.uniform(-0.4, 1.4))
                flag = "H" if v > hi else ("L" if v < lo else "")
                val = f"{v:.2f}" if hi < 10 else f"{v:.0f}" if hi > 50 else f"{v:.1f}"
                ref = f"{lo}-{hi}"
                lines.append(g.s(f"{an:<26}{val:>8} {flag:<2} {unit:<8} ({ref})",
                                 f"{an}: {val} {unit} {flag} [ref {ref}]",
                                 f"{an} {val}{' ' + flag if flag else ''} {unit} Ref: {ref}",
                                 f"{an:<24}{val:>7} {unit:<8}{ref:<12}{flag}"))
            blocks.append("\n".join(lines))
        secs.append(("lab_results", "\n\n".join(blocks)))
    if g.p(0.5):
        secs.append(("lab_comment", g.s("Critical value called to and read back by the nurse.", "Specimen slightly hemolyzed.",
                                        "Verified by technologist.", "Final report.", "Reference ranges are adult values.")))
    return secs


def _pathology(g: _G) -> Sections:
    spec, dx = g.pick(P.PATH_SPECIMENS)
    secs: Sections = [("specimen", g.s(f"A. {spec}.", f"{spec}.", f"Part 1: {spec}.", f"Received: {spec}."))]
    if g.p(0.7):
        secs.append(("path_history", g.s(f"{g.acute()}.", "Rule out malignancy.", "Mass.", f"History of {g.chronic()}.",
                                         "Screening.", "Abnormal imaging.")))
    if "cytology" in spec or "FNA" in spec or "aspiration" in spec or "Pap" in spec:
        secs.append(("adequacy", g.s("Satisfactory for evaluation.", "Adequate; cellular specimen.",
                                     "Limited by blood; still adequate.", "Satisfactory; transformation zone present.")))
        secs.append(("path_dx", f"{spec}: {dx}."))
        return secs
    secs.append(("gross", g.s(
        f"Received in formalin labeled with the patient's name, a tan-white tissue fragment measuring {g.n(1, 6)}.{g.n(0, 9)} cm. "
        "Bisected and entirely submitted in one cassette.",
        f"The specimen consists of {g.n(2, 9)} fragments of soft tan tissue aggregating {g.n(1, 4)} cm. Entirely submitted.",
        f"Received fresh is an oriented specimen measuring {g.n(3, 20)} x {g.n(2, 9)} x {g.n(1, 5)} cm. Margins inked; "
        "representative sections submitted A1-A8.",
        "Multiple cores of tan tissue, submitted in toto.")))
    if g.p(0.8):
        secs.append(("micro", g.s("Sections show the diagnostic features described below.",
                                  "Histologic sections demonstrate an infiltrative neoplasm with desmoplastic stroma.",
                                  "Sections reveal chronic inflammation without dysplasia.",
                                  "Immunohistochemical stains support the diagnosis; controls stain appropriately.",
                                  "No malignancy is identified in the levels examined.")))
    secs.append(("path_dx", f"{spec.upper() if g.p(0.5) else spec}: {dx}."))
    if g.p(0.4):
        secs.append(("path_comment", g.s("Case reviewed at intradepartmental consensus conference.",
                                         "Margins are negative; closest margin 0.3 cm.", "Clinical correlation recommended.",
                                         f"Tumor size {g.n(1, 5)}.{g.n(0, 9)} cm; lymphovascular invasion not identified.")))
    return secs


BUILDERS: dict[str, Callable[[_G], Sections]] = {
    ED: _ed, PROGRESS: _progress, HP: _hp, CONSULT: _consult, RADIOLOGY: _radiology, DISCHARGE: _discharge,
    OPERATIVE: _operative, PROCEDURE: _procedure, LAB: _lab, PATHOLOGY: _pathology, REFERRAL: _referral,
}

TITLES: dict[str, tuple[str, ...]] = {
    ED: ("Emergency Department Note", "ED Provider Note", "Emergency Room Report", "ED Physician Documentation",
         "Emergency Medicine Note", "ER Note", "Emergency Department Visit", "ED Visit Note",
         "Emergency Department Record", "Emergency Physician Report", "ED Note", "Emergency Room Visit"),
    PROGRESS: ("Progress Note", "Clinic Note", "Office Visit", "Follow-up Visit", "Return Visit", "Outpatient Progress Note",
               "{spec} Clinic Note", "Hospitalist Progress Note", "Daily Progress Note", "Interval Note",
               "Established Patient Visit", "{spec} Follow-up", "Telehealth Visit", "Office Note", "SOAP Note",
               "Medicine Progress Note", "Clinic Follow-up Note", "Outpatient Visit"),
    HP: ("History and Physical", "Admission H&P", "Admission Note", "Admission History and Physical Examination",
         "Hospital Admission Note", "Pre-operative History and Physical", "H&P", "Admitting History and Physical",
         "Medicine Admission Note", "History & Physical", "Inpatient Admission Note", "Admission History"),
    CONSULT: ("Consultation", "{spec} Consultation", "Consult Note", "Inpatient Consultation", "New Patient Consultation",
              "Consultation Letter", "{spec} Consult", "Consultation Report", "Consult", "Outpatient Consultation"),
    RADIOLOGY: ("Radiology Report", "Diagnostic Imaging Report", "{exam}", "Imaging Report", "{exam} Report",
                "Report of Examination", "Radiology", "Final Report"),
    DISCHARGE: ("Discharge Summary", "Hospital Discharge Summary", "D/C Summary", "Discharge Note",
                "Discharge Summary Report", "Transfer Summary", "Summary of Hospitalization", "Inpatient Discharge Summary"),
    OPERATIVE: ("Operative Report", "Operative Note", "Brief Operative Note", "Operation Report", "Op Note",
                "Surgical Report", "Procedure Report - Operating Room", "Operative Record"),
    PROCEDURE: ("Procedure Note", "{proc} Procedure Note", "Bedside Procedure Note", "Procedure Report", "{proc} Report",
                "Brief Procedure Note", "Endoscopy Report", "Interventional Procedure Note"),
    LAB: ("Laboratory Report", "Lab Results", "Clinical Laboratory Report", "Microbiology Report", "Chemistry",
          "Cumulative Lab Report", "Hematology", "Result Report"),
    REFERRAL: ("Referral Letter", "Referral", "Referral Request", "Request for Consultation", "Letter of Referral",
               "Outpatient Referral"),
    PATHOLOGY: ("Surgical Pathology Report", "Pathology Report", "Cytopathology Report", "Dermatopathology Report",
                "Surgical Pathology", "Pathology Consultation", "Final Pathology Report", "Histopathology Report"),
}
NOTE_TYPES = tuple(BUILDERS)

STYLES = ("dictated", "ehr", "terse", "narrative", "dictated", "ehr", "inline", "soap")


def _terse_heading(key: str, heading: str, rng: random.Random | None = None) -> str:
    if rng is not None and key in ("assessment", "ap", "recs", "plan", "ed_dx") and rng.random() < 0.35:
        return rng.choice(("A", "P", "A/P", "Imp", "A&P")) if key != "recs" else rng.choice(("P", "Recs", "Plan"))
    short = {"cc": "CC", "hpi": "HPI", "pmh": "PMH", "psh": "PSH", "meds": "Meds", "allergies": "All", "social": "SH",
             "family": "FH", "ros": "ROS", "exam": "PE", "ap": "A/P", "results": "Labs", "dispo": "Dispo", "mdm": "MDM",
             "ebl": "EBL", "preop": "Pre-op dx", "postop": "Post-op dx", "followup": "F/u", "dc_meds": "D/c meds",
             "recs": "Recs", "vitals": "VS", "subjective": "S", "objective": "O", "soap_a": "A", "soap_p": "P"}
    return short.get(key, heading)


def render(code: str, rng: random.Random, split: Split = "train") -> str:
    g = _G(rng, split)
    secs = BUILDERS[code](g)
    style = str(g.pick(STYLES))
    if code == PROGRESS and any(k == "subjective" for k, _ in secs):
        style = g.s("soap", "terse", "ehr", "dictated")
    letter = any(k == "letter_open" for k, _ in secs)
    raw = any(k == "raw" for k, _ in secs)
    # drop a few optional sections for variety (never the first two or the last)
    if len(secs) > 4 and not raw:
        secs = secs[:2] + [s for s in secs[2:-1] if g.p(0.85)] + secs[-1:]
    out: list[str] = []
    for key, body in secs:
        if key in ("letter_open", "letter_close", "raw"):
            out.append(body)
            continue
        heading = str(g.pick(HEADINGS[key]))
        if style == "terse":
            heading = _terse_heading(key, heading, g.rng)
        if style == "narrative" or (letter and key not in ("recs",)):
            out.append(body)
        elif style == "dictated":
            out.append(f"{heading.upper()}: {body}" if g.p(0.7) else f"{heading.upper()}:\n{body}")
        elif style == "ehr":
            out.append(f"{heading}\n{body}" if g.p(0.5) else f"{heading}: {body}")
        elif style == "soap":
            out.append(f"{_terse_heading(key, heading)}: {body}")
        else:  # terse / inline
            out.append(f"{heading}: {body}")
    if style == "narrative" and not letter:
        # paragraphs: merge sections two or three at a time
        merged, buf = [], []
        for part in out:
            buf.append(part)
            if len(buf) >= g.n(1, 4):
                merged.append(" ".join(buf))
                buf = []
        if buf:
            merged.append(" ".join(buf))
        out = merged
    sep = "\n" if style in ("terse", "inline", "soap") else "\n\n"
    text = sep.join(out)
    if g.p(0.3 if raw else 0.6):
        title = str(g.pick(TITLES[code]))
        title = title.replace("{spec}", g.specialty().title())
        if "{exam}" in title:
            exam = next((b for k, b in secs if k == "exam_name"), "Imaging").rstrip(".")
            title = title.replace("{exam}", exam)
        if "{proc}" in title:
            proc = next((b for k, b in secs if k == "operation"), "Procedure").rstrip(".")
            title = title.replace("{proc}", proc.split(",")[0].title())
        if style == "dictated" or g.p(0.4):
            title = title.upper()
        text = f"{title}\n\n{text}"
    if g.p(0.25):
        text += "\n\n" + g.s("Electronically signed by", "Dictated by", "Signed:", "Attending:", "Transcribed by",
                             "Reviewed and signed by") + f" {g.doctor()}" + g.s(", MD", "", ", DO", " on 2025-03-04", "")
    return text


__all__ = ["BUILDERS", "NOTE_TYPES", "TITLES", "render"]
