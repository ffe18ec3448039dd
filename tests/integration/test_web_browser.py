"""The records UI in a real browser: Debian's chromium (headless, driven by Playwright) against
`himflow web` served by uvicorn on a loopback port, originals in a real SeaweedFS.

Covers sign-in, the queue, correcting a patient and approving with the keyboard, search, and
the physician's dictation page (audio, unsure words, sign). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from himflow.db import documents, make_engine, utcnow
from himflow.settings import load_settings, write_settings_file
from tests.resources.desk_testkit import PASSWORD, add_review_document, add_users
from tests.resources.pages import born_digital_pdf

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--autoplay-policy=no-user-gesture-required"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
SCAN_A, SCAN_B, DICT = "a" * 64, "b" * 64, "c" * 64
EVIL = '<script>document.title="pwned"</script> Progress note: metformin 500 milligrams twice daily'

playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (deploy/install.sh --test)", allow_module_level=True)


def _espeak_wav(text: str, out: Path) -> bytes:
    subprocess.run(["espeak-ng", "-s", "150", "-w", str(out), text], check=True, timeout=30,
                   capture_output=True)
    return out.read_bytes()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    from himflow.embedded.seaweed import SeaweedFS, generate_credentials
    from himflow.objectstore import ObjectStore

    root = tmp_path_factory.mktemp("web-browser")
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

    env = dict(os.environ, HIMFLOW_DATA_DIR=str(data_dir))
    ready = root / "ready"
    with open(root / "web.log", "wb") as web_log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "himflow.cli", "web", "--data-dir", str(data_dir), "--port", "0",
             "--ready-file", str(ready)],
            env=env, stdout=subprocess.DEVNULL, stderr=web_log, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, (root / "web.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "web server did not become ready"
            time.sleep(0.1)
        url = ready.read_text().strip()
        engine = make_engine(settings.db_url)
        _seed(engine, store, settings, root)
        yield {"url": url, "engine": engine, "store": store, "settings": settings, "root": root}
        engine.dispose()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        weed.stop()


def _seed(engine, store, settings, root: Path) -> None:
    add_users(engine, rita="records-staff", phil="physician", scanner1="scanning-station",
              ada="admin", otto="auditor")
    st = settings.store
    pdf = born_digital_pdf([["PROGRESS NOTE", "Synthetic patient P000123", "metformin 500 mg",
                             "<script>alert(1)</script>"]], root / "scan.pdf")
    store.put_bytes(st.intake_bucket, "station/scan-a.pdf", pdf.read_bytes(),
                    content_type="application/pdf")
    now = utcnow()
    add_review_document(engine, SCAN_A, text=EVIL, bucket=st.intake_bucket,
                        object_key="station/scan-a.pdf", media_type="application/pdf",
                        reasons='["no-patient-match"]', created_at=now - timedelta(days=1))
    add_review_document(engine, SCAN_B, text="Consult note: chest pain, normal findings",
                        patient_id="P000456", type_code="11488-4", type_display="Consult note",
                        created_at=now - timedelta(hours=2), reasons='["low-type-confidence"]')
    wav = _espeak_wav("Patient has diabetes mellitus. Metformin five hundred milligrams.",
                      root / "dict.wav")
    store.put_bytes(st.dictation_bucket, "web/dict.wav", wav, content_type="audio/wav")
    transcript = {"text": "Patient has diabetes mellitus. Metformin 500 milligrams.", "language": "en",
                  "duration": 4.0, "model": "synthetic", "segments": [{
                      "start": 0.0, "end": 4.0, "text": "Patient has diabetes melodies.",
                      "avg_logprob": -0.3, "no_speech_prob": 0.01, "compression_ratio": 1.1,
                      "words": [
                          {"word": " Patient", "start": 0.0, "end": 0.5, "probability": 0.95},
                          {"word": " has", "start": 0.5, "end": 0.8, "probability": 0.97},
                          {"word": " diabetes", "start": 0.8, "end": 1.5, "probability": 0.9},
                          {"word": " melodies.", "start": 1.5, "end": 2.2, "probability": 0.31,
                           "flagged": True},
                          {"word": " <b>Met</b>", "start": 2.2, "end": 3.0, "probability": 0.42}]}]}
    store.put_bytes(st.derived_bucket, "transcripts/dict.json", json.dumps(transcript).encode(),
                    content_type="application/json")
    add_review_document(engine, DICT, kind="dictation", hint_author="phil", patient_id="P000123",
                        bucket=st.dictation_bucket, object_key="web/dict.wav", media_type="audio/wav",
                        text_ref="transcripts/dict.json", text=transcript["text"],
                        status="filed", reasons="[]")


@pytest.fixture(scope="module")
def browser_ctx(tmp_path_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_sync.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900}, locale="en-US")  # dates follow the locale
        ctx.set_default_timeout(15_000)
        yield ctx
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


def _sign_in(page, url: str, name: str, password: str = PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _status(engine, doc_id):
    with engine.connect() as conn:
        return conn.execute(sa.select(documents.c.status, documents.c.patient_id)
                            .where(documents.c.id == doc_id)).first()


def test_sign_in_lands_on_the_queue_oldest_first_with_reasons(stack, browser_ctx):
    page = browser_ctx.new_page()
    _sign_in(page, stack["url"], "rita")
    page.wait_for_url("**/queue")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).get_attribute("data-doc") == SCAN_A
    assert "Patient not identified" in rows.nth(0).inner_text()
    assert "No patient matched" in rows.nth(0).inner_text()
    assert rows.nth(0).locator(".reason").get_attribute("title") == "no-patient-match"
    page.screenshot(path=str(ARTIFACTS / "queue.png"), full_page=True)
    page.close()


def test_correct_a_patient_and_approve_with_the_keyboard(stack, browser_ctx):
    page = browser_ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{stack['url']}/queue")
    page.keyboard.press("n")  # claim the next (oldest) document
    page.wait_for_url(f"**/documents/{SCAN_A}")
    page.locator("img.page").first.wait_for()
    page.wait_for_function("() => document.querySelector('img.page').naturalWidth > 100")
    assert page.title() != "pwned"  # the OCR text's script did not run
    assert "<script>document.title" in page.locator("#doctext").inner_text()
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)
    page.keyboard.press("p")
    page.keyboard.type("P000123")
    page.keyboard.press("Enter")  # submits the correction form
    page.wait_for_url(f"**/documents/{SCAN_A}#review")
    assert _status(stack["engine"], SCAN_A) == ("review", "P000123")
    page.keyboard.press("a")  # approve and go to the next document
    page.wait_for_url(f"**/documents/{SCAN_B}")
    assert _status(stack["engine"], SCAN_A) == ("filed", "P000123")
    assert not [e for e in errors if "Content Security Policy" in e]
    page.goto(f"{stack['url']}/operations")
    page.screenshot(path=str(ARTIFACTS / "operations.png"), full_page=True)
    page.goto(f"{stack['url']}/audit")  # the audit log is the auditor's: back to her queue
    assert page.url.endswith("/queue?notice=not-allowed")
    assert "not open to your role" in page.get_by_role("note").inner_text()
    _sign_in(page, stack["url"], "otto")
    page.wait_for_url("**/audit")
    page.get_by_label("Patient id").fill("P000123")
    page.get_by_role("button", name="Show").click()
    assert page.locator("table.audit tbody tr").filter(has_text="approve").count() == 1
    page.screenshot(path=str(ARTIFACTS / "audit.png"), full_page=True)
    _sign_in(page, stack["url"], "rita")  # the next tests go on as rita
    page.wait_for_url("**/queue")
    page.close()


def test_search_highlights_hits_and_keeps_terms_out_of_the_url(stack, browser_ctx):
    page = browser_ctx.new_page()
    page.goto(f"{stack['url']}/search")
    page.get_by_label("Words").fill("metformin")
    page.keyboard.press("Enter")
    page.locator("ol.hits li").first.wait_for()
    assert page.locator("ol.hits mark").first.inner_text().lower() == "metformin"
    assert "metformin" not in page.url
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    page.close()


def test_physician_plays_dictation_sees_unsure_words_and_signs(stack, browser_ctx):
    page = browser_ctx.new_page()
    _sign_in(page, stack["url"], "phil")
    page.wait_for_url("**/signatures")  # a physician's home: the signature queue
    page.get_by_role("link", name="My dictations", exact=True).click()
    page.wait_for_url("**/dictations")
    page.get_by_role("link", name=DICT[:12]).click()
    page.wait_for_url(f"**/dictations/{DICT}")
    unsure = page.locator(".transcript .unsure")
    assert [unsure.nth(i).inner_text() for i in range(unsure.count())] == ["melodies.", "<b>Met</b>"]
    page.wait_for_function("() => document.getElementById('player').readyState >= 1")
    assert page.evaluate("() => document.getElementById('player').duration") > 1.0
    page.locator(".transcript .w").nth(3).click()  # click a word: plays from there
    page.wait_for_function("() => document.getElementById('player').currentTime >= 1.5")
    page.screenshot(path=str(ARTIFACTS / "dictation.png"), full_page=True)
    page.get_by_label("Transcript", exact=True).fill("Patient has diabetes mellitus. Metformin 500 milligrams.")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Sign (final)").click()
    page.get_by_text("Signed text").wait_for()
    assert "final" in page.locator("h1").inner_text()
    page.close()


def test_scanning_station_uploads_but_cannot_read(stack, browser_ctx):
    from himflow.db import outbox, upload_hints
    from schemas import topics

    page = browser_ctx.new_page()
    _sign_in(page, stack["url"], "scanner1")
    page.wait_for_url("**/upload")
    pdf = born_digital_pdf([["DISCHARGE SUMMARY", "synthetic"]], stack["root"] / "upload.pdf")
    page.get_by_label("File").set_input_files(str(pdf))
    page.get_by_label("MRN (optional)").fill("MRN-SYN-1")
    page.get_by_role("button", name="Upload").click()
    reference = page.locator("p.ok .mono").inner_text()
    page.screenshot(path=str(ARTIFACTS / "upload.png"), full_page=True)
    with stack["engine"].connect() as conn:
        hint = conn.execute(sa.select(upload_hints).where(upload_hints.c.doc_id == reference)).first()
        event = conn.execute(sa.select(outbox).where(outbox.c.topic == topics.OBJECT_CREATED)).first()
    assert hint.mrn == "MRN-SYN-1" and hint.kind == "scan"
    assert hint.file_name == "upload.pdf" and hint.uploaded_by == "scanner1"
    key = json.loads(event.value)["Key"].split("/", 1)[1]
    assert "MRN" not in key and hint.upload_id in key
    info = stack["store"].stat(stack["settings"].store.intake_bucket, key)
    assert info.meta("himflow-upload-id") == hint.upload_id and info.size == pdf.stat().st_size
    for path in ("/queue", f"/documents/{SCAN_B}/file/original"):  # sent back to the upload page
        page.goto(f"{stack['url']}{path}")
        assert page.url.endswith("/upload?notice=not-allowed"), path
    assert page.request.get(f"{stack['url']}/documents/{SCAN_B}/file/original").status == 403  # a script
    page.close()


def test_admin_adds_a_user_who_must_change_the_one_time_password(stack, browser_ctx):
    page = browser_ctx.new_page()
    _sign_in(page, stack["url"], "ada")
    page.wait_for_url("**/queue")
    page.get_by_role("link", name="Users").click()
    page.wait_for_url("**/admin/users")
    page.get_by_label("User name").fill("nina")
    page.locator("#new_role").select_option("records-staff")
    page.get_by_role("button", name="Add (one-time password)").click()
    once = page.locator("#one-time-password").inner_text().strip()
    assert page.locator("#user-nina .state").inner_text().startswith("active")
    page.screenshot(path=str(ARTIFACTS / "users.png"), full_page=True)
    _sign_in(page, stack["url"], "nina", once)
    page.wait_for_url("**/account/password")
    page.goto(f"{stack['url']}/search")  # every other page sends her back here
    page.wait_for_url("**/account/password")
    page.get_by_label("Current password").fill(once)
    page.get_by_label("New password (at least 10 characters)").fill("nina-own-password-1")
    page.get_by_label("New password again").fill("nina-own-password-1")
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url("**/queue")
    page.close()


def test_records_staff_filter_the_queue_and_approve_and_reject_a_selection(stack, browser_ctx):
    from datetime import date

    from himflow.patients_db import mrn_key, patients_table

    engine, now = stack["engine"], utcnow()
    people = {"pat-q1": ("MR-3101", "Quinn", "Ines", date(1958, 4, 2)),
              "pat-q2": ("MR-3102", "Okafor", "Ben", date(2001, 9, 17))}
    with engine.begin() as conn:
        for pid, (mrn, family, given, born) in people.items():
            conn.execute(patients_table.insert().values(
                patient_id=pid, mrn=mrn, mrn_key=mrn_key(mrn), family=family, given=given,
                family_key=family.lower(), given_key=given.lower(), birth_date=born,
                source="test", updated_at=now))
    q1, q2, q3 = "1" * 64, "2" * 64, "3" * 64
    add_review_document(engine, q1, patient_id="pat-q1", type_code="18842-5", type_display=None,
                        object_key="station/q1.pdf", service_date="2026-11-02",
                        reasons='["patient:low-score"]', created_at=now - timedelta(days=4))
    add_review_document(engine, q2, patient_id="pat-q2", type_code="11502-2",
                        type_display="Laboratory report", object_key="web/2026/q2.pdf",
                        reasons='["patient:low-score"]', created_at=now - timedelta(hours=5))
    add_review_document(engine, q3, hint_mrn="MR-3999", type_code="11488-4", type_display="Consult note",
                        object_key="station/q3.pdf", reasons='["patient:low-score"]',
                        created_at=now - timedelta(days=2))
    page = browser_ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, stack["url"], "rita")
    page.wait_for_url("**/queue")
    page.locator("#f-reason").select_option("patient:low-score")
    page.locator("#f-sort").select_option("patient")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/queue?reason=patient%3Alow-score&sort=patient")  # a bookmarkable view
    rows = page.locator("table.queue tbody tr")
    assert [rows.nth(i).get_attribute("data-doc") for i in range(rows.count())] == [q2, q1, q3]
    first = rows.nth(1).inner_text()  # Ines Quinn
    assert "Ines Quinn" in first and "MR-3101" in first
    # born 1958-04-02, seen 2026-11-02: ISO in <time datetime>, shown in the reader's locale
    assert rows.nth(1).locator('time[datetime="1958-04-02"]').inner_text() == "Apr 2, 1958"
    assert rows.nth(1).locator('time[datetime="2026-11-02"]').inner_text() == "Nov 2, 2026"
    assert "Discharge summary" in first and "18842-5" not in first
    assert "Scanning station" in first and "4 d" in first
    assert "Web upload" in rows.nth(0).inner_text()
    page.locator("input[data-select-all]").check()  # every row of this view
    assert page.locator("input[data-pick]:checked").count() == 3
    page.screenshot(path=str(ARTIFACTS / "queue-patients.png"), full_page=True)
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Approve", exact=True).click()
    page.locator("#outcome").wait_for()
    outcome = page.locator("#outcome").inner_text()
    assert "Approved: 2 documents" in outcome and "Left as they were: 1" in outcome
    assert "MRN MR-3999 (not matched), Consult note: set the patient before approving" in outcome
    assert [_status(engine, d)[0] for d in (q1, q2, q3)] == ["filed", "filed", "review"]
    assert page.locator("table.queue tbody tr").count() == 1  # the same view, what is left
    page.screenshot(path=str(ARTIFACTS / "queue-bulk-outcome.png"), full_page=True)
    page.locator(f'tr[data-doc="{q3}"] input[data-pick]').check()
    page.locator("#b-reason").select_option("wrong-patient")
    page.locator("#b-note").fill("no such MRN at this hospital")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reject", exact=True).click()
    page.locator("#outcome").wait_for()
    assert "Rejected: 1 document" in page.locator("#outcome").inner_text()
    assert _status(engine, q3)[0] == "rejected"
    assert "Nothing is waiting" in page.content() or "No document waiting" in page.content()
    from desk.db import audit_log

    with engine.connect() as conn:
        acts = conn.execute(sa.select(audit_log.c.action, audit_log.c.doc_id)
                            .where(audit_log.c.doc_id.in_([q1, q2, q3]))).all()
    assert sorted(acts) == sorted([("approve", q1), ("approve", q2), ("reject", q3)])
    assert not [e for e in errors if "Content Security Policy" in e]
    page.close()
