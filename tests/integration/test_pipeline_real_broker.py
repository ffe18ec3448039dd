"""The spine end to end on the real thing: tansu (Kafka protocol), SeaweedFS (S3), SQLite;
intake, OCR and indexing workers in this process, each with its own consumer group."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa

from himflow import db, text_index
from himflow.upload import upload_files, wait_final
from tests.resources.pages import born_digital_pdf
from tests.resources.workers import workers

pytestmark = pytest.mark.integration

LINES = ["DISCHARGE SUMMARY", "Patient admitted with community acquired pneumonia.",
         "Treated with ceftriaxone and azithromycin.", "Discharged home in stable condition."]


@pytest.fixture
def topics_ready(spine_settings, kafka):
    return spine_settings


async def test_an_uploaded_born_digital_pdf_is_indexed_once_and_searchable(topics_ready, tmp_path: Path):
    settings = topics_ready
    settings.ocr_processes = 1
    pdf = born_digital_pdf([LINES], tmp_path / "discharge.pdf")
    async with workers(settings):
        uploaded = await asyncio.to_thread(upload_files, settings, [pdf], patient="MRN-TEST-1")
        doc_id = uploaded[0].doc_id
        records = await asyncio.to_thread(wait_final, settings, [doc_id], timeout_s=120)
        rec = records[doc_id]
        assert rec["status"] in ("filed", "review"), rec
        assert "ceftriaxone" in rec["text"]
        assert rec["kind"] == "scan" and rec["media_type"] == "application/pdf"

        # The same event again (MinIO delivers at least once): a counted skip, nothing doubles.
        from himflow.events_out import announce_objects
        from himflow.objectstore import ObjectStore

        info = ObjectStore(settings.store).stat(uploaded[0].bucket, uploaded[0].key)
        await asyncio.to_thread(announce_objects, settings.broker, [dict(
            bucket=info.bucket, key=info.key, size=info.size, etag=info.etag, version_id=info.version_id,
            content_type=info.content_type, metadata=info.metadata)])
        engine = db.make_engine(settings.db_url)
        for _ in range(200):
            with engine.connect() as conn:
                skips = conn.execute(sa.select(db.stage_counters.c.count).where(
                    db.stage_counters.c.reason == "duplicate-event")).scalar() or 0
            if skips:
                break
            await asyncio.sleep(0.05)
        assert skips == 1
        with engine.connect() as conn:
            hits = text_index.search(conn, "ceftriaxone azithromycin")
            n_docs = conn.execute(sa.select(sa.func.count()).select_from(db.documents)).scalar()
            n_text = conn.execute(sa.select(sa.func.count()).select_from(text_index.document_text)).scalar()
        assert [h.doc_id for h in hits] == [doc_id]
        assert n_docs == 1 and n_text == 1


async def test_the_same_pipeline_runs_on_postgresql(spine_settings, pg_url, tmp_path: Path):
    """Only the database URL differs from the embedded default."""
    settings = spine_settings.model_copy(update={"database_url": pg_url})
    settings.ocr_processes = 1
    engine = db.make_engine(settings.db_url)
    assert engine.dialect.name == "postgresql"
    db.migrate(engine)
    pdf = born_digital_pdf([LINES], tmp_path / "discharge.pdf")
    async with workers(settings):
        up = (await asyncio.to_thread(upload_files, settings, [pdf], patient="MRN-PG-1"))[0]
        rec = (await asyncio.to_thread(wait_final, settings, [up.doc_id], timeout_s=120))[up.doc_id]
    assert rec["status"] in ("filed", "review") and "azithromycin" in rec["text"]
    with engine.connect() as conn:
        assert [h.doc_id for h in text_index.search(conn, "azithromycin")] == [up.doc_id]
