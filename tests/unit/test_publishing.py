"""What reaches the patient record as a document's state changes: filed, redelivered,
corrected to another patient, rejected; a dictation preliminary until signed."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
import sqlalchemy as sa

from himflow import db
from himflow.settings import Settings
from publishing.record import publish_for
from schemas import topics
from schemas.events import DocumentIndexed, DocumentStatus


@pytest.fixture
def engine(tmp_path):
    e = db.make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    db.migrate(e)
    return e


def _set(engine, doc_id, **values):
    with engine.begin() as conn:
        db.upsert_document(conn, doc_id, **values)
        if "status" in values:  # people may move final statuses (the web does this)
            conn.execute(db.documents.update().where(db.documents.c.id == doc_id).values(status=values["status"]))


def _published(engine):
    with engine.connect() as conn:
        rows = conn.execute(sa.select(db.outbox).order_by(db.outbox.c.id)).all()
    return [json.loads(r.value) for r in rows if r.topic == topics.PATIENT_RECORD]


def _publish(engine, doc_id, settings):
    return publish_for(engine, DocumentIndexed(doc_id=doc_id, status=DocumentStatus.FILED), settings=settings)


def test_filing_publishes_once_and_a_patient_correction_retracts_and_replaces(engine):
    s = Settings(public_url="https://him.example.org")
    _set(engine, "d1", status="filed", kind="scan", patient_id="pt-1", type_code="18842-5",
         type_display="Discharge summary", media_type="application/pdf", size=10, sha1="a" * 40,
         bucket="intake", object_key="scans/d1.pdf")
    from himflow import text_index as store

    with engine.begin() as conn:
        store.index_text(conn, "d1", "Discharge summary. Metformin 500 mg. Café au lait")
    assert _publish(engine, "d1", s) == 1
    assert _publish(engine, "d1", s) == 0  # a redelivery: nothing again
    first = _published(engine)[0]
    assert first["id"] == "d1" and first["status"] == "current" and first["docStatus"] == "final"
    assert first["subject"]["reference"] == "Patient/pt-1"
    original, text = (c["attachment"] for c in first["content"])
    assert original["url"] == "https://him.example.org/documents/d1/original"
    assert original["contentType"] == "application/pdf" and original["size"] == 10
    assert base64.b64decode(original["hash"]) == bytes.fromhex("a" * 40)
    # The indexed text travels with it: inline, with size and SHA-1 of its UTF-8 bytes, and by URL.
    raw = "Discharge summary. Metformin 500 mg. Café au lait".encode()
    assert text["contentType"] == "text/plain; charset=utf-8"
    assert base64.b64decode(text["data"]) == raw and text["size"] == len(raw)
    assert base64.b64decode(text["hash"]) == hashlib.sha1(raw).digest()
    assert text["url"] == f"https://him.example.org/documents/d1/text/{hashlib.sha1(raw).hexdigest()}"

    _set(engine, "d1", patient_id="pt-2")  # a reviewer moved it to the right patient
    assert _publish(engine, "d1", s) == 2
    retracted, replacement = _published(engine)[1:]
    assert retracted["id"] == "d1" and retracted["status"] == "entered-in-error"
    assert replacement["id"] == "d1.v2" and replacement["subject"]["reference"] == "Patient/pt-2"
    assert replacement["relatesTo"] == [{"code": "replaces", "target": {"reference": "DocumentReference/d1"}}]

    _set(engine, "d1", status="rejected")
    assert _publish(engine, "d1", s) == 1
    assert _published(engine)[-1]["id"] == "d1.v2" and _published(engine)[-1]["status"] == "entered-in-error"
    assert _publish(engine, "d1", s) == 0


def test_a_type_correction_supersedes_and_review_documents_are_not_published(engine):
    s = Settings()
    _set(engine, "d2", status="review", kind="scan", patient_id="pt-1", type_code="11506-3",
         reasons=db.dumps(["type:low-confidence"]))
    assert _publish(engine, "d2", s) == 0
    _set(engine, "d2", status="filed")
    assert _publish(engine, "d2", s) == 1
    _set(engine, "d2", type_code="11488-4", type_display="Consult note")
    assert _publish(engine, "d2", s) == 2
    old, new = _published(engine)[1:]
    assert old["status"] == "superseded" and new["id"] == "d2.v2"
    assert new["type"]["coding"][0]["code"] == "11488-4"


def test_a_dictation_is_preliminary_until_signed_then_final_under_the_same_id(engine):
    s = Settings()
    _set(engine, "d3", status="review", kind="dictation", patient_id="pt-7", type_code="11506-3",
         type_display="Progress note", reasons=db.dumps(["unsigned-dictation"]), hint_author="dr-ruiz")
    assert _publish(engine, "d3", s) == 1
    draft = _published(engine)[0]
    assert draft["docStatus"] == "preliminary" and draft["status"] == "current"
    _set(engine, "d3", status="filed", reasons=db.dumps(["signed-final"]))
    assert _publish(engine, "d3", s) == 1
    signed = _published(engine)[1]
    assert signed["id"] == draft["id"] == "d3" and signed["docStatus"] == "final"


def test_fhir_puts_go_through_the_outbox_only_when_a_server_is_configured(engine):
    _set(engine, "d4", status="filed", kind="scan", patient_id="pt-1", type_code="18842-5")
    publish_for(engine, DocumentIndexed(doc_id="d4", status=DocumentStatus.FILED),
                settings=Settings(fhir_base_url="http://fhir.local/fhir"))
    with engine.connect() as conn:
        assert sorted(r.topic for r in conn.execute(sa.select(db.outbox)).all()) == sorted(
            ["fhir:DocumentReference", topics.PATIENT_RECORD])


def test_hl7_mdm_twin_goes_out_beside_the_fhir_resource_when_enabled(engine):
    from indexing.patients import Patient, PatientIndex

    PatientIndex(engine).upsert_many([Patient(patient_id="pt-1", mrn="MRN-77", family="Quill", given="Ada")])
    _set(engine, "d5", status="filed", kind="scan", patient_id="pt-1", type_code="18842-5",
         type_display="Discharge summary")
    from himflow import text_index as store

    with engine.begin() as conn:
        store.index_text(conn, "d5", "Discharge summary text")
    publish_for(engine, DocumentIndexed(doc_id="d5", status=DocumentStatus.FILED), settings=Settings(hl7_mdm=True))
    with engine.connect() as conn:
        rows = {r.topic: r for r in conn.execute(sa.select(db.outbox)).all()}
    er7 = json.loads(rows[topics.PATIENT_RECORD_HL7].value)["er7"]
    segments = {seg[:3] for seg in er7.split("\r") if seg}
    assert {"MSH", "PID", "TXA", "OBX"} <= segments and "MDM^T02" in er7 and "MRN-77" in er7


@pytest.mark.parametrize(("text", "codes"), [
    ("Opioid treatment program note. Methadone maintenance dose 60 mg; opioid use disorder in remission.",
     ["R", "ETH", "42CFRPart2"]),
    ("Follow-up: HIV viral load undetectable on antiretroviral therapy.", ["R", "HIV", "STD"]),
    ("Progress note. Denies opioid use disorder. Metformin 500 mg twice daily.", []),
    ("Discharge summary. Community acquired pneumonia, treated with ceftriaxone.", []),
])
def test_sensitive_content_is_labelled_in_meta_security_of_what_is_published(engine, text, codes):
    """Issue 14.4: a DocumentReference whose text falls under Part 2, HIV/STI, behavioural,
    reproductive or genetic content carries the HL7 v3 confidentiality R and the ActCode
    sensitivity codes in meta.security (validated with R4B); ordinary or negated text none."""
    from himflow import text_index as store

    s = Settings(public_url="https://him.example.org")
    _set(engine, "s1", status="filed", kind="scan", patient_id="pt-1", type_code="11506-3",
         type_display="Progress note", media_type="application/pdf", size=10, sha1="a" * 40,
         bucket="intake", object_key="scans/s1.pdf")
    with engine.begin() as conn:
        store.index_text(conn, "s1", text)
    assert _publish(engine, "s1", s) == 1
    meta = _published(engine)[0]["meta"]
    assert [c["code"] for c in meta.get("security", [])] == codes
    assert all(c["system"].startswith("http://terminology.hl7.org/CodeSystem/v3-") for c in meta.get("security", []))
    assert meta["profile"] == ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference"]
