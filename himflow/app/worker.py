"""Bootstrap for one worker process: settings -> database engine, object store, broker,
outbox relay, and the routers of the roles it runs.

`himflow worker ROLE [ROLE...]` runs any mix of roles in one OS process (production: one role
per pod; the embedded stack: all of them in one). Each role's stage module builds its router
over its typed ``Deps`` (himflow/stage.py); nothing is built at import time. The same factory
serves tests (TestKafkaBroker) and the AsyncAPI export.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from faststream import FastStream
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from sqlalchemy.engine import Engine

from himflow import db
from himflow.app.roles import ROLES
from himflow.broker import build_broker
from himflow.logs import configure, log_event
from himflow.objectstore import ObjectStore
from himflow.outbox import OutboxRelay
from himflow.policy import StageContext
from himflow.settings import Settings
from himflow.stage import StageDeps

log = logging.getLogger("himflow.worker")


def stage_module(role: str) -> ModuleType:
    return importlib.import_module(ROLES[role].module)


@dataclass
class WorkerProcess:
    """The spine's services of one process and the stages it runs on them."""

    roles: tuple[str, ...]
    settings: Settings
    engine: Engine
    store: ObjectStore
    broker: KafkaBroker
    outbox: OutboxRelay
    stages: dict[str, StageDeps]
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    def stage(self, role: str) -> StageDeps:
        return self.stages[role]

    async def start_background(self) -> None:
        """The stages' background work (warm-ups) and the outbox relay. Once the broker runs."""
        for role, deps in self.stages.items():
            on_start = getattr(stage_module(role), "on_start", None)
            if on_start is not None:
                self.tasks.extend(on_start(deps))
        self.tasks.append(asyncio.create_task(self.outbox.run_forever(), name="himflow-outbox-relay"))

    async def start(self) -> None:
        await self.broker.start()
        await self.start_background()

    async def stop_background(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks.clear()
        for deps in self.stages.values():
            try:
                deps.close()
            except Exception:  # pragma: no cover - best effort on the way out, but not silent
                log.warning("closing %s on shutdown failed", type(deps).__name__, exc_info=True)

    async def stop(self) -> None:
        await self.broker.stop()
        await self.stop_background()


def build(roles: str | Sequence[str], settings: Settings, *,
          engine: Engine | None = None) -> tuple[FastStream, WorkerProcess]:
    roles = (roles,) if isinstance(roles, str) else tuple(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValueError(f"unknown worker role(s): {', '.join(unknown)}")
    engine = engine or db.make_engine(settings.db_url)
    store = ObjectStore(settings.store)
    broker = build_broker(settings.broker, log_level=logging.DEBUG)

    async def publish(message: Any, *, topic: str, key: bytes | None = None,
                      headers: dict[str, str] | None = None) -> Any:
        return await broker.publish(message, topic=topic, key=key, headers=headers)

    relay = OutboxRelay(engine, publish=publish, broker=settings.broker)
    stages: dict[str, StageDeps] = {}
    for role in roles:
        module = stage_module(role)
        policy = StageContext(stage=role, engine=engine, publish=publish, retry=settings.retry,
                              limits=settings.limits)
        base = StageDeps(settings=settings, engine=engine, store=store, policy=policy, outbox=relay)
        deps = module.make_deps(base)
        broker.include_router(module.build(deps))
        stages[role] = deps
    process = WorkerProcess(roles=roles, settings=settings, engine=engine, store=store, broker=broker,
                            outbox=relay, stages=stages)
    app = FastStream(
        broker,
        specification=AsyncAPI(title=f"himflow {' + '.join(roles)} worker", version="1.0.0"),
        on_shutdown=[process.stop_background],
    )
    return app, process


def _write_ready_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(os.getpid()))


def run(roles: str | Sequence[str], settings: Settings, *, ready_file: Path | None = None) -> int:
    configure(json_logs=settings.log_json, level=settings.log_level)
    app, process = build(roles, settings)

    async def main() -> None:
        if settings.auto_migrate:
            await asyncio.to_thread(db.migrate, process.engine)

        async def mark_ready() -> None:
            await process.start_background()
            log_event(log, "worker ready", role=",".join(process.roles), pid=os.getpid())
            if ready_file is not None:
                await asyncio.to_thread(_write_ready_file, ready_file)

        app.after_startup(mark_ready)
        await app.run()

    asyncio.run(main())
    return 0
