"""Fixtures for spine tests: settings pointing at the session's real SeaweedFS and tansu,
with buckets and a SQLite database of the test's own."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from pydantic import SecretStr

from himflow import db
from himflow.objectstore import ObjectStore
from himflow.embedded.tansu import Tansu
from himflow.settings import Settings
from schemas import topics


@pytest.fixture
def kafka(tmp_path: Path):
    """A fresh in-memory tansu per test (starts in ~0.1 s), every himflow topic created, so no
    test reads another test's events."""
    broker = Tansu(storage="memory://tansu/", log_path=tmp_path / "tansu.log")
    broker.start(timeout=30)
    broker.create_topics(topics.ALL_TOPICS, partitions=3)
    try:
        yield broker
    finally:
        broker.stop(timeout=10)


@pytest.fixture
def spine_settings(tmp_path: Path, seaweed, kafka) -> Settings:
    tag = secrets.token_hex(3)
    s = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'himflow.db'}")
    s.store.endpoint = seaweed.endpoint
    s.store.access_key = seaweed.access_key
    s.store.secret_key = SecretStr(seaweed.secret_key)
    s.store.intake_bucket = f"intake-{tag}"
    s.store.dictation_bucket = f"dictation-{tag}"
    s.store.derived_bucket = f"derived-{tag}"
    s.broker.bootstrap_servers = kafka.bootstrap
    s.broker.session_timeout_ms = 2000
    s.broker.heartbeat_interval_ms = 500
    s.broker.fetch_max_wait_ms = 20
    s.retry.attempts = 3
    s.retry.base_delay_s = 0.01
    ObjectStore(s.store).ensure_buckets()
    engine = db.make_engine(s.db_url)
    db.migrate(engine)
    engine.dispose()
    return s


PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def pg_url():
    """A PostgreSQL schema of the test's own on the machine's server (dropped afterwards); the
    URL puts it first on the search path, so himflow's tables land there."""
    import sqlalchemy as sa

    schema = f"himflow_t_{secrets.token_hex(4)}"
    admin = sa.create_engine(PG_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
