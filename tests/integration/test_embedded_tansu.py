"""tansu as the embedded broker: produce/consume with aiokafka, durable s3:// storage on
SeaweedFS across stop/start and kill -9, and two stacks side by side."""

from __future__ import annotations

import asyncio
import secrets

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import TopicPartition

from himflow.embedded.seaweed import SeaweedFS, generate_credentials
from himflow.embedded.tansu import Tansu

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def unique(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


async def produce(bootstrap: str, topic: str, values: list[str]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        for i, value in enumerate(values):
            await producer.send_and_wait(topic, value.encode(), key=f"k{i % 3}".encode())
    finally:
        await producer.stop()


async def consume(bootstrap: str, topic: str, group: str, count: int, *, timeout: float = 30) -> list[str]:
    """Read ``count`` messages from the committed position, commit them, leave the group."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        session_timeout_ms=2000,
        heartbeat_interval_ms=500,
    )
    await consumer.start()
    got: list[str] = []
    try:
        async with asyncio.timeout(timeout):
            while len(got) < count:
                batches = await consumer.getmany(timeout_ms=200, max_records=count - len(got))
                for messages in batches.values():
                    got += [m.value.decode() for m in messages]
        await consumer.commit()
    finally:
        await consumer.stop()
    return got


async def nothing_more(bootstrap: str, topic: str, group: str, partitions: int) -> bool:
    """True when the group's committed offsets sit at the end of every partition."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in range(partitions)]
        consumer.assign(tps)
        got = await consumer.getmany(*tps, timeout_ms=1500)
        return not any(got.values())
    finally:
        await consumer.stop()


async def test_produce_and_consume_on_memory_storage(tansu):
    topic = unique("roundtrip")
    assert tansu.create_topics([topic], partitions=3) == [topic]
    values = [f"event {i}" for i in range(20)]
    await produce(tansu.bootstrap, topic, values)
    got = await consume(tansu.bootstrap, topic, unique("group"), len(values))
    assert sorted(got) == sorted(values)


def test_create_topics_is_idempotent(tansu):
    first, second = unique("topic"), unique("topic")
    assert tansu.create_topics([first], partitions=2) == [first]
    assert tansu.create_topics([first, second], partitions=3) == [second]
    topics = tansu.topics()
    assert topics[first] == 2 and topics[second] == 3


async def test_session_durable_broker_serves_produce_and_consume(tansu_s3):
    topic = unique("durable")
    tansu_s3.create_topics([topic], partitions=2)
    await produce(tansu_s3.bootstrap, topic, ["a", "b", "c"])
    assert sorted(await consume(tansu_s3.bootstrap, topic, unique("group"), 3)) == ["a", "b", "c"]


@pytest.fixture
def own_durable_broker(seaweed, tmp_path):
    broker = Tansu(
        storage=f"s3://{unique('tansu')}/",
        s3_endpoint=seaweed.endpoint,
        access_key=seaweed.access_key,
        secret_key=seaweed.secret_key,
        log_path=tmp_path / "tansu.log",
    )
    broker.start()
    yield broker
    broker.stop()


@pytest.mark.faults
@pytest.mark.parametrize("crash", [False, True], ids=["sigterm", "kill-9"])
async def test_durable_storage_keeps_messages_and_committed_offsets_across_restart(own_durable_broker, crash):
    broker = own_durable_broker
    topic, group = "records.v1", "indexing"
    broker.create_topics([topic], partitions=2)
    await produce(broker.bootstrap, topic, [f"m{i}" for i in range(10)])
    first = await consume(broker.bootstrap, topic, group, 4)

    if crash:
        broker.kill()
    else:
        broker.stop()
    broker.start()  # from this thread: children die with the thread that started them

    assert broker.topics()[topic] == 2
    await produce(broker.bootstrap, topic, ["after restart"])
    rest = await consume(broker.bootstrap, topic, group, 7)
    # Exactly the uncommitted remainder: nothing lost, nothing delivered twice to the group.
    assert sorted(first + rest) == sorted([f"m{i}" for i in range(10)] + ["after restart"])
    assert await nothing_more(broker.bootstrap, topic, group, partitions=2)
    # A new group still sees everything that was ever acknowledged.
    assert len(await consume(broker.bootstrap, topic, unique("audit"), 11)) == 11


async def test_two_stacks_run_side_by_side_without_sharing_data(seaweed, tansu, tmp_path):
    creds = generate_credentials()
    other_store = SeaweedFS(tmp_path / "s3", access_key=creds.access_key, secret_key=creds.secret_key,
                            log_path=tmp_path / "weed.log")
    other_store.start(timeout=60)
    other_broker = Tansu(storage="s3://tansu/", s3_endpoint=other_store.endpoint,
                         access_key=creds.access_key, secret_key=creds.secret_key,
                         log_path=tmp_path / "tansu.log")
    try:
        other_broker.start()
        assert other_store.endpoint != seaweed.endpoint
        assert other_broker.bootstrap != tansu.bootstrap

        topic = unique("shared-name")
        tansu.create_topics([topic], partitions=1)
        other_broker.create_topics([topic], partitions=1)
        await produce(tansu.bootstrap, topic, ["first stack"])
        await produce(other_broker.bootstrap, topic, ["second stack"])
        assert await consume(tansu.bootstrap, topic, "g", 1) == ["first stack"]
        assert await consume(other_broker.bootstrap, topic, "g", 1) == ["second stack"]

        assert "tansu" in {b.name for b in other_store.client().list_buckets()}
        assert seaweed.access_key != other_store.access_key
    finally:
        other_broker.stop()
        other_store.stop()


def test_a_configured_port_already_in_use_is_refused_with_a_clear_error(tmp_path):
    import socket

    from himflow.errors import BrokerUnavailable

    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        broker = Tansu(port=port, storage="memory://tansu/", log_path=tmp_path / "tansu.log")
        with pytest.raises(BrokerUnavailable, match="in use"):
            broker.start()
        assert broker.pid is None


def test_a_restarted_broker_keeps_its_port(tmp_path):
    broker = Tansu(storage="memory://tansu/", log_path=tmp_path / "tansu.log")
    broker.start()
    try:
        bootstrap = broker.bootstrap
        broker.stop()
        broker.start()  # the port may still have connections in TIME_WAIT: not "in use"
        assert broker.bootstrap == bootstrap
        assert broker.topics() == {}
    finally:
        broker.stop()
