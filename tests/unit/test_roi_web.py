"""The release-of-information pages through the app (Starlette TestClient, SQLite, an object
store in memory): log a request with its authorization, move it, set a fee, see it overdue,
the accounting page, and release refused to every role but release-of-information."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from himflow.db import utcnow
from tests.resources.desk_testkit import add_users, make_env, signed_in
from roi import requests as rq
from roi.chart_access import CLI
from roi.tables import requests
from tests.resources.roi_chart import PATIENT
from tests.unit.test_roi_requests import FakeStore


def _env(tmp_path):
    from indexing.patients import Patient, PatientIndex

    store = FakeStore()
    env = make_env(tmp_path, store=store)
    PatientIndex(env.engine).upsert(Patient(**PATIENT), source="import")
    add_users(env.engine, rose="release-of-information", rita="records-staff", ada="admin", otto="auditor")
    return env, store


def test_a_request_logged_and_moved_in_the_browser_forms(tmp_path):
    env, store = _env(tmp_path)
    client, csrf = signed_in(env.app, "rose")
    resp = client.post("/roi", data={"csrf": csrf, "mrn": PATIENT["mrn"], "requester": "Dana Brooks",
                                     "requester_type": "attorney", "purpose": "injury claim", "signed": "1",
                                     "expires": (date.today() + timedelta(days=20)).isoformat(),
                                     "covers-part2": "1"},
                       files={"authorization": ("auth.pdf", b"%PDF-1.4 signed", "application/pdf")})
    assert resp.status_code == 303
    rid = resp.headers["location"].rsplit("/", 1)[1]
    req = rq.get_request(env.engine.connect(), rid)
    assert req["authorization_covers"] == ["part2"] and store.objects  # the form is stored
    assert client.post(f"/roi/{rid}/advance", data={"csrf": csrf, "to": "authorization-checked"}).status_code == 303
    assert client.post(f"/roi/{rid}/fee", data={"csrf": csrf, "dollars": "6.50", "note": "flat"}).status_code == 303
    refused = client.post(f"/roi/{rid}/advance", data={"csrf": csrf, "to": "quality-checked"})
    assert refused.status_code == 400 and "not allowed" in refused.text
    page = client.get(f"/roi/{rid}")
    assert page.status_code == 200 and "authorization-checked" in page.text and "$6.50" in page.text
    with env.engine.begin() as conn:
        assert rq.get_request(conn, rid)["fee_cents"] == 650
        actions = [r[0] for r in conn.execute(sa.text("SELECT action FROM web_audit_log WHERE username='rose'"))]
    assert {"roi-request", "roi-authorization", "roi-advance", "roi-fee", "roi-view"} <= set(actions)


def test_an_authorization_received_later_is_attached_on_the_request_page(tmp_path):
    env, store = _env(tmp_path)
    client, csrf = signed_in(env.app, "rose")
    rid = client.post("/roi", data={"csrf": csrf, "mrn": PATIENT["mrn"], "requester": "Ins Co",
                                    "requester_type": "other", "purpose": "underwriting"}
                      ).headers["location"].rsplit("/", 1)[1]
    no = client.post(f"/roi/{rid}/advance", data={"csrf": csrf, "to": "authorization-checked"})
    assert no.status_code == 400 and "no authorization" in no.text
    resp = client.post(f"/roi/{rid}/authorization",
                       data={"csrf": csrf, "signed": "1", "expires": (date.today() + timedelta(days=5)).isoformat()},
                       files={"authorization": ("a.pdf", b"%PDF-1.4 later", "application/pdf")})
    assert resp.status_code == 303 and list(store.objects.values()) == [b"%PDF-1.4 later"]
    assert client.post(f"/roi/{rid}/advance", data={"csrf": csrf, "to": "authorization-checked"}).status_code == 303
    with env.engine.connect() as conn:
        assert rq.get_request(conn, rid)["authorization_checked_by"] == "rose"


def test_an_overdue_request_is_highlighted_in_the_list(tmp_path):
    env, _ = _env(tmp_path)
    with env.engine.begin() as conn:
        late = rq.create_request(conn, actor=CLI, patient_id=PATIENT["patient_id"], requester_name="Pat Late",
                                 requester_type="payer", purpose="claim", received_at=utcnow() - timedelta(days=31))
    client, _ = signed_in(env.app, "rita")
    html = client.get("/roi").text
    row = html[html.index(late["id"]) - 200: html.index(late["id"]) + 600]
    assert 'class="overdue"' in row and "overdue</span>" in row


def test_only_the_release_of_information_role_may_release(tmp_path):
    env, _ = _env(tmp_path)
    with env.engine.begin() as conn:
        req = rq.create_request(conn, actor=CLI, patient_id=PATIENT["patient_id"], requester_name="X",
                                requester_type="patient", purpose="own copy")
    for who, status in (("rita", 403), ("ada", 403), ("otto", 403)):
        client, csrf = signed_in(env.app, who)
        assert client.post(f"/roi/{req['id']}/release", data={"csrf": csrf}).status_code == status, who
    client, csrf = signed_in(env.app, "rose")
    resp = client.post(f"/roi/{req['id']}/release", data={"csrf": csrf})
    assert resp.status_code == 400 and "quality check" in resp.text  # allowed, but not yet QC'd
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(requests.c.state)).scalar() == "received"


def test_the_accounting_page_prints_the_letter(tmp_path):
    env, _ = _env(tmp_path)
    client, _ = signed_in(env.app, "rose")
    page = client.get(f"/roi/accounting?mrn={PATIENT['mrn']}")
    assert page.status_code == 200 and "Dear Alice Whitcombe" in page.text
    assert "no disclosures of your information that must be listed" in page.text
