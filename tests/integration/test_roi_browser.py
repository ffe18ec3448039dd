"""The release-of-information pages in a real browser (Debian's chromium driven by Playwright)
against `himflow web` on a loopback port with a real SeaweedFS: the request list with due
dates and an overdue request highlighted, the request page, the redaction review on the page
image (remove a proposed box, draw one by dragging), release by the release-of-information
role only, and the audited packet download whose pixels under the drawn box are black."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from himflow.db import make_engine, utcnow
from himflow.settings import load_settings, write_settings_file
from tests.resources.desk_testkit import add_users
from roi import packets
from roi import requests as rq
from roi.chart_access import CLI
from roi.tables import boxes
from tests.integration.test_roi_packets import NOTE
from tests.integration.test_web_browser import ARTIFACTS, CHROMIUM, FLAGS, _sign_in
from tests.resources.roi_chart import PATIENT, add_filed_document, make_chart

pytestmark = [pytest.mark.integration, pytest.mark.slow]
playwright_sync = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    from himflow.embedded.seaweed import SeaweedFS, generate_credentials
    from himflow.objectstore import ObjectStore

    root = tmp_path_factory.mktemp("roi-browser")
    creds = generate_credentials()
    weed = SeaweedFS(root / "s3", access_key=creds.access_key, secret_key=creds.secret_key,
                     log_path=root / "weed.log")
    weed.start()
    data_dir = root / "data"
    settings = load_settings(data_dir)
    settings.store.endpoint = weed.endpoint
    settings.store.access_key = creds.access_key
    settings.store.secret_key = type(settings.store.secret_key)(creds.secret_key)
    write_settings_file(settings)
    settings = load_settings(data_dir)
    store = ObjectStore(settings.store)
    store.ensure_buckets()
    chart = make_chart(settings.db_url, root, store=store, bucket=settings.store.intake_bucket)
    add_filed_document(chart, "d" * 64, NOTE, service_date="2025-09-22")
    add_users(chart.engine, rose="release-of-information", rita="records-staff", ada="admin")
    with chart.engine.begin() as conn:
        req = rq.create_request(conn, actor=CLI, patient_id=PATIENT["patient_id"], requester_name="Dana Brooks",
                                requester_type="court-order", purpose="subpoena", store=store,
                                bucket=settings.store.derived_bucket,
                                authorization=rq.Authorization(content=b"%PDF-1.4 order", signed=True,
                                                               expires=date.today() + timedelta(days=30)))
        rq.advance(conn, actor=CLI, request_id=req["id"], to="authorization-checked")
        rq.advance(conn, actor=CLI, request_id=req["id"], to="in-preparation")
        late = rq.create_request(conn, actor=CLI, patient_id=PATIENT["patient_id"], requester_name="Pat Late",
                                 requester_type="payer", purpose="claim review",
                                 received_at=utcnow() - timedelta(days=40))
    packets.prepare_packet(chart.engine, store, actor=CLI, request_id=req["id"],
                           derived_bucket=settings.store.derived_bucket)
    ready = root / "ready"
    with open(root / "web.log", "wb") as web_log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "himflow.cli", "web", "--data-dir", str(data_dir), "--port", "0",
             "--ready-file", str(ready)],
            env=dict(os.environ, HIMFLOW_DATA_DIR=str(data_dir)), stdout=subprocess.DEVNULL,
            stderr=web_log, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, (root / "web.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "web server did not become ready"
            time.sleep(0.1)
        yield {"url": ready.read_text().strip(), "engine": chart.engine, "store": store, "settings": settings,
               "rid": req["id"], "late": late["id"]}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        chart.engine.dispose()
        weed.stop()


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-roi")
    with playwright_sync.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                   args=FLAGS, viewport={"width": 1400, "height": 1000},
                                                   accept_downloads=True)
        ctx.set_default_timeout(60_000)
        yield ctx
        ctx.close()


def _boxes(engine, decision=None):
    q = sa.select(boxes)
    if decision:
        q = q.where(boxes.c.decision == decision)
    with engine.connect() as conn:
        return list(conn.execute(q))


def test_redaction_review_and_release_in_the_browser(stack, browser_ctx):
    url, rid = stack["url"], stack["rid"]
    page = browser_ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, url, "rose")
    page.wait_for_url("**/roi")
    late_row = page.locator("tr", has=page.get_by_role("link", name=stack["late"]))
    assert "overdue" in (late_row.get_attribute("class") or "") and "overdue" in late_row.inner_text()
    row = page.locator("tr", has=page.get_by_role("link", name=rid))
    assert "overdue" not in (row.get_attribute("class") or "")
    assert (date.today() + timedelta(days=30)).isoformat() in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "roi-requests.png"), full_page=True)

    page.get_by_role("link", name=rid).click()
    page.get_by_role("link", name="Review redactions").click()
    page.wait_for_url(f"**/roi/{rid}/review/1")
    page.wait_for_function("() => document.querySelector('img.roi-img').naturalWidth > 100")
    proposed = _boxes(stack["engine"], "proposed")
    assert page.locator("svg rect.box-proposed").count() == len(proposed) >= 4
    sister = next(b for b in proposed if "Renata" in (b.text or ""))
    page.locator(f"#box-{sister.id}").get_by_role("button", name="Remove").click()
    page.wait_for_url(f"**/roi/{rid}/review/1")
    assert page.locator(f"#box-{sister.id} .decision").inner_text() == "removed"

    # Drag a box over the plan line (out of scope for this request): image pixels from the svg.
    svg = page.locator("#roi-svg")
    bb = svg.bounding_box()
    vb_w = float(svg.get_attribute("viewBox").split()[2])
    scale = bb["width"] / vb_w
    x0, y0, x1, y1 = 150, 556, 1500, 600
    page.mouse.move(bb["x"] + x0 * scale, bb["y"] + y0 * scale)
    page.mouse.down()
    page.mouse.move(bb["x"] + (x0 + x1) / 2 * scale, bb["y"] + (y0 + y1) / 2 * scale, steps=5)
    page.mouse.move(bb["x"] + x1 * scale, bb["y"] + y1 * scale, steps=5)
    page.mouse.up()
    page.wait_for_url(f"**/roi/{rid}/review/1")
    page.locator("svg rect.box-accepted").first.wait_for()
    drawn = [b for b in _boxes(stack["engine"]) if b.origin == "added"]
    assert len(drawn) == 1 and abs(drawn[0].x0 - x0) <= 6 and abs(drawn[0].y1 - y1) <= 6
    page.screenshot(path=str(ARTIFACTS / "roi-review.png"), full_page=True)

    page.goto(f"{url}/roi/{rid}")
    page.get_by_label("Move to").select_option("quality-checked")
    page.get_by_role("button", name="Move").click()
    page.wait_for_url(f"**/roi/{rid}")
    assert "quality-checked" in page.locator("h1").inner_text()

    # A records clerk works requests but may not release; an administrator may not either.
    for who in ("rita", "ada"):
        _sign_in(page, url, who)
        page.goto(f"{url}/roi/{rid}")
        assert page.get_by_role("button", name="Release packet").count() == 0
        assert "Only the release-of-information role releases" in page.content()

    _sign_in(page, url, "rose")
    page.goto(f"{url}/roi/{rid}")
    page.get_by_role("button", name="Release packet").click()
    page.wait_for_url(f"**/roi/{rid}")
    assert "released" in page.locator("h1").inner_text()
    with page.expect_download() as dl:
        page.get_by_role("link", name="Download packet").click()
    pdf = open(dl.value.path(), "rb").read()
    page.screenshot(path=str(ARTIFACTS / "roi-released.png"), full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e], errors

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    img = doc[2].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    doc.close()
    region = img.crop((x0 + 4, y0 + 4, x1 - 4, y1 - 4))
    assert max(region.getextrema()) < 40  # the drawn box is black in the released pixels
    import pytesseract

    seen = pytesseract.image_to_string(img, timeout=120).lower()
    assert "lisinopril" in seen and "metformin" not in seen and "renata pruitt" in seen
    with stack["engine"].connect() as conn:
        actions = [r[0] for r in conn.execute(sa.text(
            "SELECT action FROM web_audit_log WHERE username = 'rose' ORDER BY id"))]
    assert "roi-redaction" in actions and "roi-release" in actions and actions[-1] == "roi-packet-download"
    assert io.BytesIO(pdf).read(5) == b"%PDF-"
