"""Publishing worker: DocumentIndexed -> the patient record.

Every filing decision (the machine's, a reviewer's approval or correction, a physician's
signature, a rejection) arrives as DocumentIndexed. The publishing plan (publishing/record.py)
and the resources it makes go into the outbox in one transaction: the FHIR R4
DocumentReference for `himflow.patient-record.v1`, its HL7 v2 MDM^T02 twin when enabled, and
the FHIR-server PUT (pseudo-topic ``fhir:DocumentReference``), which this stage's sink
delivers. Its own consumer group (himflow-publisher), its own role, scaled on its own lag.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any
from dataclasses import dataclass, field

import sqlalchemy as sa
from faststream.kafka import KafkaRouter

from himflow import db
from himflow.broker import subscriber_options
from himflow.logs import log_event
from himflow.outbox import row_headers
from himflow.policy import REPLAY_HEADER, StageContext
from himflow.stage import StageDeps, stage_router
from publishing.record import FHIR_PUT, publish_for
from schemas import topics
from schemas.events import DocumentIndexed
from publishing.fhir import AsyncFhirClient, FhirRejected, FhirUnavailable

log = logging.getLogger("himflow.publishing")
STAGE = "publishing"


class FhirServerSink:
    """Delivers ``fhir:DocumentReference`` outbox rows: an idempotent PUT of each resource.
    Transient failure -> False (the row waits for the next drain, bounded by the client's own
    retries per drain); a 4xx -> a dead letter with its reason, the row done."""

    def __init__(self, base_url: str | None, policy: StageContext):
        self.base_url = base_url
        self.policy = policy
        self._client: Any = None

    async def deliver(self, row: sa.Row) -> bool:
        if not self.base_url:
            return True
        if self._client is None:
            self._client = AsyncFhirClient(self.base_url)
        headers = row_headers(row)  # a dead-letter replay carries its letter's id
        try:
            await self._client.put(json.loads(row.value))
        except FhirUnavailable:
            log_event(log, "fhir server unavailable", level=logging.WARNING, doc_id=row.msg_key)
            return False
        except FhirRejected as e:
            # a replay refused again updates its own letter (failed-again) instead of adding one
            await self.policy.dead_letter(body=row.value.encode(), topic=FHIR_PUT, reason=e.reason, retryable=False,
                                          attempts=1, error_type=type(e).__name__, detail=e.detail,
                                          doc_id=row.msg_key, headers=headers)
            return True
        if REPLAY_HEADER in headers:
            await asyncio.to_thread(db.with_retries, lambda: self.policy.replay_went_through(headers[REPLAY_HEADER]))
        return True


@dataclass(frozen=True, kw_only=True)
class Deps(StageDeps):
    fhir: FhirServerSink = field(repr=False)


def make_deps(base: StageDeps) -> Deps:
    sink = FhirServerSink(base.settings.fhir_base_url, base.policy)
    base.outbox.add_sink(FHIR_PUT, sink)  # this process's relay delivers the FHIR rows
    return Deps(**vars(base), fhir=sink)


def build(deps: Deps) -> KafkaRouter:
    router = stage_router(deps)
    # Declared for the AsyncAPI document; the outbox relay publishes them.
    router.publisher(topics.PATIENT_RECORD, title="patient-record/publishing",
                     description="FHIR R4 DocumentReference (JSON) for filed documents.")
    router.publisher(topics.PATIENT_RECORD_HL7, title="patient-record-hl7/publishing",
                     description="The same changes as HL7 v2 MDM^T02 ({resource_id, er7}), when enabled.")

    @router.subscriber(
        topics.DOCUMENT_INDEXED,
        title="document-indexed",
        description="Filing decisions by the machine or by people: published to the patient record.",
        **subscriber_options(deps.settings.broker, group_id=topics.GROUP_PUBLISHER),
    )
    async def on_document_indexed(event: DocumentIndexed) -> None:
        n = await asyncio.to_thread(db.with_retries, lambda: publish_for(deps.engine, event, settings=deps.settings,
                                                                         store=deps.store))
        if n:
            await deps.outbox.drain()
            log_event(log, "published to the patient record", doc_id=event.doc_id, count=n)

    return router
