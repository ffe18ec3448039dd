"""An upload answers, in a real browser (issue 16.4): Debian's chromium (headless, Playwright)
against `himflow web` on a loopback port, over the test's real SeaweedFS, tansu and the real
workers (intake, OCR, indexing, publishing). A scanning station uploads a discharge summary:
the answer links to the upload's status page, which says Received (the workers are not
running yet) and, once they run, moves to Filed or In review by itself (no reload: a marker
set in the page survives); the station sees no patient, type or text. A file that is not what
its name says is rejected and the page says why and what to do. Records staff opening the
same page get the link to the document. Screenshots: test-artifacts/web/upload-status-*.png.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from datetime import date
from pathlib import Path

import pytest

from desk.uploads import REJECTION_ADVICE
from himflow import db
from indexing.patients import Patient, PatientIndex
from tests.resources.desk_browser import ARTIFACTS, CHROMIUM, chromium, desk_web
from tests.resources.desk_testkit import PASSWORD, add_users
from tests.resources.pages import born_digital_pdf
from tests.resources.workers import workers

pytestmark = pytest.mark.integration

playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (deploy/install.sh --test)", allow_module_level=True)

ORLA = Patient(patient_id="pt-1001", mrn="MRN-880011", family="Wexford", given="Orla", birth_date=date(1961, 3, 14))
SUMMARY = ["DISCHARGE SUMMARY", f"Patient Name: {ORLA.family}, {ORLA.given}", f"MRN: {ORLA.mrn}",
           f"DOB: {ORLA.birth_date:%m/%d/%Y}", "Date of Service: 11/20/2026",
           "Hospital course: admitted with community acquired pneumonia, treated with ceftriaxone.",
           "Discharge diagnoses: pneumonia.", "Follow up with primary care in one week.",
           "Electronically signed by: Dr. Ana Ruiz"]
PHI = ("Wexford", "Orla", "MRN-880011", "1961", "Discharge summary", "pneumonia")


@contextlib.contextmanager
def running_workers(settings):
    """The real workers (tests.resources.workers) on an event loop of their own thread, so the
    test's synchronous Playwright drives the browser meanwhile."""
    state: dict = {}
    ready = threading.Event()

    async def run() -> None:
        state["loop"], state["stop"] = asyncio.get_running_loop(), asyncio.Event()
        async with workers(settings):
            ready.set()
            await state["stop"].wait()

    def main() -> None:
        try:
            asyncio.run(run())
        except BaseException as e:  # noqa: BLE001 - handed to the test below
            state["error"] = e
            ready.set()

    thread = threading.Thread(target=main, name="test-workers", daemon=True)
    thread.start()
    assert ready.wait(180), "workers did not start"
    assert "error" not in state, repr(state.get("error"))
    try:
        yield
    finally:
        state["loop"].call_soon_threadsafe(state["stop"].set)
        thread.join(60)


def _seed(engine) -> None:
    add_users(engine, scanner1="scanning-station", rita="records-staff")
    PatientIndex(engine).upsert_many([ORLA])


def _sign_in(page, url: str, user: str) -> None:
    page.goto(f"{url}/login")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _upload(page, url: str, path: Path, *, mrn: str = "") -> str:
    page.goto(f"{url}/upload")
    page.set_input_files("#file", str(path))
    if mrn:
        page.get_by_label("MRN (optional)").fill(mrn)
    page.get_by_role("button", name="Upload").click()
    answer = page.get_by_role("status")
    assert f"Received {path.name}" in answer.inner_text()
    page.get_by_role("link", name="follow its progress").click()
    page.wait_for_url("**/uploads/*")
    return page.url.rsplit("/", 1)[1]


def test_an_upload_is_followed_live_to_its_end_and_a_rejection_is_explained(spine_settings, tmp_path):
    settings = spine_settings
    settings.ocr_processes = 1
    good = born_digital_pdf([SUMMARY], tmp_path / "scan-0001.pdf")
    bad = tmp_path / "scan-0002.pdf"
    bad.write_bytes(b"GIF89a this is not a PDF, only named like one " * 40)
    (tmp_path / "web").mkdir()
    with desk_web(tmp_path / "web", _seed, settings=settings) as server, \
            chromium(playwright_sync, tmp_path / "profile") as browser:
        page = browser.new_page()
        _sign_in(page, server["url"], "scanner1")
        page.wait_for_url("**/upload")
        reference = _upload(page, server["url"], good, mrn=ORLA.mrn)
        live = page.locator("#upload-live")
        assert "In progress" in live.inner_text()
        assert page.locator("table.upload-files tbody tr td").nth(2).inner_text() == "Received"
        assert "scan-0001.pdf" in page.locator("main").inner_text()
        page.screenshot(path=str(ARTIFACTS / "upload-status-received.png"), full_page=True)
        page.evaluate("window.__notReloaded = true")
        with running_workers(settings):
            playwright_sync.expect(page.locator("#upload-live")).to_have_text("Finished.", timeout=180_000)
            assert page.evaluate("window.__notReloaded === true")  # updated in place
            stage = page.locator("table.upload-files tbody tr td").nth(2).inner_text()
            assert stage in ("Filed", "In review"), stage
            text = page.locator("main").inner_text()
            assert all(p not in text for p in PHI), text
            assert page.locator(f'a[href="/documents/{reference}"]').count() == 0
            polled = page.evaluate(f"fetch('/uploads/{reference}/status').then(r => r.text())")
            assert all(p not in polled for p in PHI) and "scan-0001.pdf" not in polled
            page.screenshot(path=str(ARTIFACTS / "upload-status-done.png"), full_page=True)

            rejected_ref = _upload(page, server["url"], bad)
            playwright_sync.expect(page.locator("#upload-live")).to_have_text("Finished.", timeout=180_000)
            row = page.locator("table.upload-files tbody tr")
            assert row.locator("td").nth(2).inner_text() == "Rejected"
            problem, advice = row.locator(".problem").inner_text(), row.locator(".advice").inner_text()
            assert (problem, advice) in REJECTION_ADVICE.values(), (problem, advice)
            page.screenshot(path=str(ARTIFACTS / "upload-status-rejected.png"), full_page=True)

        staff = browser.new_page()
        _sign_in(staff, server["url"], "rita")
        staff.goto(f"{server['url']}/uploads/{reference}")
        staff.locator(f'a[href="/documents/{reference}"]').click()
        staff.wait_for_url(f"**/documents/{reference}")
        assert "Wexford" in staff.locator("main").inner_text()
        staff.goto(f"{server['url']}/uploads/{rejected_ref}")
        assert staff.locator(f'a[href="/documents/{rejected_ref}"]').count() == 0  # nothing was read
        with db.make_engine(settings.db_url).connect() as conn:
            row = db.get_document(conn, reference)
        assert row.status in ("filed", "review")
        log = server["log"].read_text()
        assert "Wexford" not in log and ORLA.mrn not in log
