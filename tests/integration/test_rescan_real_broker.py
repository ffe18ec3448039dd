"""Duplicates through the real workers: a re-scan of the same sheet for the same patient is
flagged (perceptual page hash + words), an exact re-upload is flagged by content hash; both
are kept and sent to review, never dropped or doubled."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from himflow import db
from himflow.upload import upload_files, wait_final
from tests.resources.workers import workers
from tests.resources.pages import images_to_pdf, lines_of, render_page

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def test_a_rescan_and_an_exact_reupload_are_flagged_not_dropped(spine_settings, tmp_path: Path):
    spine_settings.ocr_processes = 2
    lines = ["PROGRESS NOTE", *lines_of(7, lines=8)]
    first = images_to_pdf([render_page(lines, dpi=200, font_pt=12)], tmp_path / "first.pdf", dpi=200)
    again = images_to_pdf([render_page(lines, dpi=200, font_pt=12, noise=0.004, seed=3, skew_deg=0.3)],
                          tmp_path / "again.pdf", dpi=200)
    other = images_to_pdf([render_page(["PROGRESS NOTE", *lines_of(8, lines=8)], dpi=200, font_pt=12)],
                          tmp_path / "other.pdf", dpi=200)
    async with workers(spine_settings):
        ids = {}
        for name, path in (("first", first), ("again", again), ("other", other), ("copy", first)):
            up = await asyncio.to_thread(upload_files, spine_settings, [path], patient="MRN-424242")
            ids[name] = up[0].doc_id
            await asyncio.to_thread(wait_final, spine_settings, [up[0].doc_id], timeout_s=180)
        recs = await asyncio.to_thread(wait_final, spine_settings, list(ids.values()), timeout_s=60)
    reasons = {name: recs[doc]["reasons"] for name, doc in ids.items()}
    assert not any(r.startswith(("rescan-of:", "duplicate-of:")) for r in reasons["first"])
    assert f"rescan-of:{ids['first']}" in reasons["again"], reasons["again"]
    assert not any(r.startswith(("rescan-of:", "duplicate-of:")) for r in reasons["other"]), reasons["other"]
    assert f"duplicate-of:{ids['first']}" in reasons["copy"], reasons["copy"]
    assert all(recs[d]["status"] == "review" for d in ids.values())  # kept, for a person to decide
    # the reports' per-page quality: each scan's one page was OCR'd, clean enough not to be doubted
    with db.make_engine(spine_settings.db_url).connect() as conn:
        counts = {name: (db.get_document(conn, doc).ocr_pages, db.get_document(conn, doc).low_confidence_pages,
                         db.get_document(conn, doc).audio_seconds) for name, doc in ids.items()}
    assert set(counts.values()) == {(1, 0, None)}, counts
