"""The transactional outbox: a spine service every producer process runs.

A change and the event announcing it are written in one database transaction
(``enqueue(conn, ...)``: a worker's result, a reviewer's approval, a web upload, a dead letter
replayed from the review UI); an ``OutboxRelay`` then delivers the pending rows and marks
them. Rows are leased before delivery (``claim``), so several relays (one per worker process,
any number of replicas) never deliver one row twice, and an expired lease (a crashed relay) is
taken over: nothing lost, nothing doubled.

Where a row goes is its topic: a Kafka topic name (``[A-Za-z0-9._-]``) goes to the broker; a
name with a colon (``fhir:DocumentReference``) is a pseudo-topic delivered by the ``Sink``
registered for it (the publishing stage registers the FHIR-server PUT). A relay claims only
rows it can deliver, so a process without the FHIR sink never takes the FHIR rows.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from himflow import db, outbox_verify
from himflow.logs import log_event
from himflow.settings import BrokerSettings

log = logging.getLogger("himflow.outbox")

INTERVAL_S = 1.0
LEASE_S = 60.0
BATCH = 200

outbox = db.outbox  # the table (in the one MetaData of himflow.db)


def is_pseudo_topic(topic: str) -> bool:
    """A sink's name, not a Kafka topic (Kafka topic names cannot hold a colon)."""
    return ":" in topic


def enqueue(conn: Connection, *, topic: str, key: str | None, value: str,
            headers: Mapping[str, str] | None = None) -> None:
    """Add an event to the outbox, inside the caller's transaction. ``headers`` travel with the
    message (a replay's ``himflow-replay-of``); sinks read them with ``row_headers``."""
    conn.execute(outbox.insert().values(topic=topic, msg_key=key, value=value, created_at=db.utcnow(),
                                        headers=json.dumps(dict(headers)) if headers else None))


def row_headers(row: sa.Row) -> dict[str, str]:
    """The headers an outbox row was enqueued with (none: {})."""
    raw = getattr(row, "headers", None)
    return {str(k): str(v) for k, v in json.loads(raw).items()} if raw else {}


def claim(engine: Engine, *, owner: str, batch: int = BATCH, lease_s: float = LEASE_S,
          sinks: tuple[str, ...] | None = None, taken_over: dict[int, datetime] | None = None) -> list[sa.Row]:
    """Lease up to `batch` unpublished outbox rows (oldest first) for `owner`; returns the rows
    this owner holds. The UPDATE re-checks the lease condition on each row, so two relays
    racing for the same rows get disjoint sets (PostgreSQL re-evaluates it under the row lock;
    SQLite has one writer at a time). A row whose key has an earlier row leased by another
    relay waits, so the rows of one key are delivered in order by one relay at a time.

    ``sinks``: the pseudo-topics this owner delivers besides Kafka topics (None: every row).

    ``taken_over`` (when given) receives, for each row another relay had claimed and let
    expire, when that relay's lease began: it may have sent the row without marking it
    (killed between the broker's acknowledgement and the mark), so the caller checks the topic
    before sending it again (himflow.outbox_verify)."""

    def run() -> list[sa.Row]:
        now = db.utcnow()
        free = sa.and_(outbox.c.published_at.is_(None),
                       sa.or_(outbox.c.claimed_until.is_(None), outbox.c.claimed_until < now,
                              outbox.c.claimed_by == owner))
        if sinks is not None:
            free = sa.and_(free, sa.or_(~outbox.c.topic.contains(":"), outbox.c.topic.in_(sinks)))
        # One key's rows go out in order: none is taken while an earlier row of the same key
        # is leased by another relay (a correction never overtakes the resource it corrects).
        earlier = outbox.alias("earlier")
        free = sa.and_(free, ~sa.exists().where(
            earlier.c.msg_key == outbox.c.msg_key, earlier.c.id < outbox.c.id,
            earlier.c.published_at.is_(None), earlier.c.claimed_by != owner, earlier.c.claimed_until >= now))
        with engine.begin() as conn:
            candidates = conn.execute(sa.select(outbox.c.id, outbox.c.claimed_by, outbox.c.claimed_until)
                                      .where(free).order_by(outbox.c.id).limit(batch)).all()
            ids = [c.id for c in candidates]
            if taken_over is not None:
                for c in candidates:
                    if c.claimed_by is not None and c.claimed_by != owner and c.claimed_until is not None:
                        until = c.claimed_until if c.claimed_until.tzinfo else c.claimed_until.replace(tzinfo=UTC)
                        taken_over[c.id] = until - timedelta(seconds=lease_s)
            if ids:
                conn.execute(outbox.update().where(outbox.c.id.in_(ids), free)
                             .values(claimed_by=owner, claimed_until=now + timedelta(seconds=lease_s)))
            return list(conn.execute(
                sa.select(outbox).where(outbox.c.published_at.is_(None), outbox.c.claimed_by == owner,
                                        outbox.c.claimed_until >= now).order_by(outbox.c.id)
            ).all())

    return db.with_retries(run)


