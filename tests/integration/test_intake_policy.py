"""Intake and the stage error policy, with FastStream's TestKafkaBroker for the broker and the
real SeaweedFS for objects. Bad events end as dead letters or counted skips, never a crash."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from faststream.kafka import TestKafkaBroker

from himflow import db
from himflow.app.worker import build
from schemas import topics
from schemas.events import DocumentRouted, ReasonCode
from schemas.s3event import object_created_event

pytestmark = pytest.mark.integration

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" + b"0" * 200


def _rows(engine, table):
    with engine.connect() as conn:
        return conn.execute(sa.select(table)).all()


def _counter(engine, outcome, reason):
    with engine.connect() as conn:
        return conn.execute(
            sa.select(db.stage_counters.c.count).where(
                db.stage_counters.c.outcome == outcome, db.stage_counters.c.reason == reason)
        ).scalar() or 0


@pytest.fixture
def intake(spine_settings):
    app, deps = build("intake", spine_settings)
    return deps


def _event_for(deps, key: str, data: bytes, *, bucket: str | None = None, **kw):
    bucket = bucket or deps.settings.store.intake_bucket
    info = deps.store.put_bytes(bucket, key, data, content_type="application/pdf")
    return object_created_event(bucket=bucket, key=key, size=info.size, etag=info.etag, **kw)


def _capture(broker, topic):
    seen: list = []

    @broker.subscriber(topic, group_id=f"test-capture-{topic}")
    async def capture(msg: dict) -> None:
        seen.append(msg)

    return seen


async def test_an_object_created_event_is_routed_once_even_when_delivered_twice(intake):
    key, event = _event_for(intake, "station 1/scan batch+1.pdf", PDF_BYTES)
    seen = _capture(intake.broker, topics.SCAN_ROUTED)
    async with TestKafkaBroker(intake.broker) as br:
        body = event.model_dump_json(by_alias=True).encode()
        await br.publish(body, topic=topics.OBJECT_CREATED, key=key.encode())
        await br.publish(body, topic=topics.OBJECT_CREATED, key=key.encode())
    routed = [DocumentRouted.model_validate(m) for m in seen]
    assert len(routed) == 1
    assert routed[0].source.key == "station 1/scan batch+1.pdf"  # URL-escaped key decoded
    assert routed[0].media_type == "application/pdf"
    assert len(routed[0].sha256) == 64
    assert _counter(intake.engine, "skip", "duplicate-event") == 1
    assert _rows(intake.engine, db.dead_letters) == []


async def test_the_raw_minio_format_with_escaped_keys_and_multipart_is_accepted(intake):
    info = intake.store.put_bytes(intake.settings.store.intake_bucket, "a b/c.pdf", PDF_BYTES)
    # Exactly what MinIO publishes: key escaped with %2F and +, multipart completion.
    value = {
        "EventName": "s3:ObjectCreated:CompleteMultipartUpload",
        "Key": f"{intake.settings.store.intake_bucket}/a b/c.pdf",
        "Records": [{
            "eventVersion": "2.0", "eventSource": "minio:s3", "awsRegion": "",
            "eventTime": "2026-11-23T10:00:00.000Z", "eventName": "s3:ObjectCreated:CompleteMultipartUpload",
            "userIdentity": {"principalId": "station"}, "requestParameters": {}, "responseElements": {},
            "s3": {"s3SchemaVersion": "1.0", "configurationId": "Config",
                   "bucket": {"name": intake.settings.store.intake_bucket, "ownerIdentity": {"principalId": "x"},
                              "arn": "arn:aws:s3:::x"},
                   "object": {"key": "a+b%2Fc.pdf", "size": info.size, "eTag": info.etag,
                              "contentType": "application/pdf", "userMetadata": {"content-type": "application/pdf"},
                              "sequencer": "17A"}},
            "source": {"host": "10.0.0.1", "port": "", "userAgent": "MinIO"},
        }],
    }
    seen = _capture(intake.broker, topics.SCAN_ROUTED)
    async with TestKafkaBroker(intake.broker) as br:
        # a text/plain content type must not matter: every topic carries JSON
        await br.publish(json.dumps(value), topic=topics.OBJECT_CREATED)
    assert [DocumentRouted.model_validate(m).source.key for m in seen] == ["a b/c.pdf"]


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"{not json", ReasonCode.MALFORMED_EVENT),
        (b'{"EventName": "s3:ObjectCreated:Put"}', ReasonCode.MALFORMED_EVENT),
        (b"\xff\xfe\x00binary", ReasonCode.MALFORMED_EVENT),
        (b'{"EventName":"x","Key":"k","Records":[]}' + b" " * 300_000, ReasonCode.OVERSIZED_EVENT),
    ],
    ids=["not-json", "missing-records", "binary", "oversized"],
)
async def test_malformed_and_oversized_events_are_dead_lettered_and_the_worker_goes_on(intake, body, reason):
    good_key, good = _event_for(intake, "after.pdf", PDF_BYTES)
    letters = _capture(intake.broker, topics.DEAD_LETTER)
    routed = _capture(intake.broker, topics.SCAN_ROUTED)
    async with TestKafkaBroker(intake.broker) as br:
        await br.publish(body, topic=topics.OBJECT_CREATED)
        await br.publish(good.model_dump_json(by_alias=True).encode(), topic=topics.OBJECT_CREATED)
    assert [l["reason"] for l in letters] == [reason.value]
    assert letters[0]["stage"] == "intake" and letters[0]["retryable"] is False
    rows = _rows(intake.engine, db.dead_letters)
    assert [r.reason for r in rows] == [reason.value]
    assert len(routed) == 1  # the next document is untouched


async def test_unwatched_bucket_missing_object_and_deletions_get_reasons(intake):
    store = intake.store
    other = intake.settings.store.derived_bucket  # exists, but is not an intake bucket
    _, unwatched = _event_for(intake, "x.pdf", PDF_BYTES, bucket=other)
    _, gone = object_created_event(bucket=intake.settings.store.intake_bucket, key="never-stored.pdf",
                                   size=10, etag="abc")
    _, removed = object_created_event(bucket=intake.settings.store.intake_bucket, key="x.pdf", size=1,
                                      etag="abc", event_name="s3:ObjectRemoved:Delete")
    _, empty = _event_for(intake, "empty.pdf", b"")
    assert store is not None
    async with TestKafkaBroker(intake.broker) as br:
        for ev in (unwatched, gone, removed, empty):
            await br.publish(ev.model_dump_json(by_alias=True).encode(), topic=topics.OBJECT_CREATED)
    reasons = sorted(r.reason for r in _rows(intake.engine, db.dead_letters))
    assert reasons == sorted([ReasonCode.UNWATCHED_BUCKET.value, ReasonCode.OBJECT_MISSING.value,
                              ReasonCode.EMPTY_FILE.value])
    assert _counter(intake.engine, "skip", ReasonCode.NOT_OBJECT_CREATED.value) == 1
    with intake.engine.connect() as conn:
        statuses = {r.status for r in conn.execute(sa.select(db.documents)).all()}
    assert statuses == {"rejected"}


async def test_a_file_whose_extension_lies_is_rejected(intake):
    _, ev = _event_for(intake, "scan.png", PDF_BYTES)
    async with TestKafkaBroker(intake.broker) as br:
        await br.publish(ev.model_dump_json(by_alias=True).encode(), topic=topics.OBJECT_CREATED)
    assert [r.reason for r in _rows(intake.engine, db.dead_letters)] == [ReasonCode.EXTENSION_MISMATCH.value]


async def test_transient_errors_are_retried_with_backoff_then_dead_lettered(spine_settings):
    # The object store is unreachable: every attempt fails with a retryable error.
    spine_settings.store.endpoint = "127.0.0.1:9"  # discard port: connection refused
    app, deps = build("intake", spine_settings)
    sleeps: list[float] = []

    async def fake_sleep(s: float) -> None:
        sleeps.append(s)

    deps.stage("intake").policy.sleep = fake_sleep
    _, ev = object_created_event(bucket=spine_settings.store.intake_bucket, key="k.pdf", size=10, etag="e")
    async with TestKafkaBroker(deps.broker) as br:
        await br.publish(ev.model_dump_json(by_alias=True).encode(), topic=topics.OBJECT_CREATED)
    rows = _rows(deps.engine, db.dead_letters)
    assert [r.reason for r in rows] == [ReasonCode.STORE_UNAVAILABLE.value]
    assert rows[0].retryable is True and rows[0].attempts == spine_settings.retry.attempts
    assert len(sleeps) == spine_settings.retry.attempts - 1
    assert sleeps[1] > sleeps[0] * 0.9  # exponential (with jitter)
