"""Builds the out-of-scope dev pages (ours, for tuning roi/scope.py; the eval set has no scope
labels). Markup: [[out:<basis>|line]] must be proposed (basis: date or a sensitivity
category), [[in|line]] must be kept. All people and content invented.

    python3 bench/devsets/roi_scope/build.py
"""
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[(?:out:(?P<basis>[a-z0-9\-]+)|in)\|(?P<text>[^\]]+)\]\]")

PAGES = [
    ("s01.txt", {"date_from": "2025-01-01", "date_to": "2025-06-30", "covers": []}, """\
PROGRESS NOTES - Lakeview Family Clinic
Patient: Ann Doe   DOB: 02/03/1950   MRN: LV-220931
Printed 11/20/2026 by HIM

[[in|03/12/2025 Follow-up for hypertension. BP 130/80.]]
[[in|Continue lisinopril 10 mg daily.]]
[[out:date|11/02/2023 Annual visit. Right knee pain.]]
[[out:date|Refer to orthopaedics for the knee.]]
[[in|2025-05-20 Telephone note: refill sent.]]
[[out:date|Sept 7, 2025 Phone call about a rash on the forearm.]]

PAST SURGICAL HISTORY
[[in|2019-04-02 appendectomy]]
[[in|06/11/2018 cholecystectomy]]
"""),
    ("s02.txt", {"date_from": "2025-03-01", "date_to": "2025-03-31", "covers": []}, """\
DISCHARGE SUMMARY - Brightwater Regional Medical Center
Patient: Omar Haddad   MRN: BW-7720188   DOB: 1958-10-14
Admission date: 03/04/2025   Discharge date: 03/09/2025

HOSPITAL COURSE
[[in|Admitted for community-acquired pneumonia; ceftriaxone and azithromycin given.]]
[[in|Oxygen weaned to room air by day 3.]]

PRIOR ADMISSION 01/04/2024
[[out:date|PRIOR ADMISSION 01/04/2024]]
[[out:date|Admitted for cellulitis of the left leg; cefazolin for five days.]]

DISCHARGE MEDICATIONS
[[in|Amoxicillin-clavulanate 875 mg twice daily for 5 days.]]
Electronically signed 04/02/2025 by Dr. Irene Sato
"""),
    ("s03.txt", {"date_from": "2025-01-01", "date_to": "2025-12-31", "covers": []}, """\
CONSULT NOTE - Internal Medicine
Patient: Ruth Calloway   MRN: RC-0044181
Date of service: 04/14/2025

CHIEF COMPLAINT
[[in|Chest pain for two days, worse on exertion.]]

SUBSTANCE USE TREATMENT
[[out:part2|Enrolled in a methadone maintenance program since 2022; counselling weekly.]]
[[out:part2|Urine drug screen reviewed with the program counsellor.]]

MEDICATIONS
[[in|Lisinopril 10 mg daily.]]
[[in|Atorvastatin 20 mg nightly.]]
[[in|Metformin 500 mg twice daily.]]
[[out:part2|Buprenorphine-naloxone 8 mg/2 mg daily per outside clinic.]]

PLAN
[[in|Exercise stress test next week; troponin negative.]]
"""),
    ("s04.txt", {"date_from": "2025-01-01", "date_to": "2025-12-31", "covers": ["hiv-sti"]}, """\
INFECTIOUS DISEASE FOLLOW-UP
Patient: Victor Lamb   MRN: VL-5529031
Visit date: 05/02/2025

HIV CARE
[[in|HIV viral load undetectable on antiretroviral therapy; CD4 612.]]

PSYCHOTHERAPY NOTE
[[out:behavioral|Session focused on grief after his brother's death; psychotherapy continues weekly.]]
[[out:behavioral|Discussed coping strategies and sleep.]]

GENETIC TESTING
[[out:genetic|BRCA2 pathogenic variant reported by the outside laboratory.]]

PLAN
[[in|Return in three months with labs.]]
"""),
    ("s05.txt", {"date_from": "2025-01-01", "date_to": "2025-12-31", "covers": ["part2", "behavioral"]}, """\
BEHAVIORAL HEALTH INTAKE
Patient: Lena Ortiz   MRN: LO-3310472
Date of service: 02/11/2025

[[in|Presents for alcohol use disorder treatment; naltrexone started.]]
[[in|Screened for major depressive disorder; PHQ-9 of 14.]]
SOCIAL HISTORY
[[in|Denies any HIV risk factors; works as a teacher.]]
PLAN
[[in|Follow-up in two weeks.]]
"""),
    ("s06.txt", {"date_from": "2025-06-01", "date_to": "2025-08-31", "covers": []}, """\
OUTSIDE RECORDS RECEIVED - Riverside Orthopaedics
Patient: Sam Kato   MRN: SK-1200394   DOB 07/22/1977
Received 09/30/2025

VISIT OF JULY 2025
[[in|Right shoulder pain; MRI ordered.]]

VISIT OF MAY 2025
[[out:date|VISIT OF MAY 2025]]
[[out:date|Left wrist sprain; splint applied.]]

[[in|15-AUG-2025 Post-op check, wound healing well.]]
[[out:date|02 Sep 2025 Suture removal, no infection.]]
"""),
]


def build() -> None:
    out = []
    for name, scope, marked in PAGES:
        outs, ins = [], []
        for m in MARK.finditer(marked):
            (outs.append({"text": m.group("text"), "basis": m.group("basis")}) if m.group("basis")
             else ins.append(m.group("text")))
        text = MARK.sub(lambda m: m.group("text"), marked)
        # a heading marked on its own line and again in the text: keep one copy
        text = re.sub(r"^(.+)\n\1$", r"\1", text, flags=re.MULTILINE)
        (HERE / "pages" / name).write_text(text)
        out.append(json.dumps({"page": name, "scope": scope, "out": outs, "in": ins}))
    (HERE / "labels.jsonl").write_text("\n".join(out) + "\n")


if __name__ == "__main__":
    build()
