"""Publishing from outside the workers (upload, reconcile, replay): one short-lived producer
with the same settings (acks=all) as the workers."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from himflow.broker import aiokafka_kwargs
from himflow.errors import BrokerUnavailable
from himflow.settings import BrokerSettings
from schemas import topics
from schemas.s3event import object_created_event
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError


async def publish_many(s: BrokerSettings, messages: Iterable[tuple]) -> int:
    """Publish (topic, key, value) or (topic, key, value, headers) messages and wait for every
    acknowledgement."""

    producer = AIOKafkaProducer(
        **aiokafka_kwargs(s), acks="all", enable_idempotence=s.enable_idempotence,
        max_request_size=s.max_message_bytes, request_timeout_ms=30_000,
    )
    try:
        await producer.start()
        n = 0
        for topic, key, value, *rest in messages:
            headers = [(k, v.encode()) for k, v in (rest[0] if rest else {}).items()] or None
            await producer.send_and_wait(topic, value=value, key=key.encode() if key else None, headers=headers)
            n += 1
        return n
    except KafkaError as e:
        raise BrokerUnavailable(f"broker unreachable ({type(e).__name__})") from e
    finally:
        await producer.stop()


def announce_objects(s: BrokerSettings, objects: Iterable[dict]) -> int:
    """Publish the ObjectCreated event MinIO would have published for each stored object."""
    msgs = []
    for o in objects:
        key, event = object_created_event(
            bucket=o["bucket"], key=o["key"], size=o["size"], etag=o["etag"],
            content_type=o.get("content_type") or "application/octet-stream",
            version_id=o.get("version_id", ""), user_metadata=o.get("metadata") or {},
            event_name=o.get("event_name", "s3:ObjectCreated:Put"),
        )
        msgs.append((topics.OBJECT_CREATED, key, event.model_dump_json(by_alias=True).encode()))
    return asyncio.run(publish_many(s, msgs)) if msgs else 0
