"""The review queue as records staff read it (patients, not hashes), its filters and sort kept
in the URL, one query per page however many rows, and the bulk actions on selected rows, over
HTTP against a real SQLite database."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from himflow.db import outbox, utcnow
from desk.db import audit_log, review_claims, users
from desk.queue import QueueView
from tests.resources.desk_testkit import (
    add_review_document,
    add_users,
    document_row,
    make_env,
    queue_doc_ids as _doc_ids,
    seed_queue,
    signed_in,
)
from schemas import topics

HEX = re.compile(r">[0-9a-f]{12,64}<")


@pytest.fixture()
def env(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, rita="records-staff", sam="records-staff", phil="physician",
              scanner1="scanning-station", ada="admin")
    return env


def _seed(env):
    seed_queue(env.engine)


def _rows(env, table, *where):
    with env.engine.connect() as conn:
        return conn.execute(sa.select(table).where(*where)).all()


def test_each_row_names_the_patient_and_the_document_in_words(env):
    _seed(env)
    c, _ = signed_in(env.app, "rita")
    sam, scsrf = signed_in(env.app, "sam")
    assert sam.post("/documents/d-web/claim", data={"csrf": scsrf}).status_code == 303
    page = c.get("/queue").text
    assert _doc_ids(page) == ["d-station", "d-nobody", "d-web", "d-dictation"]  # oldest first
    row = {d: page.split(f'<tr data-doc="{d}"', 1)[1].split("</tr>", 1)[0] for d in _doc_ids(page)}
    assert "Zoe Zimmer" in row["d-station"] and "MR-2002" in row["d-station"]
    assert "1990-12-01" in row["d-station"] and "2026-11-30" in row["d-station"]
    assert "Discharge summary" in row["d-station"] and "18842-5" not in row["d-station"]
    assert "Scanning station" in row["d-station"] and ">5 d<" in row["d-station"]
    assert "Web upload" in row["d-web"] and 'class="claimed-by">sam<' in row["d-web"]
    assert "Physician" in row["d-dictation"] and "Alice Abbott" in row["d-dictation"]
    assert "Patient not identified" in row["d-nobody"] and "MR-7777?" in row["d-nobody"]
    assert "Type not yet known" in row["d-nobody"]
    # reasons in words, the raw code as the tooltip
    assert '<span class="reason" title="patient:low-score">Patient match uncertain</span>' in row["d-station"]
    assert not any(HEX.search(r) for r in row.values())  # no hash shown as text


@pytest.mark.parametrize(("query", "expected"), [
    ("reason=no-patient-match", ["d-nobody"]),
    ("reason=coverage-low", ["d-dictation"]),  # flag:coverage-low
    ("reason=patient:low-score", ["d-station"]),
    ("type=11488-4", ["d-web"]),
    ("type=unknown", ["d-nobody"]),
    ("source=station", ["d-station", "d-nobody"]),
    ("source=upload", ["d-web"]),
    ("source=physician", ["d-dictation"]),
    ("age=1d", ["d-station", "d-nobody"]),
    ("age=3d", ["d-station"]),
    ("source=station&age=3d", ["d-station"]),
    ("sort=received", ["d-dictation", "d-web", "d-nobody", "d-station"]),
    ("sort=received&dir=desc", ["d-station", "d-nobody", "d-web", "d-dictation"]),
    ("sort=patient", ["d-web", "d-dictation", "d-station", "d-nobody"]),  # Abbott, Zimmer, none
    ("sort=waiting&dir=desc", ["d-dictation", "d-web", "d-nobody", "d-station"]),
    ("sort=service", ["d-station", "d-web", "d-nobody", "d-dictation"]),
    ("reason=bogus%3Cscript%3E&sort=nonsense", ["d-station", "d-nobody", "d-web", "d-dictation"]),
])
def test_filters_and_sort_come_from_the_url(env, query, expected):
    _seed(env)
    c, _ = signed_in(env.app, "rita")
    page = c.get(f"/queue?{query}")
    assert page.status_code == 200
    ids = _doc_ids(page.text)
    if query.startswith("sort=service"):  # the two without a date of service come last
        assert ids[:2] == expected[:2] and set(ids[2:]) == set(expected[2:])
    else:
        assert ids == expected


def test_a_filtered_view_round_trips_through_its_links(env):
    _seed(env)
    c, _ = signed_in(env.app, "rita")
    page = c.get("/queue?source=station&sort=patient&dir=desc").text
    assert '<option value="station" selected>' in page and '<option value="patient" selected>' in page
    assert 'name="view" value="source=station&amp;sort=patient&amp;dir=desc"' in page
    assert "2 match these filters" in page
    view = QueueView.from_params({"source": "station", "sort": "patient", "dir": "desc", "page": "2"})
    assert QueueView.from_params(dict(x.split("=") for x in view.query().split("&"))) == view
    # the page's own "sorted by received" header keeps the filter
    assert 'href="/queue?source=station&amp;sort=received"' in page
    audit = _rows(env, audit_log, audit_log.c.action == "view-queue")
    assert "view source=station&sort=patient&dir=desc" in audit[-1].detail


def _count_statements(env, fn):
    seen: list[str] = []

    def listen(conn, cursor, statement, *args):
        seen.append(statement)

    sa.event.listen(env.engine, "before_cursor_execute", listen)
    try:
        fn()
    finally:
        sa.event.remove(env.engine, "before_cursor_execute", listen)
    return seen


def test_the_queue_page_costs_the_same_queries_for_4_rows_as_for_50(env):
    _seed(env)
    c, _ = signed_in(env.app, "rita")
    small = _count_statements(env, lambda: c.get("/queue?sort=patient"))
    now = utcnow()
    for i in range(60):
        add_review_document(env.engine, f"bulk-{i:02d}", patient_id="pat-a" if i % 2 else "pat-z",
                            created_at=now - timedelta(minutes=i))
    large = _count_statements(env, lambda: c.get("/queue?sort=patient"))
    assert len(_doc_ids(c.get("/queue?sort=patient").text)) == 50
    assert len(large) == len(small)
    docs_reads = [s for s in large if "FROM documents" in s]
    assert len(docs_reads) <= 3  # the page, the depth, no per-row lookups


def _pick(*doc_ids):
    return {f"pick.{d}": "1" for d in doc_ids}


def test_bulk_approve_files_what_can_be_filed_and_says_what_was_left_and_why(env):
    _seed(env)
    add_review_document(env.engine, "d-ready", patient_id="pat-z", type_code="11502-2",
                        type_display="Laboratory report")
    rita, csrf = signed_in(env.app, "rita")
    sam, scsrf = signed_in(env.app, "sam")
    assert sam.post("/documents/d-web/claim", data={"csrf": scsrf}).status_code == 303
    resp = rita.post("/queue/bulk", data={
        "csrf": csrf, "action": "approve", "view": "sort=patient",
        **_pick("d-station", "d-ready", "d-nobody", "d-web", "d-filed")})
    assert resp.status_code == 200
    page = resp.text
    assert {d: document_row(env.engine, d).status for d in
            ("d-station", "d-ready", "d-nobody", "d-web", "d-filed")} == {
        "d-station": "filed", "d-ready": "filed", "d-nobody": "review", "d-web": "review",
        "d-filed": "filed"}
    outcome = page.split('id="outcome"', 1)[1].split("</section>", 1)[0]
    assert "Approved: 2 documents" in outcome and "Left as they were: 3" in outcome
    assert re.search(r'data-doc="d-nobody">.*MRN MR-7777 \(not matched\).*set the patient before approving', outcome)
    assert re.search(r'data-doc="d-web">.*Alice Abbott, Consult note.*sam is working on this document', outcome)
    assert re.search(r'data-doc="d-filed">.*not waiting for review', outcome)
    events = _rows(env, outbox, outbox.c.topic == topics.DOCUMENT_INDEXED)
    assert sorted(e.msg_key for e in events) == ["d-ready", "d-station"]
    assert all(json.loads(e.value)["status"] == "filed" for e in events)
    approvals = _rows(env, audit_log, audit_log.c.action == "approve")
    assert sorted((a.doc_id, a.patient_id, a.username) for a in approvals) == [
        ("d-ready", "pat-z", "rita"), ("d-station", "pat-z", "rita")]
    assert not _rows(env, review_claims, review_claims.c.doc_id == "d-nobody")  # savepoint undone
    assert _doc_ids(page) == ["d-web", "d-dictation", "d-nobody"]  # the view it came from


def test_bulk_approve_of_an_unsigned_dictation_hands_it_to_its_author(env):
    _seed(env)
    rita, csrf = signed_in(env.app, "rita")
    resp = rita.post("/queue/bulk", data={"csrf": csrf, "action": "approve", **_pick("d-dictation")})
    assert "Alice Abbott, Progress note (waits for its author&#39;s signature)" in resp.text
    row = document_row(env.engine, "d-dictation")
    assert row.status == "review" and "awaiting-signature" in json.loads(row.reasons)
    assert "d-dictation" not in _doc_ids(resp.text)  # out of the records queue
    (event,) = _rows(env, outbox)
    assert json.loads(event.value)["reasons"] == ["awaiting-signature"]


def test_bulk_reject_needs_a_reason_and_goes_through_the_single_reject(env):
    _seed(env)
    rita, csrf = signed_in(env.app, "rita")
    none = rita.post("/queue/bulk", data={"csrf": csrf, "action": "reject", **_pick("d-nobody")})
    assert none.status_code == 400 and document_row(env.engine, "d-nobody").status == "review"
    resp = rita.post("/queue/bulk", data={"csrf": csrf, "action": "reject", "reason": "unreadable",
                                          "note": "rescan", **_pick("d-nobody", "d-station")})
    assert resp.status_code == 200 and "Rejected: 2 documents" in resp.text
    for d in ("d-nobody", "d-station"):
        row = document_row(env.engine, d)
        assert row.status == "rejected" and "rejected:unreadable" in json.loads(row.reasons)
    values = [json.loads(e.value) for e in _rows(env, outbox)]
    assert sorted(v["doc_id"] for v in values) == ["d-nobody", "d-station"]
    assert {tuple(v["reasons"]) for v in values} == {("rejected:unreadable",)}
    assert sorted(a.doc_id for a in _rows(env, audit_log, audit_log.c.action == "reject")) == [
        "d-nobody", "d-station"]


def test_bulk_claim_and_assign_leave_other_peoples_work_alone(env):
    _seed(env)
    rita, csrf = signed_in(env.app, "rita")
    sam, scsrf = signed_in(env.app, "sam")
    assert sam.post("/documents/d-web/claim", data={"csrf": scsrf}).status_code == 303
    mine = rita.post("/queue/bulk", data={"csrf": csrf, "action": "claim",
                                          **_pick("d-station", "d-web")})
    assert "Claimed: 1 document" in mine.text and "sam is working on this document" in mine.text
    given = rita.post("/queue/bulk", data={"csrf": csrf, "action": "assign", "assignee": "sam",
                                           **_pick("d-station", "d-nobody")})
    assert given.status_code == 200 and "Assigned: 2 documents" in given.text
    with env.engine.connect() as conn:
        holders = dict(conn.execute(
            sa.select(review_claims.c.doc_id, users.c.username)
            .join(users, users.c.id == review_claims.c.user_id)).all())
    assert holders == {"d-web": "sam", "d-station": "sam", "d-nobody": "sam"}
    assigned = _rows(env, audit_log, audit_log.c.action == "assign")
    assert sorted((a.doc_id, a.detail) for a in assigned) == [
        ("d-nobody", "assigned to sam (bulk)"), ("d-station", "assigned to sam (bulk)")]
    assert len(_rows(env, audit_log, audit_log.c.action == "claim", audit_log.c.username == "rita")) == 1
    to_physician = rita.post("/queue/bulk", data={"csrf": csrf, "action": "assign", "assignee": "phil",
                                                  **_pick("d-dictation")})
    assert to_physician.status_code == 400
    assert not _rows(env, review_claims, review_claims.c.doc_id == "d-dictation")


@pytest.mark.parametrize("who", ["phil", "scanner1"])
def test_bulk_actions_are_refused_to_roles_that_do_not_review(env, who):
    _seed(env)
    c, csrf = signed_in(env.app, who)
    for action in ("approve", "reject", "claim"):
        resp = c.post("/queue/bulk", data={"csrf": csrf, "action": action, "reason": "duplicate",
                                           **_pick("d-station")})
        assert resp.status_code == 403
    assert document_row(env.engine, "d-station").status == "review"
    assert not _rows(env, review_claims) and not _rows(env, outbox)


def test_bulk_actions_need_the_sessions_csrf_token(env):
    _seed(env)
    rita, _ = signed_in(env.app, "rita")
    for csrf in ("", "forged"):
        resp = rita.post("/queue/bulk", data={"csrf": csrf, "action": "approve", **_pick("d-station")})
        assert resp.status_code == 403
    assert document_row(env.engine, "d-station").status == "review" and not _rows(env, outbox)
    assert not _rows(env, audit_log, audit_log.c.action == "approve")


def test_an_admin_may_bulk_approve_and_nothing_selected_is_refused(env):
    _seed(env)
    ada, csrf = signed_in(env.app, "ada")
    assert ada.post("/queue/bulk", data={"csrf": csrf, "action": "approve"}).status_code == 400
    assert ada.post("/queue/bulk", data={"csrf": csrf, "action": "explode",
                                         **_pick("d-station")}).status_code == 400
    ok = ada.post("/queue/bulk", data={"csrf": csrf, "action": "approve", **_pick("d-station")})
    assert ok.status_code == 200 and document_row(env.engine, "d-station").status == "filed"
