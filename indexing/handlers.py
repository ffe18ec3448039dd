"""Indexing worker: TextExtracted -> classified, matched, indexed, filed or queued for review.

The final status, the text index and the events announcing them (DocumentIndexed, and a
DocumentReference when filed) are written in ONE database transaction (the outbox); the
outbox is then published and marked. A crash anywhere leaves either nothing (the message is
redelivered) or a pending outbox row (published by the next drain): nothing lost, and the
index never doubles (upserts by document id). The worker also drains rows that the review
UI writes (approvals, corrections).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from typing import Any

import sqlalchemy as sa
from faststream.kafka import KafkaBroker

from himflow import db, text_index
from himflow.errors import RejectedInput
from himflow.logs import log_event
from indexing.analysis import Analysis, analyse, load_classifier
from schemas import topics
from schemas.claims import ExtractedText, ScanText, read_extracted
from schemas.events import DocumentIndexed, DocumentStatus, PatientUpserted, TextExtracted

log = logging.getLogger("himflow.indexing")
STAGE = "indexing"
OUTBOX_INTERVAL_S = 1.0
# Outbox rows with this pseudo-topic are PUT to the FHIR server (when configured), not Kafka.
from indexing.publishing import FHIR_PUT  # noqa: E402


async def on_start(deps: Any) -> None:
    deps.state["outbox_task"] = _OutboxTask(asyncio.create_task(_drain_forever(deps)))
    deps.state["warm_task"] = _OutboxTask(asyncio.create_task(_warm_up(deps)))


async def _warm_up(deps: Any, delay_s: float = 3.0) -> None:
    """Load the classifier shortly after start (not during it), so the first document does not
    pay for it and startup is not slowed."""
    await asyncio.sleep(delay_s)
    await asyncio.to_thread(load_classifier, deps.settings)


class _OutboxTask:
    def __init__(self, task: asyncio.Task[None]):
        self.task = task

    def close(self) -> None:
        self.task.cancel()


async def _drain_forever(deps: Any) -> None:
    while True:
        try:
            await drain_outbox(deps)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # broker or DB briefly away: try again next tick
            log_event(log, "outbox drain failed", level=logging.WARNING, error_type=type(e).__name__)
        await asyncio.sleep(OUTBOX_INTERVAL_S)


async def drain_outbox(deps: Any, *, batch: int = 200) -> int:
    """Publish pending outbox rows in order, marking each after the broker acknowledged it.

    One drain at a time per process: the handlers and the background task all drain, and two
    drains reading the same pending rows published each DocumentReference twice."""
    lock = deps.state.setdefault("outbox_lock", _Closeable(asyncio.Lock()))
    async with lock.inner:
        return await _drain_outbox(deps, batch=batch)


async def _drain_outbox(deps: Any, *, batch: int) -> int:

    owner = deps.state.setdefault("outbox_owner", _Closeable(f"{os.uname().nodename[:40]}:{os.getpid()}")).inner
    rows = await asyncio.to_thread(db.claim_outbox, deps.engine, owner=owner, batch=batch)
    for row in rows:
        if row.topic == FHIR_PUT:
            if not await _put_fhir(deps, row):
                return 0  # the server is away: keep order, try again next tick
        else:
            await deps.broker.publish(
                json.loads(row.value), topic=row.topic, key=row.msg_key.encode() if row.msg_key else None
            )

        def mark(row_id: int = row.id) -> None:
            with deps.engine.begin() as conn:
                conn.execute(db.outbox.update().where(db.outbox.c.id == row_id).values(published_at=db.utcnow()))

        await asyncio.to_thread(db.with_retries, mark)
    return len(rows)


async def _put_fhir(deps: Any, row: Any) -> bool:
    """PUT one DocumentReference (idempotent on its id). Transient failure -> False (retry
    later, bounded by the client's own retries per tick); a 4xx -> dead letter, row done."""
    from indexing.fhir import AsyncFhirClient, FhirRejected, FhirUnavailable

    base = deps.settings.fhir_base_url
    if not base:
        return True
    client = deps.state.get("fhir")
    if client is None:
        client = deps.state["fhir"] = _Closeable(AsyncFhirClient(base))
    try:
        await client.inner.put(json.loads(row.value))
    except FhirUnavailable:
        log_event(log, "fhir server unavailable", level=logging.WARNING, doc_id=row.msg_key)
        return False
    except FhirRejected as e:
        await deps.ctx.dead_letter(body=row.value.encode(), topic=FHIR_PUT, reason=e.reason, retryable=False,
                                   attempts=1, error_type=type(e).__name__, detail=e.detail, doc_id=row.msg_key)
    return True


class _Closeable:
    """Holds a per-process resource in deps.state (closed with the worker)."""

    def __init__(self, inner: Any):
        self.inner = inner

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if callable(close):
            close()


def register(broker: KafkaBroker, deps: Any) -> None:
    from himflow.broker import subscriber_options

    # Declared for the AsyncAPI document; the outbox publishes through the broker.
    broker.publisher(topics.DOCUMENT_INDEXED, title="document-indexed/indexing", schema=DocumentIndexed)
    broker.publisher(topics.PATIENT_RECORD, title="patient-record/indexing",
                     description="FHIR R4 DocumentReference (JSON) for filed documents.")
    broker.publisher(topics.PATIENT_RECORD_HL7, title="patient-record-hl7/indexing",
                     description="The same changes as HL7 v2 MDM^T02 ({resource_id, er7}), when enabled.")

    @broker.subscriber(
        topics.DOCUMENT_INDEXED,
        title="document-indexed",
        description="Filing decisions by the machine or by people: published to the patient record.",
        **subscriber_options(deps.settings.broker, group_id=topics.GROUP_PUBLISHER),
    )
    async def on_document_indexed(event: DocumentIndexed) -> None:
        from indexing.publishing import publish_for

        n = await asyncio.to_thread(db.with_retries, lambda: publish_for(deps.engine, event, settings=deps.settings,
                                                                         store=deps.store))
        if n:
            await drain_outbox(deps)
            log_event(log, "published to the patient record", doc_id=event.doc_id, count=n)

    @broker.subscriber(
        topics.PATIENTS,
        title="patients",
        description="Patient demographics (ADT feed) for the patient index; upserts by patient id.",
        **subscriber_options(deps.settings.broker, group_id=topics.GROUP_INDEXING),
    )
    async def on_patient(event: PatientUpserted) -> None:
        from indexing.patients import PatientIndex

        index = deps.state.get("patients")
        if index is None:
            index = deps.state["patients"] = _Closeable(PatientIndex(deps.engine))
        await asyncio.to_thread(db.with_retries, lambda: index.inner.apply_event(event))

    @broker.subscriber(
        topics.TEXT_EXTRACTED,
        title="text-extracted",
        description="Text from OCR or transcription, to classify, match, index and file.",
        **subscriber_options(deps.settings.broker, group_id=topics.GROUP_INDEXING),
    )
    async def on_text_extracted(event: TextExtracted) -> None:
        row = await asyncio.to_thread(db.with_retries, lambda: _document(deps.engine, event.doc_id))
        if row is not None and DocumentStatus(row.status).is_final:
            await asyncio.to_thread(db.count_outcome, deps.engine, stage=STAGE, outcome="skip",
                                    reason="already-indexed")
            return
        raw = await asyncio.to_thread(deps.store.get_bytes, event.text_ref.bucket, event.text_ref.key)
        payload = read_extracted(event.kind, raw)

        def load_claim(key: str) -> ScanText | None:
            try:
                return ScanText.model_validate_json(deps.store.get_bytes(deps.settings.store.derived_bucket, key))
            except RejectedInput:  # an earlier result that is gone: nothing to compare with
                return None

        result = await asyncio.to_thread(analyse, event=event, claim=payload, row=row, engine=deps.engine,
                                         settings=deps.settings, load_claim=load_claim)
        await asyncio.to_thread(db.with_retries, lambda: _commit(deps.engine, event, payload, result))
        await drain_outbox(deps)
        log_event(log, "indexed", doc_id=event.doc_id, status=result.status.value, code=result.type_code)


def _document(engine: sa.Engine, doc_id: str) -> sa.Row | None:
    with engine.connect() as conn:
        return db.get_document(conn, doc_id)


def _commit(engine: sa.Engine, event: TextExtracted, payload: ExtractedText, result: Analysis) -> None:
    with engine.begin() as conn:
        current = conn.execute(sa.select(db.documents.c.status).where(db.documents.c.id == event.doc_id)).scalar()
        if current is not None and DocumentStatus(current).is_final:
            return  # a concurrent redelivery got here first
        text_index.index_text(conn, event.doc_id, payload.text)
        db.upsert_document(
            conn, event.doc_id, status=result.status.value, kind=event.kind.value,
            type_code=result.type_code, type_display=result.type_display,
            type_confidence=result.type_confidence, patient_id=result.patient_id,
            match_score=result.match_score, reasons=db.dumps(list(result.reasons)),
            service_date=result.service_date, text_chars=event.text_chars, confidence=event.confidence,
            details=db.dumps(result.details),
        )
        db.add_history(conn, event.doc_id, stage=STAGE, status=result.status.value,
                       detail=",".join(r.split(":")[0] for r in result.reasons)[:500])
        db.count(conn, stage=STAGE, outcome=result.status.value)
        indexed = DocumentIndexed(
            doc_id=event.doc_id, status=result.status, type_code=result.type_code,
            confidence=result.type_confidence, patient_id=result.patient_id, reasons=tuple(result.reasons),
        )
        db.enqueue(conn, topic=topics.DOCUMENT_INDEXED, key=event.doc_id, value=indexed.model_dump_json())
