"""Dead letters: list and replay. Replay republishes the original message to its topic; the
stage handles it again from scratch (idempotent on the document id), and the dead letter is
marked replayed (with a count), never deleted."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import sqlalchemy as sa

from himflow import db
from himflow.events_out import publish_many
from himflow.settings import Settings
from schemas.events import DocumentStatus


def list_dead_letters(settings: Settings, *, include_replayed: bool = False) -> list[dict[str, Any]]:
    engine = db.make_engine(settings.db_url)
    q = sa.select(db.dead_letters).order_by(db.dead_letters.c.id)
    if not include_replayed:
        q = q.where(db.dead_letters.c.replayed_at.is_(None))
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    engine.dispose()
    return [
        dict(id=r.id, at=r.at, stage=r.stage, reason=r.reason, retryable=r.retryable, attempts=r.attempts,
             error_type=r.error_type, detail=r.detail, doc_id=r.doc_id, topic=r.topic,
             partition=r.partition, offset=r.offset, replay_count=r.replay_count, replayed_at=r.replayed_at)
        for r in rows
    ]


def _original_bytes(text: str) -> bytes:
    return base64.b64decode(text[4:]) if text.startswith("b64:") else text.encode()


def replay(settings: Settings, *, ids: list[int] | None = None, reason: str | None = None) -> int:
    engine = db.make_engine(settings.db_url)
    q = sa.select(db.dead_letters).where(db.dead_letters.c.replayed_at.is_(None))
    if ids:
        q = sa.select(db.dead_letters).where(db.dead_letters.c.id.in_(ids))
    if reason:
        q = q.where(db.dead_letters.c.reason == reason)
    with engine.connect() as conn:
        rows = conn.execute(q.order_by(db.dead_letters.c.id)).all()
    if not rows:
        return 0
    # The document leaves its rejected state so the stage may process it again.
    with engine.begin() as conn:
        for r in rows:
            if r.doc_id:
                conn.execute(
                    db.documents.update()
                    .where(db.documents.c.id == r.doc_id, db.documents.c.status == DocumentStatus.REJECTED.value)
                    .values(status=DocumentStatus.RECEIVED.value, updated_at=db.utcnow())
                )
                db.add_history(conn, r.doc_id, stage="dlq", status="replayed", detail=r.reason)
    asyncio.run(publish_many(settings.broker, [(r.topic, r.msg_key, _original_bytes(r.original)) for r in rows]))
    with engine.begin() as conn:
        for r in rows:
            conn.execute(
                db.dead_letters.update().where(db.dead_letters.c.id == r.id)
                .values(replayed_at=db.utcnow(), replay_count=db.dead_letters.c.replay_count + 1)
            )
    engine.dispose()
    return len(rows)
