"""Schema migrations (Alembic): head is exactly release 0.1.0's schema, autogenerate finds no
difference with the table definitions, and a database made by an older release (before the
outbox lease columns) upgrades in place and keeps its rows. SQLite and PostgreSQL.

The old schemas are committed DDL snapshots taken from real databases made by those commits'
``himflow migrate`` (tests/resources/schema_snapshots/).
"""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from himflow import db, outbox, schema_registry
from himflow.migrations import baseline, runner

pytestmark = pytest.mark.integration

SNAPSHOTS = Path(__file__).resolve().parents[1] / "resources" / "schema_snapshots"
BEFORE_LEASES = "a79e077"  # the release before the outbox lease columns (810ef7c)
RELEASE_0_1_0 = "d5ea175"  # the last release before Alembic: the baseline


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'himflow.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def engine(url):
    e = db.make_engine(url)
    yield e
    e.dispose()


def load_snapshot(engine: Engine, commit: str) -> None:
    """Build the schema `commit` made, from its DDL snapshot."""
    sql = (SNAPSHOTS / f"{commit}.{engine.dialect.name}.sql").read_text()
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "sqlite":
            raw.driver_connection.executescript(sql)
        else:
            with raw.cursor() as cur:
                cur.execute(sql)
        raw.commit()
    finally:
        raw.close()


def schema_of(conn: Connection) -> dict[str, object]:
    """Everything the database says about its schema, column order aside (ALTER TABLE appends)."""
    if conn.dialect.name == "sqlite":
        return _sqlite_schema(conn)
    return _pg_schema(conn)


