"""An object-created event with ``"Records": []`` (MinIO never sends one) is a counted skip
shown by `himflow status`, not silence (real intake worker on tansu)."""

from __future__ import annotations

import asyncio
import json

import pytest

from himflow.events_out import publish_many
from himflow.status import render_text, stack_status
from schemas import topics
from tests.resources.workers import workers

pytestmark = pytest.mark.integration


async def test_an_event_without_records_is_a_counted_skip(spine_settings):
    settings = spine_settings
    body = json.dumps({"EventName": "s3:ObjectCreated:Put", "Key": "intake/x.pdf", "Records": []}).encode()
    async with workers(settings, roles=("intake",)):
        await publish_many(settings.broker, [(topics.OBJECT_CREATED, "intake/x.pdf", body)] * 2)
        for _ in range(200):
            report = await asyncio.to_thread(stack_status, settings, with_lag=False)
            skips = [s for s in report["stages"] if (s["stage"], s["outcome"], s["reason"]) == ("intake", "skip", "no-records")]
            if skips and skips[0]["count"] == 2:
                break
            await asyncio.sleep(0.1)
    assert [s["count"] for s in skips] == [2]
    assert report["dead_letters"] == [] and report["documents"] == {}
    assert "no-records" in render_text(report)
