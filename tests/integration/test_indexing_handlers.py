"""Indexing worker handlers with TestKafkaBroker: the patients topic fills the patient index;
a bad patient event is dead-lettered, not dropped."""

from __future__ import annotations

import sqlalchemy as sa
import pytest
from faststream.kafka import TestKafkaBroker

from himflow import db
from himflow.app.worker import build
from indexing.patients import PatientIndex
from schemas import topics
from schemas.events import PatientUpserted, ReasonCode

pytestmark = pytest.mark.integration


async def test_the_patients_topic_upserts_the_patient_index(spine_settings):
    app, deps = build("indexing", spine_settings)
    first = PatientUpserted(patient_id="pt-9", mrn="MRN-0909", family="Ostrander", given="Lia",
                            birth_date="1980-02-29")
    moved = first.model_copy(update={"family": "Ostrander-Kay"})
    async with TestKafkaBroker(deps.broker) as br:
        await br.publish(first.model_dump_json().encode(), topic=topics.PATIENTS)
        await br.publish(moved.model_dump_json().encode(), topic=topics.PATIENTS)
        await br.publish(b'{"patient_id": "x"}', topic=topics.PATIENTS)  # no MRN, no name
    index = PatientIndex(deps.engine)
    assert index.count() == 1
    assert index.get_by_mrn("MRN-0909").family == "Ostrander-Kay"
    with deps.engine.connect() as conn:
        reasons = conn.execute(sa.select(db.dead_letters.c.reason)).scalars().all()
    assert reasons == [ReasonCode.MALFORMED_EVENT.value]
