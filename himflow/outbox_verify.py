"""Did an outbox row's earlier send land on its topic?

A send whose outcome is unknown (the broker did not answer in time, or the drainer that
claimed the row died between the broker's acknowledgement and marking the row) must not
simply be sent again: against a broker without idempotent producers (tansu) that writes the
record twice. Seen with the embedded stack when its object store froze for 30 s: tansu kept
the produce request, the client timed out, the next drain published the DocumentReference a
second time.

Every relayed record carries the header ``himflow-outbox-id``. Before resending an uncertain
row, the relay reads the row's partition (the producer's own partitioner on the row's key)
from the first offset at or after the time the earlier send could have started
(``offsets_for_times``, which tansu answers; its ``end_offsets`` is wrong after batches, so
the end is where a fetch comes back empty) and looks for the header. Only rows whose outcome
is unknown pay for this read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from himflow.broker import aiokafka_kwargs
from himflow.settings import BrokerSettings
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.partitioner import DefaultPartitioner

OUTBOX_ID_HEADER = "himflow-outbox-id"
CLOCK_SKEW_MS = 60_000  # another host's drainer may run on a clock this far behind ours
_IDLE_FETCHES = 2  # consecutive empty fetches that mean "the end of the partition"


def headers_for(row_id: int) -> dict[str, str]:
    return {OUTBOX_ID_HEADER: str(row_id)}


async def landed(settings: BrokerSettings, *, topic: str, key: bytes | None, row_id: int,
                 since: datetime) -> bool:
    """True when a record with this row's outbox id is on the topic, written at or after
    ``since`` (minus the clock-skew margin)."""

    consumer = AIOKafkaConsumer(group_id=None, enable_auto_commit=False, auto_offset_reset="earliest",
                                fetch_max_wait_ms=200, **aiokafka_kwargs(settings))
    await consumer.start()
    try:
        partitions = sorted(await _partitions(consumer, topic))
        if not partitions:
            return False
        if key is None:  # keyless rows may be anywhere
            tps = [TopicPartition(topic, p) for p in partitions]
        else:
            tps = [TopicPartition(topic, DefaultPartitioner()(key, partitions, partitions))]
        since_ms = int(since.timestamp() * 1000) - CLOCK_SKEW_MS
        starts = await consumer.offsets_for_times({tp: max(since_ms, 0) for tp in tps})
        tps = [tp for tp in tps if starts.get(tp) is not None]
        if not tps:
            return False  # nothing written on those partitions since then
        consumer.assign(tps)
        for tp in tps:
            consumer.seek(tp, starts[tp].offset)
        wanted = str(row_id).encode()
        idle = 0
        while idle < _IDLE_FETCHES:
            batch = await consumer.getmany(timeout_ms=500)
            records = [r for rs in batch.values() for r in rs]
            idle = 0 if records else idle + 1
            for r in records:
                if any(k == OUTBOX_ID_HEADER and v == wanted for k, v in (r.headers or ())):
                    return True
        return False
    finally:
        await consumer.stop()


async def _partitions(consumer: Any, topic: str) -> set[int]:
    parts = consumer.partitions_for_topic(topic)
    if not parts:
        await consumer.topics()  # fetches the cluster's metadata
        parts = consumer.partitions_for_topic(topic)
    return set(parts or ())
