"""Through the real workers: a patient imported without an id is filed and published under an
opaque id; the MRN is in no id, no event and no FHIR reference (only in the patient index)."""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer

from himflow import db
from himflow.upload import upload_files, wait_final
from indexing.patients import PatientIndex, import_patients
from schemas import topics
from tests.integration.test_filing_real_broker import summary
from tests.resources.workers import workers
from tests.resources.pages import born_digital_pdf

pytestmark = pytest.mark.integration

MRN = "QX4471902"


async def test_a_patient_imported_without_an_id_travels_under_an_opaque_id(spine_settings, kafka, tmp_path: Path):
    settings = spine_settings
    settings.ocr_processes = 1
    csv = tmp_path / "patients.csv"
    csv.write_text(f"mrn,family,given,birth_date\n{MRN},Wexford,Orla,1961-03-14\n")
    index = PatientIndex(db.make_engine(settings.db_url))
    index.create_schema()
    assert import_patients(csv, index=index).imported == 1
    patient = index.get_by_mrn(MRN)
    assert re.fullmatch(r"pat-[a-z2-7]{26}", patient.patient_id)
    pdf = born_digital_pdf([summary(patient)], tmp_path / "a.pdf")
    consumer = AIOKafkaConsumer(topics.PATIENT_RECORD, topics.DOCUMENT_INDEXED, bootstrap_servers=kafka.bootstrap,
                                auto_offset_reset="earliest", group_id="t-" + secrets.token_hex(3),
                                session_timeout_ms=2000, fetch_max_wait_ms=20)
    async with workers(settings):
        await consumer.start()
        try:
            up = (await asyncio.to_thread(upload_files, settings, [pdf], patient=MRN))[0]
            done = await asyncio.to_thread(wait_final, settings, [up.doc_id], timeout_s=120)
            seen: dict[str, list[bytes]] = {topics.PATIENT_RECORD: [], topics.DOCUMENT_INDEXED: []}
            for _ in range(40):
                batch = await consumer.getmany(timeout_ms=250)
                for tp, recs in batch.items():
                    seen[tp.topic] += [r.value for r in recs]
                if seen[topics.PATIENT_RECORD] and seen[topics.DOCUMENT_INDEXED]:
                    break
        finally:
            await consumer.stop()
    assert done[up.doc_id]["status"] == "filed", done[up.doc_id]["reasons"]
    assert done[up.doc_id]["patient"] == patient.patient_id
    indexed = [json.loads(v) for v in seen[topics.DOCUMENT_INDEXED]]
    assert [e["patient_id"] for e in indexed] == [patient.patient_id]
    record = json.loads(seen[topics.PATIENT_RECORD][0])
    assert record["subject"]["reference"] == f"Patient/{patient.patient_id}"
    for raw in seen[topics.DOCUMENT_INDEXED]:
        assert MRN.encode() not in raw.upper()
    assert MRN not in record["subject"]["reference"].upper()
