"""Encounters in the patient index (issue 15.1): FHIR import, ADT event, document linking."""

import json
from datetime import date

from sqlalchemy import create_engine

from himflow.encounters import link_encounter, list_encounters
from indexing.patients import PatientIndex, import_patients
from schemas.events import PatientUpserted


def _bundle(tmp_path):
    doc = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:p1", "resource": {
            "resourceType": "Patient", "id": "p1",
            "identifier": [{"type": {"coding": [{"code": "MR"}]}, "value": "MR-7788"}],
            "name": [{"family": "Rivera", "given": ["Ana"]}], "birthDate": "1970-02-03"}},
        {"resource": {
            "resourceType": "Encounter", "id": "visit-1", "status": "finished",
            "identifier": [{"value": "V100"}],
            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
            "subject": {"reference": "Patient/p1"},
            "participant": [{"type": [{"coding": [{"code": "ATND"}]}],
                             "individual": {"reference": "Practitioner/dr-house"}}],
            "period": {"start": "2026-03-01T10:00:00Z", "end": "2026-03-05T12:00:00Z"}}},
        {"resource": {
            "resourceType": "Encounter", "id": "MR-7788-ed",  # carries the MRN: replaced
            "class": {"code": "EMER"}, "subject": {"reference": "urn:uuid:p1"},
            "period": {"start": "2026-04-10", "end": "2026-04-10"}}},
    ]}
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(doc))
    return path


def test_import_stores_encounters_of_the_bundles_patient(tmp_path):
    index = PatientIndex(create_engine(f"sqlite:///{tmp_path / 'p.db'}"))
    index.create_schema()
    report = import_patients(_bundle(tmp_path), index=index)
    assert report.ok and report.imported == 1 and report.encounters == 2
    pid = index.get_by_mrn("MR-7788").patient_id
    with index.engine.connect() as c:
        encs = list_encounters(c, patient_id=pid)
        assert [e.enc_class for e in encs] == ["IMP", "EMER"]
        imp, ed = encs
        assert imp.encounter_id == "visit-1" and imp.identifier == "V100" and imp.attending == "dr-house"
        assert imp.discharged_at.date() == date(2026, 3, 5)
        assert ed.encounter_id.startswith("enc-") and "7788" not in ed.encounter_id
        # hint by id or identifier, else the date of service inside one period
        assert link_encounter(c, patient_id=pid, hint="V100", service_date=None) == "visit-1"
        assert link_encounter(c, patient_id=pid, hint=ed.encounter_id, service_date=None) == ed.encounter_id
        assert link_encounter(c, patient_id=pid, hint=None, service_date="2026-03-03") == "visit-1"
        assert link_encounter(c, patient_id=pid, hint=None, service_date="2026-04-10") == ed.encounter_id
        assert link_encounter(c, patient_id=pid, hint=None, service_date="2026-05-01") is None
    # importing again updates, does not duplicate
    assert import_patients(_bundle(tmp_path), index=index).encounters == 2
    with index.engine.connect() as c:
        assert len(list_encounters(c, patient_id=pid)) == 2


def test_encounter_of_no_patient_or_bad_class_fails_the_file(tmp_path):
    index = PatientIndex(create_engine(f"sqlite:///{tmp_path / 'p.db'}"))
    index.create_schema()
    path = _bundle(tmp_path)
    doc = json.loads(path.read_text())
    doc["entry"][1]["resource"]["class"]["code"] = "XYZ"
    doc["entry"][2]["resource"]["subject"]["reference"] = "Patient/nobody"
    path.write_text(json.dumps(doc))
    report = import_patients(path, index=index)
    assert not report.ok and {e.row for e in report.errors} == {3}
    assert index.count() == 0
    doc["entry"][2]["resource"]["subject"]["reference"] = "Patient/p1"
    path.write_text(json.dumps(doc))
    report = import_patients(path, index=index)
    assert not report.ok and [(e.row, e.field) for e in report.errors] == [(2, "class")]
    assert index.count() == 0


def test_adt_event_on_the_patients_topic_adds_the_encounter(tmp_path):
    index = PatientIndex(create_engine(f"sqlite:///{tmp_path / 'p.db'}"))
    index.create_schema()
    ev = PatientUpserted(patient_id="", mrn="MR-1", family="Lee", given="Kim", birth_date="1990-01-01",
                         extra={"encounter": {"resourceType": "Encounter", "identifier": [{"value": "A9"}],
                                              "class": {"code": "AMB"},
                                              "period": {"start": "2026-06-01T09:00:00Z"}}})
    index.apply_event(ev)
    index.apply_event(ev)  # the same event twice: one encounter
    pid = index.get_by_mrn("MR-1").patient_id
    with index.engine.connect() as c:
        encs = list_encounters(c, patient_id=pid)
        assert [(e.identifier, e.enc_class, e.discharged_at) for e in encs] == [("A9", "AMB", None)]
        # an open encounter runs until today
        assert link_encounter(c, patient_id=pid, hint=None, service_date="2026-06-02",
                              today=date(2026, 6, 3)) == encs[0].encounter_id
