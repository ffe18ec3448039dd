"""Bootstrap for one worker process: settings -> engine, store, broker, stage policy, app.

`himflow worker ROLE` runs one role per OS process. Each role's module exposes
``register(broker, deps)`` that adds its subscribers and publishers; nothing is built at
import time. The same factory serves tests (TestKafkaBroker) and the AsyncAPI export.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faststream import FastStream
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from sqlalchemy.engine import Engine

from himflow import db
from himflow.broker import build_broker
from himflow.logs import configure, log_event
from himflow.objectstore import ObjectStore
from himflow.policy import StageContext, parse_json, stage_policy
from himflow.settings import Settings
from schemas import topics
from schemas.events import DeadLetter

log = logging.getLogger("himflow.worker")

ROLES: dict[str, str] = {
    "intake": "intake.handlers",
    "ocr": "intake.ocr_handler",
    "transcription": "transcription.handlers",
    "indexing": "indexing.handlers",
}


@dataclass
class Deps:
    settings: Settings
    engine: Engine
    store: ObjectStore
    broker: KafkaBroker
    ctx: StageContext
    state: dict[str, Any] = field(default_factory=dict)  # per-process resources (pools, models)


async def decode_json(msg: Any) -> Any:
    """Every himflow topic carries JSON, whatever the content-type header says (MinIO sends
    none). Undecodable bodies raise here, inside the stage policy, and are dead-lettered."""
    return parse_json(msg.body)


def build(role: str, settings: Settings, *, engine: Engine | None = None) -> tuple[FastStream, Deps]:
    module = importlib.import_module(ROLES[role])
    engine = engine or db.make_engine(settings.db_url)
    holder: dict[str, KafkaBroker] = {}

    async def publish(message: Any, *, topic: str, key: bytes | None = None) -> Any:
        return await holder["broker"].publish(message, topic=topic, key=key)

    ctx = StageContext(stage=role, engine=engine, publish=publish, retry=settings.retry, limits=settings.limits)
    broker = build_broker(settings.broker, middlewares=(stage_policy(ctx),), log_level=logging.DEBUG,
                          decoder=decode_json)
    holder["broker"] = broker
    deps = Deps(settings=settings, engine=engine, store=ObjectStore(settings.store), broker=broker, ctx=ctx)
    broker.publisher(topics.DEAD_LETTER, title=f"dead-letter/{role}", schema=DeadLetter,
                     description="Permanent failures and exhausted retries, with reason codes.")
    module.register(broker, deps)
    app = FastStream(
        broker,
        specification=AsyncAPI(title=f"himflow {role} worker", version="1.0.0"),
        on_shutdown=[lambda: _shutdown(deps)],
    )
    return app, deps


async def _shutdown(deps: Deps) -> None:
    for resource in deps.state.values():
        close = getattr(resource, "shutdown", None) or getattr(resource, "close", None)
        if close is not None:
            try:
                close()
            except Exception:  # pragma: no cover - best effort on the way out, but not silent
                log.warning("closing %s on shutdown failed", type(resource).__name__, exc_info=True)


def _write_ready_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(os.getpid()))


def run(role: str, settings: Settings, *, ready_file: Path | None = None) -> int:
    configure(json_logs=settings.log_json, level=settings.log_level)
    app, deps = build(role, settings)

    async def main() -> None:
        if settings.auto_migrate:
            await asyncio.to_thread(db.migrate, deps.engine)
        starter = getattr(importlib.import_module(ROLES[role]), "on_start", None)
        if starter is not None:
            await starter(deps)

        async def mark_ready() -> None:
            log_event(log, "worker ready", role=role, pid=os.getpid())
            if ready_file is not None:
                await asyncio.to_thread(_write_ready_file, ready_file)

        app.after_startup(mark_ready)
        await app.run()

    asyncio.run(main())
    return 0
