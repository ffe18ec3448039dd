"""Publishing to a FHIR server through the outbox: a server that is down keeps the row for
the next drain (bounded retries per drain, nothing lost); a 4xx answer dead-letters the
resource with a reason (never retried forever); a success marks the row."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from himflow import db
from himflow.policy import StageContext
from himflow.settings import Settings
from indexing.handlers import drain_outbox
from indexing.publishing import FHIR_PUT
from tests.resources.fhir_server import serve

pytestmark = pytest.mark.integration

RESOURCE = {"resourceType": "DocumentReference", "id": "d1", "status": "current"}


def _deps(tmp_path, url):
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'f.db'}", fhir_base_url=url)
    engine = db.make_engine(settings.db_url)
    db.migrate(engine)
    letters: list = []

    async def publish(message, *, topic, key=None):  # the dead-letter topic, captured
        letters.append(message)

    ctx = StageContext(stage="indexing", engine=engine, publish=publish)
    return SimpleNamespace(settings=settings, engine=engine, state={}, ctx=ctx, broker=None), letters


def _pending(engine):
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(db.outbox)
                            .where(db.outbox.c.published_at.is_(None))).scalar()


async def test_down_then_up_then_rejected(tmp_path):
    with serve() as (fhir, url):
        deps, letters = _deps(tmp_path, url)
        with deps.engine.begin() as conn:
            db.enqueue(conn, topic=FHIR_PUT, key="d1", value=json.dumps(RESOURCE))
        fhir.script[:] = [503] * 4  # one drain's worth of bounded retries, all failing
        assert await drain_outbox(deps) == 0
        assert _pending(deps.engine) == 1 and letters == []  # kept for the next drain
        assert await drain_outbox(deps) == 1  # the server is back
        assert _pending(deps.engine) == 0 and fhir.store["d1"]["id"] == "d1"

        with deps.engine.begin() as conn:
            db.enqueue(conn, topic=FHIR_PUT, key="d2", value=json.dumps({**RESOURCE, "id": "d2"}))
        fhir.script[:] = [422]
        assert await drain_outbox(deps) == 1
        assert _pending(deps.engine) == 0 and "d2" not in fhir.store
    assert [(l.stage, l.reason) for l in letters] == [("indexing", "fhir-rejected")]
    with deps.engine.connect() as conn:
        assert conn.execute(sa.select(db.dead_letters.c.reason)).scalars().all() == ["fhir-rejected"]
