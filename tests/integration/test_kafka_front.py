"""The SASL front (himflow.embedded.kafka_front) before a real tansu: an anonymous Kafka client
can neither list topics, produce nor consume; a client with the credentials does all three;
a wrong password is refused; a Produce over the size limit closes the connection."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from himflow.embedded import ports
from himflow.embedded.kafka_front import (
    Credentials,
    FrontThread,
    KafkaFront,
    tcp_upstream,
)
from himflow.embedded.tansu import Tansu
from tests.resources.listeners import anonymous_kafka

pytestmark = pytest.mark.integration

TOPIC = "front-test"
CREDS = Credentials(username="himflow-test", password="s3cret-Pw-9")


@pytest.fixture
def front(tmp_path: Path) -> Iterator[int]:
    front_port = ports.free_port()
    broker = Tansu(storage="memory://tansu/", log_path=tmp_path / "tansu.log", advertised_port=front_port)
    broker.start(timeout=30)
    broker.create_topics([TOPIC], partitions=1)
    thread = FrontThread(KafkaFront(host="127.0.0.1", port=front_port, credentials=CREDS,
                                    open_upstream=tcp_upstream("127.0.0.1", broker.port),
                                    max_request_bytes=100_000))
    thread.start()
    try:
        yield front_port
    finally:
        thread.stop()
        broker.stop(timeout=10)


def _sasl(port: int, password: str) -> dict:
    return dict(bootstrap_servers=f"127.0.0.1:{port}", security_protocol="SASL_PLAINTEXT",
                sasl_mechanism="PLAIN", sasl_plain_username=CREDS.username, sasl_plain_password=password,
                request_timeout_ms=5000)


async def _with_credentials(port: int, password: str, value: bytes) -> list[bytes]:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(**_sasl(port, password))
    await admin.start()
    try:
        assert TOPIC in await admin.list_topics()
    finally:
        await admin.close()
    producer = AIOKafkaProducer(**_sasl(port, password), max_request_size=2_000_000)
    await producer.start()
    try:
        await producer.send_and_wait(TOPIC, value)
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(TOPIC, **_sasl(port, password), auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    try:
        batch = await asyncio.wait_for(consumer.getmany(timeout_ms=3000), 10)
    finally:
        await consumer.stop()
    return [r.value for rs in batch.values() for r in rs]


def test_an_anonymous_client_is_refused_everything(front: int):
    assert anonymous_kafka(front, TOPIC) == []


def test_a_client_with_the_credentials_lists_produces_and_consumes(front: int):
    assert asyncio.run(_with_credentials(front, CREDS.password, b'{"ok": 1}')) == [b'{"ok": 1}']
    # and what the anonymous attempt could not write is not there: only our one message
    assert anonymous_kafka(front, TOPIC) == []


def test_a_wrong_password_is_refused(front: int):
    with pytest.raises(Exception) as info:
        asyncio.run(_with_credentials(front, "wrong-password", b"{}"))
    assert "list_topics" not in str(info.value)


def test_a_produce_over_the_size_limit_is_refused(front: int):
    with pytest.raises(Exception):  # noqa: B017 - the connection is closed under the producer
        asyncio.run(asyncio.wait_for(_with_credentials(front, CREDS.password, b"x" * 500_000), 30))


def test_an_idle_fetch_is_held_and_a_produce_lets_it_through_at_once(tmp_path: Path):
    """The front's long poll (tansu answers fetches only at the end of their wait): a consumer
    asking every 25 ms is held while nothing is produced, and a Produce releases the held fetch
    instead of it waiting out the hold (60 s here, far beyond the 20 s the consumer is given)."""
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    front_port = ports.free_port()
    broker = Tansu(storage="memory://tansu/", log_path=tmp_path / "tansu.log", advertised_port=front_port)
    broker.start(timeout=30)
    broker.create_topics([TOPIC], partitions=1)
    front = KafkaFront(host="127.0.0.1", port=front_port, credentials=CREDS,
                       open_upstream=tcp_upstream("127.0.0.1", broker.port), max_request_bytes=100_000,
                       fetch_hold_s=60.0)
    thread = FrontThread(front)
    thread.start()

    async def run() -> bytes:
        consumer = AIOKafkaConsumer(TOPIC, **_sasl(front_port, CREDS.password), auto_offset_reset="earliest",
                                    group_id=None, fetch_max_wait_ms=25)
        await consumer.start()
        try:
            for _ in range(400):  # until the consumer's fetch sits in the front
                if front.fetches_holding:
                    break
                await asyncio.sleep(0.05)
            assert front.fetches_holding == 1 and front.fetches_woken == 0
            producer = AIOKafkaProducer(**_sasl(front_port, CREDS.password))
            await producer.start()
            try:
                await producer.send_and_wait(TOPIC, b"wake")
            finally:
                await producer.stop()
            record = await asyncio.wait_for(consumer.getone(), 20)
            return record.value
        finally:
            await consumer.stop()

    try:
        assert asyncio.run(run()) == b"wake"
        assert front.fetches_woken >= 1
    finally:
        thread.stop()
        broker.stop(timeout=10)
