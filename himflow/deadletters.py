"""Dead letters: list and replay. A replay writes the original message back with a header
naming its dead letter (``REPLAY_HEADER``): straight to its Kafka topic for ``himflow dlq
replay`` (the original bytes, binary ones included), through the outbox for the review UI and
for a sink's pseudo-topic (``fhir:DocumentReference`` is no Kafka topic). The stage, or the
sink, handles it again from scratch (idempotent on the document id) and answers. The dead
letter is never deleted, and only marked replayed when the replay got through: one that fails
again updates the same dead letter (outcome failed-again, still open); until the answer comes
its outcome is pending. ``replay`` waits for and reports each outcome."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from himflow import db, outbox
from himflow.errors import RejectedInput
from himflow.events_out import publish_many
from himflow.policy import REPLAY_HEADER
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


@dataclass(frozen=True)
class ReplayOutcome:
    id: int
    stage: str
    reason: str  # the reason it was dead-lettered with before this replay
    outcome: str  # succeeded | failed-again | pending (no answer from the stage in time)
    now: str = ""  # failed-again: the reason now

    @property
    def ok(self) -> bool:
        return self.outcome == "succeeded"


def replay(settings: Settings, *, ids: list[int] | None = None, reason: str | None = None,
           wait_s: float = 120.0, poll_s: float = 0.25) -> list[ReplayOutcome]:
    """Replay dead letters and (``wait_s`` > 0) wait for what became of each.

    The stage answers for every replayed message (it carries ``REPLAY_HEADER``): handled ->
    the dead letter is marked replayed (succeeded); dead-lettered again -> the same dead letter
    is updated and stays open (failed-again). No answer within ``wait_s``: pending, still open
    (the stage's answer, when it comes, is recorded all the same)."""
    engine = db.make_engine(settings.db_url)
    t = db.dead_letters
    q = sa.select(t).where(t.c.replayed_at.is_(None))
    if ids:
        q = sa.select(t).where(t.c.id.in_(ids))
    if reason:
        q = q.where(t.c.reason == reason)
    with engine.connect() as conn:
        rows = conn.execute(q.order_by(t.c.id)).all()
    if not rows:
        engine.dispose()
        return []
    with engine.begin() as conn:
        direct = [r for r in rows if not _reopen(conn, r, via_outbox=outbox.is_pseudo_topic(r.topic))]
    if direct:  # Kafka topics: the original bytes as they were (binary or not JSON included)
        asyncio.run(publish_many(settings.broker, [(r.topic, r.msg_key, _original_bytes(r.original),
                                                    {REPLAY_HEADER: str(r.id)}) for r in direct]))
    deadline = time.monotonic() + wait_s
    while True:
        with engine.connect() as conn:
            now = {x.id: x for x in conn.execute(sa.select(t).where(t.c.id.in_([r.id for r in rows])))}
        if all(now[r.id].replay_outcome != "pending" for r in rows) or time.monotonic() >= deadline:
            break
        time.sleep(poll_s)
    engine.dispose()
    return [ReplayOutcome(r.id, r.stage, r.reason, now[r.id].replay_outcome or "pending",
                          now[r.id].reason if now[r.id].replay_outcome == "failed-again" else "")
            for r in rows]


def _reopen(conn: sa.Connection, row: sa.Row, *, via_outbox: bool) -> bool:
    """Mark one dead letter's replay pending (its replay counted), let its document leave the
    rejected state so the stage may process it again, and (``via_outbox``) write its original
    message back through the outbox with ``REPLAY_HEADER``, in the caller's transaction. The
    stage (or the sink, for a pseudo-topic) answers: succeeded marks it replayed, a failure
    updates it (failed-again, still open). Returns ``via_outbox``."""
    t = db.dead_letters
    if via_outbox:
        outbox.enqueue(conn, topic=row.topic, key=row.msg_key, value=_outbox_value(row.original),
                       headers={REPLAY_HEADER: str(row.id)})
    conn.execute(t.update().where(t.c.id == row.id).values(
        replay_outcome="pending", replayed_at=None, replay_count=t.c.replay_count + 1))
    if row.doc_id:
        conn.execute(
            db.documents.update()
            .where(db.documents.c.id == row.doc_id, db.documents.c.status == DocumentStatus.REJECTED.value)
            .values(status=DocumentStatus.RECEIVED.value, updated_at=db.utcnow())
        )
        db.add_history(conn, row.doc_id, stage="dlq", status="replayed", detail=row.reason)
    return via_outbox


def _outbox_value(original: str) -> str:
    """The original as the outbox holds it (JSON text: the relay publishes what it parses)."""
    value = original
    if value.startswith("b64:"):
        try:
            value = base64.b64decode(value[4:]).decode("utf-8")
        except ValueError as e:
            raise RejectedInput("this message is binary: replay it with `himflow dlq replay`") from e
    try:
        json.loads(value)
    except ValueError as e:
        raise RejectedInput("this message is not JSON: replay it with `himflow dlq replay`") from e
    return value


def requeue(conn: sa.Connection, dl_id: int) -> sa.Row:
    """The review UI's replay: one dead letter's original message back through the outbox, in
    the caller's transaction (no broker connection). Its outcome is pending until the stage
    answers, exactly as for ``replay``: it is not marked replayed here. Raises RejectedInput
    for an unknown id, a letter already replayed, or a message that is binary or not JSON.
    Returns the dead letter as it was."""
    t = db.dead_letters
    row = conn.execute(sa.select(t).where(t.c.id == dl_id)).first()
    if row is None:
        raise RejectedInput("no such dead letter")
    if row.replayed_at is not None:
        raise RejectedInput("this dead letter was replayed and went through")
    _reopen(conn, row, via_outbox=True)
    return row
