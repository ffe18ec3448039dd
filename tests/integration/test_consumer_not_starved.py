"""While a multi-page scan is OCR'd, the worker's event loop stays free: tesseract runs in
pool processes, the pipeline in a thread, so heartbeats and other consumers go on. The bound
comes from the requirement (a heartbeat well within the session timeout), not from speed:
had OCR run on the loop, the loop would stall for whole pages at a time."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from himflow import db
from himflow.upload import upload_files
from tests.integration.test_pipeline_real_broker import workers
from tests.resources.pages import images_to_pdf, lines_of, render_page

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def test_the_event_loop_keeps_ticking_during_a_multi_page_ocr(spine_settings, tmp_path: Path):
    spine_settings.ocr_processes = 2
    pages = [render_page(lines_of(i, lines=20), dpi=200, font_pt=11) for i in range(4)]
    pdf = images_to_pdf(pages, tmp_path / "scan.pdf", dpi=200)
    engine = db.make_engine(spine_settings.db_url)
    async with workers(spine_settings, roles=("intake", "ocr")):
        up = (await asyncio.to_thread(upload_files, spine_settings, [pdf]))[0]
        gaps: list[float] = []
        last = time.monotonic()
        status = None
        while status not in ("extracted",):
            await asyncio.sleep(0.02)
            now = time.monotonic()
            gaps.append(now - last)
            last = now
            status = db.status_of(engine, up.doc_id)
            assert len(gaps) < 20_000, "OCR did not finish"
    budget = spine_settings.broker.session_timeout_ms / 1000 / 2
    assert max(gaps) < budget, f"the loop stalled {max(gaps):.2f}s (heartbeats need < {budget:.2f}s)"
    assert len(gaps) > 20  # the loop ran all along
