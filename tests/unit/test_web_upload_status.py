"""An upload answers (issue 16.4): the reference the desk shows is the document id, the status
page and its JSON follow the file through the stages, a rejected file is explained with what
to do, a scanning station sees no PHI (no patient, type, text or review reasons; no one
else's upload), readers get the link to the document, and `himflow status <reference>`
answers for the same id (also before intake has taken the file)."""

from __future__ import annotations

import json
from datetime import date

import sqlalchemy as sa

from desk.db import audit_log
from himflow import db, status
from himflow.upload_status import find_upload
from tests.resources.desk_testkit import add_patient, add_review_document, add_users, make_env, signed_in

REF = "a" * 64


def _hint(engine, upload_id: str, doc_id: str, *, by: str, name: str = "scan-0042.pdf", size: int = 5120):
    with engine.begin() as conn:
        conn.execute(db.upload_hints.insert().values(
            upload_id=upload_id, kind="scan", mrn="MR-0042", created_at=db.utcnow(), doc_id=doc_id,
            file_name=name, size=size, uploaded_by=by))


def _env(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, scanner1="scanning-station", scanner2="scanning-station", rita="records-staff",
              phil="physician")
    add_patient(env.engine, "pat-h", "MR-0042", "Halvorsen", "Ingrid", date(1961, 3, 14))
    return env


def test_before_intake_the_upload_is_received_and_the_station_sees_only_its_facts(tmp_path):
    env = _env(tmp_path)
    _hint(env.engine, "u1", REF, by="scanner1")
    client, _ = signed_in(env.app, "scanner1")
    page = client.get(f"/uploads/{REF}")
    assert page.status_code == 200
    assert "scan-0042.pdf" in page.text and "5,120 bytes" in page.text and "Received" in page.text
    assert f'data-upload-status="/uploads/{REF}/status"' in page.text and 'data-final="false"' in page.text
    data = client.get(f"/uploads/{REF}/status").json()
    assert data["stage"] == "received" and data["final"] is False
    assert "scan-0042.pdf" not in json.dumps(data)  # the polls repeat no file name
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(audit_log.c.action).where(audit_log.c.doc_id == REF)).scalars().all() == ["view-upload"]


def test_a_document_in_review_shows_its_stage_to_the_station_and_its_link_and_reasons_to_staff(tmp_path):
    env = _env(tmp_path)
    _hint(env.engine, "u1", REF, by="scanner1")
    add_review_document(env.engine, REF, patient_id="pat-h", type_display="Discharge summary",
                        reasons='["patient:hint-conflict"]', text="Ingrid Halvorsen discharge summary")
    station, _ = signed_in(env.app, "scanner1")
    page = station.get(f"/uploads/{REF}").text
    assert "In review" in page and "scan-0042.pdf" in page
    for phi in ("Halvorsen", "Ingrid", "MR-0042", "Discharge summary", "1961", "differs"):
        assert phi not in page, phi
    assert f"/documents/{REF}" not in page
    assert station.get(f"/uploads/{REF}/status").json()["files"][0]["link"] is None
    staff, _ = signed_in(env.app, "rita")
    page = staff.get(f"/uploads/{REF}").text
    assert f'href="/documents/{REF}"' in page
    assert "Patient on the page differs from the one given at upload" in page
    data = staff.get(f"/uploads/{REF}/status").json()
    assert data["final"] is True and data["files"][0]["link"] == f"/documents/{REF}"


def test_another_stations_upload_answers_like_a_missing_one(tmp_path):
    env = _env(tmp_path)
    _hint(env.engine, "u1", REF, by="scanner1")
    other, _ = signed_in(env.app, "scanner2")
    assert other.get(f"/uploads/{REF}").status_code == 404
    assert other.get(f"/uploads/{REF}/status").status_code == 404
    assert "scan-0042.pdf" not in other.get(f"/uploads/{REF}").text


def test_a_rejected_file_is_explained_with_what_to_do(tmp_path):
    env = _env(tmp_path)
    _hint(env.engine, "u1", REF, by="scanner1")
    add_review_document(env.engine, REF, status="rejected", reasons='["rejected:encrypted"]')
    station, _ = signed_in(env.app, "scanner1")
    page = station.get(f"/uploads/{REF}").text
    assert "Rejected" in page and "The PDF is protected by a password." in page
    assert "Save an unprotected copy" in page
    f = station.get(f"/uploads/{REF}/status").json()["files"][0]
    assert f["stage"] == "rejected" and f["problem"] == "The PDF is protected by a password."


def test_a_split_batch_lists_each_document_it_became(tmp_path):
    env = _env(tmp_path)
    _hint(env.engine, "u1", REF, by="scanner1")
    add_review_document(env.engine, REF, status="split", reasons="[]")
    add_review_document(env.engine, "c2", status="review", parent_id=REF, pages="[3, 4]")
    add_review_document(env.engine, "c1", status="filed", parent_id=REF, pages="[1, 2]")
    with env.engine.connect() as conn:
        up = find_upload(conn, REF)
    assert [(f.doc_id, f.stage) for f in up.files] == [("c1", "filed"), ("c2", "review")]
    assert up.stage == "done" and up.final
    station, _ = signed_in(env.app, "scanner1")
    data = station.get(f"/uploads/{REF}/status").json()
    assert [(f["id"], f["pages"], f["stage"]) for f in data["files"]] == [
        ("c1", "pages 1-2", "filed"), ("c2", "pages 3-4", "review")]


def test_the_physician_gets_the_link_to_a_dictation_of_theirs(tmp_path):
    env = _env(tmp_path)
    _hint(env.engine, "u1", REF, by="phil", name="rounds.m4a")
    add_review_document(env.engine, REF, kind="dictation", hint_author="phil", patient_id="pat-h")
    phil, _ = signed_in(env.app, "phil")
    assert phil.get(f"/uploads/{REF}/status").json()["files"][0]["link"] == f"/dictations/{REF}"


def test_himflow_status_answers_for_the_reference_and_the_upload_id(tmp_path):
    env = _env(tmp_path)
    _hint(env.engine, "u1", REF, by="scanner1")
    report = status.document_status(env.settings, REF)
    assert report["status"] == "received" and report["upload"]["uploaded_by"] == "scanner1"
    text = status.render_text(report)
    assert REF in text and "intake has not taken it yet" in text and "scan-0042.pdf" not in text
    add_review_document(env.engine, REF, status="filed", reasons="[]")
    for ref in (REF, "u1"):
        report = status.document_status(env.settings, ref)
        assert report["id"] == REF and report["status"] == "filed" and report["upload"]["stage"] == "filed"
    assert status.document_status(env.settings, "b" * 64) is None
