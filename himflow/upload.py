"""The project's own way in: store a file in the intake bucket and announce it with the same
ObjectCreated event MinIO would publish, so one path serves every store.

Object keys are ours (date + random id + the file's extension): no PHI. Patient hints
(MRN, encounter, author) go to the database, keyed by the upload id in the object's metadata,
never into keys or metadata.
"""

from __future__ import annotations

import mimetypes
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from himflow import db
from himflow.events_out import announce_objects
from himflow.objectstore import ObjectStore
from himflow.settings import Settings
from schemas.events import DocumentStatus
from schemas.ids import UPLOAD_ID_META, doc_id_for

AUDIO_EXT = {".wav", ".mp3", ".m4a", ".flac", ".ogg", ".oga", ".opus", ".webm", ".aac"}


@dataclass(frozen=True)
class Uploaded:
    file: str
    doc_id: str
    bucket: str
    key: str


def _suffix(path: Path) -> str:
    s = path.suffix.lower()
    return s if s.isascii() and len(s) <= 6 and s[1:].isalnum() else ""


def upload_files(
    settings: Settings,
    files: list[Path],
    *,
    patient: str | None = None,
    encounter: str | None = None,
    kind: str | None = None,
    author: str | None = None,
    document_type: str | None = None,
    store: ObjectStore | None = None,
    engine: sa.Engine | None = None,
) -> list[Uploaded]:
    store = store or ObjectStore(settings.store)
    engine = engine or db.make_engine(settings.db_url)
    out: list[Uploaded] = []
    announced: list[dict] = []
    for path in files:
        suffix = _suffix(path)
        is_audio = kind == "dictation" or (kind is None and suffix in AUDIO_EXT)
        bucket = settings.store.dictation_bucket if is_audio else settings.store.intake_bucket
        upload_id = secrets.token_hex(16)
        key = f"{datetime.now(timezone.utc):%Y/%m/%d}/{upload_id}{suffix}"
        with engine.begin() as conn:
            conn.execute(db.upload_hints.insert().values(
                upload_id=upload_id, kind=kind, mrn=patient, encounter=encounter, author=author,
                document_type=document_type, created_at=db.utcnow(),
            ))
        ctype = mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
        info = store.put_file(bucket, key, path, content_type=ctype, metadata={UPLOAD_ID_META: upload_id})
        out.append(Uploaded(file=str(path), doc_id=doc_id_for(bucket, key, info.version_id or info.etag),
                            bucket=bucket, key=key))
        announced.append(dict(bucket=bucket, key=key, size=info.size, etag=info.etag, version_id=info.version_id,
                              content_type=ctype, metadata={f"X-Amz-Meta-{UPLOAD_ID_META}": upload_id}))
    if settings.store.emit_object_events:
        announce_objects(settings.broker, announced)
    return out


def wait_final(settings: Settings, doc_ids: list[str], *, timeout_s: float = 600.0,
               engine: sa.Engine | None = None) -> dict[str, dict]:
    """Wait until each document (and, for a split batch, each child) reaches a final status."""
    engine = engine or db.make_engine(settings.db_url)
    deadline = time.monotonic() + timeout_s
    final = {s.value for s in DocumentStatus if s.is_final}
    while True:
        with engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(sa.select(db.documents).where(db.documents.c.id.in_(doc_ids))).all()}
            children = conn.execute(
                sa.select(db.documents).where(db.documents.c.parent_id.in_(doc_ids))
            ).all()
        pending = [d for d in doc_ids if d not in rows or rows[d].status not in final]
        pending += [c.id for c in children if c.status not in final]
        split_without_children = [d for d in doc_ids if d in rows and rows[d].status == "split"
                                  and not any(c.parent_id == d for c in children)]
        if not pending and not split_without_children:
            return {d: record(rows[d], children=[c for c in children if c.parent_id == d], engine=engine)
                    for d in doc_ids}
        if time.monotonic() > deadline:
            return {d: (record(rows[d], children=[], engine=engine) if d in rows else {"id": d, "status": "missing"})
                    for d in doc_ids}
        time.sleep(0.25)


def record(row: sa.Row, *, children: list[sa.Row], engine: sa.Engine) -> dict:
    from himflow.text_index import get_text

    with engine.connect() as conn:
        text = get_text(conn, row.id)
    out = {
        "id": row.id,
        "kind": row.kind,
        "status": row.status,
        "media_type": row.media_type,
        "text": text,
        "text_length": len(text) if text else (row.text_chars or 0),
        "type": row.type_code,
        "type_display": row.type_display,
        "patient": row.patient_id,
        "confidence": row.type_confidence,
        "quality": row.confidence,
        "reasons": db.loads_list(row.reasons),
    }
    if children:
        out["children"] = [record(c, children=[], engine=engine) for c in children]
    return out
