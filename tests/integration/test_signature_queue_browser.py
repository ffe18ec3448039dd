"""The signature queue in a real browser (issue 15.3): Debian's chromium (headless,
Playwright) against `himflow web` on a loopback port. A physician signs in and lands on their
queue (a delinquent missing H&P, an unsigned discharge summary, oldest first), signs the
summary from the queue, and it leaves the queue; the chart's deficiency is gone. Screenshots:
test-artifacts/web/signatures.png, signatures-signed.png.
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

    add_users(engine, phil="physician")
    PatientIndex(engine).upsert_many([
        Patient(patient_id="pat-halvorsen", mrn="MR-0042", family="Halvorsen", given="Ingrid",
                birth_date=date(1961, 3, 14), sex="female"),
    ], source="test")
    discharged = datetime.now(UTC) - timedelta(days=9, hours=3)
    with engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-stay1", identifier="V-1001",
                                         patient_id="pat-halvorsen", enc_class="IMP",
                                         admitted_at=discharged - timedelta(days=4),
                                         discharged_at=discharged, attending="phil"), source="test")
    add_review_document(engine, "doc-ds", kind="dictation", hint_author="phil",
                        patient_id="pat-halvorsen", type_code="18842-5",
                        type_display="Discharge summary", hint_encounter="V-1001",
                        reasons='["unsigned-dictation", "awaiting-signature"]',
                        text="Discharge summary. Admitted with pneumonia, treated, discharged home.")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with desk_web(tmp_path_factory.mktemp("desk-signatures"), _seed) as web:
        yield web


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    with chromium(playwright_sync, tmp_path_factory.mktemp("chromium-profile")) as ctx:
        yield ctx


def test_physician_signs_a_discharge_summary_from_the_queue(server, browser_ctx):
    import sqlalchemy as sa

    from chart.deficiencies import load_rules, open_deficiencies
    from desk.db import dictation_versions

    page = browser_ctx.new_page()
    page.goto(f"{server['url']}/login")
    page.get_by_label("User name").fill("phil")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/signatures")  # a physician's home page
    assert page.title().startswith("My signature queue")
    assert page.locator("nav[aria-label=Main] a[aria-current=page]").inner_text() == "Signatures"
    rows = page.locator("table.signatures tbody tr")
    assert rows.count() == 2
    first, second = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    # oldest first: the H&P was due a day after admission (13 days ago), the summary 14 days after discharge
    assert "History and physical note" in first and "Missing" in first and "Delinquent" in first
    assert "13 days of 1" in first
    assert "Discharge summary" in second and "Not signed" in second and "9 days of 14" in second
    assert "Delinquent" not in second
    assert "Ingrid Halvorsen" in second and "MR-0042" in second and "Inpatient stay V-1001" in second
    page.screenshot(path=str(ARTIFACTS / "signatures.png"), full_page=True)
    page.get_by_role("button", name="Sign Discharge summary for Ingrid Halvorsen").click()
    page.wait_for_url("**/signatures?signed=doc-ds")
    page.get_by_role("status").wait_for()
    assert "Signed." in page.get_by_role("status").inner_text()
    assert rows.count() == 1 and "History and physical note" in rows.nth(0).inner_text()
    page.screenshot(path=str(ARTIFACTS / "signatures-signed.png"), full_page=True)
    with server["engine"].connect() as conn:
        status = conn.execute(sa.select(dictation_versions.c.status)
                              .where(dictation_versions.c.doc_id == "doc-ds")).scalars().all()
        left = open_deficiencies(conn, load_rules(None), physician="phil")
    assert status == ["final"]
    assert [(d.kind, d.type_code) for d in left] == [("missing", "34117-2")]
    log = server["log"].read_text()
    assert "Halvorsen" not in log and "MR-0042" not in log
    page.close()
