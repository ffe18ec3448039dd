"""Document types from the structure of real notes, not from the seed templates' wording:
section headings and setting cues, a known vocabulary from ICD-10-CM (not from the seed), and
auto-file confidence that stays precise on wording the model never saw."""

from __future__ import annotations

import pytest

from indexing.classify import Classifier, build_default
from indexing.classify.features import section_names
from indexing.classify.lexicon import icd_words, is_medical_shape, medical_words
from indexing.decision import Thresholds
from indexing.doctypes import DEFAULT_DOCTYPES
from indexing.seed.corpus import generate_notes

PROGRESS, ED, IMAGING, HP, CONSULT = "11506-3", "34111-5", "18748-4", "34117-2", "11488-4"


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return build_default(DEFAULT_DOCTYPES)


UNTITLED_SOAP_FOLLOW_UP = """\
S: Came back to go over her thyroid numbers and the fatigue. Energy a little better since the dose change
six weeks ago. Still cold in the evenings. No palpitations.
O: BP 118/74, pulse 68. Thyroid not palpable. Skin dry.
TSH 5.9 (was 9.8).
A: Hypothyroidism, improving but not yet at target.
P: Levothyroxine up to 100 mcg. Repeat TSH in 6 weeks, then see me in the office.
"""

ECHO_REPORT = """\
EXAM: Echocardiogram, transthoracic, limited.
INTERPRETATION:
Left ventricle mildly dilated, ejection fraction 40 to 45 percent with inferolateral hypokinesis.
Right ventricular size and function normal. Tricuspid annular plane excursion preserved.
Moderate functional mitral regurgitation; trace aortic insufficiency.
Left atrium moderately enlarged. No pericardial effusion. Estimated right atrial pressure 8 mmHg.
"""

ED_WITHOUT_ED_HEADINGS = """\
Pt is a 36 yo woman who walked in at 03:10 with a swollen lip and hives after eating shrimp at a restaurant,
throat feels tight. EMS was not called. On arrival wheezing, BP 92/58. Epinephrine IM given in triage, then
diphenhydramine, famotidine and methylprednisolone. Watched for 4 hours in the department with no rebound.
Sent home with an epinephrine auto-injector and told to come back right away if symptoms return.
"""

CT_WITH_REASON_HEADING = """\
REASON FOR EXAM: right lower quadrant pain, fever.
CT ABDOMEN PELVIS W CONTRAST
Appendix measures 12 mm with periappendiceal stranding and an appendicolith. No abscess or free air.
Liver, gallbladder, pancreas, spleen and kidneys unremarkable.
IMPRESSION: Acute uncomplicated appendicitis.
"""

ADMISSION_NARRATIVE = """\
Called by the ED to admit this 77 year old man with a week of worsening breathlessness and ankle swelling.
He has ischemic cardiomyopathy and ran out of his water pill. Chest film shows bilateral effusions and
his BNP is 3100. On exam JVP is high and there are crackles to mid lung fields. He takes carvedilol and
apixaban. No allergies. We will admit him to telemetry for IV diuresis, daily weights and an echo.
"""


def test_an_untitled_soap_clinic_follow_up_is_a_progress_note(clf):
    c = clf.classify(UNTITLED_SOAP_FOLLOW_UP)
    assert c.code == PROGRESS and not c.abstained


def test_an_echo_report_is_not_abstained_as_unfamiliar_vocabulary(clf):
    c = clf.classify(ECHO_REPORT)
    assert not c.abstained, c.evidence
    assert c.code == IMAGING


def test_an_emergency_visit_told_as_a_story_is_an_emergency_note(clf):
    c = clf.classify(ED_WITHOUT_ED_HEADINGS)
    assert c.code == ED and not c.abstained


def test_a_ct_report_with_a_reason_heading_is_imaging_not_a_consult(clf):
    c = clf.classify(CT_WITH_REASON_HEADING)
    assert c.code == IMAGING and not c.abstained


def test_an_admission_note_in_prose_is_a_history_and_physical(clf):
    c = clf.classify(ADMISSION_NARRATIVE)
    assert c.code == HP, (c.code, c.alternatives)


