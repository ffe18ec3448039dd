"""Builds dev pages d03.. (identifier types) from inline markup: <<type:o|text>> someone
else's, <<type:p|text>> the patient's, <<keep|text>> must not be proposed. Written by the
recogniser author for tuning; all people and identifiers invented. Appends to labels.jsonl
(d01/d02 are kept as they are).

    python3 bench/devsets/roi/src/build_ids.py
"""
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
MARK = re.compile(r"<<(?:(?P<type>[a-z\-]+):(?P<whose>[op])|keep)\|(?P<text>[^>]+)>>")

PAGES = [
    ("d03.txt", {"name": "Darnell Fitch", "mrn": "BW-4410932", "dob": "1985-09-30"}, """\
EMERGENCY DEPARTMENT - TRAUMA FLOW SHEET        <<keep|Brightwater Regional Medical Center>>
Patient: <<name:p|Darnell Fitch>>   MRN: <<mrn:p|BW-4410932>>   DOB: <<date:p|09/30/1985>>
Arrival: <<date:p|05/14/2025>> 22:41 by EMS after a two-vehicle collision.

Identification: patient's Driver's License No. <<license:p|F4420-77183-09>> (state of issue OH), photo matched.
Patient vehicle: License Plate <<vehicle:p|HJK-4471>>, VIN: <<vehicle:p|2T1BURHE5JC043321>>.
Other driver: <<name:o|Keisha Monroe>>, DL# <<license:o|M220-4418-7731>>, plate no. <<vehicle:o|KLM 2290>>,
vehicle VIN <<vehicle:o|1FTFW1ET5DFC10312>>; she was taken to another facility.
Responding officer: Officer <<name:o|Glen Hartwell>>, badge #<<other-id:o|4471>>, police report no. <<other-id:o|PR-2025-118830>>.
Insurance: member ID <<health-plan:p|ZQM440912771>>, group no. <<health-plan:p|77120>>.

Primary survey intact. CT head negative. Laceration of the left forearm repaired, 6 sutures.
Tetanus given. <<keep|Frank discussion>> with the patient about seat belt use.
Attending: <<keep|Dr. Miriam Osei>>, NPI <<keep|1497758312>>, DEA <<keep|BO4417723>>.
Scribe: <<name:o|Tyler Brandt>>, employee ID <<other-id:o|E-558123>>.
"""),
    ("d04.txt", {"name": "Harriet Lowe", "mrn": "00713358", "dob": "1941-12-02"}, """\
DEVICE CLINIC NOTE - ELECTROPHYSIOLOGY
Patient: <<name:p|Harriet Lowe>>   Med Rec #<<mrn:p|00713358>>   DOB <<date:p|12/02/1941>>
Date of service: <<date:p|03/18/2025>>

Pacemaker: Medtronic Azure XT DR, model W1DR01, serial no. <<device:p|RNB448129S>>.
RA lead serial number: <<device:p|PJN7731209>>; RV lead S/N <<device:p|PJN7731288>>.
UDI: <<device:p|(01)00643169007222(17)270131(21)RNB448129S>>
Remote monitor device ID <<device:p|MC-24-88129-A>> paired to the home transmitter.
Insulin pump: serial # <<device:p|PT-10047723>>. CGM transmitter ID: <<device:p|8H3K2Q>>.
Her daughter <<name:o|Janet Lowe>> uses a phone (IMEI <<device:o|356938035643809>>) for the app.

Interrogation: battery 9.5 years, no arrhythmia episodes. Thresholds stable.
Lot number of the lead adaptor recorded by <<keep|Dr. Paul Nyberg>>.
Next remote check in 91 days.
<<keep|Paul Nyberg, MD>>
"""),
    ("d05.txt", {"name": "Oscar Delgado", "mrn": "KM2204481", "dob": "1966-04-11"}, """\
RELEASE OF INFORMATION - CORRESPONDENCE LOG
Patient: <<name:p|Oscar Delgado>>   MRN <<mrn:p|KM2204481>>   DOB <<date:p|04/11/1966>>

Request received from <<name:o|Laura Whitfield>>, Esq., Whitfield & Ames LLP, re: case no. <<other-id:o|CV-2025-004471>>.
Court docket number: <<other-id:o|24-CV-33910>>. Claim number: <<account:o|CLM-7720931>>.
Processed by <<name:o|Bethany Cole>>, HIM specialist (employee ID: <<other-id:o|HIM-20417>>).
Reference #: <<other-id:o|ROI-88412>>. Tracking number <<other-id:o|1Z999AA10123456784>>.
Treating physician: <<keep|Dr. Anil Sharma>> (NPI <<keep|1326047711>>, medical license <<keep|MD-0448812>>).
Patient's passport number: <<other-id:p|X48812734>>. Patient portal user ID: <<other-id:p|odelgado66>>.
Bank routing number <<keep|021000021>> was given for the copy fee; IRB protocol <<keep|2024-0117>> is unrelated.
Invoice no. <<account:p|INV-448120>> sent.
"""),
    ("d06.txt", {"name": "Mei-Ling Park", "mrn": "PG0088412", "dob": "1990-06-25"}, """\
FACE SHEET / REGISTRATION
Name: <<name:p|Mei-Ling Park>>        MRN: <<mrn:p|PG0088412>>      DOB: <<date:p|06/25/1990>>
Address: <<geographic:p|118 Larkspur Lane>>, <<geographic:p|Fairview, OR 97024>>
Driver's license: <<license:p|OR 5512093>>     SSN: <<ssn:p|533-10-7728>>
Employer: Cascade Timber Supply, employee no. <<other-id:p|CTS-00912>>
Guarantor: <<name:o|Daniel Park>> (spouse), DL <<license:o|OR 6620118>>, employer ID <<other-id:o|ND-7731>>
Fingerprint template ID: <<biometric:p|FPT-00228841>> (pharmacy cabinet access, biometric enrolled)
Patient photo on file: <<photo:p|IMG_20250402_0931.jpg>>
Emergency contact photo ID checked: <<photo:o|contact_photo_8841.png>>
Primary insurance: Pacific Health, subscriber ID <<health-plan:o|PHX99120448>> (subscriber <<name:o|Daniel Park>>)
Registered by <<name:o|Carmen Ruiz>>, registration clerk, badge <<other-id:o|R-3310>>.
Attending: <<keep|Dr. Lionel Grant>>.
"""),
]


def build() -> None:
    lines = [ln for ln in (HERE / "labels.jsonl").read_text().splitlines()
             if ln.strip() and json.loads(ln)["page"] in ("d01.txt", "d02.txt")]
    for name, patient, marked in PAGES:
        redact, keep = [], []
        for m in MARK.finditer(marked):
            if m.group("type"):
                item = {"text": m.group("text"), "type": m.group("type"),
                        "whose": "other" if m.group("whose") == "o" else "patient"}
                if item not in redact:
                    redact.append(item)
            elif m.group("text") not in keep:
                keep.append(m.group("text"))
        (HERE / "pages" / name).write_text(MARK.sub(lambda m: m.group("text"), marked))
        lines.append(json.dumps({"page": name, "patient": patient, "redact": redact, "keep": keep}))
    (HERE / "labels.jsonl").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    build()
