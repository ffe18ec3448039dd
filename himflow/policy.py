"""One error policy for every worker, as a FastStream middleware.

For each consumed message:
  - oversized value -> dead letter (OVERSIZED_EVENT) without parsing it;
  - the handler runs; a retryable error (HimflowError.retryable, or an unexpected exception)
    is retried in place with exponential backoff, at most `retry.attempts` times;
  - a permanent error, or retries exhausted, publishes a DeadLetter (stage, reason code,
    original value, position) to the dead-letter topic, awaits the broker's ack, records it in
    the database and marks the document rejected; then the message is acknowledged, so a
    poison message never blocks its partition;
  - only if the dead letter itself cannot be published does an exception escape: the
    subscriber's NACK_ON_ERROR policy then seeks back and the message is delivered again.
Offsets are committed after the handler (or the dead letter) is durably published:
at-least-once, end to end.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable
from urllib.parse import unquote_plus

import sqlalchemy as sa
from faststream import BaseMiddleware
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from himflow import db
from himflow.errors import HimflowError, MalformedEvent
from himflow.logs import log_event
from himflow.retry import Backoff
from himflow.settings import LimitSettings, RetrySettings
from schemas import topics
from schemas.events import DeadLetter, DocumentStatus, ReasonCode
from schemas.ids import doc_id_for

log = logging.getLogger("himflow.policy")
OVERSIZED_KEEP = 4096
REPLAY_HEADER = "himflow-replay-of"  # on a replayed message: the id of its dead letter


def _original_text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return "b64:" + base64.b64encode(body).decode()


def _guess_doc_id(body: bytes) -> str | None:
    """Best effort: the doc id inside one of our events, or derived from an S3 event."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nesting too deep is a bad body too
        return None
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("doc_id"), str):
        return data["doc_id"][:64]
    try:
        obj = data["Records"][0]["s3"]
        return doc_id_for(
            obj["bucket"]["name"],
            unquote_plus(obj["object"]["key"]),
            obj["object"].get("versionId") or obj["object"].get("eTag", ""),
        )
    except (KeyError, IndexError, TypeError):
        return None


def classify_error(exc: BaseException) -> tuple[ReasonCode, bool, str]:
    """(reason, retryable, detail) for any exception. Details never quote input."""
    if isinstance(exc, HimflowError):
        return exc.reason, exc.retryable, exc.detail
    if isinstance(exc, ValidationError):
        fields = sorted({".".join(str(p) for p in err["loc"]) for err in exc.errors()})[:5]
        return ReasonCode.MALFORMED_EVENT, False, f"invalid fields: {', '.join(fields)}"
    if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError)):
        return ReasonCode.MALFORMED_EVENT, False, "not JSON"
    return ReasonCode.INTERNAL_ERROR, True, f"{type(exc).__name__} at {_where(exc)}"


def _where(exc: BaseException, depth: int = 3) -> str:
    """The innermost frames as module:line (function): enough to find a bug, no message text
    (library messages may quote input)."""
    frames = traceback.extract_tb(exc.__traceback__)[-depth:]
    return " < ".join(
        f"{Path(f.filename).stem}:{f.lineno}({f.name})" for f in reversed(frames)
    ) or "?"


