"""Indexing worker: TextExtracted -> classified, matched, indexed, filed or queued for review.

The final status, the text index and the event announcing them (DocumentIndexed) are written
in ONE database transaction (the outbox, himflow/outbox.py); the process's outbox relay then
publishes it. A crash anywhere leaves either nothing (the message is redelivered) or a pending
outbox row (published by the next drain): nothing lost, and the index never doubles (upserts
by document id). What goes to the patient record is the publishing stage's (publishing/).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import sqlalchemy as sa
from faststream.kafka import KafkaRouter

from himflow import db, text_index
from himflow.broker import subscriber_options
from himflow.errors import RejectedInput
from himflow.logs import log_event
from himflow.outbox import enqueue
from himflow.stage import StageDeps, stage_router
from indexing.analysis import Analysis, analyse, load_classifier
from indexing.patients import PatientIndex
from indexing.quality import extraction_counts
from schemas import topics
from schemas.claims import ExtractedText, ScanText, read_extracted
from schemas.events import DocumentIndexed, DocumentStatus, PatientUpserted, TextExtracted

log = logging.getLogger("himflow.indexing")
STAGE = "indexing"


@dataclass(frozen=True, kw_only=True)
class Deps(StageDeps):
    patients: PatientIndex


def make_deps(base: StageDeps) -> Deps:
    return Deps(**vars(base), patients=PatientIndex(base.engine))


def on_start(deps: Deps) -> list[asyncio.Task[None]]:
    return [asyncio.create_task(_warm_up(deps))]


async def _warm_up(deps: Deps, delay_s: float = 3.0) -> None:
    """Load the classifier shortly after start (not during it), so the first document does not
    pay for it and startup is not slowed."""
    await asyncio.sleep(delay_s)
    await asyncio.to_thread(load_classifier, deps.settings)


def build(deps: Deps) -> KafkaRouter:
    router = stage_router(deps)
    # Declared for the AsyncAPI document; the outbox relay publishes it.
    router.publisher(topics.DOCUMENT_INDEXED, title="document-indexed/indexing", schema=DocumentIndexed)

    @router.subscriber(
        topics.PATIENTS,
        title="patients",
        description="Patient demographics (ADT feed) for the patient index; upserts by patient id.",
        **subscriber_options(deps.settings.broker, group_id=topics.GROUP_INDEXING),
    )
    async def on_patient(event: PatientUpserted) -> None:
        await asyncio.to_thread(db.with_retries, lambda: deps.patients.apply_event(event))

    @router.subscriber(
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
        await deps.outbox.drain()
        log_event(log, "indexed", doc_id=event.doc_id, status=result.status.value, code=result.type_code)

    return router


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
            details=db.dumps(result.details), **extraction_counts(payload),
        )
        db.add_history(conn, event.doc_id, stage=STAGE, status=result.status.value,
                       detail=",".join(r.split(":")[0] for r in result.reasons)[:500])
        db.count(conn, stage=STAGE, outcome=result.status.value)
        indexed = DocumentIndexed(
            doc_id=event.doc_id, status=result.status, type_code=result.type_code,
            confidence=result.type_confidence, patient_id=result.patient_id, reasons=tuple(result.reasons),
        )
        enqueue(conn, topic=topics.DOCUMENT_INDEXED, key=event.doc_id, value=indexed.model_dump_json())
