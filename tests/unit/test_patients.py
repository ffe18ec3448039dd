"""Patient index: import (CSV / FHIR bundle, all or nothing), matching order, typos, misfiles.

Index-backed tests run on SQLite and on PostgreSQL (127.0.0.1:5432, database `test`, one
schema per run, dropped afterwards)."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from himflow.errors import RejectedInput
from indexing.identifiers import extract
from indexing.patients import (
    MemoryPatientIndex,
    Patient,
    PatientIndex,
    import_patients,
    match_patient,
    misfile_check,
    parse_patients,
)
from schemas.events import PatientHints, PatientUpserted

CSV_OK = """patient_id,mrn,family,given,birth_date,sex
p1,100001,Kowalski,Olga,1956-03-14,female
p2,100002,Haddad,Ahmed,1980-07-01,male
p3,100003,Nguyen,Mei,1992-11-30,female
p4,100004,Nguyen,Wei,1992-11-30,male
"""

CSV_BROKEN = """patient_id,mrn,family,given,birth_date,sex
p5,200001,Okafor,Kwame,1970-01-01,male
p6,,Tanaka,Hannah,1988-02-02,female
p7,200003,Novak,Ivan,1975-13-40,male
p8,200004,,Lucia,1990-05-05,female
p9,200005,Perez,Diego,1966-06-06,male
"""


def bundle(*patients: dict) -> dict:
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"resource": {"resourceType": "Patient", **p}} for p in patients]}


def fhir_patient(pid: str, mrn: str, family: str, given: str, dob: str) -> dict:
    return {"id": pid, "identifier": [{"type": {"coding": [{"code": "MR"}]}, "system": "urn:hosp:mrn", "value": mrn}],
            "name": [{"use": "official", "family": family, "given": [given]}], "birthDate": dob, "gender": "female"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def index(request, tmp_path):
    if request.param == "sqlite":
        idx = PatientIndex(f"sqlite:///{tmp_path / 'patients.db'}")
        idx.create_schema()
        yield idx
        idx.engine.dispose()
        return
    engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test")
    schema = f"himflow_test_{uuid.uuid4().hex[:10]}"
    with engine.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        idx = PatientIndex(engine, schema=schema)
        idx.create_schema()
        yield idx
    finally:
        with engine.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def loaded(index, tmp_path):
    f = tmp_path / "patients.csv"
    f.write_text(CSV_OK)
    report = import_patients(f, index=index)
    assert report.ok and report.imported == 4
    return index


def test_csv_import_fills_the_index(loaded):
    assert loaded.count() == 4
    p = loaded.get_by_mrn("100001")
    assert (p.patient_id, p.family, p.birth_date) == ("p1", "Kowalski", date(1956, 3, 14))


def test_broken_rows_are_reported_by_row_and_nothing_is_imported(index, tmp_path):
    f = tmp_path / "broken.csv"
    f.write_text(CSV_BROKEN)
    report = import_patients(f, index=index)
    assert not report.ok and report.imported == 0 and report.rows == 5
    assert {(e.row, e.field) for e in report.errors} == {(2, "mrn"), (3, "birth_date"), (4, "family")}
    assert index.count() == 0  # rows 1 and 5 were valid: still not half-imported
    assert all("Tanaka" not in e.message and "1975" not in e.message for e in report.errors)


def test_fhir_bundle_import_and_reimport_is_idempotent(index, tmp_path):
    f = tmp_path / "bundle.json"
    f.write_text(json.dumps(bundle(fhir_patient("f1", "300001", "Schneider", "Emma", "1944-04-04"),
                                   fhir_patient("f2", "300002", "Walker", "Noah", "2001-01-21"))))
    assert import_patients(f, index=index).imported == 2
    assert import_patients(f, index=index).imported == 2
    assert index.count() == 2
    assert index.get("f2").given == "Noah"


def test_fhir_bundle_with_a_bad_entry_imports_nothing(index, tmp_path):
    f = tmp_path / "bundle.json"
    doc = bundle(fhir_patient("f1", "300001", "Schneider", "Emma", "1944-04-04"),
                 fhir_patient("f2", "300002", "Walker", "Noah", "21.01.2001"))
    doc["entry"].append({"resource": {"resourceType": "Observation"}})
    f.write_text(json.dumps(doc))
    report = import_patients(f, index=index)
    assert [(e.row, e.field) for e in report.errors] == [(2, "birth_date"), (3, "resource")]
    assert index.count() == 0


def test_an_mrn_already_owned_by_another_patient_rejects_the_whole_file(loaded, tmp_path):
    f = tmp_path / "more.csv"
    f.write_text("patient_id,mrn,family,given,birth_date\nn1,400001,Young,Sarah,1999-09-09\n"
                 "n2,100002,Lee,Raj,1950-05-05\n")
    report = import_patients(f, index=loaded)
    assert not report.ok and report.errors[0].row == 2
    assert loaded.get("n1") is None and loaded.count() == 4


def test_duplicate_mrn_inside_one_file_is_a_row_error(tmp_path):
    f = tmp_path / "dup.csv"
    f.write_text("mrn,family,given\n1,A,B\n2,C,D\n1,E,F\n")
    _, report = parse_patients(f)
    assert [(e.row, e.field) for e in report.errors] == [(3, "mrn")]


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"{not json"])
def test_unreadable_files_are_typed_rejections(tmp_path, content):
    f = tmp_path / "x.json"
    f.write_bytes(content)
    with pytest.raises(RejectedInput):
        parse_patients(f)


def test_csv_without_required_columns_is_reported():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "x.csv"
        f.write_text("name,dob\nA,2000-01-01\n")
        _, report = parse_patients(f)
    assert {e.field for e in report.errors} == {"mrn", "family"}


# ---- matching ------------------------------------------------------------------------------
def page(*, name: str | None = None, dob: str | None = None, mrn: str | None = None):
    lines = [f"Patient: {name}" if name else "", f"DOB: {dob}" if dob else "", f"MRN: {mrn}" if mrn else "",
             "PROGRESS NOTE", "Feels better today."]
    return extract("\n".join(lines))


def test_upload_metadata_wins_over_the_text(loaded):
    m = match_patient(hints=PatientHints(mrn="100002", source="upload"), identifiers=page(mrn="100001"), index=loaded)
    assert (m.patient_id, m.method, m.score) == ("p2", "upload", 1.0)
    assert "misfile:mrn-mismatch" in m.reasons


def test_cover_sheet_barcode_comes_next(loaded):
    m = match_patient(hints=PatientHints(mrn="100003", source="coversheet"), identifiers=page(), index=loaded)
    assert (m.patient_id, m.method) == ("p3", "coversheet") and m.reasons == ()


def test_unknown_hint_mrn_falls_through_to_the_text(loaded):
    m = match_patient(hints=PatientHints(mrn="999999", source="upload"), identifiers=page(mrn="100001"), index=loaded)
    assert (m.patient_id, m.method) == ("p1", "mrn")
    assert "upload-mrn-not-in-index" in m.reasons


def test_exact_mrn_in_the_text(loaded):
    m = match_patient(hints=None, identifiers=page(mrn="100004", name="Nguyen, Wei", dob="11/30/1992"), index=loaded)
    assert (m.patient_id, m.method) == ("p4", "mrn") and m.score >= 0.95


def test_mrn_whose_page_demographics_disagree_scores_low(loaded):
    m = match_patient(hints=None, identifiers=page(mrn="100004", name="Haddad, Ahmed", dob="07/01/1980"), index=loaded)
    assert m.patient_id == "p4" and m.score < 0.9
    assert "misfile:name-mismatch" in m.reasons


@pytest.mark.parametrize("name,dob,expected", [
    ("Kowalski, Olga", "03/14/1956", "p1"),  # exact
    ("Kowalsky, Olga", "03/14/1956", "p1"),  # family typo
    ("Kowalski, Olag", "03/14/1956", "p1"),  # given transposition
    ("Olga Kowalski", "1956-03-14", "p1"),  # other order
    ("Haddad, Ahmed", "07/01/1981", "p2"),  # one digit wrong in the year
    ("Hadad, Ahmed", "01/07/1980", "p2"),  # typo + day/month swapped
])
def test_name_and_birth_date_match_tolerates_typos(loaded, name, dob, expected):
    m = match_patient(hints=None, identifiers=page(name=name, dob=dob), index=loaded)
    assert (m.patient_id, m.method) == (expected, "demographics"), m
    assert m.score >= 0.85


def test_twins_with_similar_names_and_a_typo_are_not_guessed(loaded):
    m = match_patient(hints=None, identifiers=page(name="Nguyen, Mai", dob="11/30/1992"), index=loaded)
    # Mei (p3) is closer than Wei (p4), both share family name and birth date: must not guess
    assert m.patient_id in (None, "p3")
    if m.patient_id is None:
        assert {c.patient_id for c in m.candidates} >= {"p3", "p4"}


def test_wrong_birth_date_or_no_birth_date_never_files_by_name_alone(loaded):
    assert match_patient(hints=None, identifiers=page(name="Kowalski, Olga", dob="08/22/1971"),
                         index=loaded).patient_id is None
    m = match_patient(hints=None, identifiers=page(name="Kowalski, Olga"), index=loaded)
    assert m.patient_id is None and m.method == "none" and m.candidates[0].patient_id == "p1"


def test_no_identifiers_at_all_is_method_none(loaded):
    m = match_patient(hints=None, identifiers=extract("blank page"), index=loaded)
    assert (m.patient_id, m.method, m.score) == (None, "none", 0.0)
    assert "no-patient-name-found" in m.reasons


def test_matching_works_over_a_plain_list():
    people = [Patient(patient_id="a", mrn="1", family="Brown", given="Liam", birth_date=date(2000, 1, 1))]
    m = match_patient(hints=None, identifiers=page(name="Browne, Liam", dob="01/01/2000"), index=people)
    assert (m.patient_id, m.method) == ("a", "demographics")
    assert isinstance(MemoryPatientIndex(people).get("a"), Patient)


def test_misfile_check_lists_each_disagreement():
    p = Patient(patient_id="a", mrn="100001", family="Kowalski", given="Olga", birth_date=date(1956, 3, 14))
    assert misfile_check(page(name="Kowalski, Olga", dob="03/14/1956", mrn="100001"), p) == []
    assert misfile_check(page(name="Perez, Diego", dob="06/06/1966", mrn="555555"), p) == [
        "misfile:mrn-mismatch", "misfile:birth-date-mismatch", "misfile:name-mismatch"]
    assert misfile_check(extract("no demographics here"), p) == []


def test_patients_topic_events_upsert_idempotently(index):
    ev = PatientUpserted(patient_id="t1", mrn="700001", family="Thompson", given="Emma", birth_date="1990-02-03")
    index.apply_event(ev)
    index.apply_event(ev)
    index.apply_event(ev.model_copy(update={"given": "Emily"}))
    assert index.count() == 1 and index.get("t1").given == "Emily"
    with pytest.raises(RejectedInput):
        index.apply_event(PatientUpserted(patient_id="t2", mrn="700-001", family="Other"))


def test_match_document_extracts_and_matches_in_one_call(loaded):
    from indexing.patients import match_document

    text = "Patient: Kowalsky, Olga\nDOB: 03/14/1956\nDate of Service: 2025-03-02\n\nPROGRESS NOTE\nStable."
    m = match_document(text=text, hints={"mrn": None, "source": "none"}, engine=loaded.engine)
    assert (m.patient_id, m.method, m.service_date) == ("p1", "demographics", "2025-03-02")
    m = match_document(text=text, hints={"mrn": "100002", "source": "upload"}, engine=loaded)
    assert (m.patient_id, m.method) == ("p2", "upload") and "misfile:name-mismatch" in m.reasons
