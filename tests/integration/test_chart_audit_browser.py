"""The chart audit in a real browser (issue 15.4): Debian's chromium (headless, Playwright)
against `himflow web` on a loopback port. A records clerk opens "Chart audit", draws a seeded
random sample of inpatient stays, opens one from the worklist, sees its checklist (H&P present,
discharge summary not signed), answers the checks, records a fail with a finding, and is back
on the worklist with the encounter done and the summary counted. Screenshots:
test-artifacts/web/chart-audit-worklist.png, chart-audit-checklist.png, chart-audit-recorded.png.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.resources.desk_browser import ARTIFACTS, CHROMIUM, chromium, desk_web
from tests.resources.desk_testkit import PASSWORD, add_review_document, add_users

pytestmark = pytest.mark.integration


playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (deploy/install.sh --test)", allow_module_level=True)

UNSIGNED = '["unsigned-dictation", "awaiting-signature"]'


def _seed(engine) -> None:
    from himflow.encounters import Encounter, upsert_encounter
    from indexing.patients import Patient, PatientIndex

    add_users(engine, rita="records-staff")
    PatientIndex(engine).upsert_many([
        Patient(patient_id="pat-halvorsen", mrn="MR-0042", family="Halvorsen", given="Ingrid",
                birth_date=date(1961, 3, 14), sex="female"),
        Patient(patient_id="pat-brekke", mrn="MR-0043", family="Brekke", given="Halvard",
                birth_date=date(1975, 7, 1), sex="male"),
    ], source="test")
    admitted = datetime(2026, 5, 3, 9, 30, tzinfo=UTC)
    with engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-stay1", identifier="V-1001", patient_id="pat-halvorsen",
                                         enc_class="IMP", admitted_at=admitted,
                                         discharged_at=admitted + timedelta(days=4), attending="dr-lund"),
                         source="test")
        upsert_encounter(conn, Encounter(encounter_id="enc-stay2", identifier="V-1002", patient_id="pat-brekke",
                                         enc_class="IMP", admitted_at=admitted + timedelta(days=2),
                                         discharged_at=admitted + timedelta(days=5), attending="dr-lund"),
                         source="test")
    add_review_document(engine, "doc-hp", patient_id="pat-halvorsen", status="filed", type_code="34117-2",
                        type_display="History and physical note", hint_encounter="V-1001", reasons='["approved"]')
    add_review_document(engine, "doc-ds", kind="dictation", hint_author="dr-lund", patient_id="pat-halvorsen",
                        type_code="18842-5", type_display="Discharge summary", hint_encounter="V-1001",
                        reasons=UNSIGNED, text="Discharge summary. Admitted with pneumonia.")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with desk_web(tmp_path_factory.mktemp("desk-chart-audit"), _seed) as web:
        yield web


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    with chromium(playwright_sync, tmp_path_factory.mktemp("chromium-profile")) as ctx:
        yield ctx


def test_clerk_draws_a_sample_audits_an_encounter_and_records_the_result(server, browser_ctx):
    from chart.tables import audit_samples, audits
    from desk.db import audit_log

    page = browser_ctx.new_page()
    page.goto(f"{server['url']}/login")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/queue")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Chart audit").click()
    page.wait_for_url("**/chart-audit")
    assert page.title().startswith("Chart audit")

    # draw a seeded sample of May's inpatient stays
    page.get_by_label("Encounter class").select_option("IMP")
    page.get_by_label("Discharged from").fill("2026-05-01")
    page.get_by_label("to", exact=True).fill("2026-05-31")
    page.get_by_label("Encounters").fill("2")
    page.get_by_label("Seed (optional)").fill("20261203")
    page.get_by_role("button", name="Draw sample").click()
    page.wait_for_url("**/chart-audit/samples/cas-*")
    worklist = page.locator("table.worklist tbody tr")
    assert worklist.count() == 2
    assert "Ingrid Halvorsen" in page.locator("table.worklist").inner_text()
    assert page.locator("[data-figure=audited]").inner_text() == "0 of 2"
    assert page.locator("[data-figure=seed]").inner_text() == "20261203"
    assert "The same encounters" in page.locator("section[aria-labelledby=reproduce]").inner_text()
    page.screenshot(path=str(ARTIFACTS / "chart-audit-worklist.png"), full_page=True)

    # open Halvorsen's stay from the worklist: the checklist
    row = page.locator("table.worklist tr[data-encounter=enc-stay1]")
    assert "To do" in row.inner_text()
    row.get_by_role("link", name="Audit").click()
    page.wait_for_url("**/chart-audit/encounters/enc-stay1?sample=cas-*")
    assert page.get_by_role("heading", level=1).inner_text() == "Chart audit: Ingrid Halvorsen"
    required = page.locator("table.checklist")
    assert required.locator("tr[data-type='34117-2']").get_attribute("data-status") == "present"
    assert required.locator("tr[data-type='18842-5']").get_attribute("data-status") == "unsigned"
    assert "Not signed" in required.locator("tr[data-type='18842-5']").inner_text()
    assert "Documents in this encounter (2)" in page.locator("section[aria-labelledby=linked]").inner_text()
    for check, answer in (("Patient identification (name and MRN) on every page", "Yes"),
                          ("Every page legible", "No"), ("Every document belongs to this encounter", "Yes"),
                          ("Entries dated, timed and signed", "Not applicable")):
        page.get_by_role("group", name=check).get_by_label(answer, exact=True).check()
    page.get_by_label("Other findings (one a line)").fill("Allergy list missing from the face sheet")
    page.get_by_label("Notes").fill("Page 3 of the H&P is faint.")
    page.get_by_role("group", name="Result").get_by_label("Fail").check()
    page.screenshot(path=str(ARTIFACTS / "chart-audit-checklist.png"), full_page=True)
    page.get_by_role("button", name="Record audit").click()

    # back on the worklist: done, counted, findings summarised
    page.wait_for_url("**/chart-audit/samples/cas-*?done=enc-stay1")
    assert "Recorded: Ingrid Halvorsen, fail" in page.get_by_role("status").inner_text()
    assert page.locator("[data-figure=audited]").inner_text() == "1 of 2"
    assert page.locator("[data-figure=failed]").inner_text() == "1"
    assert "Failed (3 findings)" in page.locator("table.worklist tr[data-encounter=enc-stay1]").inner_text()
    findings = page.locator("ol.findings").inner_text()
    assert "Discharge summary not signed: 1 encounter" in findings and "No: Every page legible" in findings
    page.screenshot(path=str(ARTIFACTS / "chart-audit-recorded.png"), full_page=True)

    with server["engine"].connect() as conn:
        sample = conn.execute(sa.select(audit_samples)).one()
        stored = conn.execute(sa.select(audits)).one()
        actions = [(r.action, r.patient_id) for r in conn.execute(
            sa.select(audit_log).where(audit_log.c.username == "rita").order_by(audit_log.c.id))]
    assert sample.seed == 20261203 and sorted(json.loads(sample.encounter_ids)) == ["enc-stay1", "enc-stay2"]
    assert (stored.encounter_id, stored.sample_id, stored.auditor, stored.result, stored.notes) == (
        "enc-stay1", sample.sample_id, "rita", "fail", "Page 3 of the H&P is faint.")
    checklist = json.loads(stored.checklist)
    assert {d["type"]: d["status"] for d in checklist["documents"]} == {"18842-5": "unsigned", "34117-2": "present"}
    assert {c["key"]: c["answer"] for c in checklist["checks"]} == {
        "identification": "yes", "legible": "no", "encounter": "yes", "authenticated": "na"}
    assert [f["code"] for f in json.loads(stored.findings)] == ["unsigned:18842-5", "check:legible", "note"]
    audited = [a for a in actions if "chart-audit" in a[0]]
    assert ("sample-chart-audit", None) in audited and ("record-chart-audit", "pat-halvorsen") in audited
    assert {("view-chart-audit", "pat-halvorsen"), ("view-chart-audit", "pat-brekke")} <= set(audited)
    log = server["log"].read_text()
    assert "Halvorsen" not in log and "MR-0042" not in log and "faint" not in log
    page.close()
