"""Stage routers tested alone with FastStream's TestKafkaBroker (no broker, no object store;
SQLite): each stage's handlers run on their own or mixed in one process, every router under
its own stage policy, and the outbox relay delivers what a handler committed."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from faststream.kafka import TestKafkaBroker

from himflow import db, text_index as textindex
from himflow.app.worker import build
from himflow.outbox import OutboxRelay, enqueue
from himflow.settings import Settings
from publishing.record import FHIR_PUT
from schemas import topics
from schemas.events import DocumentIndexed, DocumentStatus, ReasonCode


@pytest.fixture
def settings(tmp_path):
    s = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'h.db'}",
                 public_url="https://him.example.org")
    db.migrate(db.make_engine(s.db_url))
    return s


def _capture(broker, topic):
    got: list = []

    @broker.subscriber(topic, group_id="test-capture")
    async def capture(body: dict) -> None:
        got.append(body)

    return got


def _filed_document(engine, doc_id):
    with engine.begin() as conn:
        db.upsert_document(conn, doc_id, status=DocumentStatus.FILED.value, kind="scan", patient_id="pt-1",
                           type_code="18842-5", type_display="Discharge summary", media_type="application/pdf",
                           size=10, sha1="a" * 40, bucket="intake", object_key="scans/x.pdf")
        textindex.index_text(conn, doc_id, "Discharge summary. Metformin 500 mg.")


def _letters(engine):
    with engine.connect() as conn:
        return [(r.stage, r.reason) for r in conn.execute(sa.select(db.dead_letters).order_by(db.dead_letters.c.id))]


async def test_the_publishing_router_alone_puts_a_filed_document_on_the_patient_record_once(settings):
    _app, process = build("publishing", settings)
    _filed_document(process.engine, "d1")
    record = _capture(process.broker, topics.PATIENT_RECORD)
    event = DocumentIndexed(doc_id="d1", status=DocumentStatus.FILED).model_dump_json().encode()
    async with TestKafkaBroker(process.broker) as br:
        await br.publish(event, topic=topics.DOCUMENT_INDEXED)
        await br.publish(event, topic=topics.DOCUMENT_INDEXED)  # redelivered: nothing again
    assert [(r["id"], r["status"], r["docStatus"]) for r in record] == [("d1", "current", "final")]
    assert record[0]["subject"]["reference"] == "Patient/pt-1"
    with process.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(db.outbox)
                            .where(db.outbox.c.published_at.is_(None))).scalar() == 0


async def test_routers_mixed_in_one_process_keep_their_own_stage_policy(settings):
    _app, process = build(["intake", "indexing", "publishing"], settings)
    assert set(process.stages) == {"intake", "indexing", "publishing"}
    assert {(s.group_id, t) for s in process.broker.subscribers for t in s.topic_names} >= {
        (topics.GROUP_INTAKE, topics.OBJECT_CREATED), (topics.GROUP_INDEXING, topics.TEXT_EXTRACTED),
        (topics.GROUP_PUBLISHER, topics.DOCUMENT_INDEXED)}
    async with TestKafkaBroker(process.broker) as br:
        await br.publish(b'{"doc_id": "d9"}', topic=topics.DOCUMENT_INDEXED)  # no status
        await br.publish(b'{"patient_id": "x"}', topic=topics.PATIENTS)  # no MRN, no name
        await br.publish(json.dumps({"EventName": "s3:ObjectCreated:Put", "Key": "b/k", "Records": []}).encode(),
                         topic=topics.OBJECT_CREATED)
    assert _letters(process.engine) == [("publishing", ReasonCode.MALFORMED_EVENT.value),
                                        ("indexing", ReasonCode.MALFORMED_EVENT.value)]
    with process.engine.connect() as conn:  # intake's empty event: a counted skip, no dead letter
        skips = conn.execute(sa.select(db.stage_counters.c.count).where(
            db.stage_counters.c.stage == "intake", db.stage_counters.c.reason == "no-records")).scalar()
    assert skips == 1


async def test_a_relay_without_a_sink_leaves_its_rows_and_delivers_the_kafka_ones(settings):
    engine = db.make_engine(settings.db_url)
    sent: list = []

    async def publish(message, *, topic, key=None, headers=None):
        sent.append((topic, message))

    with engine.begin() as conn:
        enqueue(conn, topic=FHIR_PUT, key="d1", value=json.dumps({"id": "d1"}))
        enqueue(conn, topic=topics.OBJECT_CREATED, key="b/k", value=json.dumps({"n": 1}))
    plain = OutboxRelay(engine, publish=publish, owner="intake-worker")
    assert await plain.drain() == 1
    assert sent == [(topics.OBJECT_CREATED, {"n": 1})]

    class Away:
        async def deliver(self, row):
            return False

    class Up:
        async def deliver(self, row):
            sent.append((row.topic, json.loads(row.value)))
            return True

    assert await OutboxRelay(engine, publish=publish, sinks={FHIR_PUT: Away()}, owner="p1").drain() == 0
    # p1 holds the lease; another relay with the sink takes the row over once it expires
    with engine.begin() as conn:
        conn.execute(db.outbox.update().values(claimed_until=db.utcnow()))
    assert await OutboxRelay(engine, publish=publish, sinks={FHIR_PUT: Up()}, owner="p2").drain() == 1
    assert sent[-1] == (FHIR_PUT, {"id": "d1"})
    with pytest.raises(ValueError):
        plain.add_sink(topics.PATIENT_RECORD, Up())
