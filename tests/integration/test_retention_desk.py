"""Legal holds and destruction on the desk, against a real SeaweedFS and the data dir's SQLite:
editing a held encounter's documents is refused (review service functions and the pages),
another encounter's is not; the two-step destruction (records staff propose, an
administrator approves) on /retention, the certificate page and its CSV export."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from chart import holds
from chart.holds import Actor, UnderLegalHold
from desk import review
from desk.rotations import rotate_page
from desk.auth import get_user_by_name
from himflow.db import get_document
from himflow.settings import write_settings_file
from tests.resources.desk_testkit import add_users, make_env, signed_in
from tests.resources.retention_chart import ADULT, TWO_VISITS, WORD, add_scan, make_chart, make_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def env(tmp_path, seaweed):
    s = make_settings(tmp_path / "data", seaweed)
    write_settings_file(s)
    chart = make_chart(s)
    web = make_env(s.data_dir, store=chart.store)
    add_users(web.engine, rita="records-staff", adam="admin", phil="physician")
    try:
        yield chart, web
    finally:
        web.engine.dispose()
        chart.engine.dispose()


def _review_docs(chart):
    two = TWO_VISITS["patient_id"]
    for doc_id, enc in (("d-t2", "enc-ret-t2"), ("d-t2b", "enc-ret-t2"), ("d-t1", "enc-ret-t1")):
        add_scan(chart, doc_id, patient_id=two, text="page one\n\f\npage two", status="review",
                 hint_encounter=enc, original_key="station/two-visits.pdf", pages=[1, 2] if doc_id != "d-t2b" else [3])
    with chart.engine.begin() as conn:
        conn.execute(sa.text("UPDATE documents SET kind = 'dictation', hint_author = 'phil', object_key = "
                             "'dict/d-t2b.wav' WHERE id = 'd-t2b'"))


def test_editing_a_held_encounters_documents_is_refused(env):
    chart, web = env
    _review_docs(chart)
    with chart.engine.begin() as conn:
        hold_id = holds.set_hold(conn, Actor("rita"), reason="litigation", encounter_id="enc-ret-t2")
        rita, phil = get_user_by_name(conn, "rita"), get_user_by_name(conn, "phil")
    with chart.engine.connect() as conn:
        before = get_document(conn, "d-t2")
    attempts = {
        "corrected": lambda c: review.correct(c, "d-t2", rita, type_code="18842-5", type_display="Discharge summary",
                                              patient_id=None, encounter=None),
        "approved": lambda c: review.approve(c, "d-t2", rita),
        "rejected": lambda c: review.reject(c, "d-t2", rita, reason="duplicate"),
        "split": lambda c: review.split_document(c, "d-t2", rita, positions="2"),
        "merged": lambda c: review.merge_documents(c, "d-t1", rita, other_id="d-t2"),
        "edited or signed": lambda c: review.save_dictation(c, "d-t2b", phil, text="edited", sign=True),
        "turned": lambda c: rotate_page(c, get_document(c, "d-t2"), rita, position=1, turn=90, page_count=2),
    }
    for action, attempt in attempts.items():
        with pytest.raises(UnderLegalHold, match=f"legal hold #{hold_id} on its encounter.*cannot be {action}"):
            with chart.engine.begin() as conn:
                attempt(conn)
    with chart.engine.connect() as conn:
        after = get_document(conn, "d-t2")
    assert (after.type_code, after.status, after.pages) == (before.type_code, before.status, before.pages)
    # the other encounter's document is not held
    with chart.engine.begin() as conn:
        assert review.correct(conn, "d-t1", rita, type_code="18842-5", type_display="Discharge summary",
                              patient_id=None, encounter=None) == ["type_code", "type_confidence", "type_display"]
    # moving a document into a patient under hold is refused too
    with chart.engine.begin() as conn:
        holds.set_hold(conn, Actor("rita"), reason="litigation", patient_id=ADULT["patient_id"])
    with pytest.raises(Exception, match="patient is under legal hold"):
        with chart.engine.begin() as conn:
            review.correct(conn, "d-t1", rita, type_code=None, type_display=None,
                           patient_id=ADULT["patient_id"], encounter=None)
    # the page says so
    client, csrf = signed_in(web.app, "rita")
    resp = client.post("/documents/d-t2/approve", data={"csrf": csrf})
    assert resp.status_code == 400 and "under legal hold" in resp.text
    # released: the edit goes through
    with chart.engine.begin() as conn:
        holds.release_hold(conn, Actor("adam"), hold_id, reason="case closed")
        assert review.correct(conn, "d-t2", rita, type_code="18842-5", type_display="Discharge summary",
                              patient_id=None, encounter=None) == ["type_code", "type_confidence", "type_display"]


def test_records_staff_propose_and_an_administrator_approves_on_the_desk(env):
    chart, web = env
    add_scan(chart, "d-old", patient_id=ADULT["patient_id"], text=f"{WORD} note", service_date="2010-04-29")
    hashes = dict(chart.hashes)
    rita, rcsrf = signed_in(web.app, "rita")
    page = rita.get("/retention")
    assert page.status_code == 200 and 'data-doc="d-old"' in page.text and "Quarrington" in page.text
    # a hold set on the page blocks the proposal
    assert rita.post("/retention/holds", data={"csrf": rcsrf, "mrn": ADULT["mrn"], "reason": "subpoena"}).status_code == 303
    refused = rita.post("/retention/propose", data={"csrf": rcsrf, "doc_id": "d-old", "reason": "past retention"})
    assert refused.status_code == 409 and "under legal hold" in refused.text
    with chart.engine.connect() as conn:
        hold = holds.list_holds(conn, active_only=True)[0]
    assert (hold.set_by, hold.reason) == ("rita", "subpoena")
    # records staff cannot release it; the administrator does
    assert rita.post("/retention/holds/release", data={"csrf": rcsrf, "hold_id": str(hold.id),
                                                      "reason": "done"}).status_code == 403
    adam, acsrf = signed_in(web.app, "adam")
    assert adam.post("/retention/holds/release", data={"csrf": acsrf, "hold_id": str(hold.id),
                                                      "reason": "quashed"}).status_code == 303
    assert rita.post("/retention/propose", data={"csrf": rcsrf, "doc_id": "d-old",
                                                 "reason": "past retention"}).status_code == 303
    with chart.engine.connect() as conn:
        did = conn.execute(sa.text("SELECT id FROM chart_destructions WHERE doc_id = 'd-old'")).scalar()
    assert rita.post("/retention/approve", data={"csrf": rcsrf, "destruction_id": did}).status_code == 403
    assert all(chart.store.exists(b, k) for b, k in hashes)
    assert adam.post("/retention/approve", data={"csrf": acsrf, "destruction_id": did}).status_code == 303
    assert not any(chart.store.exists(b, k) for b, k in hashes)
    certs = rita.get("/retention/certificates")
    assert certs.status_code == 200 and did in certs.text
    assert all(h in certs.text for h in hashes.values())
    export = rita.get("/retention/certificates.csv")
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert {(r["bucket"], r["object_key"]): r["sha256"] for r in rows} == hashes
    assert {(r["proposed_by"], r["approved_by"], r["doc_id"]) for r in rows} == {("rita", "adam", "d-old")}
    with chart.engine.connect() as conn:
        actions = {r[0] for r in conn.execute(sa.text("SELECT action FROM web_audit_log"))}
    assert {"view-retention", "export-certificates", "legal-hold-set", "legal-hold-release",
            "destruction-proposed", "destruction-approved", "destruction-done"} <= actions
