"""Accessibility of the records desk in a real browser (issue 16.7): Debian's chromium
(headless, Playwright) against `himflow web` on a loopback port, axe-core (deploy/axe-core.sh)
run on every main page for each role that sees it: no violation of impact serious or critical.
Also: a keyboard-only walk from the queue to a document, correcting its patient and approving
it, every focus visibly outlined; dates in the reader's locale and time zone; no page wider than
the window at 1366x768 and 1920x1080. Screenshots: test-artifacts/web/a11y-*.png; every axe
finding (any impact) per role: test-artifacts/web/a11y-axe-<role>.json.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from himflow.db import dead_letters, documents, utcnow
from himflow.encounters import Encounter, upsert_encounter
from indexing.patients import Patient, PatientIndex
from roi import requests as rq
from roi.chart_access import CLI
from roi.tables import requests as roi_requests
from schemas import topics
from tests.resources import reports_seed
from tests.resources.desk_axe import axe_source, blocking, describe, run_axe, write_report
from tests.resources.desk_browser import ARTIFACTS, CHROMIUM, chromium, desk_web
from tests.resources.desk_testkit import PASSWORD, add_review_document, add_users

pytestmark = pytest.mark.integration

playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (deploy/install.sh --test)", allow_module_level=True)

USERS = {"rita": "records-staff", "ada": "admin", "phil": "physician", "audra": "auditor",
         "sam": "scanning-station", "rose": "release-of-information"}
ADMITTED = datetime(2026, 5, 3, 9, 30, tzinfo=UTC)
REPORTS = f"/reports?from={reports_seed.START}&to={reports_seed.END}"


def _seed(engine) -> None:
    add_users(engine, **USERS)
    PatientIndex(engine).upsert_many([
        Patient(patient_id="pat-h", mrn="MR-0042", family="Halvorsen", given="Ingrid",
                birth_date=date(1961, 3, 14), sex="female"),
        Patient(patient_id="pat-b", mrn="MR-0043", family="Brekke", given="Halvard",
                birth_date=date(1975, 7, 1), sex="male"),
    ], source="test")
    with engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-1", identifier="V-1001", patient_id="pat-h",
                                         enc_class="IMP", admitted_at=ADMITTED,
                                         discharged_at=ADMITTED + timedelta(days=4), attending="phil"),
                         source="test")
        conn.execute(dead_letters.insert().values(
            at=utcnow(), stage="ocr", reason="engine-timeout", retryable=False, attempts=5,
            topic=topics.SCAN_ROUTED, partition=0, offset=7, msg_key="docX",
            original='{"doc_id":"docX"}', replay_count=0, dedupe_key="ocr:scan:0:7"))
        rq.create_request(conn, actor=CLI, patient_id="pat-h", requester_name="Dana Brooks",
                          requester_type="attorney", purpose="litigation", requester_org="Brooks LLP")
    now = utcnow()
    add_review_document(engine, "doc-scan", patient_id="pat-h", type_code="11506-3",
                        type_display="Progress note", service_date="2026-05-04",
                        created_at=now - timedelta(hours=30), reasons='["low-type-confidence"]',
                        text="\n".join(f"Progress note line {i}. Metformin 500 milligrams twice daily."
                                       for i in range(1, 90)))  # scrolls inside its box
    add_review_document(engine, "doc-walk", patient_id=None, hint_mrn="MR-0042", type_code="34117-2",
                        type_display="History and physical note", created_at=now - timedelta(hours=5),
                        reasons='["patient:unmatched"]', text="History and physical. Chest pain.")
    add_review_document(engine, "doc-ds", kind="dictation", hint_author="phil", patient_id="pat-h",
                        type_code="18842-5", type_display="Discharge summary", hint_encounter="V-1001",
                        reasons='["unsigned-dictation", "awaiting-signature"]',
                        created_at=now - timedelta(days=2),
                        text="Discharge summary. Admitted with pneumonia, treated, discharged home.")
    add_review_document(engine, "doc-lab", patient_id="pat-h", status="filed", type_code="11502-2",
                        type_display="Laboratory report", service_date="2026-05-05", reasons='["approved"]')
    reports_seed.seed(engine)  # a department's week: the reports' charts and tables have rows


def _roi_request(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(sa.select(roi_requests.c.id)
                            .where(roi_requests.c.requester_name == "Dana Brooks")).scalar_one()


def _fill(*steps: tuple[str, str], button: str) -> Callable[[Any], None]:
    """Fill the labelled fields and press the named button (a POST result page)."""
    def go(page: Any) -> None:
        for label, value in steps:
            page.get_by_label(label, exact=True).fill(value)
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()
    return go


# (page name, path, what to do there first) per user; {roi} is the logged request's id
PAGES: dict[str, list[tuple[str, str, Callable[[Any], None] | None]]] = {
    "rita": [
        ("queue", "/queue", None),
        ("document", "/documents/doc-scan", None),
        ("search", "/search", None),
        ("search-results", "/search", _fill(("Words", "metformin"), button="Search")),
        ("patients", "/patients", None),
        ("patients-results", "/patients", _fill(("Name", "h"), button="Find")),
        ("chart", "/patients/pat-h", None),
        ("reports", REPORTS, None),
        ("upload", "/upload", None),
        ("operations", "/operations", None),
        ("roi", "/roi", None),
        ("roi-request", "/roi/{roi}", None),
        ("roi-accounting", "/roi/accounting?mrn=MR-0042", None),
        ("password", "/account/password", None),
        ("not-found", "/documents/no-such-document", None),
        ("chart-audit", "/chart-audit", None),
        ("retention", "/retention", None),
        ("retention-certificates", "/retention/certificates", None),
    ],
    "ada": [
        ("queue", "/queue", None),
        ("document", "/documents/doc-walk", None),
        ("users", "/admin/users", None),
        ("audit", "/audit", None),
        ("operations", "/operations", None),
        ("upload", "/upload", None),
        ("report", f"/reports/received?from={reports_seed.START}&to={reports_seed.END}", None),
        ("retention", "/retention", None),
    ],
    "phil": [
        ("signatures", "/signatures", None),
        ("dictations", "/dictations", None),
        ("dictation", "/dictations/doc-ds", None),
        ("upload", "/upload", None),
    ],
    "audra": [
        ("audit", "/audit", None),
        ("audit-results", "/audit", _fill(("User", "rita"), button="Show")),
    ],
    "sam": [("upload", "/upload", None)],
    "rose": [
        ("roi", "/roi", None),
        ("roi-request", "/roi/{roi}", None),
        ("roi-accounting", "/roi/accounting?mrn=MR-0042", None),
    ],
}
SCREENSHOT = {"queue", "document", "search-results", "patients-results", "chart", "reports",
              "upload", "users", "operations", "audit-results", "signatures", "dictation", "roi",
              "roi-request", "login"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with desk_web(tmp_path_factory.mktemp("desk-a11y"), _seed) as web:
        yield web


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()  # fails (never skips) when the engine is not installed


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    with chromium(playwright_sync, tmp_path_factory.mktemp("chromium-profile")) as ctx:
        yield ctx


def _sign_in(page: Any, url: str, name: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert "/login" not in page.url, f"{name} did not get in"


def server_url(page: Any) -> str:
    """scheme://host:port of the page."""
    return "/".join(page.url.split("/", 3)[:3])


