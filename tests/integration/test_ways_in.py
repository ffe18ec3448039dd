"""The ways in (hot folder, reconciler) and dead-letter replay, on real kafka + SeaweedFS."""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer

from himflow import db
from himflow.deadletters import list_dead_letters, replay
from himflow.hotfolder import watch
from himflow.objectstore import ObjectStore
from himflow.reconcile import reconcile
from schemas import topics
from schemas.ids import doc_id_for
from schemas.s3event import S3EventNotification, object_created_event
from tests.resources.workers import workers
from tests.resources.pages import born_digital_pdf

pytestmark = pytest.mark.integration


async def _drain(bootstrap: str, topic: str, *, seconds: float = 3.0) -> list[bytes]:
    c = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                         group_id="t-" + secrets.token_hex(4), session_timeout_ms=2000, fetch_max_wait_ms=20)
    await c.start()
    out: list[bytes] = []
    try:
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while loop.time() < end:
            batch = await c.getmany(timeout_ms=300)
            out += [r.value for rs in batch.values() for r in rs]
    finally:
        await c.stop()
    return out


@pytest.fixture
def settings(spine_settings, kafka):
    # A topic per test: events from other tests don't mix in.
    spine_settings.store.emit_object_events = True
    return spine_settings


async def test_hot_folder_uploads_stable_files_and_moves_them_only_after_confirmation(settings, kafka, tmp_path):
    folder = tmp_path / "station"
    folder.mkdir()
    pdf = born_digital_pdf([["CONSENT FOR TREATMENT", "signed"]], folder / "consent 1.pdf")
    (folder / "partial.pdf.part").write_bytes(b"%PDF-1.4 still arriving")
    await asyncio.to_thread(watch, settings, folder, interval_s=0.05, passes=1)
    assert pdf.exists()  # one look: not known to be stable yet
    # the next look finds size and mtime unchanged: uploaded, then moved
    await asyncio.to_thread(watch, settings, folder, interval_s=0.2, passes=2)
    assert not pdf.exists() and (folder / "done" / "consent 1.pdf").exists()
    assert (folder / "partial.pdf.part").exists()  # temp names are never taken
    events = [S3EventNotification.model_validate_json(v) for v in await _drain(kafka.bootstrap, topics.OBJECT_CREATED)]
    keys = [e.records[0].s3.object.decoded_key for e in events if e.records[0].s3.bucket.name == settings.store.intake_bucket]
    assert len(keys) == 1 and "consent" not in keys[0]  # our key, not the station's file name


def test_hot_folder_keeps_the_file_when_the_store_is_down(settings, tmp_path):
    folder = tmp_path / "station"
    folder.mkdir()
    pdf = born_digital_pdf([["PROGRESS NOTE"]], folder / "note.pdf")
    settings.store.endpoint = "127.0.0.1:9"
    watch(settings, folder, interval_s=0.05, passes=2)
    assert pdf.exists()  # never moved or deleted before a confirmed upload
    assert list((folder / "done").iterdir()) == [] and list((folder / "failed").iterdir()) == []


async def test_reconciler_announces_objects_without_a_record_once(settings, kafka):
    store = ObjectStore(settings.store)
    info = store.put_bytes(settings.store.intake_bucket, "direct/drop.pdf", b"%PDF-1.4\n" + b"1" * 100)
    assert await asyncio.to_thread(reconcile, settings, min_age_s=0) == 1
    doc = doc_id_for(settings.store.intake_bucket, "direct/drop.pdf", info.version_id or info.etag)
    engine = db.make_engine(settings.db_url)
    with engine.begin() as conn:
        db.upsert_document(conn, doc, status="routed")
    assert await asyncio.to_thread(reconcile, settings, min_age_s=0) == 0


async def test_dead_letters_replay_after_a_fix_and_replay_is_idempotent(settings, kafka):
    store = ObjectStore(settings.store)
    data = b"%PDF-1.4\n" + b"2" * 100
    info = store.put_bytes(settings.store.intake_bucket, "ward/scan.pdf", data)
    key, ev = object_created_event(bucket=settings.store.intake_bucket, key="ward/scan.pdf",
                                   size=info.size, etag=info.etag)
    broken = settings.model_copy(deep=True)
    broken.store.endpoint = "127.0.0.1:9"  # the store is unreachable for this worker
    from himflow.events_out import publish_many

    async with workers(broken, roles=("intake",)):
        await publish_many(settings.broker, [(topics.OBJECT_CREATED, key, ev.model_dump_json(by_alias=True).encode())])
        for _ in range(200):
            letters = await asyncio.to_thread(list_dead_letters, settings)
            if letters:
                break
            await asyncio.sleep(0.1)
    assert [(l["reason"], l["retryable"]) for l in letters] == [("store-unavailable", True)]
    doc = letters[0]["doc_id"]
    assert doc == doc_id_for(settings.store.intake_bucket, "ward/scan.pdf", info.etag)

    async with workers(settings, roles=("intake",)):  # the fix: the store is back
        first = await asyncio.to_thread(replay, settings)
        assert [o.outcome for o in first] == ["succeeded"]
        assert await asyncio.to_thread(replay, settings) == []  # nothing left unreplayed
        forced = await asyncio.to_thread(replay, settings, ids=[letters[0]["id"]])
        assert [o.outcome for o in forced] == ["succeeded"]  # already routed: handled as a counted skip
        engine = db.make_engine(settings.db_url)

        def counts() -> tuple[str, int, int]:
            with engine.connect() as conn:
                status = conn.execute(sa.select(db.documents.c.status).where(db.documents.c.id == doc)).scalar()
                routed = conn.execute(sa.select(sa.func.count()).select_from(db.document_history).where(
                    db.document_history.c.doc_id == doc, db.document_history.c.status == "routed")).scalar()
                skips = conn.execute(sa.select(db.stage_counters.c.count).where(
                    db.stage_counters.c.reason == "duplicate-event")).scalar() or 0
            return status, routed, skips

        for _ in range(200):
            status, routed, skips = counts()
            if status == "routed" and skips >= 1:
                break
            await asyncio.sleep(0.1)
    assert (status, routed, skips) == ("routed", 1, 1)  # routed once; the second replay is a counted skip
    remaining = await asyncio.to_thread(list_dead_letters, settings, include_replayed=True)
    assert remaining[0]["replay_count"] == 2
