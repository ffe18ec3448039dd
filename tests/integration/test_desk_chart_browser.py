"""The chart in a real browser (issue 16.2): Debian's chromium (headless, Playwright) against
`himflow web` on a loopback port. A records clerk types "halvorsen" into the patient search,
opens the chart, and opens a document from it. Screenshots: test-artifacts/web/chart-search.png,
chart.png.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.resources.desk_browser import ARTIFACTS, CHROMIUM, chromium, desk_web
from tests.resources.desk_testkit import PASSWORD, add_review_document, add_users

pytestmark = pytest.mark.integration


playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (deploy/install.sh --test)", allow_module_level=True)


def _seed(engine) -> None:
    from himflow.encounters import Encounter, upsert_encounter
    from indexing.patients import Patient, PatientIndex

    add_users(engine, rita="records-staff", phil="physician")
    PatientIndex(engine).upsert_many([
        Patient(patient_id="pat-halvorsen", mrn="MR-0042", family="Halvorsen", given="Ingrid",
                birth_date=date(1961, 3, 14), sex="female"),
        Patient(patient_id="pat-brekke", mrn="MR-0043", family="Brekke", given="Halvard",
                birth_date=date(1975, 7, 1), sex="male"),
    ], source="test")
    admitted = datetime(2026, 5, 3, 9, 30, tzinfo=UTC)
    with engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-stay1", identifier="V-1001",
                                         patient_id="pat-halvorsen", enc_class="IMP",
                                         admitted_at=admitted, discharged_at=admitted + timedelta(days=4),
                                         attending="dr-lund"), source="test")
    add_review_document(engine, "doc-hp", patient_id="pat-halvorsen", status="filed",
                        type_code="34117-2", type_display="History and physical note",
                        service_date="2026-05-03", reasons='["approved"]')
    add_review_document(engine, "doc-lab", patient_id="pat-halvorsen", status="filed",
                        type_code="11502-2", type_display="Laboratory report",
                        service_date="2026-05-05", reasons='["approved"]')


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with desk_web(tmp_path_factory.mktemp("desk-chart"), _seed) as web:
        yield web


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    # a reader in the UK: dates are shown in the browser's locale (app.js, Intl.DateTimeFormat)
    with chromium(playwright_sync, tmp_path_factory.mktemp("chromium-profile"), locale="en-GB") as ctx:
        yield ctx


def test_clerk_searches_halvorsen_and_opens_the_chart(server, browser_ctx):
    import sqlalchemy as sa

    from desk.db import audit_log

    page = browser_ctx.new_page()
    page.goto(f"{server['url']}/login")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/queue")
    page.get_by_role("link", name="Patients").click()
    page.wait_for_url("**/patients")
    assert page.title().startswith("Find a patient")
    page.get_by_label("Name").fill("halvorsen")
    page.get_by_role("button", name="Find").click()
    result = page.get_by_role("link", name="Ingrid Halvorsen")
    result.wait_for()
    assert "halvorsen" not in page.url.lower()  # the name travelled in the body
    assert page.get_by_role("heading", name="1 patient found").count() == 1
    assert "Halvard" not in page.locator("main").inner_text()
    page.screenshot(path=str(ARTIFACTS / "chart-search.png"), full_page=True)
    result.click()
    page.wait_for_url("**/patients/pat-halvorsen")
    assert page.title().startswith("Chart: Ingrid Halvorsen")
    assert page.get_by_role("heading", level=1).inner_text() == "Ingrid Halvorsen"
    facts = page.locator("section[aria-labelledby=demographics] dl").inner_text()
    assert "14 March 1961 (age" in facts and "Female" in facts and "MR-0042" in facts
    for name in ("Demographics", "Open deficiencies", "Encounters", "Timeline (2 documents)"):
        assert page.get_by_role("heading", name=name, exact=True).count() == 1, name
    encounter = page.locator("section.encounter")
    assert "Inpatient stay, 3 May 2026" in encounter.inner_text() and "dr-lund" in encounter.inner_text()
    assert page.get_by_role("heading", name="Laboratory report (1)").count() == 1
    page.screenshot(path=str(ARTIFACTS / "chart.png"), full_page=True)
    page.locator("section[aria-labelledby=timeline]").get_by_role("link", name="Laboratory report").click()
    page.wait_for_url("**/documents/doc-lab")
    with server["engine"].connect() as conn:
        actions = [r.action for r in conn.execute(
            sa.select(audit_log.c.action).where(audit_log.c.username == "rita").order_by(audit_log.c.id))]
    chart_flow = ("search", "search-hit", "view-patient", "view-document")  # page images load after
    assert [a for a in actions if a in chart_flow] == list(chart_flow)
    log = server["log"].read_text()
    assert "Halvorsen" not in log and "MR-0042" not in log and "1961" not in log
    page.close()
