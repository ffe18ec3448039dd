"""The patient record read as an integration engine reads it.

A skewed scan and a dictation (checked by records staff, then signed by its author) run through
the real workers on the real broker (tansu), object store (SeaweedFS) and database. The test
then consumes `himflow.patient-record.v1` like an integrator and, for every resource:

- validates it with fhir.resources (R4B) and checks the US Core DocumentReference
  must-support elements (data-absent-reason where a value is unknown);
- FOLLOWS EVERY URL over real HTTP (the web app on a free port) with an integration token and
  checks status 200, the content type, and that the bytes' size and SHA-1 are the
  attachment's; the inline text equals the indexed text;
- and `himflow record tail --json` prints the same resources.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import os
import secrets
import subprocess
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer

from himflow import db
from himflow.objectstore import ObjectStore
from himflow.settings import write_settings_file
from himflow.upload import upload_files, wait_final
from indexing.patients import Patient, PatientIndex
from schemas import topics
from tests.resources.workers import workers
from tests.resources.pages import images_to_pdf, render_page
from tests.resources.speech import speak

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ALICE = Patient(patient_id="pt-2001", mrn="MRN-770031", family="Quenby", given="Ilse",
                birth_date=date(1958, 6, 9))
SCAN_LINES = [
    "DISCHARGE SUMMARY",
    f"Patient Name: {ALICE.family}, {ALICE.given}",
    f"MRN: {ALICE.mrn}",
    f"DOB: {ALICE.birth_date:%m/%d/%Y}",
    "Date of Service: 11/20/2026",
    "Hospital course: admitted with community acquired pneumonia,",
    "treated with intravenous ceftriaxone, then oral antibiotics.",
    "Discharge diagnoses: pneumonia. Type 2 diabetes mellitus.",
    "Discharge medications: metformin 500 mg twice daily.",
    "Follow up with primary care in one week.",
    "Electronically signed by: Dr. Ana Ruiz",
]
DICTATION = ("Progress note. The patient reports less shortness of breath. "
             "Continue the inhaler twice daily. Follow up in two weeks.")
SIGNED = "Progress note. The patient reports less shortness of breath. Continue the inhaler twice daily."
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "record"
DAR = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"


@contextlib.asynccontextmanager
async def web_app(settings):
    """`create_app` served by uvicorn on a free loopback port, in this event loop."""
    import uvicorn

    from desk.app import create_app

    app = create_app(settings, store=ObjectStore(settings.store))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           access_log=False, lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "the web app did not start"
        await asyncio.sleep(0.05)
    host, port = server.servers[0].sockets[0].getsockname()[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await task


def _users(engine):
    from desk.auth import User, add_user
    from desk.db import users

    with engine.begin() as conn:
        for name, role in (("rita", "records-staff"), ("drokafor", "physician")):
            add_user(conn, username=name, role=role, password="synthetic-pass-123")
        rows = conn.execute(sa.select(users.c.id, users.c.username, users.c.role)).all()
    return {r.username: User(id=r.id, username=r.username, role=r.role) for r in rows}


def _check_us_core(res: dict) -> None:
    """US Core DocumentReference must-support, each present or data-absent."""
    from fhir.resources.R4B.documentreference import DocumentReference

    DocumentReference.model_validate(res)  # raises on any R4B violation

    def present_or_absent(value) -> bool:
        if isinstance(value, list):
            return bool(value) and all(present_or_absent(v) for v in value)
        if not isinstance(value, dict) or not value:
            return False
        ext = value.get("extension") or []
        absent = any(e.get("url") == DAR and e.get("valueCode") for e in ext)
        return absent or any(k != "extension" for k in value)

    assert res["status"] in ("current", "superseded", "entered-in-error")
    assert res["docStatus"] in ("preliminary", "final", "amended", "entered-in-error")
    assert res["type"]["coding"][0]["system"] and res["type"]["coding"][0]["code"]
    assert res["category"][0]["coding"][0]["code"] == "clinical-note"
    assert res["subject"]["reference"].startswith("Patient/")
    assert res["date"]
    assert present_or_absent(res["author"])
    assert present_or_absent(res["context"]["encounter"])
    assert present_or_absent(res["context"]["period"])
    for c in res["content"]:
        att = c["attachment"]
        assert att["contentType"] and (att.get("url") or att.get("data"))


async def _follow(http: httpx.AsyncClient, att: dict) -> bytes:
    r = await http.get(att["url"])
    assert r.status_code == 200, (att["url"], r.status_code)
    assert r.headers["content-type"] == att["contentType"], att["url"]
    body = r.content
    if "size" in att:
        assert len(body) == att["size"], att["url"]
    if "hash" in att:
        assert base64.b64encode(hashlib.sha1(body).digest()).decode() == att["hash"], att["url"]
    if "data" in att:
        assert base64.b64decode(att["data"]) == body
    return body


async def test_every_published_resource_is_valid_whole_and_every_link_resolves(
        spine_settings, kafka, tmp_path: Path, monkeypatch):
    from himflow import text_index
    from desk import review
    from desk.integration import create_token

    monkeypatch.setenv("HIMFLOW_WHISPER_MODEL", "tiny.en")
    settings = spine_settings
    settings.ocr_processes = 1
    engine = db.make_engine(settings.db_url)
    PatientIndex(engine).upsert_many([ALICE])
    people = _users(engine)
    with engine.begin() as conn:
        token = create_token(conn, "mirth-test")
    scan = images_to_pdf([render_page(SCAN_LINES, skew_deg=1.5, seed=3)], tmp_path / "scan.pdf", dpi=300)
    wav = speak(DICTATION, tmp_path / "dictation.wav")
    records = AIOKafkaConsumer(topics.PATIENT_RECORD, bootstrap_servers=kafka.bootstrap,
                               auto_offset_reset="earliest", group_id="t-" + secrets.token_hex(3),
                               session_timeout_ms=2000, fetch_max_wait_ms=20)
    published: list[dict] = []

    async def collect(until) -> None:
        for _ in range(600):
            if until():
                return
            batch = await records.getmany(timeout_ms=200)
            published.extend(json.loads(r.value) for rs in batch.values() for r in rs)
        raise AssertionError(f"not published: {[(r['id'], r['docStatus']) for r in published]}")

    async with web_app(settings) as base_url:
        settings.public_url = base_url
        async with workers(settings, roles=("intake", "ocr", "transcription", "indexing", "publishing")):
            await records.start()
            try:
                s = (await asyncio.to_thread(upload_files, settings, [scan], patient=ALICE.mrn))[0]
                # Uploaded without the patient: records staff must set it (and they fix the type
                # and encounter too); those corrections must be in the first publication.
                d = (await asyncio.to_thread(upload_files, settings, [wav], kind="dictation",
                                             author="drokafor"))[0]
                done = await asyncio.to_thread(wait_final, settings, [s.doc_id, d.doc_id], timeout_s=300)
                # A deskewed, clean, confidently typed, patient-matched scan files itself.
                assert done[s.doc_id]["status"] == "filed", done[s.doc_id]["reasons"]
                assert "flag:deskewed" in done[s.doc_id]["reasons"]  # informational: kept, not blocking
                assert done[d.doc_id]["status"] == "review"
                assert "patient:unmatched" in done[d.doc_id]["reasons"]
                assert "awaiting-signature" not in done[d.doc_id]["reasons"]
                with engine.begin() as conn:
                    review.correct(conn, d.doc_id, people["rita"], type_code="11506-3", type_display="Progress note",
                                   patient_id=ALICE.patient_id, encounter="ENC-4411")
                    assert review.approve(conn, d.doc_id, people["rita"]) == "awaiting-signature"
                    machine_text = text_index.get_text(conn, d.doc_id)
                await collect(lambda: any(r["docStatus"] == "preliminary" for r in published))
                with engine.begin() as conn:
                    review.save_dictation(conn, d.doc_id, people["drokafor"], text=SIGNED, sign=True)
                await collect(lambda: sum(r["docStatus"] == "final" for r in published) >= 2)
            finally:
                await records.stop()

        # -- read it all as an integrator ---------------------------------------------------------
        assert {r["masterIdentifier"]["value"] for r in published} == {s.doc_id, d.doc_id}
        with engine.connect() as conn:
            index_text = {k: text_index.get_text(conn, k) for k in (s.doc_id, d.doc_id)}
        fetched = 0
        async with httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            for res in published:
                _check_us_core(res)
                kinds = [c["attachment"]["contentType"] for c in res["content"]]
                doc = res["masterIdentifier"]["value"]
                if doc == s.doc_id:
                    assert kinds == ["application/pdf", "text/plain; charset=utf-8", "application/pdf"]
                    assert [c["attachment"]["title"] for c in res["content"]] == [
                        "Original", "Indexed text", "Searchable PDF"]
                else:
                    assert kinds == ["audio/wav", "text/plain; charset=utf-8"]
                for c in res["content"]:
                    body = await _follow(http, c["attachment"])
                    fetched += 1
                    if c["attachment"]["contentType"].startswith("text/plain"):
                        assert "data" in c["attachment"] and "hash" in c["attachment"]
                        expected = (machine_text if res["docStatus"] == "preliminary" and doc == d.doc_id
                                    else index_text[doc])
                        assert body.decode("utf-8") == expected
            # Without a credential, or with a wrong one: refused.
            url = published[0]["content"][0]["attachment"]["url"]
            assert (await httpx.AsyncClient().get(url)).status_code == 401
            assert (await http.get(url, headers={"Authorization": "Bearer hfi_wrong"})).status_code == 401

    scan_final = [r for r in published if r["masterIdentifier"]["value"] == s.doc_id]
    assert [r["docStatus"] for r in scan_final] == ["final"]
    dict_states = [r["docStatus"] for r in published if r["masterIdentifier"]["value"] == d.doc_id]
    assert dict_states == ["preliminary", "final"]
    first_dictation, final_dictation = [r for r in published if r["masterIdentifier"]["value"] == d.doc_id]
    for res in (first_dictation, final_dictation):  # the corrections, from the first publication on
        assert res["id"] == first_dictation["id"] and "relatesTo" not in res
        assert res["type"]["coding"][0]["code"] == "11506-3"
        assert res["subject"]["reference"] == f"Patient/{ALICE.patient_id}"
        assert res["context"]["encounter"] == [{"reference": "Encounter/ENC-4411"}]
    assert index_text[d.doc_id] == SIGNED
    assert "ceftriaxone" in index_text[s.doc_id]

    from desk.db import audit_log

    with engine.connect() as conn:
        audited = conn.execute(sa.select(sa.func.count()).select_from(audit_log).where(
            audit_log.c.action == "integration-fetch", audit_log.c.username == "integration:mirth-test")).scalar()
    assert audited == fetched

    # What `himflow record tail --json` prints is what was published.
    write_settings_file(settings)
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    out = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "himflow.cli", "record", "tail", "--json", "--limit", "0",
         "--data-dir", str(settings.data_dir)],
        capture_output=True, text=True, timeout=120, env=env, check=False)
    assert out.returncode == 0, out.stderr
    tailed = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert sorted(json.dumps(r, sort_keys=True) for r in tailed) == sorted(
        json.dumps(r, sort_keys=True) for r in published)
    human = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "himflow.cli", "record", "tail", "--limit", "1", "--data-dir", str(settings.data_dir)],
        capture_output=True, text=True, timeout=120, env=env, check=False)
    assert human.returncode == 0 and len(human.stdout.splitlines()) == 1
    assert "Patient/pt-2001" in human.stdout and "text/plain+data" in human.stdout

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for res in (scan_final[0], final_dictation):
        (ARTIFACTS / f"example-{res['content'][0]['attachment']['contentType'].split('/')[0]}.json").write_text(
            json.dumps(res, indent=2))


async def test_documents_cut_from_a_batch_link_only_their_own_pages(spine_settings, kafka, tmp_path: Path):
    """A batch scan with cover sheets for two patients: each document's resource links its text
    and a PDF of its own pages, never the batch file (which holds the other patient's pages)."""
    import io

    from pypdf import PdfReader

    from desk import review
    from desk.integration import create_token
    from tests.integration.test_batch_real_broker import _batch

    settings = spine_settings
    settings.ocr_processes = 1
    engine = db.make_engine(settings.db_url)
    PatientIndex(engine).upsert_many([
        Patient(patient_id="pt-5501", mrn="MRN-5501", family="Arden", given="Lu", birth_date=date(1950, 1, 2)),
        Patient(patient_id="pt-5502", mrn="MRN-5502", family="Bexley", given="Mo", birth_date=date(1960, 3, 4)),
    ])
    people = _users(engine)
    with engine.begin() as conn:
        token = create_token(conn, "rhapsody-test")
    records = AIOKafkaConsumer(topics.PATIENT_RECORD, bootstrap_servers=kafka.bootstrap,
                               auto_offset_reset="earliest", group_id="t-" + secrets.token_hex(3),
                               session_timeout_ms=2000, fetch_max_wait_ms=20)
    published: list[dict] = []
    async with web_app(settings) as base_url:
        settings.public_url = base_url
        async with workers(settings):
            await records.start()
            try:
                up = (await asyncio.to_thread(upload_files, settings, [_batch(tmp_path)]))[0]
                rec = (await asyncio.to_thread(wait_final, settings, [up.doc_id], timeout_s=180))[up.doc_id]
                children = {c["id"]: c for c in rec["children"]}
                assert len(children) == 2
                with engine.begin() as conn:  # records staff file what the machine did not
                    for cid, child in children.items():
                        if child["status"] == "review":
                            review.approve(conn, cid, people["rita"])
                for _ in range(600):
                    if {r["masterIdentifier"]["value"] for r in published} == set(children):
                        break
                    batch = await records.getmany(timeout_ms=200)
                    published.extend(json.loads(r.value) for rs in batch.values() for r in rs)
            finally:
                await records.stop()
        assert {r["masterIdentifier"]["value"] for r in published} == set(children)
        async with httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            texts = {}
            for res in published:
                _check_us_core(res)
                cid = res["masterIdentifier"]["value"]
                atts = [c["attachment"] for c in res["content"]]
                assert [a["contentType"] for a in atts] == ["text/plain; charset=utf-8", "application/pdf"]
                texts[cid] = (await _follow(http, atts[0])).decode()
                pdf = PdfReader(io.BytesIO(await _follow(http, atts[1])))
                texts[cid + ":pages"] = len(pdf.pages)
                pdf_text = "".join(p.extract_text() or "" for p in pdf.pages)
                texts[cid + ":pdf"] = pdf_text
                assert (await http.get(f"{base_url}/documents/{cid}/original")).status_code == 404
        summary = next(c for c in children if "DISCHARGE SUMMARY" in texts[c])
        note = next(c for c in children if c != summary)
        assert "PROGRESS NOTE" not in texts[summary + ":pdf"] and "DISCHARGE SUMMARY" in texts[summary + ":pdf"]
        assert "DISCHARGE SUMMARY" not in texts[note + ":pdf"] and "PROGRESS NOTE" in texts[note + ":pdf"]
        assert (texts[summary + ":pages"], texts[note + ":pages"]) == (2, 1)  # of the 5-page batch