def mark_published(engine: Engine, row_id: int) -> None:
    def run() -> None:
        with engine.begin() as conn:
            conn.execute(outbox.update().where(outbox.c.id == row_id).values(published_at=db.utcnow()))

    db.with_retries(run)


def pending(conn: Connection) -> int:
    return int(conn.execute(
        sa.select(sa.func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))).scalar() or 0)


class Sink(Protocol):
    """Delivers the rows of one pseudo-topic. True: delivered or settled (a permanent refusal
    the sink dead-lettered itself); the row is marked. False: the destination is away; the
    row and every later row of this sink wait for the next drain (their order is kept)."""

    async def deliver(self, row: sa.Row) -> bool: ...


Publish = Callable[..., Awaitable[Any]]  # broker.publish(message, topic=..., key=...)


def default_owner() -> str:
    """Unique per relay (host, pid and a random part): two relays in one process (tests run
    several worker processes in one interpreter) must never take each other's leases."""
    return f"{os.uname().nodename[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


class OutboxRelay:
    """Delivers pending outbox rows: Kafka topics through ``publish`` (the process's broker),
    pseudo-topics through their ``sinks``. One drain at a time per relay (two drains of the
    same leased rows published each row twice); ``run_forever`` drains every ``interval_s``
    and a producer may ``drain()`` right after its commit to cut the latency."""

    def __init__(self, engine: Engine, *, publish: Publish, sinks: Mapping[str, Sink] | None = None,
                 owner: str | None = None, interval_s: float = INTERVAL_S, batch: int = BATCH,
                 broker: BrokerSettings | None = None):
        self.engine = engine
        # Where a send with an unknown outcome is looked up before it is sent again
        # (himflow.outbox_verify); None: not looked up (test brokers without a real topic).
        self.broker = broker
        # Rows whose last send has an unknown outcome: row id -> when that send could have begun.
        self._uncertain: dict[int, datetime] = {}
        self.publish = publish
        self.sinks: dict[str, Sink] = dict(sinks or {})
        self.owner = owner or default_owner()
        self.interval_s = interval_s
        self.batch = batch
        self._lock = asyncio.Lock()

    def add_sink(self, topic: str, sink: Sink) -> None:
        if not is_pseudo_topic(topic):
            raise ValueError(f"{topic!r} is a Kafka topic: only pseudo-topics (with a colon) have sinks")
        self.sinks[topic] = sink

    async def drain(self) -> int:
        """Deliver the rows leased to this relay in order, marking each once delivered.
        Returns how many were delivered."""
        async with self._lock:
            taken_over: dict[int, datetime] = {}
            rows = await asyncio.to_thread(claim, self.engine, owner=self.owner, batch=self.batch,
                                           sinks=tuple(self.sinks), taken_over=taken_over)
            self._uncertain.update(taken_over)
            away: set[str] = set()
            done = 0
            for row in rows:
                if row.topic in away:
                    continue  # keep this sink's order: its later rows wait too
                if is_pseudo_topic(row.topic):
                    if not await self.sinks[row.topic].deliver(row):
                        away.add(row.topic)
                        continue
                else:
                    await self._send(row)
                await asyncio.to_thread(mark_published, self.engine, row.id)
                self._uncertain.pop(row.id, None)
                done += 1
            return done

    async def _send(self, row: sa.Row) -> None:
        """Publish one row to its Kafka topic, unless an earlier send whose outcome is unknown
        (the broker did not answer in time; a relay killed before the mark) already landed."""
        key = row.msg_key.encode() if row.msg_key else None
        since = self._uncertain.get(row.id)
        if since is not None and self.broker is not None and await outbox_verify.landed(
                self.broker, topic=row.topic, key=key, row_id=row.id, since=since):
            log_event(log, "outbox row already on its topic: not sent again", topic=row.topic, row_id=row.id)
            return
        self._uncertain.setdefault(row.id, datetime.now(UTC))
        headers = {**row_headers(row), **outbox_verify.headers_for(row.id)}
        await self.publish(json.loads(row.value), topic=row.topic, key=key, headers=headers)

    async def run_forever(self) -> None:
        while True:
            try:
                await self.drain()
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - broker or DB briefly away: try again next tick
                log_event(log, "outbox drain failed", level=logging.WARNING, error_type=type(e).__name__)
            await asyncio.sleep(self.interval_s)
