"""A send with an unknown outcome is not sent twice (the fault suite's "DocumentReference
published twice" under a 30 s object-store freeze).

The embedded broker keeps its log in the object store. With the store frozen (SIGSTOP), a
produce request hangs in tansu, the client times out, and tansu writes the record once the
store thaws. A plain retry would write it again (tansu has no idempotent producer). The relay
now checks the topic for the row's outbox id before resending. Real SeaweedFS and tansu on
``s3://`` storage; the freeze is a real SIGSTOP.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer
from faststream.kafka import KafkaBroker

from himflow import db, outbox
from himflow.embedded.seaweed import SeaweedFS, generate_credentials
from himflow.embedded.tansu import Tansu
from himflow.outbox import OutboxRelay
from himflow.outbox_verify import OUTBOX_ID_HEADER, headers_for
from himflow.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TOPIC = "outbox-uncertain"


@pytest.fixture
def store_and_broker(tmp_path):
    creds = generate_credentials()
    weed = SeaweedFS(tmp_path / "weed", access_key=creds.access_key, secret_key=creds.secret_key,
                     log_path=tmp_path / "weed.log")
    weed.start(timeout=60)
    weed.ensure_bucket("tansu-uncertain")
    broker = Tansu(storage="s3://tansu-uncertain/", s3_endpoint=weed.endpoint, access_key=weed.access_key,
                   secret_key=weed.secret_key, log_path=tmp_path / "tansu.log")
    try:
        broker.start(timeout=30)
        broker.create_topics([TOPIC], 3)
        yield weed, broker
    finally:
        broker.stop(timeout=10)
        weed.stop(timeout=10)


def _relay(tmp_path, bootstrap: str, kafka: KafkaBroker, *, owner: str | None = None) -> OutboxRelay:
    """The relay every worker process runs, on this broker."""
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'o.db'}")
    settings.broker.bootstrap_servers = bootstrap
    engine = db.make_engine(settings.db_url)
    db.migrate(engine)
    return OutboxRelay(engine, publish=kafka.publish, broker=settings.broker, owner=owner)


async def _on_topic(bootstrap: str) -> Counter:
    """Outbox ids of every record on the topic, counted."""
    consumer = AIOKafkaConsumer(TOPIC, bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                                auto_offset_reset="earliest", fetch_max_wait_ms=200)
    await consumer.start()
    seen: Counter = Counter()
    try:
        idle = 0
        while idle < 4:
            batch = await consumer.getmany(timeout_ms=500)
            records = [r for rs in batch.values() for r in rs]
            idle = 0 if records else idle + 1
            for r in records:
                seen.update(v.decode() for k, v in r.headers if k == OUTBOX_ID_HEADER)
    finally:
        await consumer.stop()
    return seen


def _pending(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(db.outbox)
                            .where(db.outbox.c.published_at.is_(None))).scalar()


async def test_a_send_that_timed_out_while_the_store_was_frozen_is_not_sent_again(store_and_broker, tmp_path):
    weed, tansu = store_and_broker
    kafka = KafkaBroker(tansu.bootstrap, request_timeout_ms=3000, acks="all")
    await kafka.start()
    try:
        relay = _relay(tmp_path, tansu.bootstrap, kafka)
        with relay.engine.begin() as conn:
            for i in range(3):
                outbox.enqueue(conn, topic=TOPIC, key=f"doc-{i}", value=json.dumps({"n": i}))
        os.kill(weed.pid, signal.SIGSTOP)
        try:
            with pytest.raises(Exception):  # the broker cannot answer in time: the outcome is unknown
                await relay.drain()
            assert _pending(relay.engine) == 3
            await asyncio.sleep(6)
        finally:
            os.kill(weed.pid, signal.SIGCONT)
        await asyncio.sleep(3)  # tansu finishes the request it held
        for _ in range(10):  # the worker's loop: drain again until the rows are marked
            try:
                await relay.drain()
            except Exception:
                await asyncio.sleep(1)
            if _pending(relay.engine) == 0:
                break
        assert _pending(relay.engine) == 0
        seen = await _on_topic(tansu.bootstrap)
        assert set(seen) == {"1", "2", "3"}, seen
        assert max(seen.values()) == 1, f"published twice: {seen}"
    finally:
        await kafka.stop()


async def test_a_row_sent_by_a_drainer_that_died_before_marking_it_is_not_sent_again(store_and_broker, tmp_path):
    _, tansu = store_and_broker
    kafka = KafkaBroker(tansu.bootstrap, acks="all")
    await kafka.start()
    try:
        relay = _relay(tmp_path, tansu.bootstrap, kafka)
        with relay.engine.begin() as conn:
            outbox.enqueue(conn, topic=TOPIC, key="doc-a", value=json.dumps({"n": "a"}))
            outbox.enqueue(conn, topic=TOPIC, key="doc-b", value=json.dumps({"n": "b"}))
        (a, b) = outbox.claim(relay.engine, owner="killed-drainer", batch=10)
        # it sent the first row, the broker acknowledged, and it was killed before the mark
        await kafka.publish({"n": "a"}, topic=TOPIC, key=b"doc-a", headers=headers_for(a.id))
        with relay.engine.begin() as conn:  # its lease runs out
            conn.execute(db.outbox.update().where(db.outbox.c.claimed_by == "killed-drainer")
                         .values(claimed_until=db.utcnow() - timedelta(seconds=1)))
        assert await relay.drain() == 2
        assert _pending(relay.engine) == 0
        seen = await _on_topic(tansu.bootstrap)
        assert seen == Counter({str(a.id): 1, str(b.id): 1})
    finally:
        await kafka.stop()
