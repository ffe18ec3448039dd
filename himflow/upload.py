"""The project's one way in: store a file in the intake (or dictation) bucket and announce it
with the same ObjectCreated event MinIO would publish, so one path serves every store.
``store_and_announce`` serves the CLI (``himflow upload``), the hot folder and the web upload.

Object keys are ours (date + random id + the file's extension): no PHI. Patient hints
(MRN, encounter, author) go to the database, keyed by the upload id in the object's metadata,
never into keys or metadata. The hints row is committed before the object is stored, so
intake finds it when the event arrives.
"""

from __future__ import annotations

import mimetypes
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow import db, outbox
from himflow.events_out import announce_objects
from himflow.objectstore import ObjectStore
from himflow.settings import Settings
from schemas import topics
from schemas.events import DocumentStatus
from schemas.ids import UPLOAD_ID_META, doc_id_for
from schemas.s3event import object_created_event
from himflow.text_index import get_text

SCAN_EXT = {".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"}
AUDIO_EXT = {".wav", ".mp3", ".m4a", ".flac", ".ogg", ".oga", ".opus", ".webm", ".aac"}
ACCEPTED_EXT = SCAN_EXT | AUDIO_EXT  # what a form offers; intake sniffs the bytes either way


@dataclass(frozen=True)
class Uploaded:
    file: str
    doc_id: str
    bucket: str
    key: str
    upload_id: str = ""
    size: int = 0


@dataclass(frozen=True)
class Hints:
    """What the uploader says about the files (None: not said)."""

    patient: str | None = None  # an MRN
    encounter: str | None = None
    kind: str | None = None  # "scan" | "dictation"; None: by the file's extension
    author: str | None = None
    document_type: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One file to take in: a path on disk, or bytes already read (a web form's file).
    ``name`` is the file's name as given; only its extension is used (in the object key)."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    content_type: str | None = None


def suffix_of(name: str) -> str:
    s = Path(name).suffix.lower()
    return s if s.isascii() and len(s) <= 6 and s[1:].isalnum() else ""


def kind_of(suffix: str) -> str:
    return "dictation" if suffix in AUDIO_EXT else "scan"


def store_and_announce(
    settings: Settings,
    files: list[Incoming],
    *,
    hints: Hints = Hints(),
    store: ObjectStore | None = None,
    engine: sa.Engine | None = None,
    key_prefix: str = "",
    via_outbox: bool = False,
    also: Callable[[Connection, list[Uploaded]], None] | None = None,
    uploaded_by: str | None = None,
) -> list[Uploaded]:
    """Store each file under a key of our own with its hints, then announce them all.

    ``via_outbox``: the ObjectCreated events go into the outbox (relayed to Kafka by the
    outbox relay) in one transaction, with whatever ``also(conn, uploaded)`` writes (the web's
    audit row); otherwise they are published now and this returns once the broker has
    acknowledged them (the hot folder moves a file only after that). ``key_prefix`` names
    where a file came from (``web``); keys carry no PHI either way.

    The hints row then names the document the file became (``doc_id``), the file's name and
    size and ``uploaded_by`` (the desk account), written before the file is announced: the
    upload's reference (the document id) is known to `himflow status` and the desk's upload
    status page from the moment the answer is given."""
    store = store or ObjectStore(settings.store)
    engine = engine or db.make_engine(settings.db_url)
    st = settings.store
    out: list[Uploaded] = []
    announced: list[dict] = []
    for f in files:
        suffix = suffix_of(f.name)
        is_audio = hints.kind == "dictation" or (hints.kind is None and suffix in AUDIO_EXT)
        bucket = st.dictation_bucket if is_audio else st.intake_bucket
        upload_id = secrets.token_hex(16)
        prefix = f"{key_prefix}/" if key_prefix else ""
        key = f"{prefix}{datetime.now(timezone.utc):%Y/%m/%d}/{upload_id}{suffix}"
        with engine.begin() as conn:
            conn.execute(db.upload_hints.insert().values(
                upload_id=upload_id, kind=hints.kind, mrn=hints.patient, encounter=hints.encounter,
                author=hints.author, document_type=hints.document_type, created_at=db.utcnow(),
            ))
        ctype = f.content_type or mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
        meta = {UPLOAD_ID_META: upload_id}
        if f.data is not None:
            info = store.put_bytes(bucket, key, f.data, content_type=ctype, metadata=meta)
        elif f.path is not None:
            info = store.put_file(bucket, key, f.path, content_type=ctype, metadata=meta)
        else:
            raise ValueError("an incoming file has neither a path nor data")
        doc_id = doc_id_for(bucket, key, info.version_id or info.etag)
        out.append(Uploaded(file=f.name, doc_id=doc_id, bucket=bucket, key=key,
                            upload_id=upload_id, size=info.size))
        with engine.begin() as conn:
            conn.execute(db.upload_hints.update().where(db.upload_hints.c.upload_id == upload_id)
                         .values(doc_id=doc_id, file_name=Path(f.name).name[:255], size=info.size,
                                 uploaded_by=uploaded_by))
        announced.append(dict(bucket=bucket, key=key, size=info.size, etag=info.etag,
                              version_id=info.version_id, content_type=ctype,
                              metadata={f"X-Amz-Meta-{UPLOAD_ID_META}": upload_id}))
    if via_outbox:
        with engine.begin() as conn:
            if st.emit_object_events:
                _enqueue_announcements(conn, announced)
            if also is not None:
                also(conn, out)
    elif st.emit_object_events:
        announce_objects(settings.broker, announced)
    return out


def _enqueue_announcements(conn: Connection, announced: list[dict]) -> None:
    for o in announced:
        msg_key, event = object_created_event(
            bucket=o["bucket"], key=o["key"], size=o["size"], etag=o["etag"],
            version_id=o["version_id"], content_type=o["content_type"],
            user_metadata=o["metadata"])
        outbox.enqueue(conn, topic=topics.OBJECT_CREATED, key=msg_key,
                   value=event.model_dump_json(by_alias=True))


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
    """Files on disk (``himflow upload``, the hot folder), announced straight to the broker."""
    return [
        Uploaded(file=str(path), doc_id=u.doc_id, bucket=u.bucket, key=u.key,
                 upload_id=u.upload_id, size=u.size)
        for path, u in zip(files, store_and_announce(
            settings, [Incoming(name=path.name, path=path) for path in files],
            hints=Hints(patient=patient, encounter=encounter, kind=kind, author=author,
                        document_type=document_type),
            store=store, engine=engine), strict=True)
    ]


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
