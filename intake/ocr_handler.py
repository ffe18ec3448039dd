"""OCR worker: DocumentRouted (scan) -> TextExtracted, one per document.

The pipeline (intake.ocr.ocr_file) runs in a worker thread and spreads pages over a process
pool (one tesseract per core, OMP_THREAD_LIMIT=1), so the consumer's event loop stays free
and heartbeats go on during a 100-page scan. A batch split by cover sheets becomes child
documents with their own ids (a hash of the parent id and their pages) and patient hints;
the parent ends as SPLIT. Results are claim checks in the derived bucket.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from faststream.kafka import KafkaRouter

from himflow import db
from himflow.broker import subscriber_options
from himflow.engines import EnginePool
from himflow.errors import TransientError
from himflow.logs import log_event
from himflow.stage import StageDeps, stage_router
from schemas import topics
from schemas.claims import PAGE_BREAK, CoverSheetHints, ScanText, scan_text_key
from schemas.events import (
    DocumentKind,
    DocumentRouted,
    DocumentStatus,
    ObjectRef,
    PageSummary,
    TextExtracted,
)
from schemas.ids import child_id
from intake.ocr import pool_initializer
from intake.ocr import OcrOptions, ocr_file
from intake.searchable import make_searchable_pdf

log = logging.getLogger("himflow.ocr")
STAGE = "ocr"


@dataclass(frozen=True, kw_only=True)
class Deps(StageDeps):
    pool: EnginePool  # the page pool: one single-threaded tesseract per process

    def close(self) -> None:
        self.pool.close()


def make_pool(processes: int | None) -> EnginePool:
    """One single-threaded tesseract per process (OMP_THREAD_LIMIT=1), forkserver-started:
    safe to create from a process that runs threads (an event loop, consumer threads)."""

    return EnginePool("ocr", processes=processes or max(1, os.cpu_count() or 1), start_method="forkserver",
                      initializer=pool_initializer)


def make_deps(base: StageDeps) -> Deps:
    return Deps(**vars(base), pool=make_pool(base.settings.ocr_processes))


def build(deps: Deps) -> KafkaRouter:
    router = stage_router(deps)
    pub = router.publisher(topics.TEXT_EXTRACTED, title="text-extracted/ocr", schema=TextExtracted)

    @router.subscriber(
        topics.SCAN_ROUTED,
        title="scan-routed",
        description="Scans routed by intake, to OCR.",
        **subscriber_options(deps.settings.broker, group_id=topics.GROUP_OCR),
        # Several documents at once (one consumer per partition set), sharing one page pool:
        # single-page faxes keep every core busy, not just large batches.
        max_workers=max(1, deps.settings.ocr_concurrency),
    )
    async def on_scan_routed(event: DocumentRouted) -> None:
        status = await asyncio.to_thread(db.status_of, deps.engine, event.doc_id)
        if status is not None and status not in (DocumentStatus.RECEIVED.value, DocumentStatus.ROUTED.value):
            await asyncio.to_thread(db.count_outcome, deps.engine, stage=STAGE, outcome="skip",
                                    reason="already-extracted")
            return
        outputs = await extract(event, deps)
        for extracted in outputs:
            await pub.publish(extracted, key=extracted.doc_id.encode())
        await asyncio.to_thread(db.with_retries, lambda: _mark(deps.engine, event, outputs))
        log_event(log, "extracted", doc_id=event.doc_id, pages=sum(len(o.pages) for o in outputs),
                  children=len(outputs) if outputs[0].doc_id != event.doc_id else 0)

    return router


async def extract(event: DocumentRouted, deps: Deps) -> list[TextExtracted]:
    store, derived = deps.store, deps.settings.store.derived_bucket
    with tempfile.TemporaryDirectory(prefix="himflow-ocr-") as tmp:
        src = Path(tmp) / "original"
        await asyncio.to_thread(
            store.download, event.source.bucket, event.source.key, src,
            version_id=event.source.version_id or None, max_bytes=deps.settings.limits.max_object_bytes,
        )
        try:
            result = await asyncio.to_thread(
                ocr_file, src, media_type=event.media_type, options=OcrOptions(), pool=deps.pool.executor
            )
        except TransientError:
            # A killed or out-of-memory tesseract process breaks the whole pool: replaced, so
            # the retry (and every later document) gets working processes.
            deps.pool.replace_if_broken()
            raise
        renditions: dict[str, ObjectRef] = {}
        pdf = Path(tmp) / "searchable.pdf"
        await asyncio.to_thread(make_searchable_pdf, src, result, pdf)
        pdf_key = f"pdf/{event.doc_id}.pdf"
        info = await asyncio.to_thread(store.put_file, derived, pdf_key, pdf, content_type="application/pdf")
        renditions["searchable_pdf"] = ObjectRef(bucket=derived, key=pdf_key, etag=info.etag, size=info.size)

    segments = list(result.segments) or []
    split = len(segments) > 1 or (len(segments) == 1 and (segments[0].mrn or segments[0].document_type)
                                 and len(segments[0].pages) != len(result.pages))
    outputs: list[TextExtracted] = []
    targets = (
        [(child_id(event.doc_id, tuple(s.pages)), tuple(s.pages), s) for s in segments]
        if split
        else [(event.doc_id, tuple(p.number for p in result.pages), None)]
    )
    by_number = {p.number: p for p in result.pages}
    for doc_id, numbers, segment in targets:
        pages = [by_number[n] for n in numbers if n in by_number]
        text = PAGE_BREAK.join(p.text for p in pages)
        payload = ScanText(
            doc_id=doc_id,
            parent_id=event.doc_id if segment is not None else None,
            media_type=result.media_type,
            text=text,
            pages=tuple(pages),
            flags=tuple(result.flags),
            coversheet=(
                CoverSheetHints(mrn=segment.mrn, document_type=segment.document_type) if segment is not None else None
            ),
        )
        key = scan_text_key(doc_id)
        blob = payload.model_dump_json().encode()
        info = await asyncio.to_thread(store.put_bytes, derived, key, blob, content_type="application/json")
        confidences = [p.confidence for p in pages if p.source != "blank"]
        outputs.append(
            TextExtracted(
                doc_id=doc_id,
                kind=DocumentKind.SCAN,
                text_ref=ObjectRef(bucket=derived, key=key, etag=info.etag, size=info.size),
                text_chars=len(text),
                confidence=round(sum(confidences) / len(confidences), 4) if confidences else 0.0,
                pages=tuple(
                    PageSummary(number=p.number, source=p.source, confidence=p.confidence, chars=len(p.text),
                                rotation=p.rotation, flags=tuple(p.flags))
                    for p in pages
                ),
                flags=tuple(result.flags),
                engine="tesseract",
                renditions=renditions,
            )
        )
    return outputs


def _mark(engine: sa.Engine, event: DocumentRouted, outputs: list[TextExtracted]) -> None:
    with engine.begin() as conn:
        split = outputs and outputs[0].doc_id != event.doc_id
        for out in outputs:
            values = dict(
                status=DocumentStatus.EXTRACTED.value, kind=DocumentKind.SCAN.value, text_ref=out.text_ref.key,
                text_chars=out.text_chars, confidence=out.confidence, flags=db.dumps(list(out.flags)),
                renditions=db.dumps({k: v.key for k, v in out.renditions.items()}),
            )
            if split:
                values.update(parent_id=event.doc_id, media_type=event.media_type, bucket=event.source.bucket,
                              object_key=event.source.key, sha256=event.sha256,
                              pages=db.dumps([p.number for p in out.pages]),
                              hint_mrn=event.hints.mrn, hint_encounter=event.hints.encounter,
                              hint_author=event.hints.author)
            db.upsert_document(conn, out.doc_id, **values)
            db.add_history(conn, out.doc_id, stage=STAGE, status="extracted", detail=f"{len(out.pages)} pages")
        if split:
            db.upsert_document(conn, event.doc_id, status=DocumentStatus.SPLIT.value,
                               renditions=db.dumps({k: v.key for k, v in outputs[0].renditions.items()}))
            db.add_history(conn, event.doc_id, stage=STAGE, status="split", detail=f"{len(outputs)} documents")
        db.count(conn, stage=STAGE, outcome="extracted", reason="split" if split else "")
