"""The reports page in a real browser (issue 15.6): Debian's chromium (headless, Playwright)
against `himflow web` on a loopback port, over the seeded department of
tests/resources/reports_seed.py. A records clerk opens Reports from the navigation, asks for
2026-11-01 .. 2026-11-07, sees a chart and a table per report and downloads one as CSV.
Screenshot: test-artifacts/web/reports.png.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from himflow.db import make_engine, migrate
from himflow.settings import load_settings
from reports.catalog import REPORTS
from tests.resources import reports_seed as seed
from tests.resources.desk_testkit import PASSWORD, add_users

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"

playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (deploy/install.sh --test)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("desk-reports")
    data_dir = root / "data"
    data_dir.mkdir()
    settings = load_settings(data_dir)
    engine = make_engine(settings.db_url)
    migrate(engine)
    seed.seed(engine)
    add_users(engine, rita="records-staff")
    ready = root / "ready"
    env = dict(os.environ, HIMFLOW_DATA_DIR=str(data_dir))
    with open(root / "web.log", "wb") as web_log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "himflow.cli", "web", "--data-dir", str(data_dir), "--port", "0",
             "--ready-file", str(ready)],
            env=env, stdout=subprocess.DEVNULL, stderr=web_log, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, (root / "web.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "web server did not become ready"
            time.sleep(0.1)
        yield {"url": ready.read_text().strip(), "log": root / "web.log"}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        engine.dispose()


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_sync.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, accept_downloads=True,
            viewport={"width": 1366, "height": 768})
        ctx.set_default_timeout(15_000)
        yield ctx
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


def test_clerk_reads_the_reports_and_downloads_a_csv(server, browser_ctx):
    page = browser_ctx.new_page()
    failed: list[str] = []  # resources the page asked for and did not get (the browser's favicon aside)
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.goto(f"{server['url']}/login")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/queue")
    page.get_by_role("link", name="Reports", exact=True).click()
    page.wait_for_url("**/reports")
    assert page.title().startswith("Reports")
    page.get_by_label("From", exact=True).fill("2026-11-01")
    page.get_by_label("To", exact=True).fill("2026-11-07")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/reports?from=2026-11-01&to=2026-11-07")
    for report in REPORTS.values():
        section = page.locator(f"#report-{report.name}")
        assert section.get_by_role("heading", name=report.title, exact=True).count() == 1, report.name
        chart = section.locator("svg.chart")
        assert chart.is_visible() and chart.bounding_box()["width"] > 300, report.name
        assert chart.get_attribute("role") == "img"
        assert section.locator("table.report-table tbody tr").count() >= 1, report.name
    # the accessible name of a chart is its title
    assert page.get_by_role("img", name="Documents received per day by source").count() == 1
    deficiencies = page.locator("#report-deficiencies table").inner_text()
    assert "dr-lund" in deficiencies and "medicine" in deficiencies
    turnaround = page.locator("#report-turnaround tbody tr").first.inner_text()
    assert turnaround.split() == ["scan", "6", "6", "17"]
    page.screenshot(path=str(ARTIFACTS / "reports.png"), full_page=True)
    with page.expect_download() as got:
        page.locator("#report-received").get_by_role("link", name="Download CSV").click()
    download = got.value
    assert download.suggested_filename == "himflow-received-2026-11-01-to-2026-11-07.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text())))
    assert [tuple(r[:4]) + (int(r[4]),) for r in rows[1:]] == seed.RECEIVED
    assert failed == []
    page.close()