@dataclass
class StageContext:
    """What a stage's policy needs: its name, the dead-letter publisher and the database."""

    stage: str
    engine: Engine
    publish: Callable[..., Awaitable[Any]]  # broker.publish
    retry: RetrySettings = field(default_factory=RetrySettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def dead_letter(
        self,
        *,
        body: bytes,
        topic: str,
        reason: ReasonCode,
        retryable: bool,
        attempts: int,
        error_type: str,
        detail: str,
        partition: int | None = None,
        offset: int | None = None,
        key: str | None = None,
        doc_id: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> DeadLetter:
        doc_id = doc_id or _guess_doc_id(body)
        letter = DeadLetter(
            stage=self.stage,
            reason=reason.value,
            retryable=retryable,
            attempts=attempts,
            error_type=error_type,
            detail=detail[:500],
            doc_id=doc_id,
            topic=topic,
            partition=partition,
            offset=offset,
            key=key,
            original=_original_text(body),
            headers=headers or {},
        )
        # 1) durable in the broker (awaits acks=all); if this raises, the message is redelivered.
        await self.publish(letter, topic=topics.DEAD_LETTER, key=(doc_id or "").encode() or None)
        # 2) visible in status and the review queue.
        await asyncio.to_thread(db.with_retries, lambda: self._record(letter))
        log_event(log, "dead-lettered", level=logging.WARNING, stage=self.stage, reason=reason.value,
                  doc_id=doc_id, attempts=attempts, error_type=error_type)
        return letter

    def _record(self, letter: DeadLetter) -> None:
        with self.engine.begin() as conn:
            if self._record_replay_failure(conn, letter):
                return
            try:
                with conn.begin_nested():
                    conn.execute(
                        db.dead_letters.insert().values(
                            at=letter.occurred_at, stage=letter.stage, reason=letter.reason,
                            retryable=letter.retryable, attempts=letter.attempts,
                            error_type=letter.error_type, detail=letter.detail, doc_id=letter.doc_id,
                            topic=letter.topic, partition=letter.partition, offset=letter.offset,
                            msg_key=letter.key, original=letter.original, replay_count=0,
                            dedupe_key=self._dedupe_key(letter),
                        )
                    )
            except IntegrityError:
                return  # the same message was dead-lettered before (redelivery)
            db.count(conn, stage=self.stage, outcome="dead-letter", reason=letter.reason)
            if letter.doc_id:
                exists = conn.execute(
                    sa.select(db.documents.c.status).where(db.documents.c.id == letter.doc_id)
                ).first()
                if exists is None or not DocumentStatus(exists.status).is_final:
                    reasons = [f"rejected:{letter.reason}"]
                    db.upsert_document(conn, letter.doc_id, status=DocumentStatus.REJECTED.value,
                                       reasons=db.dumps(reasons))
                db.add_history(conn, letter.doc_id, stage=self.stage, status="dead-letter",
                               detail=letter.reason)

    def replay_went_through(self, replay_of: str) -> None:
        """The stage handled a replayed message: its dead letter is replayed (succeeded),
        unless the handler dead-lettered it itself on the way (failed-again answered first)."""
        try:
            letter_id = int(replay_of)
        except ValueError:
            return
        t = db.dead_letters
        with self.engine.begin() as conn:
            conn.execute(t.update().where(t.c.id == letter_id, t.c.stage == self.stage,
                                          t.c.replay_outcome == "pending")
                         .values(replayed_at=db.utcnow(), replay_outcome="succeeded"))

    def _record_replay_failure(self, conn: Any, letter: DeadLetter) -> bool:
        """A replayed message (header ``REPLAY_HEADER`` = its dead letter's id) that failed again
        updates that dead letter (open, outcome failed-again, the new reason) instead of adding
        a second one: a replay that changed nothing is never shown as replayed."""
        try:
            replay_of = int(letter.headers.get(REPLAY_HEADER, ""))
        except ValueError:
            return False
        t = db.dead_letters
        updated = conn.execute(
            t.update().where(t.c.id == replay_of, t.c.stage == letter.stage).values(
                reason=letter.reason, retryable=letter.retryable, attempts=letter.attempts,
                error_type=letter.error_type, detail=letter.detail, replayed_at=None,
                replay_outcome="failed-again")
        ).rowcount
        if not updated:
            return False
        db.count(conn, stage=self.stage, outcome="replay-failed", reason=letter.reason)
        if letter.doc_id:
            db.upsert_document(conn, letter.doc_id, status=DocumentStatus.REJECTED.value,
                               reasons=db.dumps([f"rejected:{letter.reason}"]))
            db.add_history(conn, letter.doc_id, stage=self.stage, status="dead-letter",
                           detail=f"{letter.reason} (replay failed again)")
        return True

    def _dedupe_key(self, letter: DeadLetter) -> str:
        body_hash = hashlib.sha256(letter.original.encode()).hexdigest()[:16]
        return "|".join(str(x) for x in (letter.stage, letter.topic, letter.partition, letter.offset,
                                          letter.doc_id or "", body_hash))

    def backoff(self, attempt: int) -> float:
        return Backoff(base_s=self.retry.base_delay_s, max_s=self.retry.max_delay_s, jitter=True).delay(attempt)


def stage_policy(ctx: StageContext) -> type[BaseMiddleware]:
    """Build the middleware class for one stage (FastStream instantiates it per message)."""

    class StagePolicy(BaseMiddleware):
        async def consume_scope(self, call_next, msg):
            raw = msg.raw_message
            body: bytes = msg.body or b""
            where: dict[str, Any] = dict(
                topic=getattr(raw, "topic", "?"),
                partition=getattr(raw, "partition", None),
                offset=getattr(raw, "offset", None),
                key=(raw.key.decode("utf-8", "replace") if getattr(raw, "key", None) else None),
                headers={k: v.decode("utf-8", "replace") for k, v in (getattr(raw, "headers", None) or ())},
            )
            if len(body) > ctx.limits.max_event_bytes:
                # Keep only the head: the dead letter itself must stay a small message.
                await ctx.dead_letter(body=body[:OVERSIZED_KEEP], reason=ReasonCode.OVERSIZED_EVENT,
                                      retryable=False, attempts=0, error_type="OversizedEvent",
                                      detail=f"{len(body)} bytes; first {OVERSIZED_KEEP} kept", **where)
                return None
            attempt = 0
            while True:
                attempt += 1
                try:
                    result = await call_next(msg)
                    if REPLAY_HEADER in where["headers"]:
                        await asyncio.to_thread(db.with_retries,
                                                lambda: ctx.replay_went_through(where["headers"][REPLAY_HEADER]))
                    return result
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # noqa: BLE001 - the policy is the one place that sees every error
                    reason, retryable, detail = classify_error(exc)
                    if retryable and attempt < ctx.retry.attempts:
                        log_event(log, "retrying", level=logging.WARNING, stage=ctx.stage,
                                  reason=reason.value, attempt=attempt, error_type=type(exc).__name__)
                        await ctx.sleep(ctx.backoff(attempt))
                        continue
                    if retryable:
                        detail = f"{reason.value} after {attempt} attempts: {detail}"
                        reason = ReasonCode.RETRIES_EXHAUSTED if reason == ReasonCode.INTERNAL_ERROR else reason
                    await ctx.dead_letter(body=body, reason=reason, retryable=retryable, attempts=attempt,
                                          error_type=type(exc).__name__, detail=detail, **where)
                    return None

    return StagePolicy


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise MalformedEvent("not JSON") from e
    except RecursionError as e:  # e.g. 50,000 nested brackets: permanent, never retried
        raise MalformedEvent("JSON nested too deeply") from e
