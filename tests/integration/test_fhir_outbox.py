"""Publishing to a FHIR server through the outbox: a server that is down keeps the row for
the next drain (bounded retries per drain, nothing lost); a 4xx answer dead-letters the
resource with a reason (never retried forever); a success marks the row."""

from __future__ import annotations

import json
import pytest
import sqlalchemy as sa

from himflow import db
from himflow.outbox import OutboxRelay, enqueue
from himflow.policy import StageContext
from himflow.settings import Settings
from publishing.handlers import FhirServerSink
from publishing.record import FHIR_PUT
from tests.resources.fhir_server import serve

pytestmark = pytest.mark.integration

RESOURCE = {"resourceType": "DocumentReference", "id": "d1", "status": "current"}


def _relay(tmp_path, url):
    """The publishing stage's FHIR sink on an outbox relay, as its worker process runs them."""
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'f.db'}", fhir_base_url=url)
    engine = db.make_engine(settings.db_url)
    db.migrate(engine)
    letters: list = []

    async def publish(message, *, topic, key=None, headers=None):  # the dead-letter topic, captured
        letters.append(message)

    ctx = StageContext(stage="publishing", engine=engine, publish=publish)
    relay = OutboxRelay(engine, publish=publish, sinks={FHIR_PUT: FhirServerSink(url, ctx)})
    return relay, letters


def _pending(engine):
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(db.outbox)
                            .where(db.outbox.c.published_at.is_(None))).scalar()


async def test_down_then_up_then_rejected(tmp_path):
    with serve() as (fhir, url):
        relay, letters = _relay(tmp_path, url)
        with relay.engine.begin() as conn:
            enqueue(conn, topic=FHIR_PUT, key="d1", value=json.dumps(RESOURCE))
        fhir.script[:] = [503] * 4  # one drain's worth of bounded retries, all failing
        assert await relay.drain() == 0
        assert _pending(relay.engine) == 1 and letters == []  # kept for the next drain
        assert await relay.drain() == 1  # the server is back
        assert _pending(relay.engine) == 0 and fhir.store["d1"]["id"] == "d1"

        with relay.engine.begin() as conn:
            enqueue(conn, topic=FHIR_PUT, key="d2", value=json.dumps({**RESOURCE, "id": "d2"}))
        fhir.script[:] = [422]
        assert await relay.drain() == 1
        assert _pending(relay.engine) == 0 and "d2" not in fhir.store
    assert [(l.stage, l.reason) for l in letters] == [("publishing", "fhir-rejected")]
    with relay.engine.connect() as conn:
        assert conn.execute(sa.select(db.dead_letters.c.reason)).scalars().all() == ["fhir-rejected"]
