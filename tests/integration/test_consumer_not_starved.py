"""While a multi-page scan is OCR'd, the worker's event loop stays free: tesseract runs in
pool processes, the pipeline in a thread, so heartbeats and the process's other consumers go on.

Shown by events, not by measuring gaps: the test holds every OCR pool process, so the scan's
``ocr_file`` cannot finish until the test lets it. While it is under way (seen from the event
loop, in another thread), the intake consumer of the same loop routes a second document to the
end. Had OCR run on the loop, the loop would be stuck inside ``ocr_file`` for as long as the
pool is held: nothing on it (this test included) could see OCR under way, let alone route
another document.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from himflow import db
from himflow.upload import upload_files
from intake.ocr import ocr_file
from tests.resources.workers import workers
from tests.resources.pages import images_to_pdf, lines_of, render_page

pytestmark = [pytest.mark.integration, pytest.mark.slow]

HOLD_LIMIT_S = 30.0  # liveness only: a held pool process lets go by itself, never hangs the run


def hold_until(gate: str, held: str, limit_s: float) -> None:
    """In an OCR pool process: occupy it until ``gate`` exists (pages queue behind)."""
    Path(held).touch()
    deadline = time.monotonic() + limit_s
    while not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.01)


def ocr_under_way_outside(thread_ident: int) -> bool:
    """Some thread other than ``thread_ident`` (the event loop's) is inside ``ocr_file`` now."""
    for ident, frame in sys._current_frames().items():
        while ident != thread_ident and frame is not None:
            if frame.f_code is ocr_file.__code__:
                return True
            frame = frame.f_back
    return False


async def wait_until(predicate, *, what: str, timeout_s: float = 90.0) -> None:
    """Poll ``predicate`` (sync, run in a thread) from the loop; the timeout is a liveness bound."""
    deadline = time.monotonic() + timeout_s
    while not await asyncio.to_thread(predicate):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def test_another_consumer_is_served_while_a_multi_page_scan_is_ocrd(spine_settings, tmp_path: Path):
    spine_settings.ocr_processes = 2
    texts = [lines_of(i, lines=20) for i in range(4)]
    scan = images_to_pdf([render_page(t, dpi=200, font_pt=11) for t in texts], tmp_path / "scan.pdf", dpi=200)
    fax = images_to_pdf([render_page(lines_of(9, lines=5), dpi=200)], tmp_path / "fax.pdf", dpi=200)
    engine = db.make_engine(spine_settings.db_url)
    gate = tmp_path / "gate"
    status = lambda doc_id: db.status_of(engine, doc_id)  # noqa: E731

    async with workers(spine_settings, roles=("intake", "ocr")) as (_intake, ocr):
        pool = ocr.stage("ocr").pool
        held = [tmp_path / f"held-{i}" for i in range(pool.processes)]
        holds = [pool.executor.submit(hold_until, str(gate), str(h), HOLD_LIMIT_S) for h in held]
        await wait_until(lambda: all(h.exists() for h in held), what="every OCR process held")

        (first,) = await asyncio.to_thread(upload_files, spine_settings, [scan])
        loop_thread = threading.get_ident()  # the test runs on the workers' event loop
        await wait_until(lambda: ocr_under_way_outside(loop_thread), what="the scan's OCR under way")

        (second,) = await asyncio.to_thread(upload_files, spine_settings, [fax])
        await wait_until(lambda: status(second.doc_id) == "routed", what="intake to route a second document")
        # All of it while the scan's OCR was still running (the pool is still held).
        assert ocr_under_way_outside(loop_thread)
        assert await asyncio.to_thread(status, first.doc_id) == "routed"
        assert not any(h.done() for h in holds)

        gate.touch()
        await asyncio.gather(*(asyncio.wrap_future(h) for h in holds))
        await wait_until(lambda: status(first.doc_id) == status(second.doc_id) == "extracted",
                         what="both documents extracted")
    with engine.connect() as conn:
        detail = conn.execute(sa.select(db.document_history.c.detail).where(
            db.document_history.c.doc_id == first.doc_id, db.document_history.c.status == "extracted")).scalar()
    assert detail == f"{len(texts)} pages"  # the held OCR went on to read every page