def test_ordinary_icd_terms_and_drug_names_are_known_vocabulary(clf):
    words = icd_words()
    assert len(words) > 8000  # built from the ICD-10-CM tabular list, not from the seed templates
    for w in ("hypertension", "fracture", "pneumonia", "cholecystitis", "ventricular", "regurgitation",
              "neoplasm", "osteomyelitis", "laceration", "pregnancy"):
        assert w in words, w
    for drug in ("lisinopril", "rosuvastatin", "apixaban", "empagliflozin", "ceftriaxone", "pantoprazole",
                 "metoprolol", "adalimumab"):
        assert is_medical_shape(drug) or drug in medical_words(), drug
    # a report written only in ICD-10-CM wording the seed never used is known vocabulary
    text = ("Chronic obstructive pulmonary disease with acute lower respiratory infection. Pressure ulcer of "
            "sacral region, stage 3. Nontraumatic subarachnoid hemorrhage. Sequelae of cerebral infarction. "
            "Hypertensive heart and chronic kidney disease with heart failure.")
    from indexing.classify.lexicon import tokens

    assert clf.vectorizer.known_ratio(tokens(text), clf.lexicon) >= 0.95
    assert clf.vectorizer.known_ratio(tokens(text)) < clf.vectorizer.known_ratio(tokens(text), clf.lexicon)


def test_gibberish_is_still_unfamiliar_with_the_large_vocabulary(clf):
    c = clf.classify("vorplix quendra zastimo brellup kwintaro falsimbe droxtel quappin morvelis")
    assert c.abstained and c.evidence[0] == "unfamiliar-vocabulary"


@pytest.mark.parametrize("heading,section", [
    ("EMERGENCY DEPARTMENT COURSE:", "ed_course"), ("ED Course:", "ed_course"), ("Course in the ER:", "ed_course"),
    ("Medical Decision Making:", "mdm"), ("MDM:", "mdm"), ("INTERVAL HISTORY:", "interval_history"),
    ("Pre-operative Diagnosis:", "preop_dx"), ("POSTOP DX:", "postop_dx"), ("Estimated blood loss:", "blood_loss"),
    ("REASON FOR CONSULTATION:", "reason_consult"), ("Hospital Course:", "hospital_course"),
    ("Discharge Medications:", "discharge_meds"), ("COMPARISON:", "comparison"), ("Gross description:", "gross"),
])
def test_heading_variants_map_to_one_clinical_section(heading, section):
    assert section in section_names(f"{heading} text follows here.\n")


def test_answers_that_would_auto_file_are_precise_on_wording_training_never_saw(clf):
    # Held-out split of the note generator: headings, titles and sentences the model never saw.
    docs = generate_notes(split="heldout", per_type=12, seed=2718, noise=0.3)
    threshold = Thresholds().min_type_confidence
    results = [(clf.classify(t), code) for t, code in docs]
    auto = [(r.code, code) for r, code in results if not r.abstained and r.confidence >= threshold]
    assert len(auto) >= 0.6 * len(docs)
    assert sum(p == t for p, t in auto) / len(auto) >= 0.97


def test_a_model_saved_in_format_1_still_loads_and_classifies(clf):
    d = clf.to_dict()
    d["format_version"] = 1
    d.pop("lexicon")
    d["vectorizer"].pop("sections")
    d["vectorizer"].pop("cues")
    n_words = len(d["vectorizer"]["vocab"]) + 2 * len(d["vectorizer"]["heading_codes"])
    import numpy as np

    from indexing.classify.features import _b64
    from indexing.classify.model import SoftmaxModel

    m = SoftmaxModel.from_dict(d["model"])
    d["model"] = {**d["model"], "shape": [n_words, m.W.shape[1]], "W": _b64(m.W[:n_words], "<f2")}
    old = Classifier.from_dict(d)
    assert old.vectorizer.sections == () and old.lexicon  # the lexicon is rebuilt from ICD-10-CM
    assert np.isfinite(old.classify(CT_WITH_REASON_HEADING).confidence)
