"""The bad-input corpus (tests/resources/badinputs.py) through the real workers on real tansu
and SeaweedFS, with good documents interleaved: every case ends with its exact typed reason in
the database (status, review queue), in `himflow status`, and on the dead-letter topic; the
good documents around them are indexed; the workers stay up to the last document."""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer

from himflow import db
from himflow.events_out import publish_many
from himflow.objectstore import ObjectStore
from himflow.status import stack_status
from schemas import topics
from schemas.ids import doc_id_for
from schemas.s3event import object_created_event
from tests.integration.conftest import kafka, spine_settings  # noqa: F401 - fixtures
from tests.resources.workers import workers
from tests.resources.badinputs import Corpus, ObjectCase, corpus, good_pdf_bytes
from tests.resources.inert import assert_inert

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.slow]

GOOD_EVERY = 6  # a good document after every few bad cases
FINAL = ("filed", "review", "rejected", "split")


def _object_event(store: ObjectStore, *, bucket: str, key: str, data: bytes, delete: bool = False,
                  content_type: str = "application/octet-stream") -> tuple[str, tuple[str, str, bytes]]:
    info = store.put_bytes(bucket, key, data, content_type=content_type)
    if delete:
        store.client.remove_object(bucket, key)
    mkey, ev = object_created_event(bucket=bucket, key=key, size=info.size, etag=info.etag,
                                    version_id=info.version_id, content_type=content_type)
    doc_id = doc_id_for(bucket, key, info.version_id or info.etag)
    return doc_id, (topics.OBJECT_CREATED, mkey, ev.model_dump_json(by_alias=True).encode())


def _original_bytes(text: str) -> bytes:
    return base64.b64decode(text[4:]) if text.startswith("b64:") else text.encode()


def _observed(engine: sa.Engine, c: Corpus, ids: dict[str, str]) -> dict[str, tuple]:
    """What happened to each case: ("dead-letter", stage, reason) per letter found, a skip, or
    the document's final status and flags."""
    with engine.connect() as conn:
        letters = conn.execute(sa.select(db.dead_letters)).all()
        docs = {r.id: r for r in conn.execute(sa.select(db.documents)).all()}
        skips = {(r.reason): r.count for r in conn.execute(
            sa.select(db.stage_counters).where(db.stage_counters.c.outcome == "skip")).all()}
    out: dict[str, tuple] = {}
    for case in c.objects:
        mine = [(l.stage, l.reason) for l in letters if l.doc_id == ids[case.name]]
        doc = docs.get(ids[case.name])
        if mine:
            out[case.name] = ("dead-letter", *sorted(mine)) if len(mine) > 1 else ("dead-letter", *mine[0])
        elif doc is not None and doc.status in FINAL:
            out[case.name] = ("accepted", doc.status, tuple(db.loads_list(doc.flags)))
    for case in c.events:
        marker = case.marker.encode()
        mine = [(l.stage, l.reason) for l in letters
                if (case.doc_id and l.doc_id == case.doc_id) or marker in _original_bytes(l.original)]
        if mine:
            out[case.name] = ("dead-letter", *sorted(mine)) if len(mine) > 1 else ("dead-letter", *mine[0])
        elif case.expect.outcome == "skip" and skips.get(case.expect.reason):
            out[case.name] = ("skip", case.expect.reason)
    return out


def _expected(case) -> tuple:
    e = case.expect
    if e.outcome == "dead-letter":
        return ("dead-letter", e.stage, e.reason)
    if e.outcome == "skip":
        return ("skip", e.reason)
    return ("accepted",)


def _matches(case, seen: tuple | None) -> bool:
    if seen is None:
        return False
    if case.expect.outcome != "accepted":
        return seen == _expected(case)
    return seen[0] == "accepted" and seen[1] in ("filed", "review") and (
        case.expect.flag is None or case.expect.flag in seen[2])


def _letter_key(letter: dict) -> tuple:
    """One dead letter = one (stage, source position, body), as the database dedupes them: at
    least once, a message redelivered after a rebalance (a starved heartbeat on a loaded host)
    is dead-lettered again on the topic."""
    return tuple(letter[k] for k in ("stage", "topic", "partition", "offset", "doc_id", "original"))


async def _dead_letter_topic(broker, n: int, timeout_s: float = 60) -> list[dict]:
    from himflow.broker import aiokafka_kwargs

    consumer = AIOKafkaConsumer(topics.DEAD_LETTER, **aiokafka_kwargs(broker), auto_offset_reset="earliest",
                                group_id="t-dlq-" + secrets.token_hex(3), session_timeout_ms=2000,
                                fetch_max_wait_ms=20, enable_auto_commit=False)
    await consumer.start()
    seen: list[dict] = []
    try:
        deadline = time.monotonic() + timeout_s
        while len({_letter_key(x) for x in seen}) < n and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            seen += [json.loads(r.value) for rs in batch.values() for r in rs]
    finally:
        await consumer.stop()
    return seen


