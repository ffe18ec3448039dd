"""A batch scan with barcode cover sheets through the real workers: split into one document
per cover sheet, each with its own id, patient (from the sheet's MRN) and type; the cover
pages are in no document; the batch itself ends as `split`."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from himflow import db
from himflow.status import document_status
from himflow.upload import upload_files, wait_final
from indexing.patients import Patient, PatientIndex
from intake.coversheet import render_coversheet
from tests.resources.workers import workers
from tests.resources.pages import born_digital_pdf

pytestmark = pytest.mark.integration

LONG = "The patient was seen today and is doing well after the procedure, with no complaints."


def _batch(tmp: Path) -> Path:
    render_coversheet(mrn="MRN-5501", document_type="18842-5", out=tmp / "cs1.pdf")
    render_coversheet(mrn="MRN-5502", document_type=None, out=tmp / "cs2.pdf")
    born_digital_pdf([["DISCHARGE SUMMARY", LONG], ["Discharge medications continued.", LONG]], tmp / "d1.pdf")
    born_digital_pdf([["PROGRESS NOTE", LONG]], tmp / "d2.pdf")
    w = PdfWriter()
    for name in ("cs1", "d1", "cs2", "d2"):
        for page in PdfReader(tmp / f"{name}.pdf").pages:
            w.add_page(page)
    out = tmp / "batch.pdf"
    with open(out, "wb") as fh:
        w.write(fh)
    return out


async def test_a_batch_is_split_by_cover_sheets_into_documents_with_their_patients(spine_settings, tmp_path):
    PatientIndex(db.make_engine(spine_settings.db_url)).upsert_many([
        Patient(patient_id="pt-5501", mrn="MRN-5501", family="Arden", given="Lu", birth_date=date(1950, 1, 2)),
        Patient(patient_id="pt-5502", mrn="MRN-5502", family="Bexley", given="Mo", birth_date=date(1960, 3, 4)),
    ])
    async with workers(spine_settings):
        up = (await asyncio.to_thread(upload_files, spine_settings, [_batch(tmp_path)]))[0]
        rec = (await asyncio.to_thread(wait_final, spine_settings, [up.doc_id], timeout_s=180))[up.doc_id]
    assert rec["status"] == "split"
    children = rec["children"]
    assert len(children) == 2 and all(c["id"] != up.doc_id for c in children)
    by_patient = {c["patient"]: c for c in children}
    assert set(by_patient) == {"pt-5501", "pt-5502"}
    summary, note = by_patient["pt-5501"], by_patient["pt-5502"]
    assert summary["type"] == "18842-5"  # declared on the cover sheet
    assert "DISCHARGE SUMMARY" in summary["text"] and "PROGRESS NOTE" not in summary["text"]
    assert "PROGRESS NOTE" in note["text"] and "HIMFLOW-CS1" not in summary["text"] + note["text"]
    report = document_status(spine_settings, up.doc_id)
    assert {c["id"] for c in report["children"]} == {c["id"] for c in children}