def _fits(page: Any) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def _check_page(page: Any, axe: str, role: str, name: str, found: dict[str, Any]) -> None:
    found[name] = run_axe(page, axe)
    assert page.title().endswith("· himflow records") and len(page.title()) > len("· himflow records") + 2
    icon = page.locator('link[rel=icon]')
    assert icon.count() == 1 and icon.get_attribute("href") == "/static/favicon.svg", "no favicon"
    assert page.request.get(server_url(page) + "/static/favicon.svg").headers["content-type"].startswith("image/svg")
    for width, height in ((1366, 768), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        assert _fits(page), f"{role} {name}: wider than a {width}x{height} window"
        if name in SCREENSHOT:
            page.screenshot(path=str(ARTIFACTS / f"a11y-{role}-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})


@pytest.mark.parametrize("user", list(PAGES))
def test_no_serious_axe_violations_on_the_pages_a_role_sees(server, browser_ctx, axe, user):
    role = USERS[user]
    page = browser_ctx.new_page()
    found: dict[str, Any] = {}
    titles = set()
    if user == "rita":  # the sign-in page, signed out
        page.goto(f"{server['url']}/login")
        _check_page(page, axe, "anonymous", "login", found)
    _sign_in(page, server["url"], user)
    roi = _roi_request(server["engine"])
    for name, path, action in PAGES[user]:
        response = page.goto(server["url"] + path.format(roi=roi))
        assert response.status == (404 if name == "not-found" else 200), (name, response.status)
        if action:
            action(page)
        titles.add(page.title())
        _check_page(page, axe, role, name, found)
    write_report(ARTIFACTS / f"a11y-axe-{role}.json", found)
    bad = {name: blocking(r["violations"]) for name, r in found.items() if blocking(r["violations"])}
    assert not bad, "axe: serious/critical violations\n" + "\n".join(
        f"{name}:\n{describe(v)}" for name, v in bad.items())
    distinct = {"search", "search-results", "patients", "patients-results", "audit", "audit-results"}
    assert len(titles) >= len([p for p in PAGES[user] if p[0] not in distinct]), titles
    page.close()


def _focus_is_visible(page: Any) -> bool:
    return page.evaluate("""() => { const el = document.activeElement; if (!el || el === document.body) return false;
      const s = getComputedStyle(el); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }""")


def _tab_to(page: Any, selector: str, limit: int = 80) -> int:
    """Tab until ``selector`` has the focus, every stop visibly outlined; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        here = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        assert _focus_is_visible(page), f"no visible focus on {here}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def test_keyboard_only_queue_to_document_to_approve(server, browser_ctx):
    page = browser_ctx.new_page()
    page.context.clear_cookies()
    page.goto(f"{server['url']}/login")
    # sign in with the keyboard: the user name field has the focus
    page.keyboard.type("rita")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/queue")
    # the first Tab shows the skip link on the screen
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('skip')")
    box = page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
    assert box["x"] >= 0 and box["y"] >= 0 and _focus_is_visible(page)
    page.keyboard.press("Shift+Tab")
    _tab_to(page, 'a[href="/documents/doc-walk"]')
    page.screenshot(path=str(ARTIFACTS / "a11y-keyboard-queue.png"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/documents/doc-walk")
    # p: the patient field; type the MRN and submit the correction with Enter
    page.keyboard.press("p")
    assert page.evaluate("() => document.activeElement.id") == "patient_id"
    page.keyboard.type("MR-0042")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/documents/doc-walk" in page.url
    page.screenshot(path=str(ARTIFACTS / "a11y-keyboard-document.png"))
    # Tab reaches the approve button too (as well as the a shortcut): press it with Enter
    _tab_to(page, "#approve")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with server["engine"].connect() as conn:
        row = conn.execute(sa.select(documents.c.status, documents.c.patient_id)
                           .where(documents.c.id == "doc-walk")).first()
    assert (row.status, row.patient_id) == ("filed", "pat-h")
    page.close()


def test_dates_are_shown_in_the_readers_locale_and_time_zone(server, browser_ctx):
    page = browser_ctx.new_page()
    cdp = browser_ctx.new_cdp_session(page)  # a reader in Berlin, browser in German
    cdp.send("Emulation.setLocaleOverride", {"locale": "de-DE"})
    cdp.send("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Berlin"})
    _sign_in(page, server["url"], "rita")
    page.goto(f"{server['url']}/patients/pat-h")
    born = page.locator('time[datetime="1961-03-14"]')
    assert born.inner_text() == "14. März 1961"
    admitted = page.locator("section.encounter dd time").first
    assert admitted.get_attribute("datetime") == "2026-05-03T09:30:00Z"
    assert admitted.inner_text() == "03.05.2026, 11:30"  # CEST
    assert admitted.get_attribute("title") == "2026-05-03 09:30 UTC"
    page.goto(f"{server['url']}/queue")
    dob = page.locator('tr[data-doc="doc-scan"] td.date time').first
    assert dob.get_attribute("datetime") == "1961-03-14" and dob.inner_text() == "14.03.1961"
    cdp.detach()
    page.close()