async def test_every_bad_input_gets_its_typed_reason_and_good_documents_around_it_are_indexed(
        spine_settings, kafka, tmp_path: Path, monkeypatch):  # noqa: F811
    settings = spine_settings
    settings.ocr_processes = 1
    settings.limits.max_object_bytes = 16 * 1024 * 1024
    monkeypatch.setenv("HIMFLOW_WHISPER_MODEL", "tiny.en")
    c = await asyncio.to_thread(corpus, tmp_path / "corpus", intake_bucket=settings.store.intake_bucket,
                                derived_bucket=settings.store.derived_bucket,
                                max_event_bytes=settings.limits.max_event_bytes,
                                max_object_bytes=settings.limits.max_object_bytes)
    assert len(c) >= 40
    store = ObjectStore(settings.store)
    bucket_of = {"intake": settings.store.intake_bucket, "dictation": settings.store.dictation_bucket}

    def prepare() -> tuple[list[tuple[str, str | None, bytes]], dict[str, str], list[str]]:
        messages, ids, good = [], {}, []
        cases: list = [*c.objects, *c.events]
        for i, case in enumerate(cases):
            if isinstance(case, ObjectCase):
                ids[case.name], msg = _object_event(store, bucket=bucket_of[case.bucket], key=case.key,
                                                    data=case.data, delete=case.delete_before_event,
                                                    content_type=case.content_type)
                messages.append(msg)
            else:
                messages.append((case.topic, case.key, case.body))
            if i % GOOD_EVERY == 0 or i == len(cases) - 1:
                doc_id, msg = _object_event(store, bucket=bucket_of["intake"], key=f"good/{i}.pdf",
                                            data=good_pdf_bytes(tmp_path, 100 + i), content_type="application/pdf")
                good.append(doc_id)
                messages.append(msg)
        return messages, ids, good

    messages, ids, good = await asyncio.to_thread(prepare)
    engine = db.make_engine(settings.db_url)
    async with workers(settings, roles=("intake", "ocr", "transcription", "indexing", "publishing")):
        await publish_many(settings.broker, messages)
        deadline = time.monotonic() + 240
        while True:
            seen = await asyncio.to_thread(_observed, engine, c, ids)
            with engine.connect() as conn:
                good_rows = conn.execute(sa.select(db.documents.c.id, db.documents.c.status)
                                         .where(db.documents.c.id.in_(good))).all()
            good_done = len(good_rows) == len(good) and all(r.status in ("filed", "review") for r in good_rows)
            cases_done = all(_matches(k, seen.get(k.name)) for k in (*c.objects, *c.events))
            if (good_done and cases_done) or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.5)
        # The workers are still up: one more good document after the whole corpus.
        doc_id, msg = await asyncio.to_thread(_object_event, store, bucket=bucket_of["intake"], key="good/last.pdf",
                                              data=good_pdf_bytes(tmp_path, 999), content_type="application/pdf")
        await publish_many(settings.broker, [msg])
        from himflow.upload import wait_final

        last = await asyncio.to_thread(wait_final, settings, [doc_id], timeout_s=90, engine=engine)

    # 1) the exact outcome per case (a readable diff when one differs)
    want = {k.name: _expected(k) for k in (*c.objects, *c.events)}
    got = {k.name: (seen.get(k.name) if not _matches(k, seen.get(k.name)) else _expected(k))
           for k in (*c.objects, *c.events)}
    assert {n: (got[n], want[n]) for n in want if got[n] != want[n]} == {}
    # 2) good documents around them are indexed with their text; the last one too
    assert sorted(r.status for r in good_rows) and all(r.status in ("filed", "review") for r in good_rows)
    assert len(good_rows) == len(good)
    assert last[doc_id]["status"] in ("filed", "review") and last[doc_id]["text_length"] > 0
    with engine.connect() as conn:
        indexed = set(conn.execute(sa.select(sa.text("doc_id")).select_from(sa.text("document_text"))).scalars())
    assert set(good) | {doc_id} <= indexed
    # 3) `himflow status`: dead letters by stage and reason, exactly the corpus's
    report = await asyncio.to_thread(stack_status, settings, with_lag=False)
    tallies = Counter({(d["stage"], d["reason"]): d["count"] for d in report["dead_letters"]})
    expected_tallies = Counter((k.expect.stage, k.expect.reason) for k in (*c.objects, *c.events)
                               if k.expect.outcome == "dead-letter")
    assert tallies == expected_tallies
    # 4) the dead-letter topic carries one letter per dead-lettered case, with its reason
    letters = await _dead_letter_topic(settings.broker, sum(expected_tallies.values()))
    distinct = {_letter_key(x): x for x in letters}
    on_topic = Counter((l["stage"], l["reason"]) for l in distinct.values())
    assert on_topic == expected_tallies
    # 5) rejected documents wait in the review queue's data with their reason
    with engine.connect() as conn:
        rejected = {r.id: db.loads_list(r.reasons) for r in conn.execute(
            sa.select(db.documents).where(db.documents.c.status == "rejected")).all()}
    for case in c.objects:
        if case.expect.outcome == "dead-letter":
            assert rejected.get(ids[case.name]) == [f"rejected:{case.expect.reason}"], case.name
    # 6) every dead letter was decided at its first attempt (no internal-error retries)
    with engine.connect() as conn:
        attempts = {(r.stage, r.reason, r.attempts) for r in conn.execute(sa.select(db.dead_letters)).all()}
    assert all(a <= 1 for _, _, a in attempts), sorted(attempts)
    # 7) the searchable PDFs of PDFs carrying active content are inert
    with engine.connect() as conn:
        docs = {r.id: r for r in conn.execute(sa.select(db.documents)).all()}
    for case in c.objects:
        if case.expect.flag == "active-content-ignored":
            key = json.loads(docs[ids[case.name]].renditions)["searchable_pdf"]
            assert_inert(store.get_bytes(settings.store.derived_bucket, key))
