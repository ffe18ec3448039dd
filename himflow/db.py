"""The database: documents, their history through the stages, dead letters, upload hints and
counted skips. SQLAlchemy Core; SQLite (WAL, several worker processes) by default and
PostgreSQL in production. The full-text index lives in himflow/text_index.py.

Every write here is idempotent (upserts keyed by document id, unique dead-letter positions),
so a redelivered message never doubles anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, InterfaceError, DBAPIError

from himflow.errors import DatabaseUnavailable
from himflow.metadata import metadata  # re-exported: the one MetaData
from himflow.retry import Backoff, retry_call
from schemas.events import DocumentStatus

if TYPE_CHECKING:
    from himflow.migrations.runner import Outcome

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16)),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("media_type", sa.String(64)),
    sa.Column("bucket", sa.String(255)),
    sa.Column("object_key", sa.Text),
    sa.Column("version_id", sa.String(255)),
    sa.Column("etag", sa.String(255)),
    sa.Column("size", sa.BigInteger),
    sa.Column("sha256", sa.String(64), index=True),
    sa.Column("sha1", sa.String(40)),  # FHIR Attachment.hash is SHA-1
    sa.Column("parent_id", sa.String(64), index=True),
    sa.Column("pages", sa.Text),  # JSON list of page numbers within the parent (batch split)
    sa.Column("hint_mrn", sa.String(64)),
    sa.Column("hint_encounter", sa.String(64)),
    sa.Column("hint_author", sa.String(128)),
    sa.Column("hint_type", sa.String(32)),
    sa.Column("text_ref", sa.Text),  # key of the extraction result in the derived bucket
    sa.Column("text_chars", sa.Integer),
    sa.Column("confidence", sa.Float),  # extraction quality 0..1
    # extraction quality in counts, for the reports (indexing.quality): a scan's OCR'd pages
    # and those flagged low-confidence; a dictation's audio seconds and its unsure words
    sa.Column("ocr_pages", sa.Integer),
    sa.Column("low_confidence_pages", sa.Integer),
    sa.Column("audio_seconds", sa.Float),
    sa.Column("unsure_words", sa.Integer),
    sa.Column("flags", sa.Text),  # JSON list
    sa.Column("renditions", sa.Text),  # JSON {name: key}
    sa.Column("type_code", sa.String(32), index=True),
    sa.Column("type_display", sa.String(128)),
    sa.Column("type_confidence", sa.Float),
    sa.Column("patient_id", sa.String(64), index=True),
    sa.Column("match_score", sa.Float),
    sa.Column("reasons", sa.Text),  # JSON list
    sa.Column("service_date", sa.String(10)),
    sa.Column("details", sa.Text),  # JSON: match method, type alternatives, ICD-10-CM suggestions
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

document_history = sa.Table(
    "document_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("stage", sa.String(32), nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("detail", sa.Text, default=""),
)

dead_letters = sa.Table(
    "dead_letters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("stage", sa.String(32), nullable=False),
    sa.Column("reason", sa.String(64), nullable=False, index=True),
    sa.Column("retryable", sa.Boolean, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("error_type", sa.String(128)),
    sa.Column("detail", sa.Text),
    sa.Column("doc_id", sa.String(64), index=True),
    sa.Column("topic", sa.String(255), nullable=False),
    sa.Column("partition", sa.Integer),
    sa.Column("offset", sa.BigInteger),
    sa.Column("msg_key", sa.Text),
    sa.Column("original", sa.Text, nullable=False),
    sa.Column("replayed_at", sa.DateTime(timezone=True)),  # set once a replay got through
    sa.Column("replay_count", sa.Integer, nullable=False, default=0),
    # The last replay, as the stage answered it: pending | succeeded (handled; replayed_at set)
    # | failed-again (dead-lettered again: this letter updated, still open).
    sa.Column("replay_outcome", sa.String(32)),
    # stage | topic | partition | offset | doc id | body hash: the same message dead-lettered
    # again after a redelivery is recorded once; records of one message stay distinct.
    sa.Column("dedupe_key", sa.String(255), nullable=False, unique=True),
)

upload_hints = sa.Table(
    "upload_hints",
    metadata,
    sa.Column("upload_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16)),
    sa.Column("mrn", sa.String(64)),
    sa.Column("encounter", sa.String(64)),
    sa.Column("author", sa.String(128)),
    sa.Column("document_type", sa.String(32)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # what the upload became and what the uploader may be told about it (0005)
    sa.Column("doc_id", sa.String(64), index=True),
    sa.Column("file_name", sa.String(255)),  # as uploaded; shown only to the uploader and readers
    sa.Column("size", sa.BigInteger),
    sa.Column("uploaded_by", sa.String(64)),  # the desk account; None: CLI, hot folder
)

stage_counters = sa.Table(
    "stage_counters",
    metadata,
    sa.Column("stage", sa.String(32), primary_key=True),
    sa.Column("outcome", sa.String(32), primary_key=True),
    sa.Column("reason", sa.String(64), primary_key=True),
    sa.Column("count", sa.BigInteger, nullable=False, default=0),
)

# Transactional outbox: a change and the event announcing it are written in one transaction;
# every worker process relays pending rows and marks them (himflow/outbox.py).
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("topic", sa.String(255), nullable=False),
    sa.Column("msg_key", sa.String(255)),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), index=True),
    # Several relays drain one outbox: a row is claimed (lease) before publishing, so no two
    # processes publish it; an expired lease (a crashed relay) is taken over.
    sa.Column("claimed_by", sa.String(64)),
    sa.Column("claimed_until", sa.DateTime(timezone=True)),
    sa.Column("headers", sa.Text),  # JSON {name: value}, e.g. a dead-letter replay's id
)

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30}, pool_pre_ping=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def migrate(engine: Engine) -> Outcome:
    """Upgrade the database in place to the newest schema revision (Alembic, every area's
    tables; see himflow/migrations). Returns the runner's Outcome."""
    # imported here: Alembic costs start-up time and only `himflow migrate` and starts need it
    from himflow.migrations import runner

    return with_retries(lambda: runner.upgrade(engine))


