"""A small synthetic chart for the release-of-information tests: a migrated database, two
patients in the index and filed documents whose page images live in a real object store."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from himflow.db import documents, make_engine, migrate, utcnow
from tests.resources.pages import images_to_pdf, render_page

PATIENT = dict(patient_id="pat-roi-alice", mrn="QA7731045", family="Whitcombe", given="Alice",
               birth_date=date(1961, 3, 14))
OTHER = dict(patient_id="pat-roi-bernard", mrn="QB2209981", family="Okonkwo", given="Bernard",
             birth_date=date(1970, 8, 2))


@dataclass
class Chart:
    engine: Engine
    store: Any
    bucket: str
    tmp: Path


def make_chart(url: str, tmp: Path, *, store: Any = None, bucket: str = "") -> Chart:
    from indexing.patients import Patient, PatientIndex

    engine = make_engine(url)
    migrate(engine)
    index = PatientIndex(engine)
    for p in (PATIENT, OTHER):
        index.upsert(Patient(**p), source="import")
    return Chart(engine=engine, store=store, bucket=bucket, tmp=tmp)


def add_filed_document(chart: Chart, doc_id: str, lines: list[str], *, type_code: str = "11506-3",
                       type_display: str = "Progress note", service_date: str = "2025-09-22",
                       patient_id: str = PATIENT["patient_id"], status: str = "filed",
                       dpi: int = 150) -> None:
    """A one-page scan (rendered ``lines``) stored as the document's original, indexed text."""
    from himflow import text_index as text_index

    pdf = images_to_pdf([render_page(lines, dpi=dpi, font_pt=12)], chart.tmp / f"{doc_id}.pdf", dpi=dpi)
    key = f"station/{doc_id}.pdf"
    chart.store.put_bytes(chart.bucket, key, pdf.read_bytes(), content_type="application/pdf")
    now = utcnow()
    with chart.engine.begin() as conn:
        conn.execute(documents.insert().values(
            id=doc_id, kind="scan", status=status, media_type="application/pdf", bucket=chart.bucket,
            object_key=key, type_code=type_code, type_display=type_display, patient_id=patient_id,
            service_date=service_date, reasons="[]", flags="[]", renditions=json.dumps({}),
            created_at=now, updated_at=now))
        text_index.index_text(conn, doc_id, "\n".join(lines))
