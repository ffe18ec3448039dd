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


def _letter(engine):
    with engine.connect() as conn:
        return conn.execute(sa.select(db.dead_letters)).one()


async def test_a_refused_resource_replayed_is_answered_by_the_sink(tmp_path):
    """A FHIR 4xx dead letter replayed from the review UI (``requeue``) or ``himflow dlq replay``
    goes back through the outbox to the sink, not to a Kafka topic named
    ``fhir:DocumentReference``. Refused again: the same letter, failed-again, still open.
    Accepted: the letter is marked replayed, and only then."""
    from himflow import deadletters

    with serve() as (fhir, url):
        relay, letters = _relay(tmp_path, url)
        with relay.engine.begin() as conn:
            enqueue(conn, topic=FHIR_PUT, key="d3", value=json.dumps({**RESOURCE, "id": "d3"}))
        fhir.script[:] = [422]
        assert await relay.drain() == 1
        first = _letter(relay.engine)
        assert (first.topic, first.reason, first.replayed_at) == (FHIR_PUT, "fhir-rejected", None)

        with relay.engine.begin() as conn:  # the review UI's replay
            deadletters.requeue(conn, first.id)
        assert _letter(relay.engine).replay_outcome == "pending"  # not replayed until answered
        fhir.script[:] = [422]
        assert await relay.drain() == 1
        again = _letter(relay.engine)
        assert (again.id, again.replay_outcome, again.replayed_at, again.replay_count) == (
            first.id, "failed-again", None, 1)

        settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'f.db'}")
        [pending] = deadletters.replay(settings, wait_s=0)  # the CLI's replay, no broker needed
        assert pending.outcome == "pending"
        assert await relay.drain() == 1  # the server takes it now
        done = _letter(relay.engine)
        assert done.replay_outcome == "succeeded" and done.replayed_at is not None and done.replay_count == 2
        assert fhir.store["d3"]["id"] == "d3"
        with relay.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(db.dead_letters)).scalar() == 1


async def test_a_replay_from_the_review_ui_carries_its_letter_id_and_waits_for_the_stage(tmp_path):
    from himflow import deadletters
    from himflow.policy import REPLAY_HEADER

    relay, sent = _relay(tmp_path, None)
    with relay.engine.begin() as conn:
        for i, original in enumerate(('{"doc_id": "d9"}', "not json {", "b64:AAEC")):
            conn.execute(db.dead_letters.insert().values(
                at=db.utcnow(), stage="ocr", reason="corrupt", retryable=False, attempts=1, error_type="X",
                detail="", doc_id=f"d{9 + i}", topic="himflow.scan-routed.v1", msg_key=f"d{9 + i}",
                original=original, replay_count=0, dedupe_key=str(i)))
    ids = [r.id for r in _all_letters(relay.engine)]
    with relay.engine.begin() as conn:
        deadletters.requeue(conn, ids[0])
    for bad in ids[1:]:  # a message the relay could not parse would block its key forever
        with pytest.raises(deadletters.RejectedInput), relay.engine.begin() as conn:
            deadletters.requeue(conn, bad)
    published: list = []

    async def publish(message, *, topic, key=None, headers=None):
        published.append((topic, message, headers))

    relay.publish = publish
    assert await relay.drain() == 1
    [(topic, message, headers)] = published
    assert topic == "himflow.scan-routed.v1" and message == {"doc_id": "d9"}
    assert headers[REPLAY_HEADER] == str(ids[0])
    assert [(r.replay_outcome, r.replayed_at, r.replay_count) for r in _all_letters(relay.engine)] == [
        ("pending", None, 1), (None, None, 0), (None, None, 0)]


def _all_letters(engine):
    with engine.connect() as conn:
        return conn.execute(sa.select(db.dead_letters).order_by(db.dead_letters.c.id)).all()
