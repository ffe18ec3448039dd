"""Retention and legal hold against a real SeaweedFS, on SQLite and PostgreSQL: which documents
are past retention (an adult's and a child's), a destruction refused under a legal hold, the
destruction done after the hold's release with another person's approval (every object gone
from the store, the text gone from the index and the text tables, the certificate with each
object's SHA-256), a batch's shared file kept until its last document goes, and the store's
own legal hold on an object-lock bucket."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from chart import destruction, holds
from chart.holds import Actor, UnderLegalHold
from chart.retention import document_retention, documents_past_retention, load_schedule
from himflow import text_index
from himflow.db import get_document
from himflow.errors import StoreUnavailable
from tests.resources.retention_chart import ADULT, CHILD, WORD, add_scan, make_chart, make_settings

pytestmark = pytest.mark.integration

RITA = Actor(username="rita", role="records-staff")  # proposes
ADAM = Actor(username="adam", role="admin")  # approves
TODAY = date(2026, 12, 3)


@pytest.fixture(params=["sqlite", "postgresql"])
def chart(request, tmp_path, seaweed):
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    c = make_chart(make_settings(tmp_path, seaweed, database_url=url))
    try:
        yield c
    finally:
        c.engine.dispose()


def _in_store(chart, bucket: str, key: str) -> bool:
    return chart.store.exists(bucket, key)


def test_an_adults_and_a_childs_retention_dates(chart):
    add_scan(chart, "d-adult", patient_id=ADULT["patient_id"], text="adult note", service_date="2010-04-29")
    add_scan(chart, "d-child", patient_id=CHILD["patient_id"], text="child note", service_date="2016-02-04")
    schedule = load_schedule(chart.settings.data_dir)
    with chart.engine.connect() as conn:
        adult = document_retention(conn, schedule, get_document(conn, "d-adult"))
        child = document_retention(conn, schedule, get_document(conn, "d-child"))
        due = documents_past_retention(conn, schedule, today=TODAY)
    # adult: last discharge 2010-05-01 + 10 years; child (born 2014-09-09): 18 + 10 years
    assert (adult.last_encounter_on, adult.retain_until, adult.minor) == (date(2010, 5, 1), date(2020, 5, 1), False)
    assert (child.last_encounter_on, child.retain_until, child.minor) == (date(2016, 2, 5), date(2042, 9, 9), True)
    assert [d.doc_id for d in due] == ["d-adult"]


def test_destruction_is_refused_under_hold_and_done_after_release_with_approval(chart):
    add_scan(chart, "d-old", patient_id=ADULT["patient_id"], text=f"discharge plan {WORD} tincture",
             service_date="2010-04-29")
    objects = {k: v for k, v in chart.hashes.items()}
    assert len(objects) == 4  # original, ocr json, searchable pdf, published page pdf
    schedule = load_schedule(chart.settings.data_dir)
    with chart.engine.begin() as conn:
        hold_id = holds.set_hold(conn, RITA, reason="litigation: synthetic case 1", patient_id=ADULT["patient_id"])
    with pytest.raises(UnderLegalHold, match=f"legal hold #{hold_id}"):
        with chart.engine.begin() as conn:
            destruction.propose(conn, RITA, "d-old", reason="past retention", schedule=schedule, today=TODAY)
    # released, proposed; a second hold comes in before the approval: refused again
    with chart.engine.begin() as conn:
        holds.release_hold(conn, ADAM, hold_id, reason="case closed")
        did = destruction.propose(conn, RITA, "d-old", reason="past retention", schedule=schedule, today=TODAY)
        second = holds.set_hold(conn, RITA, reason="litigation: synthetic case 2", encounter_id="enc-ret-a1")
    with pytest.raises(UnderLegalHold, match=f"legal hold #{second} on its encounter"):
        destruction.approve(chart.engine, chart.store, ADAM, did, derived_bucket=chart.derived)
    assert all(_in_store(chart, b, k) for b, k in objects)
    with chart.engine.connect() as conn:
        assert [h.doc_id for h in text_index.search(conn, WORD)] == ["d-old"]
        assert destruction.get_destruction(conn, did).state == destruction.PROPOSED
    with chart.engine.begin() as conn:
        holds.release_hold(conn, ADAM, second, reason="case closed")
    # the proposer cannot approve their own proposal
    with pytest.raises(destruction.DestructionRefused, match="someone other than who proposed"):
        destruction.approve(chart.engine, chart.store, RITA, did, derived_bucket=chart.derived)

    out = destruction.approve(chart.engine, chart.store, ADAM, did, derived_bucket=chart.derived)

    assert (out.destroyed, out.kept_shared, out.absent) == (4, 0, 0)
    assert not any(_in_store(chart, b, k) for b, k in objects)
    with chart.engine.connect() as conn:
        assert text_index.search(conn, WORD) == []
        assert text_index.get_text(conn, "d-old") is None
        assert conn.execute(sa.text("SELECT count(*) FROM record_texts WHERE doc_id = 'd-old'")).scalar() == 0
        assert get_document(conn, "d-old") is None
        cert = destruction.get_destruction(conn, did)
        kept = {(o.bucket, o.object_key): (o.sha256, o.outcome) for o in destruction.objects_of(conn, did)}
        csv_text = destruction.certificates_csv(conn)
        audit_actions = [tuple(r) for r in conn.execute(sa.text(
            "SELECT action, username FROM web_audit_log ORDER BY id"))]
    assert (cert.state, cert.proposed_by, cert.approved_by, cert.patient_id, cert.type_code) == (
        "destroyed", "rita", "adam", ADULT["patient_id"], "11506-3")
    assert (cert.retain_until, cert.last_encounter_on, cert.encounter_id) == ("2020-05-01", "2010-05-01", "enc-ret-a1")
    assert cert.destroyed_at is not None and cert.reason == "past retention"
    assert kept == {k: (h, "destroyed") for k, h in objects.items()}
    for h in objects.values():
        assert h in csv_text
    assert ("legal-hold-set", "rita") in audit_actions and ("legal-hold-release", "adam") in audit_actions
    assert ("destruction-approved", "adam") in audit_actions and ("destruction-done", "adam") in audit_actions


def test_a_batch_file_is_kept_until_its_last_document_is_destroyed(chart):
    batch_key, batch_pdf = "station/batch-1.pdf", "pdf/batch-1.pdf"
    add_scan(chart, "batch-1", patient_id=None, text="", status="split", original_key=batch_key,
             searchable_pdf=batch_pdf, published_pages=False)
    for child, pages in (("d-part-a", [1, 2]), ("d-part-b", [3])):
        add_scan(chart, child, patient_id=ADULT["patient_id"], text=f"{child} text", service_date="2010-04-29",
                 original_key=batch_key, searchable_pdf=batch_pdf, parent_id="batch-1", pages=pages)
    schedule = load_schedule(chart.settings.data_dir)
    with chart.engine.begin() as conn:
        first = destruction.propose(conn, RITA, "d-part-a", reason="past retention", schedule=schedule, today=TODAY)
    out = destruction.approve(chart.engine, chart.store, ADAM, first, derived_bucket=chart.derived)
    assert (out.destroyed, out.kept_shared) == (2, 2)  # own text and page pdf; the batch file and its pdf kept
    assert _in_store(chart, chart.intake, batch_key) and _in_store(chart, chart.derived, batch_pdf)
    assert not _in_store(chart, chart.derived, "ocr/d-part-a.json")
    with chart.engine.begin() as conn:
        second = destruction.propose(conn, RITA, "d-part-b", reason="past retention", schedule=schedule, today=TODAY)
    out = destruction.approve(chart.engine, chart.store, ADAM, second, derived_bucket=chart.derived)
    assert (out.destroyed, out.kept_shared) == (4, 0)
    assert not _in_store(chart, chart.intake, batch_key) and not _in_store(chart, chart.derived, batch_pdf)


def test_the_stores_own_legal_hold_on_an_object_lock_bucket(tmp_path, seaweed):
    """SeaweedFS 4.48 does object-lock legal holds on a bucket made with object lock (a
    version delete answers AccessDenied), and answers InvalidRequest on himflow's default
    buckets (made without it): the database's rule is what holds there."""
    chart = make_chart(make_settings(tmp_path, seaweed), locked_intake=True)
    try:
        add_scan(chart, "d-locked", patient_id=ADULT["patient_id"], text=f"{WORD} locked", service_date="2010-04-29")
        with chart.engine.begin() as conn:
            hold_id = holds.set_hold(conn, RITA, reason="litigation", patient_id=ADULT["patient_id"])
        answers = holds.mirror_to_store(chart.engine, chart.store, hold_id, derived_bucket=chart.derived)
        assert answers == {"InvalidRequest": 3, "set": 1}  # derived bucket: no object lock; the original: held
        assert chart.store.legal_hold_on(chart.intake, "station/d-locked.pdf") is True
        with pytest.raises(StoreUnavailable, match="AccessDenied"):
            chart.store.remove_every_version(chart.intake, "station/d-locked.pdf")
        with chart.engine.begin() as conn:
            holds.release_hold(conn, ADAM, hold_id, reason="case closed")
            assert '"set": 1' in holds.get_hold(conn, hold_id).store_lock
        assert holds.mirror_to_store(chart.engine, chart.store, hold_id,
                                     derived_bucket=chart.derived) == {"InvalidRequest": 3, "cleared": 1}
        with chart.engine.begin() as conn:
            did = destruction.propose(conn, RITA, "d-locked", reason="past retention",
                                      schedule=load_schedule(None), today=TODAY)
        out = destruction.approve(chart.engine, chart.store, ADAM, did, derived_bucket=chart.derived)
        assert out.destroyed == 4
        # every version is gone, not only hidden behind a delete marker
        assert chart.store.versions_of(chart.intake, "station/d-locked.pdf") == [""]
        assert not chart.store.exists(chart.intake, "station/d-locked.pdf")
    finally:
        chart.engine.dispose()