def _norm(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def _sqlite_schema(conn: Connection) -> dict[str, object]:
    tables: dict[str, object] = {}
    indexes: set[tuple] = set()
    other: set[str] = set()
    for type_, name, tbl, sql in conn.exec_driver_sql("SELECT type, name, tbl_name, sql FROM sqlite_master"):
        if name == "alembic_version" or tbl == "alembic_version":
            continue
        if type_ == "table" and sql and sql.startswith("CREATE TABLE") and not name.startswith("document_fts_"):
            cols = conn.exec_driver_sql(f'PRAGMA table_info("{name}")').all()
            tables[name] = {c[1]: (c[2], c[3], c[4], c[5]) for c in cols}
            for _seq, iname, unique, origin, _partial in conn.exec_driver_sql(f'PRAGMA index_list("{name}")'):
                icols = tuple(r[2] for r in conn.exec_driver_sql(f'PRAGMA index_info("{iname}")'))
                key = iname if origin == "c" else f"{origin}:{name}"  # autoindex names are positional
                indexes.add((key, name, unique, icols))
        elif sql and type_ in ("trigger", "table"):
            other.add(_norm(sql))  # triggers, the FTS5 table and its shadow tables
    return {"tables": tables, "indexes": indexes, "other": other}


def _pg_schema(conn: Connection) -> dict[str, object]:
    columns = {
        tuple(r) for r in conn.execute(sa.text(
            "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, "
            "column_default, generation_expression FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name <> 'alembic_version'"))
    }
    indexes = {
        (r[0], re.sub(r" ON \S+\.", " ON ", r[1])) for r in conn.execute(sa.text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename <> 'alembic_version'"))
    }
    constraints = {
        tuple(r) for r in conn.execute(sa.text(
            "SELECT c.conrelid::regclass::text, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() "
            "AND c.conrelid::regclass::text <> 'alembic_version'"))
    }
    triggers = {
        tuple(r) for r in conn.execute(sa.text(
            "SELECT event_object_table, trigger_name, event_manipulation, action_timing, action_statement "
            "FROM information_schema.triggers WHERE trigger_schema = current_schema()"))
    }
    functions = set(conn.execute(sa.text(
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema()")).scalars())
    return {"columns": columns, "indexes": indexes, "constraints": constraints, "triggers": triggers,
            "functions": functions}


def release_schema(tmp_path: Path, url: str, commit: str) -> dict[str, object]:
    """The schema `commit` made, as schema_of describes it, in a database of its own."""
    if url.startswith("sqlite"):
        other = db.make_engine(f"sqlite:///{tmp_path / f'{commit}.db'}")
        load_snapshot(other, commit)
        with other.connect() as conn:
            found = schema_of(conn)
        other.dispose()
        return found
    schema = f"himflow_snap_{commit}_{abs(hash(url)) % 10**6}"
    admin = sa.create_engine(url.split("?")[0])
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        other = sa.create_engine(f"{url.split('?')[0]}?options=-csearch_path%3D{schema}")
        load_snapshot(other, commit)
        with other.connect() as conn:
            found = schema_of(conn)
        other.dispose()
        return found
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# ------------------------------------------------------------------------------------- tests


def test_an_empty_database_is_migrated_to_exactly_the_schema_release_0_1_0_made(engine, url, tmp_path):
    from himflow.migrations import baseline

    outcome = runner.upgrade(engine, target=baseline.REVISION)
    assert (outcome.before, outcome.after, outcome.adopted) == (None, baseline.REVISION, False)
    with engine.connect() as conn:
        assert schema_of(conn) == release_schema(tmp_path, url, RELEASE_0_1_0)
    outcome = db.migrate(engine)  # and on to the newest revision
    assert (outcome.before, outcome.after) == (baseline.REVISION, runner.head())


def test_at_head_autogenerate_finds_no_difference_with_the_table_definitions(engine):
    db.migrate(engine)
    with engine.connect() as conn:
        assert runner.differences(conn, schema_registry.load_metadata()) == []
        # and the objects made by DDL outside the MetaData are there
        names = set(sa.inspect(conn).get_table_names())
        if engine.dialect.name == "sqlite":
            assert baseline.FTS_TABLE in names
        else:
            assert "tsv" in {c["name"] for c in sa.inspect(conn).get_columns("document_text")}


def test_autogenerate_would_notice_a_column_without_a_revision(engine):
    """The check above is not blind: a column added to a table definition alone is reported."""
    db.migrate(engine)
    meta = sa.MetaData()
    for table in schema_registry.load_metadata().sorted_tables:
        table.to_metadata(meta)
    meta.tables["outbox"].append_column(sa.Column("priority", sa.Integer))
    with engine.connect() as conn:
        diffs = runner.differences(conn, meta)
    assert [(d[0], d[2], d[3].name) for d in diffs] == [("add_column", "outbox", "priority")]


def test_a_database_release_0_1_0_made_needs_nothing_and_is_only_stamped(engine):
    """Autogenerate against the schema today's code made before Alembic finds no difference;
    adoption adds nothing and stamps it."""
    from himflow.migrations import baseline

    load_snapshot(engine, RELEASE_0_1_0)
    with engine.connect() as conn:
        assert runner.differences(conn, baseline.metadata()) == []
    outcome = db.migrate(engine)  # stamped at the baseline, then the later revisions
    assert outcome.adopted and outcome.repairs == () and outcome.after == runner.head()
    with engine.connect() as conn:
        assert runner.differences(conn, schema_registry.load_metadata()) == []


def _old_rows(conn: Connection) -> None:
    """Rows as release a79e077 wrote them (its columns only)."""
    now = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    conn.execute(sa.text(
        "INSERT INTO documents (id, kind, status, bucket, object_key, created_at, updated_at) "
        "VALUES ('d1', 'scan', 'review', 'intake', 'in/a.pdf', :t, :t)"), {"t": now})
    conn.execute(sa.text(
        "INSERT INTO outbox (topic, msg_key, value, created_at) VALUES "
        "('himflow.document-indexed.v1', 'd1', :v, :t), ('himflow.document-indexed.v1', 'd1', :v, :t)"),
        {"v": json.dumps({"doc_id": "d1"}), "t": now})
    conn.execute(sa.text("UPDATE outbox SET published_at = :t WHERE id = 1"), {"t": now})
    conn.execute(sa.text(
        "INSERT INTO dead_letters (at, stage, reason, retryable, attempts, topic, original, replay_count, "
        "dedupe_key) VALUES (:t, 'ocr', 'ocr-timeout', :f, 3, 'himflow.scan-routed.v1', '{}', 0, 'k1')"),
        {"t": now, "f": False})
    conn.execute(sa.text(
        "INSERT INTO web_users (username, role, password_hash, active, created_at) "
        "VALUES ('rita', 'records-staff', 'x', :a, :t)"), {"a": True, "t": now})
    conn.execute(sa.text(
        "INSERT INTO web_audit_log (at, username, role, action, doc_id) VALUES (:t, 'rita', 'records-staff', "
        "'view-document', 'd1')"), {"t": now})


def test_a_database_from_before_the_outbox_leases_upgrades_in_place_and_keeps_its_rows(engine, url, tmp_path):
    load_snapshot(engine, BEFORE_LEASES)
    with engine.begin() as conn:
        _old_rows(conn)
        with pytest.raises(sa.exc.DBAPIError):  # what the drain met on an upgraded install
            with conn.begin_nested():
                conn.execute(sa.select(db.outbox.c.claimed_by))

    from himflow.migrations import baseline

    outcome = runner.upgrade(engine, target=baseline.REVISION)

    assert outcome.before is None and outcome.adopted and outcome.after == baseline.REVISION
    assert {"column outbox.claimed_by", "column outbox.claimed_until", "column dead_letters.replay_outcome",
            "column web_users.must_change_password", "table himflow_encounters"} <= set(outcome.repairs)
    with engine.connect() as conn:
        assert schema_of(conn) == release_schema(tmp_path, url, RELEASE_0_1_0)
    assert db.migrate(engine).after == runner.head()  # and the revisions after the baseline
    with engine.connect() as conn:
        assert runner.differences(conn, schema_registry.load_metadata()) == []
        assert conn.execute(sa.select(db.documents.c.id, db.documents.c.status)).all() == [("d1", "review")]
        assert conn.execute(sa.select(db.dead_letters.c.reason, db.dead_letters.c.replay_outcome)).all() == [
            ("ocr-timeout", None)]
        user = conn.execute(sa.text("SELECT username, must_change_password FROM web_users")).one()
        assert user.username == "rita" and not user.must_change_password
        assert conn.execute(sa.text("SELECT count(*) FROM web_audit_log")).scalar() == 1
    # the drain works: the unpublished row is leased, the published one is not
    claimed = outbox.claim(engine, owner="indexing-1")
    assert [(r.id, r.msg_key, r.claimed_by) for r in claimed] == [(2, "d1", "indexing-1")]
    # the audit log is still append-only
    with pytest.raises(sa.exc.DBAPIError), engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM web_audit_log"))
    again = db.migrate(engine)
    assert (again.before, again.after, again.adopted) == (runner.head(), runner.head(), False)


def test_a_database_adoption_cannot_repair_is_refused_and_left_as_it_was(engine):
    with engine.begin() as conn:  # web_users without its NOT NULL role column (no default to fill)
        conn.execute(sa.text("CREATE TABLE web_users (id INTEGER PRIMARY KEY, username VARCHAR(64) NOT NULL, "
                             "password_hash TEXT NOT NULL, active BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL)"))
    with pytest.raises(runner.MigrationError, match="web_users.role"):
        runner.upgrade(engine)
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) == {"web_users"}  # nothing half-done


def test_workers_migrating_together_migrate_once(url):
    engines = [db.make_engine(url) for _ in range(4)]
    outcomes, errors = [], []

    def run(e: Engine) -> None:
        try:
            outcomes.append(db.migrate(e))
        except Exception as exc:  # collected: the assertion below shows it
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for e in engines:
        e.dispose()
    assert errors == []
    assert sorted(o.before is None for o in outcomes) == [False, False, False, True]
    assert {o.after for o in outcomes} == {runner.head()}
