"""The physician's signature queue (issue 15.3): their own chart deficiencies and unsigned
dictations oldest first, delinquent marked; only physicians have one and only their own; a
dictation signed from the queue is final and its deficiency clears. Over HTTP against a real
SQLite database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from chart.deficiencies import load_rules, open_deficiencies
from desk import signatures
from desk.auth import get_user_by_name
from desk.db import audit_log, dictation_versions
from himflow.db import utcnow
from himflow.encounters import Encounter, upsert_encounter
from tests.resources.desk_testkit import add_patient, add_review_document, add_users, make_env, sign_in, signed_in

UNSIGNED = '["unsigned-dictation", "awaiting-signature"]'


@pytest.fixture()
def env(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, phil="physician", dora="physician", rita="records-staff", ada="admin")
    now = utcnow()
    add_patient(env.engine, "pat-a", "MR-1001", "Abbott", "Alice", date(1961, 3, 14))
    add_patient(env.engine, "pat-z", "MR-2002", "Zimmer", "Zoe", date(1990, 12, 1))
    discharged = now - timedelta(days=10, hours=1)
    with env.engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-a", identifier="V-1001", patient_id="pat-a",
                                         enc_class="IMP", admitted_at=discharged - timedelta(days=4),
                                         discharged_at=discharged, attending="phil"), source="test")
        upsert_encounter(conn, Encounter(encounter_id="enc-z", identifier="V-2002", patient_id="pat-z",
                                         enc_class="IMP", admitted_at=discharged - timedelta(days=2),
                                         discharged_at=discharged, attending="dora"), source="test")
    # phil's discharge summary, checked by records staff, waiting for his signature
    add_review_document(env.engine, "d-ds", kind="dictation", hint_author="phil", patient_id="pat-a",
                        type_code="18842-5", type_display="Discharge summary", hint_encounter="V-1001",
                        reasons=UNSIGNED, text="Discharge summary. Admitted with pneumonia.")
    # phil's progress note: no rule requires it, still his to sign
    add_review_document(env.engine, "d-note", kind="dictation", hint_author="phil", patient_id="pat-a",
                        type_code="11506-3", type_display="Progress note", reasons=UNSIGNED,
                        created_at=now - timedelta(days=2, hours=1), text="Progress note text.")
    # dora's, in her own encounter
    add_review_document(env.engine, "d-dora", kind="dictation", hint_author="dora", patient_id="pat-z",
                        type_code="18842-5", type_display="Discharge summary", hint_encounter="V-2002",
                        reasons=UNSIGNED, text="Dora's summary.")
    return env


def _rows(env, name):
    with env.engine.connect() as conn:
        return signatures.queue_rows(conn, get_user_by_name(conn, name), rules=load_rules(None))


def _page_docs(html: str) -> list[str]:
    import re

    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr(?: data-doc="([^"]*)")?', body)


def test_the_queue_lists_own_deficiencies_and_unsigned_dictations_oldest_first(env):
    rows = _rows(env, "phil")
    assert [(r.kind, r.doc_id, r.type_words, r.age_days, r.limit_days, r.delinquent, r.signable) for r in rows] == [
        ("missing", None, "History and physical note", 14, 1, True, False),  # 14 days after admission
        ("unsigned", "d-ds", "Discharge summary", 10, 14, False, True),  # 10 days after discharge
        ("unsigned", "d-note", "Progress note", 2, None, False, True),  # 2 days since it arrived
    ]
    assert {(r.patient_name, r.mrn) for r in rows} == {("Alice Abbott", "MR-1001")}
    assert rows[0].encounter_words == rows[1].encounter_words
    assert rows[0].encounter_words.startswith("Inpatient stay V-1001, ")
    assert rows[2].encounter_words == "Not linked to an encounter"
    # dora's queue has only her own
    assert [(r.kind, r.doc_id) for r in _rows(env, "dora")] == [("missing", None), ("unsigned", "d-dora")]

    c, _ = signed_in(env.app, "phil")
    page = c.get("/signatures")
    assert page.status_code == 200
    assert _page_docs(page.text) == ["", "d-ds", "d-note"]
    assert "Alice Abbott" in page.text and "MR-1001" in page.text and "Zimmer" not in page.text
    assert page.text.count('class="badge">Delinquent') == 1 and "1 delinquent" in page.text
    assert 'href="/dictations/d-ds"' in page.text and 'action="/signatures/d-note/sign"' in page.text
    assert '<a href="/signatures"' in page.text  # in the nav
    with env.engine.connect() as conn:
        listed = conn.execute(sa.select(audit_log.c.patient_id).where(
            audit_log.c.username == "phil", audit_log.c.action == "view-queue")).scalars().all()
    assert listed == ["pat-a", "pat-a"]  # one row per patient shown, per view (sign-in landed here first)


def test_a_physician_lands_on_the_queue_and_only_physicians_have_one(env):
    from starlette.testclient import TestClient

    phil = TestClient(env.app, follow_redirects=False)
    assert sign_in(phil, "phil").headers["location"] == "/signatures"
    assert phil.get("/").headers["location"] == "/signatures"
    for name in ("rita", "ada"):  # records staff and even an administrator: not their page
        other, csrf = signed_in(env.app, name)
        assert other.get("/signatures").status_code == 403
        assert other.post("/signatures/d-ds/sign", data={"csrf": csrf}).status_code == 403
        assert '<a href="/signatures"' not in other.get("/queue").text
    # the queue is always the signed-in physician's: no parameter shows another's
    dora, dcsrf = signed_in(env.app, "dora")
    assert "d-ds" not in dora.get("/signatures?physician=phil").text
    # and another physician's dictation cannot be signed from one's queue: same as missing
    assert dora.post("/signatures/d-ds/sign", data={"csrf": dcsrf}).status_code == 404
    assert dora.post("/signatures/no-such/sign", data={"csrf": dcsrf}).status_code == 404
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(dictation_versions)).all() == []


def test_signing_from_the_queue_files_the_dictation_and_clears_its_deficiency(env):
    c, csrf = signed_in(env.app, "phil")
    resp = c.post("/signatures/d-ds/sign", data={"csrf": csrf})
    assert resp.status_code == 303 and resp.headers["location"] == "/signatures?signed=d-ds"
    with env.engine.connect() as conn:
        versions = conn.execute(sa.select(dictation_versions).where(dictation_versions.c.doc_id == "d-ds")).all()
        assert [(v.version, v.status, v.text) for v in versions] == [
            (1, "final", "Discharge summary. Admitted with pneumonia.")]  # the transcript as it stood
        assert [d.doc_id for d in open_deficiencies(conn, load_rules(None), physician="phil")] == [None]
        audit = conn.execute(sa.select(audit_log).where(audit_log.c.action == "sign-dictation")).one()
        assert audit.doc_id == "d-ds" and audit.patient_id == "pat-a" and "signature queue" in audit.detail
    page = c.get(resp.headers["location"]).text
    assert _page_docs(page) == ["", "d-note"] and "Signed." in page
    # a signed dictation is never signed again
    assert c.post("/signatures/d-ds/sign", data={"csrf": csrf}).status_code == 400
    # the latest saved draft is what gets signed
    assert c.post("/dictations/d-note", data={"csrf": csrf, "text": "Edited note.", "action": "save"}).status_code == 303
    assert c.post("/signatures/d-note/sign", data={"csrf": csrf}).status_code == 303
    with env.engine.connect() as conn:
        latest = conn.execute(sa.select(dictation_versions.c.status, dictation_versions.c.text)
                              .where(dictation_versions.c.doc_id == "d-note")
                              .order_by(dictation_versions.c.version.desc())).first()
    assert tuple(latest) == ("final", "Edited note.")
    assert _page_docs(c.get("/signatures").text) == [""]


def test_a_dictation_without_a_transcript_is_not_signed_blind(env):
    add_review_document(env.engine, "d-empty", kind="dictation", hint_author="phil", patient_id="pat-a",
                        type_code="11506-3", reasons=UNSIGNED, text="")
    c, csrf = signed_in(env.app, "phil")
    resp = c.post("/signatures/d-empty/sign", data={"csrf": csrf})
    assert resp.status_code == 400 and "no transcript" in resp.text
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(dictation_versions)).all() == []
