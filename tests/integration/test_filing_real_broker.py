"""Filing on the real broker: a document for a known patient is auto-filed and published as
a FHIR DocumentReference (patient-record topic + PUT to a FHIR server); a document whose page
demographics disagree with the uploader's MRN goes to review as a possible misfile."""

from __future__ import annotations

import asyncio
import json
import secrets
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer

from himflow import db
from himflow.upload import upload_files, wait_final
from indexing.patients import Patient, PatientIndex
from schemas import topics
from tests.resources.workers import workers
from tests.resources.fhir_server import serve
from tests.resources.pages import born_digital_pdf

pytestmark = pytest.mark.integration

ALICE = Patient(patient_id="pt-1001", mrn="MRN-880011", family="Wexford", given="Orla", birth_date=date(1961, 3, 14))
BRUNO = Patient(patient_id="pt-1002", mrn="MRN-880012", family="Tallis", given="Bruno", birth_date=date(1975, 9, 2))


def summary(p: Patient) -> list[str]:
    return [
        "DISCHARGE SUMMARY",
        f"Patient Name: {p.family}, {p.given}",
        f"MRN: {p.mrn}",
        f"DOB: {p.birth_date:%m/%d/%Y}",
        "Date of Service: 11/20/2026",
        "Hospital course: admitted with community acquired pneumonia, treated with ceftriaxone.",
        "Discharge diagnoses: pneumonia. Type 2 diabetes mellitus. Denies chest pain.",
        "Discharge medications: metformin 500 mg twice daily.",
        "Follow up with primary care in one week.",
        "Electronically signed by: Dr. Ana Ruiz",
    ]


async def test_a_known_patients_summary_is_filed_and_published_once(spine_settings, kafka, tmp_path: Path):
    settings = spine_settings
    settings.ocr_processes = 1
    PatientIndex(db.make_engine(settings.db_url)).upsert_many([ALICE, BRUNO])
    good = born_digital_pdf([summary(ALICE)], tmp_path / "a.pdf")
    wrong = born_digital_pdf([summary(BRUNO)], tmp_path / "b.pdf")  # uploaded under ALICE's MRN
    records = AIOKafkaConsumer(topics.PATIENT_RECORD, bootstrap_servers=kafka.bootstrap,
                               auto_offset_reset="earliest", group_id="t-" + secrets.token_hex(3),
                               session_timeout_ms=2000, fetch_max_wait_ms=20)
    with serve() as (fhir, url):
        settings.fhir_base_url = url
        async with workers(settings):
            await records.start()
            try:
                a = (await asyncio.to_thread(upload_files, settings, [good], patient=ALICE.mrn))[0]
                b = (await asyncio.to_thread(upload_files, settings, [wrong], patient=ALICE.mrn))[0]
                done = await asyncio.to_thread(wait_final, settings, [a.doc_id, b.doc_id], timeout_s=120)
                for _ in range(100):  # the outbox drains right after indexing
                    if fhir.requests:
                        break
                    await asyncio.sleep(0.1)
                published = []
                for _ in range(10):
                    batch = await records.getmany(timeout_ms=500)
                    published += [json.loads(r.value) for rs in batch.values() for r in rs]
            finally:
                await records.stop()

    filed, misfiled = done[a.doc_id], done[b.doc_id]
    assert filed["status"] == "filed", filed["reasons"]
    assert filed["type"] == "18842-5" and filed["patient"] == "pt-1001"
    assert misfiled["status"] == "review"
    assert any(r.startswith("misfile:") for r in misfiled["reasons"]), misfiled["reasons"]

    assert len(published) == 1  # only the filed one, once
    ref = published[0]
    assert ref["resourceType"] == "DocumentReference" and ref["status"] == "current"
    assert ref["docStatus"] == "final"
    assert ref["subject"]["reference"] == "Patient/pt-1001"
    assert ref["type"]["coding"][0]["code"] == "18842-5"
    att = ref["content"][0]["attachment"]
    assert att["contentType"] == "application/pdf" and att["size"] == good.stat().st_size and att["hash"]
    assert [rid for method, rid in fhir.requests] == [ref["id"]]
    assert fhir.store[ref["id"]]["subject"] == ref["subject"]

    engine = db.make_engine(settings.db_url)
    with engine.connect() as conn:
        details = json.loads(conn.execute(sa.select(db.documents.c.details)
                                          .where(db.documents.c.id == a.doc_id)).scalar())
    codes = {s["code"] for s in details["icd10cm_suggestions"]}
    assert "E11.9" in codes or any(c.startswith("E11") for c in codes)
    assert "R07.9" not in codes  # "denies chest pain"
