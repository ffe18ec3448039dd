"""The AsyncAPI document, generated from the workers' FastStream apps (never hand-written).

`himflow asyncapi -o schemas/asyncapi.json` refreshes the committed copy; a test checks that
the committed copy equals what the code generates."""

from __future__ import annotations

import json
from pathlib import Path

from faststream.kafka import KafkaBroker, KafkaRouter
from faststream.specification import AsyncAPI

from himflow.broker import build_broker
from himflow.settings import Settings
from himflow.app.roles import ROLES
from himflow.app.worker import build
from chart import reminders

COMMITTED = Path(__file__).resolve().parents[2] / "schemas" / "asyncapi.json"


def _scheduled(settings: Settings) -> KafkaBroker:
    """What the scheduled passes (not a worker role) put on topics through the outbox: the
    chart deficiency reminders, sent from the reconciler's schedule."""

    broker = build_broker(settings.broker)
    router = KafkaRouter()
    reminders.declare(router)
    broker.include_router(router)
    return broker


def generate() -> str:
    settings = Settings(data_dir=Path("/nonexistent-himflow"), database_url="sqlite://")
    settings.broker.bootstrap_servers = "kafka:9092"
    brokers = [build(role, settings)[1].broker for role in ROLES] + [_scheduled(settings)]
    spec = AsyncAPI(*brokers, title="himflow", version="1.0.0", schema_version="3.0.0",
                    description="Events between himflow's workers. Topics are versioned; events are facts.")
    doc = spec.to_specification().to_jsonable()
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"
