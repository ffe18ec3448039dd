"""The sign screen (issue 16.5): it names the patient (name, MRN, date of birth), the type in
words, the date of service and the encounter; and with HIMFLOW_WEB_SIGN_REAUTH signing asks
for the password again: none or a wrong one signs nothing and writes a sign-reauth-failed
audit row (and a failed sign-in for the throttle), the right one signs; the queue's sign button
asks too; a throttled account waits (429). Off (the default), signing asks nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from desk.ctx import WebOptions
from desk.db import audit_log, dictation_versions, login_failures
from himflow.encounters import Encounter, upsert_encounter
from tests.resources.desk_testkit import PASSWORD, add_patient, add_review_document, add_users, make_env, signed_in

DOC = "doc-ds"


def _env(tmp_path, **options):
    env = make_env(tmp_path, options=WebOptions(**options))
    add_users(env.engine, phil="physician")
    add_patient(env.engine, "pat-h", "MR-0042", "Halvorsen", "Ingrid", date(1961, 3, 14))
    admitted = datetime.now(UTC) - timedelta(days=12)
    with env.engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-1", identifier="V-1001", patient_id="pat-h",
                                         enc_class="IMP", admitted_at=admitted,
                                         discharged_at=admitted + timedelta(days=4), attending="phil"),
                         source="test")
    add_review_document(env.engine, DOC, kind="dictation", hint_author="phil", patient_id="pat-h",
                        type_code="18842-5", type_display="Discharge summary", hint_encounter="V-1001",
                        service_date="2026-11-20", reasons='["unsigned-dictation", "awaiting-signature"]',
                        text="Discharge summary. Treated and discharged home.")
    return env


def _sign(client, csrf, **extra):
    return client.post(f"/dictations/{DOC}", data={"csrf": csrf, "action": "sign",
                                                    "text": "Discharge summary, checked.", **extra})


def _versions(env):
    with env.engine.connect() as conn:
        return conn.execute(sa.select(dictation_versions.c.status)
                            .where(dictation_versions.c.doc_id == DOC)).scalars().all()


def _refusals(env):
    with env.engine.connect() as conn:
        return conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action == "sign-reauth-failed")
                            .order_by(audit_log.c.id)).scalars().all()


def test_the_sign_screen_names_patient_document_date_and_encounter(tmp_path):
    env = _env(tmp_path)
    client, _ = signed_in(env.app, "phil")
    page = client.get(f"/dictations/{DOC}").text
    for words in ("Ingrid Halvorsen", "MR-0042", "14 March 1961", "Discharge summary", "20 November 2026",
                  "Inpatient stay V-1001", f"/dictations/{DOC}/audio"):
        assert words in page, words
    assert 'name="password"' not in page  # the setting is off


def test_with_the_setting_a_missing_or_wrong_password_signs_nothing_and_is_audited(tmp_path):
    env = _env(tmp_path, sign_reauth=True)
    client, csrf = signed_in(env.app, "phil")
    assert 'name="password"' in client.get(f"/dictations/{DOC}").text
    resp = _sign(client, csrf)
    assert resp.status_code == 401 and "Enter your password to sign" in resp.text
    resp = _sign(client, csrf, password="not-my-password")
    assert resp.status_code == 401 and "That password is wrong. Nothing was signed." in resp.text
    assert "Discharge summary, checked." in resp.text  # the text sent is kept on the page
    assert _versions(env) == []
    assert _refusals(env) == ["no password entered", "wrong password"]
    with env.engine.connect() as conn:
        keys = conn.execute(sa.select(login_failures.c.key)).scalars().all()
    assert any(k.startswith("acct:phil|") for k in keys)  # counts for the sign-in throttle
    resp = _sign(client, csrf, password=PASSWORD)
    assert resp.status_code == 303
    assert _versions(env) == ["final"]
    with env.engine.connect() as conn:
        signed = conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action == "sign-dictation")).scalar_one()
    assert "password re-entered" in signed


def test_repeated_wrong_passwords_are_throttled_like_sign_in(tmp_path):
    env = _env(tmp_path, sign_reauth=True, throttle_free_attempts=1, throttle_base_seconds=600)
    client, csrf = signed_in(env.app, "phil")
    assert _sign(client, csrf, password="wrong-one-1").status_code == 401
    resp = _sign(client, csrf, password=PASSWORD)  # right, but made to wait
    assert resp.status_code == 429 and "Too many wrong passwords" in resp.text
    assert int(resp.headers["retry-after"]) > 0
    assert _versions(env) == [] and _refusals(env) == ["wrong password", "throttled"]


def test_the_queue_sign_button_asks_for_the_password_too(tmp_path):
    env = _env(tmp_path, sign_reauth=True)
    client, csrf = signed_in(env.app, "phil")
    assert 'name="password"' in client.get("/signatures").text
    resp = client.post(f"/signatures/{DOC}/sign", data={"csrf": csrf, "password": "nope-nope-nope"})
    assert resp.status_code == 401 and "That password is wrong" in resp.text and _versions(env) == []
    resp = client.post(f"/signatures/{DOC}/sign", data={"csrf": csrf, "password": PASSWORD})
    assert resp.status_code == 303 and _versions(env) == ["final"]


def test_without_the_setting_signing_asks_nothing(tmp_path):
    env = _env(tmp_path)
    client, csrf = signed_in(env.app, "phil")
    assert _sign(client, csrf).status_code == 303 and _versions(env) == ["final"]
