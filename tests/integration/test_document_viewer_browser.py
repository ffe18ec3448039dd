"""The document viewer in a real browser (issue 16.3): Debian's chromium (headless,
Playwright, 1366x768) against `himflow web` on a loopback port, page images from a real
SeaweedFS. A records clerk opens a three-page scan flagged as a duplicate: the page image's
top is on screen beside the action panel; a thumbnail (clicked, and by keyboard) shows its
page; zoom in/out and fit to width scale it; a page turned right comes back turned after a
reload; the compare view shows both documents' pages side by side and audits the other one.
Screenshots: test-artifacts/web/viewer-*.png.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from desk.db import audit_log, page_rotations
from himflow.objectstore import ObjectStore
from himflow.settings import load_settings, write_settings_file
from tests.resources.desk_browser import ARTIFACTS, CHROMIUM, chromium, desk_web
from tests.resources.desk_testkit import PASSWORD, add_patient, add_review_document, add_users
from tests.resources.viewer_pages import marked_page, tiff_of

pytestmark = pytest.mark.integration

playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (deploy/install.sh --test)", allow_module_level=True)

VIEWPORT_HEIGHT = 768


def _seeder(root: Path, seaweed):
    def seed(engine) -> None:
        settings = load_settings(root / "data")
        settings.store.endpoint = seaweed.endpoint
        settings.store.access_key = seaweed.access_key
        settings.store.secret_key = SecretStr(seaweed.secret_key)
        settings.store.intake_bucket = "intake-viewer"
        settings.store.derived_bucket = "derived-viewer"
        write_settings_file(settings)  # the web server reads the store from here
        store = ObjectStore(settings.store)
        store.ensure_buckets()
        scan = tiff_of([marked_page(label=i) for i in range(1, 4)])
        for key in ("station/first.tif", "station/copy.tif"):
            store.put_bytes(settings.store.intake_bucket, key, scan, content_type="image/tiff")
        add_users(engine, rita="records-staff")
        add_patient(engine, "pat-a", "MR-1001", "Abbott", "Alice", date(1961, 3, 14))
        common = dict(bucket=settings.store.intake_bucket, media_type="image/tiff",
                      patient_id="pat-a", text="page one\fpage two\fpage three")
        add_review_document(engine, "d-first", status="filed", reasons="[]",
                            object_key="station/first.tif", **common)
        add_review_document(engine, "d-copy", reasons='["duplicate-of:d-first"]',
                            object_key="station/copy.tif", **common)
    return seed


@pytest.fixture(scope="module")
def server(tmp_path_factory, seaweed):
    root = tmp_path_factory.mktemp("desk-viewer")
    with desk_web(root, _seeder(root, seaweed)) as web:
        yield web


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    with chromium(playwright_sync, tmp_path_factory.mktemp("chromium-viewer")) as ctx:
        yield ctx


def _image_loaded(page, selector: str = "#page-image") -> None:
    page.wait_for_function(
        "s => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth > 0; }",
        arg=selector)


def _natural_size(page) -> tuple[int, int]:
    return tuple(page.evaluate(
        "() => { const i = document.getElementById('page-image'); return [i.naturalWidth, i.naturalHeight]; }"))


def test_a_clerk_pages_zooms_turns_and_compares_a_duplicate(server, browser_ctx):
    page = browser_ctx.new_page()
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{server['url']}/login")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(f"{server['url']}/documents/d-copy")
    _image_loaded(page)

    # the fold at 1366x768: the page's top is on screen, the action panel beside it
    assert page.viewport_size == {"width": 1366, "height": VIEWPORT_HEIGHT}
    image = page.locator("#page-image").bounding_box()
    panel = page.locator("aside.panel").bounding_box()
    assert 0 <= image["y"] < VIEWPORT_HEIGHT - 200, image
    assert panel["x"] >= image["x"] + image["width"], (image, panel)
    approve = page.get_by_role("button", name="Approve and file").bounding_box()
    assert approve["y"] + approve["height"] <= VIEWPORT_HEIGHT, approve  # the actions too
    stage = page.locator("#stage").bounding_box()
    assert stage["y"] + stage["height"] <= VIEWPORT_HEIGHT, stage  # the page scrolls in its frame
    assert page.evaluate("() => window.scrollY") == 0
    page.screenshot(path=str(ARTIFACTS / "viewer-document.png"))

    # thumbnails: a click shows that page in place
    page.get_by_role("link", name="Page 3").click()
    _image_loaded(page)
    assert page.locator("#page-no").inner_text() == "3"
    assert page.locator("#page-image").get_attribute("src").endswith("/documents/d-copy/pages/3")
    assert page.locator('.thumbs a[data-page="3"]').get_attribute("aria-current") == "page"
    assert page.url.endswith("/documents/d-copy?page=3")
    # ... and by keyboard: a thumbnail is a link (Enter), "[" / "]" page back and forth
    page.locator('.thumbs a[data-page="1"]').focus()
    page.keyboard.press("Enter")
    assert page.locator("#page-no").inner_text() == "1"
    page.locator("#stage").focus()
    page.keyboard.press("]")
    assert page.locator("#page-no").inner_text() == "2"
    _image_loaded(page)
    page.screenshot(path=str(ARTIFACTS / "viewer-thumbnails.png"))

    # zoom in / out, fit to width
    stage_width = page.evaluate("() => document.getElementById('stage').clientWidth")
    fit = page.locator("#page-image").bounding_box()["width"]
    assert abs(fit - stage_width) <= 2
    page.get_by_role("button", name="Zoom in").click()
    assert page.locator("#zoom-level").inner_text() == "125% of width"
    assert page.locator("#page-image").bounding_box()["width"] == pytest.approx(fit * 1.25, abs=2)
    page.keyboard.press("+")
    assert page.locator("#zoom-level").inner_text() == "156% of width"
    page.screenshot(path=str(ARTIFACTS / "viewer-zoom.png"))
    page.get_by_role("button", name="Zoom out").click()
    page.get_by_role("button", name="Zoom out").click()
    page.get_by_role("button", name="Zoom out").click()
    assert page.locator("#zoom-level").inner_text() == "80% of width"
    assert page.locator("#page-image").bounding_box()["width"] == pytest.approx(fit * 0.8, abs=2)
    page.get_by_role("button", name="Fit to width").click()
    assert page.locator("#zoom-level").inner_text() == "Fit width"
    assert page.locator("#page-image").bounding_box()["width"] == pytest.approx(fit, abs=2)

    # turn page 2 right: saved, and a reload shows it turned (landscape now)
    assert _natural_size(page)[1] > _natural_size(page)[0]
    page.get_by_role("button", name="Turn page right 90° (clockwise)").click()
    page.wait_for_url("**/documents/d-copy?page=2")
    _image_loaded(page)
    page.reload()
    _image_loaded(page)
    assert page.locator("#page-no").inner_text() == "2"
    width, height = _natural_size(page)
    assert width > height
    assert page.locator("#turn-note").is_visible()
    assert page.evaluate("() => window.scrollY") == 0
    assert page.locator("#page-image").bounding_box()["y"] < VIEWPORT_HEIGHT - 200
    stage = page.locator("#stage").bounding_box()
    assert stage["y"] + stage["height"] <= VIEWPORT_HEIGHT, stage
    assert "turned 90° clockwise" in page.locator("#page-image").get_attribute("alt")
    with server["engine"].connect() as conn:
        assert [(r.doc_id, r.page, r.degrees) for r in conn.execute(sa.select(page_rotations))] == [
            ("d-copy", 2, 90)]
    page.screenshot(path=str(ARTIFACTS / "viewer-rotated.png"))

    # the duplicate: a link to the other document and the two side by side
    page.get_by_role("link", name="Compare side by side").click()
    page.wait_for_url("**/documents/d-copy/compare/d-first")
    sides = page.locator("section.compare-side")
    assert sides.count() == 2
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert right["x"] >= left["x"] + left["width"] and abs(right["y"] - left["y"]) < 2
    for doc_id in ("d-copy", "d-first"):
        _image_loaded(page, f'img[src="/documents/{doc_id}/pages/1"]')
    assert sides.nth(0).locator("img.page").count() == 3 and sides.nth(1).locator("img.page").count() == 3
    assert "turned 90° clockwise" in sides.nth(0).locator("img.page").nth(1).get_attribute("alt")
    page.screenshot(path=str(ARTIFACTS / "viewer-compare.png"))
    with server["engine"].connect() as conn:
        seen = {(r.doc_id, r.patient_id, r.detail) for r in conn.execute(
            sa.select(audit_log).where(audit_log.c.action == "view-document"))}
    assert ("d-first", "pat-a", "side by side with d-copy") in seen
    assert csp_errors == []
