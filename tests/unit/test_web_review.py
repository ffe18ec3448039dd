"""The queue, claims, corrections, approve/reject, dictation signing, search, audit export,
safe rendering and dead-letter replay, over HTTP against a real SQLite database."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from himflow.db import dead_letters, document_history, documents, outbox, utcnow
from desk.db import audit_log, dictation_versions
from tests.resources.desk_testkit import (
    add_review_document,
    add_users,
    document_row,
    make_env,
    signed_in,
)
from schemas import topics


@pytest.fixture()
def env(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, rita="records-staff", sam="records-staff", phil="physician", ada="admin")
    return env


def _signed_in(env, name):
    return signed_in(env.app, name)


def _doc(env, doc_id):
    return document_row(env.engine, doc_id)


def _rows(env, table, *where):
    with env.engine.connect() as conn:
        return conn.execute(sa.select(table).where(*where)).all()


def test_queue_lists_urgent_first_then_oldest_with_reasons(env):
    now = utcnow()
    add_review_document(env.engine, "newer", created_at=now - timedelta(hours=1))
    add_review_document(env.engine, "older", created_at=now - timedelta(days=2),
                        reasons='["no-patient-match"]')
    add_review_document(env.engine, "urgent", created_at=now, reasons='["urgent","low-ocr-confidence"]')
    add_review_document(env.engine, "filed", status="filed")
    c, _ = _signed_in(env, "rita")
    page = c.get("/queue").text
    order = [page.index(f'<tr data-doc="{d}"') for d in ("urgent", "older", "newer")]
    assert order == sorted(order)
    assert "no-patient-match" in page and "filed" not in page.split("<tbody>")[1]


def test_two_people_never_hold_the_same_document(env):
    add_review_document(env.engine, "doc-a", patient_id="P1")
    add_review_document(env.engine, "doc-b", patient_id="P2")
    rita, rcsrf = _signed_in(env, "rita")
    sam, scsrf = _signed_in(env, "sam")
    first = rita.post("/queue/next", data={"csrf": rcsrf})
    second = sam.post("/queue/next", data={"csrf": scsrf})
    assert first.headers["location"] != second.headers["location"]
    rita_doc = first.headers["location"].rsplit("/", 1)[1]
    taken = sam.post(f"/documents/{rita_doc}/claim", data={"csrf": scsrf})
    assert taken.status_code == 409 and "rita is working on this document" in taken.text
    refused = sam.post(f"/documents/{rita_doc}/approve", data={"csrf": scsrf})
    assert refused.status_code == 409 and _doc(env, rita_doc).status == "review"


def test_approve_files_the_document_with_history_outbox_event_and_audit(env):
    add_review_document(env.engine, "doc1", patient_id="P000042")
    c, csrf = _signed_in(env, "rita")
    resp = c.post("/documents/doc1/approve", data={"csrf": csrf})
    assert resp.status_code == 303
    assert _doc(env, "doc1").status == "filed"
    hist = _rows(env, document_history, document_history.c.doc_id == "doc1")
    assert [(h.stage, h.status) for h in hist][-1] == ("review", "filed")
    events = _rows(env, outbox, outbox.c.msg_key == "doc1")
    assert len(events) == 1 and events[0].topic == topics.DOCUMENT_INDEXED
    value = json.loads(events[0].value)
    assert value["status"] == "filed" and value["patient_id"] == "P000042"
    assert _rows(env, audit_log, audit_log.c.action == "approve", audit_log.c.patient_id == "P000042")


def test_approve_without_a_patient_is_refused_until_corrected(env):
    add_review_document(env.engine, "doc2", reasons='["no-patient-match"]')
    c, csrf = _signed_in(env, "rita")
    assert c.post("/documents/doc2/approve", data={"csrf": csrf}).status_code == 400
    assert not _rows(env, outbox)
    fixed = c.post("/documents/doc2/correct", data={"csrf": csrf, "patient_id": "P000007",
                                                     "type_code": "18842-5", "encounter": "E-9"})
    assert fixed.status_code == 303
    row = _doc(env, "doc2")
    assert (row.patient_id, row.type_code, row.type_display, row.hint_encounter) == (
        "P000007", "18842-5", "Discharge summary", "E-9")
    assert c.post("/documents/doc2/approve", data={"csrf": csrf}).status_code == 303
    assert _doc(env, "doc2").status == "filed"


def test_unknown_document_type_is_refused(env):
    add_review_document(env.engine, "doc3", patient_id="P1")
    c, csrf = _signed_in(env, "rita")
    assert c.post("/documents/doc3/correct", data={"csrf": csrf, "type_code": "x<y"}).status_code == 400


def test_reject_needs_a_reason_and_is_announced(env):
    add_review_document(env.engine, "doc4", patient_id="P1")
    c, csrf = _signed_in(env, "rita")
    assert c.post("/documents/doc4/reject", data={"csrf": csrf, "reason": ""}).status_code == 400
    assert c.post("/documents/doc4/reject", data={"csrf": csrf, "reason": "unreadable",
                                                  "note": "rescan"}).status_code == 303
    assert _doc(env, "doc4").status == "rejected"
    value = json.loads(_rows(env, outbox)[0].value)
    assert value["status"] == "rejected" and value["reasons"] == ["rejected:unreadable"]


def test_documents_the_machine_rejected_wait_in_the_queue_until_a_person_closes_them(env):
    add_review_document(env.engine, "bad1", status="rejected", reasons='["rejected:encrypted"]')
    add_review_document(env.engine, "closed", status="rejected", reasons='["rejected:corrupt"]')
    with env.engine.begin() as conn:  # a person already closed this one
        conn.execute(document_history.insert().values(doc_id="closed", at=utcnow(), stage="review",
                                                      status="rejected", detail="{}"))
    c, csrf = _signed_in(env, "rita")
    page = c.get("/queue").text
    assert 'data-doc="bad1"' in page and "rejected:encrypted" in page and 'data-doc="closed"' not in page
    assert c.post("/documents/bad1/reject", data={"csrf": csrf, "reason": "unreadable",
                                                  "note": "asked the station to rescan"}).status_code == 303
    assert 'data-doc="bad1"' not in c.get("/queue").text


def test_script_in_ocr_text_is_shown_as_text(env):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)> metformin'
    add_review_document(env.engine, "doc5", patient_id="P1", text=evil, reasons='["<b>bold</b>"]')
    c, csrf = _signed_in(env, "rita")
    page = c.get("/documents/doc5").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    results = c.post("/search", data={"csrf": csrf, "q": "metformin"}).text
    assert "<script>alert" not in results and "<mark>metformin</mark>" in results


def test_search_is_a_post_and_is_audited_per_document_shown(env):
    add_review_document(env.engine, "doc6", patient_id="P000100", text="hemoglobin low")
    add_review_document(env.engine, "doc7", patient_id="P000200", text="normal chest")
    c, csrf = _signed_in(env, "rita")
    resp = c.post("/search", data={"csrf": csrf, "q": "hemoglobin"})
    assert resp.status_code == 200 and "doc6" in resp.text and "doc7" not in resp.text
    assert "hemoglobin" not in str(resp.url)
    hits = _rows(env, audit_log, audit_log.c.action == "search-hit")
    assert [(h.doc_id, h.patient_id, h.username) for h in hits] == [("doc6", "P000100", "rita")]


def test_audit_export_answers_who_saw_a_patients_records(env):
    add_review_document(env.engine, "doc8", patient_id="P000300")
    add_review_document(env.engine, "doc9", patient_id="P000999")
    rita, _ = _signed_in(env, "rita")
    rita.get("/documents/doc8")
    sam, _ = _signed_in(env, "sam")
    sam.get("/documents/doc9")
    ada, acsrf = _signed_in(env, "ada")
    resp = ada.post("/audit/export", data={"csrf": acsrf, "patient_id": "P000300"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert {(r["username"], r["action"], r["doc_id"]) for r in rows} == {("rita", "view-document", "doc8")}
    assert _rows(env, audit_log, audit_log.c.action == "export-audit", audit_log.c.username == "ada")


def test_physician_edits_and_signs_own_dictation_keeping_versions(env):
    add_review_document(env.engine, "dict1", kind="dictation", hint_author="phil", patient_id="P1",
                        text="machine draft")
    add_review_document(env.engine, "dict2", kind="dictation", hint_author="someone", patient_id="P2")
    c, csrf = _signed_in(env, "phil")
    listing = c.get("/dictations").text
    assert "dict1" in listing and "dict2" not in listing
    assert c.get("/dictations/dict2").status_code == 404  # not theirs: same as missing
    assert c.get("/dictations/no-such-doc").status_code == 404
    assert c.post("/dictations/dict1", data={"csrf": csrf, "text": "draft one", "action": "save"}).status_code == 303
    assert c.post("/dictations/dict1", data={"csrf": csrf, "text": "final text", "action": "sign"}).status_code == 303
    again = c.post("/dictations/dict1", data={"csrf": csrf, "text": "changed", "action": "save"})
    assert again.status_code == 400
    versions = _rows(env, dictation_versions, dictation_versions.c.doc_id == "dict1")
    assert [(v.version, v.status, v.text) for v in versions] == [
        (1, "preliminary", "draft one"), (2, "final", "final text")]
    assert json.loads(_rows(env, outbox)[0].value)["reasons"] == ["signed-final"]


def test_replay_writes_the_original_back_to_its_topic_and_waits_for_the_stage(env):
    with env.engine.begin() as conn:
        conn.execute(dead_letters.insert().values(
            at=utcnow(), stage="ocr", reason="engine-timeout", retryable=False, attempts=5,
            topic=topics.SCAN_ROUTED, partition=0, offset=7, msg_key="docX",
            original='{"doc_id":"docX"}', replay_count=0, dedupe_key="ocr:scan:0:7"))
    rita, rcsrf = _signed_in(env, "rita")
    assert "engine-timeout" in rita.get("/operations").text
    assert rita.post("/operations/dead-letters/1/replay", data={"csrf": rcsrf}).status_code == 403
    ada, acsrf = _signed_in(env, "ada")
    assert ada.post("/operations/dead-letters/1/replay", data={"csrf": acsrf}).status_code == 303
    (event,) = _rows(env, outbox)
    assert (event.topic, event.msg_key, event.value) == (topics.SCAN_ROUTED, "docX", '{"doc_id":"docX"}')
    assert json.loads(event.headers) == {"himflow-replay-of": "1"}  # the stage answers for it
    (dl,) = _rows(env, dead_letters)
    # not marked replayed until the stage has handled it (a permanent failure would fail again)
    assert (dl.replay_count, dl.replayed_at, dl.replay_outcome) == (1, None, "pending")
    assert "waiting for the stage (1×)" in ada.get("/operations").text


def test_operations_page_shows_queue_depth_and_auto_file_rate(env):
    for i in range(3):
        add_review_document(env.engine, f"f{i}", status="filed", patient_id="P1")
    add_review_document(env.engine, "r1", patient_id="P1")
    c, _ = _signed_in(env, "rita")
    page = c.get("/operations").text
    assert "75.0%" in page and "Progress note" in page


def _add_patient(env, patient_id, mrn, family, given):
    from datetime import date

    from himflow.patients_db import mrn_key, patients_table

    with env.engine.begin() as conn:
        conn.execute(patients_table.insert().values(
            patient_id=patient_id, mrn=mrn, mrn_key=mrn_key(mrn), family=family, given=given,
            family_key=family.lower(), given_key=given.lower(), birth_date=date(1970, 1, 2),
            source="test", updated_at=utcnow()))


def test_reviewer_assigns_a_patient_by_mrn_from_the_patient_index(env):
    pytest.importorskip("himflow.patients_db")
    _add_patient(env, "pat-1", "MR-0001", "Testperson", "Alex")
    add_review_document(env.engine, "doc10", reasons='["no-patient-match"]')
    c, csrf = _signed_in(env, "rita")
    unknown = c.post("/documents/doc10/correct", data={"csrf": csrf, "patient_id": "MR-9999"})
    assert unknown.status_code == 400 and _doc(env, "doc10").patient_id is None
    assert c.post("/documents/doc10/correct", data={"csrf": csrf, "patient_id": "mr0001"}).status_code == 303
    assert _doc(env, "doc10").patient_id == "pat-1"
    page = c.get("/documents/doc10").text
    assert "Alex Testperson" in page and "MR-0001" in page
    found = c.post("/patients", data={"csrf": csrf, "term": "MR-0001"})
    assert found.status_code == 303 and found.headers["location"] == "/patients/pat-1"
    patient_page = c.get("/patients/pat-1").text
    assert "Alex Testperson" in patient_page and "doc10" in patient_page
    assert _rows(env, audit_log, audit_log.c.action == "view-patient", audit_log.c.patient_id == "pat-1")


def test_reviewer_splits_pages_into_a_new_document_and_merges_them_back(env):
    pages = ["page one discharge", "page two laboratory", "page three laboratory"]
    add_review_document(env.engine, "batch1", text="\n\f\n".join(pages), patient_id="P1",
                        bucket="intake", object_key="station/batch.pdf")
    c, csrf = _signed_in(env, "rita")
    assert c.post("/documents/batch1/split", data={"csrf": csrf, "pages": "1-3"}).status_code == 400
    assert c.post("/documents/batch1/split", data={"csrf": csrf, "pages": "2-3"}).status_code == 303
    parent = _doc(env, "batch1")
    (child,) = _rows(env, documents, documents.c.parent_id == "batch1")
    assert json.loads(parent.pages) == [1] and json.loads(child.pages) == [2, 3]
    assert child.status == "review" and child.object_key == "station/batch.pdf"
    from himflow import text_index as store

    with env.engine.connect() as conn:
        assert store.get_text(conn, "batch1") == "page one discharge"
        assert store.get_text(conn, child.id) == "page two laboratory\n\f\npage three laboratory"
    page = c.get("/documents/batch1").text
    assert child.id[:12] in page  # offered for merging
    assert c.post("/documents/batch1/merge", data={"csrf": csrf, "other_id": child.id}).status_code == 303
    assert json.loads(_doc(env, "batch1").pages) == [1, 2, 3]
    assert _doc(env, child.id).status == "rejected"
    with env.engine.connect() as conn:
        assert store.get_text(conn, "batch1") == "\n\f\n".join(pages)
    assert {a.action for a in _rows(env, audit_log)} >= {"split-pages", "merge-pages"}
