"""What every stage gets from the spine, and the router its handlers hang on.

A stage module (intake.handlers, intake.ocr_handler, transcription.handlers,
indexing.handlers, publishing.handlers) exposes:

    Deps                          a frozen dataclass: StageDeps plus the stage's own resources
    make_deps(base) -> Deps       build those resources (engine pools, clients) from the spine's
    build(deps) -> KafkaRouter    its subscribers and publishers; nothing at import time
    on_start(deps) -> tasks       optional: background work started with the process

Any mix of stage routers runs in one process (himflow/app/worker.py): each router carries its
own stage policy (retries, dead letters under the stage's name), all share one broker, one
database engine and one outbox relay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from faststream.kafka import KafkaRouter
from sqlalchemy.engine import Engine

from himflow.objectstore import ObjectStore
from himflow.outbox import OutboxRelay
from himflow.policy import StageContext, parse_json, stage_policy
from himflow.settings import Settings
from schemas import topics
from schemas.events import DeadLetter


@dataclass(frozen=True, kw_only=True)
class StageDeps:
    """The spine's services for one stage in one process."""

    settings: Settings
    engine: Engine
    store: ObjectStore
    policy: StageContext  # the stage's name, its dead letters and retries
    outbox: OutboxRelay  # the process's relay: drain() right after a commit cuts latency

    @property
    def stage(self) -> str:
        return self.policy.stage

    def close(self) -> None:
        """Release the stage's own resources (engine pools, clients); the spine's are the
        process's."""


async def decode_json(msg: Any) -> Any:
    """Every himflow topic carries JSON, whatever the content-type header says (MinIO sends
    none). Undecodable bodies raise here, inside the stage policy, and are dead-lettered."""
    return parse_json(msg.body)


def stage_router(deps: StageDeps) -> KafkaRouter:
    """A router with the stage's error policy and JSON decoding, declaring its dead letters."""
    router = KafkaRouter(middlewares=(stage_policy(deps.policy),), decoder=decode_json)
    router.publisher(topics.DEAD_LETTER, title=f"dead-letter/{deps.stage}", schema=DeadLetter,
                     description="Permanent failures and exhausted retries, with reason codes.")
    return router
