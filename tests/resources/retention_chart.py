"""A synthetic chart for the retention tests: patients (an adult seen last in 2010, a child
seen in 2016, a patient with two encounters), documents whose objects live in a real object
store (original, OCR claim check, searchable PDF, the published page PDF the row does not
name) and whose text is in the index and the published texts."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import SecretStr

from himflow import text_index
from himflow.db import documents, make_engine, migrate, utcnow
from himflow.encounters import Encounter, upsert_encounter
from himflow.objectstore import ObjectStore
from himflow.patients_db import mrn_key, patients_table
from himflow.settings import Settings, load_settings

ADULT = dict(patient_id="pat-ret-adult", mrn="RT-40001", family="Quarrington", given="Mabel",
             birth_date=date(1950, 4, 2))
CHILD = dict(patient_id="pat-ret-child", mrn="RT-40002", family="Lindqvist", given="Otto",
             birth_date=date(2014, 9, 9))
TWO_VISITS = dict(patient_id="pat-ret-two", mrn="RT-40003", family="Ferreira", given="Ines",
                  birth_date=date(1980, 1, 20))
WORD = "zanthoxylum"  # in the destroyed document's text only


@dataclass
class RetentionChart:
    settings: Settings
    engine: sa.Engine
    store: ObjectStore
    hashes: dict[tuple[str, str], str] = field(default_factory=dict)  # (bucket, key) -> sha256

    @property
    def derived(self) -> str:
        return self.settings.store.derived_bucket

    @property
    def intake(self) -> str:
        return self.settings.store.intake_bucket

    def put(self, bucket: str, key: str, data: bytes) -> None:
        self.store.put_bytes(bucket, key, data)
        self.hashes[(bucket, key)] = hashlib.sha256(data).hexdigest()


def make_settings(data_dir: Path, seaweed: Any, *, database_url: str | None = None) -> Settings:
    tag = secrets.token_hex(3)
    s = load_settings(data_dir) if database_url is None else Settings(data_dir=data_dir, database_url=database_url)
    s.store.endpoint, s.store.access_key = seaweed.endpoint, seaweed.access_key
    s.store.secret_key = SecretStr(seaweed.secret_key)
    s.store.intake_bucket, s.store.dictation_bucket = f"ret-in-{tag}", f"ret-dict-{tag}"
    s.store.derived_bucket = f"ret-der-{tag}"
    return s


def make_chart(settings: Settings, *, locked_intake: bool = False) -> RetentionChart:
    store = ObjectStore(settings.store)
    if locked_intake:  # object lock (and so versioning) on the intake bucket
        store.client.make_bucket(settings.store.intake_bucket, object_lock=True)
    store.ensure_buckets()
    engine = make_engine(settings.db_url)
    migrate(engine)
    chart = RetentionChart(settings=settings, engine=engine, store=store)
    with engine.begin() as conn:
        for p in (ADULT, CHILD, TWO_VISITS):
            conn.execute(patients_table.insert().values(
                **p, mrn_key=mrn_key(p["mrn"]), family_key=p["family"].lower(), given_key=p["given"].lower(),
                source="test", updated_at=utcnow()))
        for pid, enc_id, start, end in (
                (ADULT["patient_id"], "enc-ret-a1", datetime(2010, 4, 28, tzinfo=UTC), datetime(2010, 5, 1, tzinfo=UTC)),
                (CHILD["patient_id"], "enc-ret-c1", datetime(2016, 2, 3, tzinfo=UTC), datetime(2016, 2, 5, tzinfo=UTC)),
                (TWO_VISITS["patient_id"], "enc-ret-t1", datetime(2024, 3, 1, tzinfo=UTC),
                 datetime(2024, 3, 4, tzinfo=UTC)),
                (TWO_VISITS["patient_id"], "enc-ret-t2", datetime(2025, 6, 10, tzinfo=UTC),
                 datetime(2025, 6, 12, tzinfo=UTC))):
            upsert_encounter(conn, Encounter(encounter_id=enc_id, patient_id=pid, enc_class="IMP",
                                             admitted_at=start, discharged_at=end))
    return chart


def add_scan(chart: RetentionChart, doc_id: str, *, patient_id: str | None, text: str, status: str = "filed",
             service_date: str | None = None, type_code: str = "11506-3", original_key: str | None = None,
             searchable_pdf: str | None = None, parent_id: str | None = None, hint_encounter: str | None = None,
             pages: list[int] | None = None, published_pages: bool = True) -> None:
    """A scanned document the way OCR and publishing leave it: its original (or a batch's),
    the OCR claim check ocr/<id>.json, a searchable PDF, and (not named by the row) the page
    PDF publishing made, pdf/<id>.pages.pdf; its text indexed and published."""
    key = original_key or f"station/{doc_id}.pdf"
    if not chart.store.exists(chart.intake, key):
        chart.put(chart.intake, key, f"%PDF-1.4 synthetic original of {doc_id}".encode())
    text_ref = f"ocr/{doc_id}.json"
    chart.put(chart.derived, text_ref, json.dumps({"doc_id": doc_id, "text": text}).encode())
    pdf_key = searchable_pdf or f"pdf/{doc_id}.pdf"
    if not chart.store.exists(chart.derived, pdf_key):
        chart.put(chart.derived, pdf_key, f"%PDF-1.4 searchable {doc_id}".encode())
    if published_pages:
        chart.put(chart.derived, f"pdf/{doc_id}.pages.pdf", f"%PDF-1.4 pages of {doc_id}".encode())
    now = utcnow()
    with chart.engine.begin() as conn:
        conn.execute(documents.insert().values(
            id=doc_id, kind="scan", status=status, media_type="application/pdf", bucket=chart.intake,
            object_key=key, text_ref=text_ref, renditions=json.dumps({"searchable_pdf": pdf_key}),
            type_code=type_code, type_display="Progress note", type_confidence=0.9, patient_id=patient_id,
            service_date=service_date, hint_encounter=hint_encounter, parent_id=parent_id,
            pages=json.dumps(pages) if pages else None, reasons="[]", flags="[]", created_at=now, updated_at=now))
        text_index.index_text(conn, doc_id, text)
        conn.execute(sa.text("INSERT INTO record_texts (doc_id, sha1, text, published_at) VALUES (:d, :s, :t, :p)"),
                     {"d": doc_id, "s": hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest(), "t": text,
                      "p": now})
