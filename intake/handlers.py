"""Intake worker: S3 ObjectCreated events -> DocumentRouted to OCR or transcription.

Per record: skip what is not a creation (counted), reject unwatched buckets, dedupe on the
document id (bucket + key + versionId/eTag), stat and sniff the object's bytes, enforce limits,
attach upload hints, publish the routed event, then record it. Publishing comes before the
database mark, so a crash in between republishes (downstream is idempotent) rather than loses.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from typing import Any
from pathlib import Path

import sqlalchemy as sa
from faststream.kafka import KafkaRouter
from faststream.kafka.annotations import KafkaMessage

from himflow import db
from himflow.broker import subscriber_options
from himflow.errors import RejectedInput
from himflow.logs import log_event
from himflow.objectstore import ObjectInfo
from himflow.stage import StageDeps, stage_router
from intake.sniff import SCAN_TYPES, check_extension, sniff_media_type
from schemas import topics
from schemas.events import DocumentKind, DocumentRouted, DocumentStatus, ObjectRef, PatientHints, ReasonCode
from schemas.ids import UPLOAD_ID_META, doc_id_for
from schemas.s3event import S3EventNotification, S3Record

log = logging.getLogger("himflow.intake")

STAGE = "intake"
NO_RECORDS = "no-records"  # counted skip: an event whose Records list is empty


def kind_for(media_type: str) -> DocumentKind:
    if media_type in SCAN_TYPES:
        return DocumentKind.SCAN
    if media_type.startswith("audio/") or media_type.startswith("video/"):
        return DocumentKind.DICTATION
    raise RejectedInput("unsupported media type", reason=ReasonCode.UNSUPPORTED_TYPE)


Deps = StageDeps  # intake needs nothing beyond the spine's services


def make_deps(base: StageDeps) -> Deps:
    return base


def build(deps: Deps) -> KafkaRouter:
    router = stage_router(deps)
    scan_pub = router.publisher(topics.SCAN_ROUTED, title="scan-routed/intake", schema=DocumentRouted)
    dict_pub = router.publisher(topics.DICTATION_ROUTED, title="dictation-routed/intake", schema=DocumentRouted)

    @router.subscriber(
        topics.OBJECT_CREATED,
        title="object-created",
        description="MinIO/S3 bucket notifications (or himflow's own upload path).",
        **subscriber_options(deps.settings.broker, group_id=topics.GROUP_INTAKE),
    )
    async def on_object_created(event: S3EventNotification, msg: KafkaMessage) -> None:
        if not event.records:
            # MinIO never sends one: a forged or cut event. Counted (and shown by `himflow
            # status`), never silence; there is no object to dead-letter or to reject.
            await _count(deps, "skip", NO_RECORDS)
            return
        for record in event.records:
            try:
                routed = await route_record(record, deps)
            except RejectedInput as e:
                # Per-record rejection: one bad record never hides the others.
                raw: Any = msg.raw_message  # one aiokafka ConsumerRecord: this subscriber does not batch
                await deps.policy.dead_letter(
                    body=msg.body, topic=topics.OBJECT_CREATED, reason=e.reason, retryable=False,
                    attempts=1, error_type=type(e).__name__, detail=e.detail,
                    partition=raw.partition, offset=raw.offset,
                    doc_id=_record_doc_id(record),
                    headers={k: v.decode("utf-8", "replace") for k, v in raw.headers or ()},
                )
                continue
            if routed is not None:
                pub = scan_pub if routed.kind is DocumentKind.SCAN else dict_pub
                await pub.publish(routed, key=routed.doc_id.encode())
                await asyncio.to_thread(db.with_retries, lambda routed=routed: _mark_routed(deps.engine, routed))
                log_event(log, "routed", doc_id=routed.doc_id, kind=routed.kind.value,
                          media_type=routed.media_type)

    return router


def _record_doc_id(record: S3Record) -> str:
    obj = record.s3.object
    return doc_id_for(record.s3.bucket.name, obj.decoded_key, obj.version_id or obj.e_tag)


async def route_record(record: S3Record, deps: Deps) -> DocumentRouted | None:
    """Decide what one S3 record becomes. Returns None for a counted skip."""
    settings = deps.settings
    if not record.is_object_created:
        await _count(deps, "skip", ReasonCode.NOT_OBJECT_CREATED.value)
        return None
    bucket = record.s3.bucket.name
    if bucket not in settings.store.watched_buckets:
        raise RejectedInput("bucket is not an intake bucket", reason=ReasonCode.UNWATCHED_BUCKET)
    obj = record.s3.object
    key = obj.decoded_key
    doc_id = _record_doc_id(record)

    existing = await asyncio.to_thread(db.status_of, deps.engine, doc_id)
    if existing is not None and existing != DocumentStatus.RECEIVED.value:
        await _count(deps, "skip", "duplicate-event")
        return None

    info = await asyncio.to_thread(deps.store.stat, bucket, key, version_id=obj.version_id or None)
    if not obj.version_id and obj.e_tag and info.etag and info.etag != obj.e_tag:
        # The key was overwritten since this event: the newer object has its own event.
        await _count(deps, "skip", "superseded")
        return None
    upload_id = info.meta(UPLOAD_ID_META)
    await asyncio.to_thread(
        db.with_retries,
        lambda: _mark_received(deps.engine, doc_id, bucket=bucket, key=key, info=info),
    )
    if info.size == 0:
        raise RejectedInput("zero-byte object", reason=ReasonCode.EMPTY_FILE)
    if info.size > settings.limits.max_object_bytes:
        raise RejectedInput(f"{info.size} bytes over the limit", reason=ReasonCode.TOO_LARGE)

    with tempfile.TemporaryDirectory(prefix="himflow-intake-") as tmp:
        path = Path(tmp) / "object"
        sha256, sha1 = await asyncio.to_thread(
            deps.store.download_hashed, bucket, key, path, version_id=obj.version_id or None,
            max_bytes=settings.limits.max_object_bytes,
        )
        head = await asyncio.to_thread(_read_head, path)
    media_type = sniff_media_type(head)
    if not check_extension(key, media_type):
        raise RejectedInput("file extension does not match its content", reason=ReasonCode.EXTENSION_MISMATCH)
    kind = kind_for(media_type)
    hints = await asyncio.to_thread(db.with_retries, lambda: _hints(deps.engine, upload_id))
    routed = DocumentRouted(
        doc_id=doc_id,
        kind=kind,
        source=ObjectRef(bucket=bucket, key=key, version_id=info.version_id, etag=info.etag, size=info.size),
        media_type=media_type,
        sha256=sha256,
        hints=hints,
    )
    # What later stages read from the database (content hash for duplicates, hints) is
    # written before the event goes out; the status moves to routed only after it went out.
    await asyncio.to_thread(db.with_retries, lambda: _record_facts(deps.engine, routed, sha1=sha1))
    return routed


def _read_head(path: Path) -> bytes:
    """The first bytes of a downloaded object, enough to sniff its media type."""
    with open(path, "rb") as fh:
        return fh.read(8192)


def _mark_received(engine: sa.Engine, doc_id: str, *, bucket: str, key: str, info: ObjectInfo) -> None:
    with engine.begin() as conn:
        db.upsert_document(
            conn, doc_id, status=DocumentStatus.RECEIVED.value, bucket=bucket, object_key=key,
            version_id=info.version_id, etag=info.etag, size=info.size,
        )


def _record_facts(engine: sa.Engine, routed: DocumentRouted, *, sha1: str) -> None:
    with engine.begin() as conn:
        db.upsert_document(
            conn, routed.doc_id, kind=routed.kind.value, media_type=routed.media_type, sha256=routed.sha256,
            sha1=sha1,
            hint_mrn=routed.hints.mrn, hint_encounter=routed.hints.encounter,
            hint_author=routed.hints.author, hint_type=routed.hints.document_type,
        )


def _mark_routed(engine: sa.Engine, routed: DocumentRouted) -> None:
    with engine.begin() as conn:
        db.upsert_document(conn, routed.doc_id, status=DocumentStatus.ROUTED.value)
        db.add_history(conn, routed.doc_id, stage=STAGE, status="routed", detail=routed.kind.value)
        db.count(conn, stage=STAGE, outcome="routed", reason=routed.kind.value)


def _hints(engine: sa.Engine, upload_id: str | None) -> PatientHints:
    if not upload_id:
        return PatientHints()
    with engine.connect() as conn:
        row = conn.execute(sa.select(db.upload_hints).where(db.upload_hints.c.upload_id == upload_id)).first()
    if row is None:
        return PatientHints()
    return PatientHints(mrn=row.mrn, encounter=row.encounter, author=row.author,
                        document_type=row.document_type, source="upload")


async def _count(deps: Deps, outcome: str, reason: str) -> None:
    await asyncio.to_thread(db.count_outcome, deps.engine, stage=STAGE, outcome=outcome, reason=reason)
    log_event(log, "skipped", outcome=outcome, reason=reason)

