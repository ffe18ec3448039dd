"""Dead letters: list and replay. Replay republishes the original message to its topic (with a
header naming its dead letter); the stage handles it again from scratch (idempotent on the
document id). The dead letter is never deleted, and only marked replayed when the replay got
through: a stage that fails on it again updates the same dead letter (outcome failed-again,
still open), and ``replay`` waits for and reports each outcome."""

from __future__ import annotations

import asyncio
import base64
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ReplayOutcome:
    id: int
    stage: str
    reason: str  # the reason it was dead-lettered with before this replay
    outcome: str  # failed-again | succeeded | failed-later | no-failure-seen | pending
    now: str = ""  # failed-again: the reason now; succeeded / failed-later: the document status

    @property
    def ok(self) -> bool:
        return self.outcome in ("succeeded", "no-failure-seen")


def replay(settings: Settings, *, ids: list[int] | None = None, reason: str | None = None,
           wait_s: float = 120.0, quiet_s: float = 5.0, poll_s: float = 0.5) -> list[ReplayOutcome]:
    """Replay dead letters and (``wait_s`` > 0) wait for what became of each.

    A dead letter whose document was rejected is settled when its stage dead-letters it again
    (failed-again), when that stage records progress on the document or the document reaches
    a final status (succeeded; failed-later when it was rejected at a later stage). Any other
    (no document, or a document not rejected any more) is failed-again if its stage fails on it
    within the wait, else no-failure-seen after ``quiet_s``. Only succeeded / failed-later /
    no-failure-seen mark it replayed; failed-again and pending leave it open."""
    from himflow.policy import REPLAY_HEADER

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
    # The document leaves its rejected state so the stage may process it again.
    h = db.document_history
    followed: set[int] = set()  # letters whose rejected document can be followed
    with engine.begin() as conn:
        last_history = conn.execute(sa.select(sa.func.max(h.c.id))).scalar() or 0
        for r in rows:
            conn.execute(t.update().where(t.c.id == r.id).values(
                replay_outcome="pending", replay_count=t.c.replay_count + 1))
            if r.doc_id:
                if conn.execute(
                    db.documents.update()
                    .where(db.documents.c.id == r.doc_id, db.documents.c.status == DocumentStatus.REJECTED.value)
                    .values(status=DocumentStatus.RECEIVED.value, updated_at=db.utcnow())
                ).rowcount:
                    followed.add(r.id)
                db.add_history(conn, r.doc_id, stage="dlq", status="replayed", detail=r.reason)
    asyncio.run(publish_many(settings.broker, [(r.topic, r.msg_key, _original_bytes(r.original),
                                                {REPLAY_HEADER: str(r.id)}) for r in rows]))
    started = time.monotonic()
    outcomes: dict[int, ReplayOutcome] = {}
    final = {s.value for s in DocumentStatus if s.is_final}
    while True:
        waited = time.monotonic() - started
        with engine.connect() as conn:
            now = {x.id: x for x in conn.execute(sa.select(t).where(t.c.id.in_([r.id for r in rows])))}
            doc_ids = [r.doc_id for r in rows if r.doc_id]
            docs = {d.id: d.status for d in conn.execute(sa.select(db.documents.c.id, db.documents.c.status).where(
                db.documents.c.id.in_(doc_ids)))}
            progress = {(x.doc_id, x.stage) for x in conn.execute(sa.select(h.c.doc_id, h.c.stage).where(
                h.c.id > last_history, h.c.doc_id.in_(doc_ids), h.c.status != "dead-letter"))}
        for r in rows:
            if r.id in outcomes:
                continue
            cur = now[r.id]
            if cur.replay_outcome == "failed-again":
                outcomes[r.id] = ReplayOutcome(r.id, r.stage, r.reason, "failed-again", cur.reason)
            elif r.id in followed and docs.get(r.doc_id) in final:
                status = docs[r.doc_id]
                kind = "failed-later" if status == DocumentStatus.REJECTED.value else "succeeded"
                outcomes[r.id] = ReplayOutcome(r.id, r.stage, r.reason, kind, status)
            elif r.id in followed and (r.doc_id, r.stage) in progress:
                outcomes[r.id] = ReplayOutcome(r.id, r.stage, r.reason, "succeeded", docs.get(r.doc_id, ""))
            elif r.id not in followed and waited >= min(quiet_s, wait_s):
                outcomes[r.id] = ReplayOutcome(r.id, r.stage, r.reason, "no-failure-seen")
        if len(outcomes) == len(rows) or waited >= wait_s:
            break
        time.sleep(poll_s)
    with engine.begin() as conn:
        for r in rows:
            o = outcomes.setdefault(r.id, ReplayOutcome(r.id, r.stage, r.reason, "pending"))
            if o.outcome in ("succeeded", "failed-later", "no-failure-seen"):
                conn.execute(t.update().where(t.c.id == r.id, t.c.replay_outcome == "pending")
                             .values(replayed_at=db.utcnow(), replay_outcome=o.outcome))
    engine.dispose()
    return [outcomes[r.id] for r in rows]
