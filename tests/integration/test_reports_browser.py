"""The reports page in a real browser (issue 15.6): Debian's chromium (headless, Playwright)
against `himflow web` on a loopback port, over the seeded department of
tests/resources/reports_seed.py. A records clerk opens Reports from the navigation, asks for
2026-11-01 .. 2026-11-07, sees a chart and a table per report and downloads one as CSV.
Screenshot: test-artifacts/web/reports.png.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reports.catalog import REPORTS
from tests.resources import reports_seed as seed
from tests.resources.desk_browser import ARTIFACTS, CHROMIUM, chromium, desk_web
from tests.resources.desk_testkit import PASSWORD, add_users

pytestmark = pytest.mark.integration


playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (deploy/install.sh --test)", allow_module_level=True)


def _seed_reports(engine) -> None:
    seed.seed(engine)
    add_users(engine, rita="records-staff")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with desk_web(tmp_path_factory.mktemp("desk-reports"), _seed_reports) as web:
        yield web


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    with chromium(playwright_sync, tmp_path_factory.mktemp("chromium-profile"), accept_downloads=True) as ctx:
        yield ctx


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
