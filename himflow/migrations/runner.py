"""``himflow migrate``: upgrade a database in place to the newest revision, under a lock.

- An empty database gets every revision from the baseline up.
- A database made before Alembic (tables, no ``alembic_version``: the ``create_all`` of an
  earlier release) is first brought to the baseline (``adopt``: missing tables, columns and
  indexes added, nothing dropped or changed), checked against it, stamped, then upgraded.
  That is what gives an install from before the outbox lease columns its lease columns.
- A database already stamped gets the revisions it lacks.

The whole run is one transaction holding a lock (PostgreSQL: an advisory lock; SQLite: BEGIN
IMMEDIATE), so workers starting together migrate once and the others find it done; a failure
leaves the database as it was. After the upgrade each schema owner's ``after_migrate`` runs
(idempotent data repairs) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from himflow import schema_registry
from himflow.errors import HimflowError
from himflow.migrations import baseline

HERE = Path(__file__).resolve().parent
_PG_LOCK_KEY = 0x68696D666C6F77  # "himflow"


class MigrationError(HimflowError):
    """The database cannot be migrated as it is (a person must look); not retried."""

    retryable = False


@dataclass(frozen=True)
class Outcome:
    before: str | None  # revision found (None: empty or made before Alembic)
    after: str
    adopted: bool = False  # made before Alembic: brought to the baseline and stamped
    repairs: tuple[str, ...] = field(default=())  # what adoption added


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    heads = ScriptDirectory.from_config(config()).get_heads()
    if len(heads) != 1:
        raise MigrationError(f"expected one head revision, found {len(heads)}")
    return heads[0]


def current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Leave out what the revisions make by DDL outside the MetaData (FTS5, tsvector, ...)."""
    parent = getattr(getattr(obj, "table", None), "name", None)
    return not baseline.is_ddl_object(name, type_, parent)


def differences(conn: Connection, metadata: sa.MetaData) -> list[Any]:
    """Alembic autogenerate's diff between the database and `metadata` ([] when they agree)."""
    ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
    return list(compare_metadata(ctx, metadata))


def upgrade(engine: Engine, *, target: str = "head") -> Outcome:
    with _locked(engine) as conn:
        before = current(conn)
        adopted = False
        repairs: tuple[str, ...] = ()
        if before is None and _has_tables(conn):
            repairs = tuple(adopt(conn))
            adopted = True
        command.upgrade(config(conn), target)
        for hook in schema_registry.after_migrate_hooks():
            hook(conn)
        after = current(conn)
    assert after is not None
    return Outcome(before=before, after=after, adopted=adopted, repairs=repairs)


def _has_tables(conn: Connection) -> bool:
    names = set(sa.inspect(conn).get_table_names())
    return bool(names & set(baseline.metadata().tables))


def adopt(conn: Connection) -> list[str]:
    """Bring a database made by an earlier release's ``create_all`` to the baseline and stamp
    it. Only adds (tables, nullable or defaulted columns, indexes); refuses anything else."""
    meta = baseline.metadata()
    inspector = sa.inspect(conn)
    existing = set(inspector.get_table_names())
    ops = Operations(MigrationContext.configure(conn))
    repairs: list[str] = []
    for table in meta.sorted_tables:
        if table.name not in existing:
            table.create(conn)
            repairs.append(f"table {table.name}")
            continue
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            if not column.nullable and column.server_default is None:
                raise MigrationError(f"{table.name}.{column.name} is missing and has no default to fill it")
            ops.add_column(table.name, column._copy())
            repairs.append(f"column {table.name}.{column.name}")
        indexes = {i["name"] for i in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in indexes:
                index.create(conn)
                repairs.append(f"index {index.name}")
    baseline.create_ddl_objects(conn)
    left = differences(conn, meta)
    if left:
        raise MigrationError(f"the database differs from the baseline in ways adoption does not repair: {left}")
    command.stamp(config(conn), baseline.REVISION)
    return repairs


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    if engine.dialect.name == "sqlite":
        with _sqlite_locked(engine) as conn:
            yield conn
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        yield conn


@contextmanager
def _sqlite_locked(engine: Engine) -> Iterator[Connection]:
    """One transaction around DDL and all: pysqlite would otherwise commit each DDL statement
    on its own. BEGIN IMMEDIATE takes the write lock up front (others wait, busy_timeout)."""
    database = engine.url.database
    if not database or database == ":memory:":
        with engine.begin() as conn:  # private in-memory database: nobody to lock out
            yield conn
        return
    locked = sa.create_engine(engine.url, connect_args={"timeout": 30}, poolclass=sa.pool.NullPool)

    @event.listens_for(locked, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # no implicit transactions: we say BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(locked, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with locked.begin() as conn:
            yield conn
    finally:
        locked.dispose()
