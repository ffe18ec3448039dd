"""The physician's sign screen in a real browser (issue 16.5, 16.6): Debian's chromium
(headless, Playwright) against `himflow web` with HIMFLOW_WEB_SIGN_REAUTH=true. A physician
sent to the records queue lands on their signature queue with a notice; the sign screen names
the patient (name, MRN, date of birth), the type in words, the date of service and the
encounter, with the audio; a saved draft is listed; signing with a wrong password signs
nothing and is audited; with the right one the dictation is final and the versions list it
first. Screenshots: test-artifacts/web/sign-*.png.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from desk.db import audit_log, dictation_versions
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
    discharged = datetime.now(UTC) - timedelta(days=9)
    with engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-stay1", identifier="V-1001",
                                         patient_id="pat-halvorsen", enc_class="IMP",
                                         admitted_at=discharged - timedelta(days=4),
                                         discharged_at=discharged, attending="phil"), source="test")
    add_review_document(engine, "doc-ds", kind="dictation", hint_author="phil",
                        patient_id="pat-halvorsen", type_code="18842-5",
                        type_display="Discharge summary", hint_encounter="V-1001",
                        service_date="2026-11-20", reasons='["unsigned-dictation", "awaiting-signature"]',
                        text="Discharge summary. Admitted with pneumonia, treated, discharged home.")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with desk_web(tmp_path_factory.mktemp("desk-sign"), _seed,
                  env={"HIMFLOW_WEB_SIGN_REAUTH": "true"}) as web:
        yield web


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    with chromium(playwright_sync, tmp_path_factory.mktemp("chromium-profile")) as ctx:
        yield ctx


def test_a_physician_is_sent_home_and_signs_with_the_password_re_entered(server, browser_ctx):
    page = browser_ctx.new_page()
    page.on("dialog", lambda d: d.accept())  # "Sign this dictation?"
    page.goto(f"{server['url']}/login")
    page.get_by_label("User name").fill("phil")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/signatures")

    page.goto(f"{server['url']}/queue")  # records staff's page
    page.wait_for_url("**/signatures?notice=not-allowed")
    assert page.title().startswith("My signature queue")
    assert "not open to your role" in page.get_by_role("note").inner_text()
    page.screenshot(path=str(ARTIFACTS / "sign-redirect-home.png"), full_page=True)

    page.goto(f"{server['url']}/dictations/doc-ds")
    header = page.locator("dl.sign-header").inner_text()
    for words in ("Ingrid Halvorsen", "MR-0042", "14 March 1961", "Discharge summary", "20 November 2026",
                  "Inpatient stay V-1001"):
        assert words in header, words
    assert page.locator("audio").count() == 1
    page.get_by_role("textbox", name="Transcript").fill("Discharge summary. Admitted with pneumonia; treated; home.")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/dictations/doc-ds")
    page.screenshot(path=str(ARTIFACTS / "sign-screen.png"), full_page=True)

    page.get_by_role("textbox", name="Transcript").fill("Discharge summary, checked and signed.")
    page.get_by_label("Your password (needed to sign)").fill("not-my-password")
    page.get_by_role("button", name="Sign (final)").click()
    alert = page.get_by_role("alert")
    assert "That password is wrong. Nothing was signed." in alert.inner_text()
    assert page.get_by_role("textbox", name="Transcript").input_value() == "Discharge summary, checked and signed."
    page.screenshot(path=str(ARTIFACTS / "sign-wrong-password.png"), full_page=True)
    with server["engine"].connect() as conn:
        assert conn.execute(sa.select(dictation_versions.c.status)
                            .where(dictation_versions.c.doc_id == "doc-ds")).scalars().all() == ["preliminary"]
        refused = conn.execute(sa.select(audit_log.c.username, audit_log.c.doc_id, audit_log.c.detail)
                               .where(audit_log.c.action == "sign-reauth-failed")).all()
    assert [tuple(r) for r in refused] == [("phil", "doc-ds", "wrong password")]

    page.get_by_label("Your password (needed to sign)").fill(PASSWORD)
    page.get_by_role("button", name="Sign (final)").click()
    page.wait_for_url("**/dictations/doc-ds")
    assert "final" in page.locator("h1").inner_text()
    versions = page.locator("ul.versions > li")
    assert versions.count() == 2
    assert versions.nth(0).inner_text().startswith("v2 · signed (final) · phil")
    assert versions.nth(1).inner_text().startswith("v1 · draft · phil")
    page.screenshot(path=str(ARTIFACTS / "sign-signed.png"), full_page=True)
    with server["engine"].connect() as conn:
        rows = conn.execute(sa.select(dictation_versions.c.version, dictation_versions.c.status, dictation_versions.c.text)
                            .where(dictation_versions.c.doc_id == "doc-ds").order_by(dictation_versions.c.version)).all()
    assert [tuple(r) for r in rows][-1] == (2, "final", "Discharge summary, checked and signed.")
    log = server["log"].read_text()
    assert "Halvorsen" not in log and "MR-0042" not in log
    page.close()