def with_retries(fn: Callable[[], T], *, attempts: int = 8, base_delay: float = 0.2) -> T:
    """Run a DB operation, retrying while the database is unavailable or locked.

    Exhausted retries raise DatabaseUnavailable (retryable): the stage policy then retries
    the whole message with backoff and finally dead-letters it; nothing is dropped.
    """
    try:
        return retry_call(fn, attempts=attempts, backoff=Backoff(base_s=base_delay, max_s=5.0),
                          retry_on=_database_away)
    except (OperationalError, InterfaceError) as e:
        raise DatabaseUnavailable(f"database operation failed after {attempts} attempts") from e


def _database_away(e: BaseException) -> bool:
    """Unavailable or locked (OperationalError, InterfaceError), or a connection that broke."""
    if isinstance(e, (OperationalError, InterfaceError)):
        return True
    return isinstance(e, DBAPIError) and bool(e.connection_invalidated)


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    with engine.begin() as conn:
        yield conn


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)


def loads_list(value: str | None) -> list[Any]:
    return json.loads(value) if value else []


def upsert_document(conn: Connection, doc_id: str, **values: Any) -> None:
    """Insert or update a document row; never moves a final status backwards. A new row's
    ``created_at`` is now unless given (a document split from another keeps its age)."""
    now = utcnow()
    existing = conn.execute(
        sa.select(documents.c.status).where(documents.c.id == doc_id)
    ).first()
    if existing is None:
        values.setdefault("status", DocumentStatus.RECEIVED.value)
        values.setdefault("created_at", now)
        conn.execute(documents.insert().values(id=doc_id, updated_at=now, **values))
        return
    new_status = values.get("status")
    if new_status is not None and not _may_move(existing.status, new_status):
        values.pop("status")
    elif new_status is not None:
        # Checked again inside the UPDATE itself: the SELECT above may be stale (another worker
        # moved the document to a final status in between), and a late "extracted" must never
        # overwrite "review"/"filed" (the document would be stuck, never indexed again).
        may_leave = [old for old in _ORDER if _may_move(old, new_status)]
        values["status"] = sa.case((documents.c.status.in_(may_leave), new_status), else_=documents.c.status)
    if values:
        conn.execute(
            documents.update().where(documents.c.id == doc_id).values(updated_at=now, **values)
        )


_ORDER = {
    DocumentStatus.RECEIVED.value: 0,
    DocumentStatus.ROUTED.value: 1,
    DocumentStatus.EXTRACTED.value: 2,
    DocumentStatus.REVIEW.value: 3,
    DocumentStatus.FILED.value: 3,
    DocumentStatus.SPLIT.value: 3,
    DocumentStatus.REJECTED.value: 3,
}


def _may_move(old: str, new: str) -> bool:
    """Statuses only move forward; among final ones, people (review) may change them."""
    return _ORDER.get(new, 0) >= _ORDER.get(old, 0)


def add_history(conn: Connection, doc_id: str, *, stage: str, status: str, detail: str = "") -> None:
    conn.execute(
        document_history.insert().values(
            doc_id=doc_id, at=utcnow(), stage=stage, status=status, detail=detail
        )
    )


def count(conn: Connection, *, stage: str, outcome: str, reason: str = "") -> None:
    key = dict(stage=stage, outcome=outcome, reason=reason)
    updated = conn.execute(
        stage_counters.update()
        .where(
            stage_counters.c.stage == stage,
            stage_counters.c.outcome == outcome,
            stage_counters.c.reason == reason,
        )
        .values(count=stage_counters.c.count + 1)
    ).rowcount
    if not updated:
        conn.execute(stage_counters.insert().values(count=1, **key))


def status_of(engine: Engine, doc_id: str) -> str | None:
    """A document's status (None: no record), retried while the database is away."""

    def read() -> str | None:
        with engine.connect() as conn:
            return conn.execute(sa.select(documents.c.status).where(documents.c.id == doc_id)).scalar()

    return with_retries(read)


def count_outcome(engine: Engine, *, stage: str, outcome: str, reason: str = "") -> None:
    """Count a stage outcome (e.g. a skip with its reason) in its own transaction."""

    def write() -> None:
        with engine.begin() as conn:
            count(conn, stage=stage, outcome=outcome, reason=reason)

    with_retries(write)


def get_document(conn: Connection, doc_id: str) -> sa.Row | None:
    return conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
