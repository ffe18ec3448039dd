"""Redaction proposals on text: other people's identifiers proposed, the requesting patient's
own and the treating clinicians' kept; the analyzer loads the local spaCy model without
touching the network; sensitive-record labels with evidence and their FHIR security codes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from roi.detect import PatientContext, find
from roi.sensitivity import classify, security_codes

ALICE = PatientContext(family="Whitcombe", given="Alice", mrn="QA7731045", birth_date=date(1961, 3, 14))
TEXT = """PROGRESS NOTE  Brightwater Regional Medical Center
Patient: Alice Whitcombe   MRN: QA7731045   DOB: 03/14/1961
Seen 09/22/2025 by Dr. Samuel Okafor for type 2 diabetes; metformin continued.
Emergency contact: her sister Renata Pruitt, phone (555) 201-4433, renata.p@mail-example.com
Shared room with Bernard Okonkwo (MRN QB2209981).
Fax results to 555.201.4434. Portal https://portal.example.org/p/991 from 10.2.33.14
Samuel Okafor, MD
"""


def _by_whose(findings):
    out: dict[str, set[str]] = {}
    for f in findings:
        out.setdefault(f.whose, set()).add(f.text)
    return out


def test_other_peoples_identifiers_are_proposed_and_the_patients_kept():
    found = find(TEXT, ALICE)
    whose = _by_whose(found)
    assert {"Renata Pruitt", "(555) 201-4433", "renata.p@mail-example.com", "Bernard Okonkwo", "QB2209981",
            "555.201.4434", "https://portal.example.org/p/991", "10.2.33.14"} <= whose["other"]
    assert {"Alice Whitcombe", "QA7731045", "03/14/1961"} <= whose["patient"]
    assert whose["clinician"] == {"Samuel Okafor"}
    assert {f.kind for f in found if f.text == "555.201.4434"} == {"fax"}
    assert not [f for f in found if f.redact and ("metformin" in f.text or "diabetes" in f.text)]


def test_another_patients_mrn_from_the_index_is_proposed_even_unlabelled():
    text = "Results were mixed up with account 44718220 last week."
    plain = {f.text: f.whose for f in find(text, ALICE)}
    assert plain.get("44718220") == "patient"  # an account number of the patient's own chart
    known = {f.text: (f.kind, f.whose) for f in find(text, ALICE, other_mrn=lambda t: t == "44718220")}
    assert known["44718220"] == ("mrn", "other")


def test_the_analyzer_loads_the_local_model_and_never_opens_a_connection():
    probe = (
        "import socket\n"
        "def refuse(*a, **k):\n    raise SystemExit('network: ' + repr(a[1:]))\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from roi.detect import find, PatientContext\n"
        "f = find('Emergency contact: her sister Renata Pruitt, renata@example.com, 555-201-4433.', PatientContext())\n"
        "print(sorted(x.kind for x in f))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "['email', 'name', 'phone']"


def test_sensitive_categories_carry_their_evidence_and_skip_negations():
    text = ("Opioid use disorder on buprenorphine. HIV viral load undetectable. "
            "Denies alcohol use disorder. BRCA1 genetic testing ordered. No psychiatric history.")
    labels = {lab.category: [e[2] for e in lab.evidence] for lab in classify(text)}
    assert labels["part2"] == ["Opioid use disorder", "buprenorphine"]
    assert labels["hiv-sti"] == ["HIV", "viral load"]
    assert labels["genetic"] == ["BRCA1", "genetic testing"]
    assert "behavioral" not in labels  # "No psychiatric history"
    assert classify("Type 2 diabetes, metformin 500 mg.") == []


def test_labels_become_v3_confidentiality_and_sensitivity_codes():
    codes = security_codes(["part2", "hiv-sti", "behavioral"])
    assert {(c["system"].rsplit("/", 1)[1], c["code"]) for c in codes} == {
        ("v3-Confidentiality", "R"), ("v3-ActCode", "ETH"), ("v3-ActCode", "42CFRPart2"),
        ("v3-ActCode", "HIV"), ("v3-ActCode", "STD"), ("v3-ActCode", "PSY"), ("v3-ActCode", "BH")}
    assert security_codes([]) == []


def test_the_released_pdf_writer_makes_image_only_pages_without_metadata():
    import io

    from PIL import Image
    from pypdf import PdfReader

    from roi.pdfout import images_to_pdf

    pdf = images_to_pdf([Image.new("L", (400, 520), 255), Image.new("L", (400, 520), 0)], dpi=100)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2 and float(reader.pages[0].mediabox.width) == 288.0
    assert not reader.metadata and reader.xmp_metadata is None
    assert [p.extract_text() for p in reader.pages] == ["", ""]
    assert reader.pages[1].images[0].image.getpixel((5, 5)) == 0
