"""Chart deficiency reminders on the real broker (tansu): the reconciler's run (`himflow
reconcile`, the stack's schedule) writes the due reminder to the outbox, a worker's outbox
relay delivers it to himflow.chart-reminders.v1 as a ChartDeficiencyReminded, and a second
run delivers nothing more."""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer

from himflow import db
from himflow.broker import build_broker
from himflow.commands.stack import cmd_reconcile
from himflow.encounters import Encounter, upsert_encounter
from himflow.outbox import OutboxRelay
from himflow.settings import write_settings_file
from schemas import topics
from schemas.chart import ChartDeficiencyReminded

pytestmark = pytest.mark.integration

RULES = {"IMP": [{"type": "18842-5", "display": "Discharge summary", "from": "discharge", "days": 14}]}


async def _read(consumer: AIOKafkaConsumer, *, rounds: int) -> list[dict]:
    got: list[dict] = []
    for _ in range(rounds):
        batch = await consumer.getmany(timeout_ms=500)
        got += [json.loads(r.value) for rs in batch.values() for r in rs]
    return got


async def test_a_due_reminder_reaches_the_topic_once(spine_settings, kafka):
    settings = spine_settings
    write_settings_file(settings)  # `himflow reconcile --data-dir` reads the stack's settings file
    (settings.data_dir / "chart-rules.json").write_text(json.dumps(RULES))
    engine = db.make_engine(settings.db_url)
    discharged = datetime.now(UTC) - timedelta(days=3, hours=2)
    with engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-r1", identifier="V-77", patient_id="pat-r1",
                                         enc_class="IMP", admitted_at=discharged - timedelta(days=2),
                                         discharged_at=discharged, attending="dr-lund"), source="test")
    args = argparse.Namespace(data_dir=settings.data_dir, every=None, min_age=30.0)

    broker = build_broker(settings.broker)
    await broker.connect()
    relay = OutboxRelay(engine, publish=broker.publish, broker=settings.broker)
    consumer = AIOKafkaConsumer(topics.CHART_REMINDERS, bootstrap_servers=kafka.bootstrap,
                                auto_offset_reset="earliest", group_id="t-" + secrets.token_hex(3),
                                session_timeout_ms=2000, fetch_max_wait_ms=20)
    await consumer.start()
    try:
        assert await asyncio.to_thread(cmd_reconcile, args) == 0
        assert await relay.drain() == 1
        first = await _read(consumer, rounds=10)
        assert await asyncio.to_thread(cmd_reconcile, args) == 0  # the next round of the schedule
        assert await relay.drain() == 0
        again = await _read(consumer, rounds=4)
    finally:
        await consumer.stop()
        await broker.stop()

    assert len(first) == 1 and again == []
    event = ChartDeficiencyReminded.model_validate(first[0])
    assert (event.encounter_id, event.patient_id, event.kind, event.type_code) == ("enc-r1", "pat-r1", "missing", "18842-5")
    assert (event.physician, event.age_days, event.reminder_age_days, event.delinquent) == ("dr-lund", 3, 3, False)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(db.outbox)
                            .where(db.outbox.c.published_at.is_(None))).scalar() == 0
    engine.dispose()
