"""Release-of-information requests: the state machine end to end, the 30-day due date and its
single extension, fees, the audit trail, and that a request can never be deleted (database
triggers, SQLite here; PostgreSQL in tests/integration/test_roi_postgres.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from roi import requests as rq
from roi.chart_access import CLI
from roi.states import RefusedMove, State
from roi.tables import request_events, requests
from tests.resources.roi_chart import PATIENT, make_chart


class FakeStore:
    """An object store in memory (the real one is exercised by the integration tests)."""

    def __init__(self):
        self.objects: dict[tuple[str, str], bytes] = {}

    def put_bytes(self, bucket, key, body, *, content_type=None, metadata=None):
        self.objects[(bucket, key)] = body

    def get_bytes(self, bucket, key):
        return self.objects[(bucket, key)]


@pytest.fixture
def chart(tmp_path):
    c = make_chart(f"sqlite:///{tmp_path / 'h.db'}", tmp_path)
    c.store, c.bucket = FakeStore(), "derived"
    yield c
    c.engine.dispose()


def _new(chart, **kw):
    values = dict(actor=CLI, patient_id=PATIENT["patient_id"], requester_name="Dana Brooks",
                  requester_org="Brooks & Hale LLP", requester_type="attorney",
                  purpose="personal injury claim", store=chart.store, bucket=chart.bucket)
    values.update(kw)
    with chart.engine.begin() as conn:
        return rq.create_request(conn, **values)


def _audit_actions(chart):
    with chart.engine.connect() as conn:
        return [r[0] for r in conn.execute(sa.text("SELECT action FROM web_audit_log ORDER BY id"))]


def test_a_request_is_due_in_30_days_and_moves_only_forward(chart):
    req = _new(chart, authorization=rq.Authorization(content=b"%PDF-1.4 signed form", signed=True,
                                                     expires=date.today() + timedelta(days=90)))
    assert req["state"] == "received"
    assert date.fromisoformat(req["due_date"]) == date.fromisoformat(req["received_at"][:10]) + timedelta(days=30)
    assert req["authorization_sha256"] and req["authorization_key"].startswith(f"roi/authorizations/{req['id']}/")
    with chart.engine.begin() as conn:
        with pytest.raises(RefusedMove):
            rq.advance(conn, actor=CLI, request_id=req["id"], to="in-preparation")
        with pytest.raises(RefusedMove):
            rq.advance(conn, actor=CLI, request_id=req["id"], to="released")
        moved = rq.advance(conn, actor=CLI, request_id=req["id"], to="authorization-checked")
    assert moved["state"] == "authorization-checked" and moved["authorization_checked_by"] == "cli"
    with chart.engine.begin() as conn:
        assert rq.advance(conn, actor=CLI, request_id=req["id"], to="in-preparation")["state"] == "in-preparation"
        with pytest.raises(RefusedMove, match="prepared packet"):
            rq.advance(conn, actor=CLI, request_id=req["id"], to="quality-checked")
    assert {"roi-request", "roi-authorization", "roi-advance"} <= set(_audit_actions(chart))


def test_an_unsigned_or_expired_authorization_is_not_checked(chart):
    unsigned = _new(chart, authorization=rq.Authorization(content=b"form", signed=False,
                                                          expires=date.today() + timedelta(days=9)))
    expired = _new(chart, authorization=rq.Authorization(content=b"form", signed=True,
                                                         expires=date.today() - timedelta(days=1)))
    missing = _new(chart)
    with chart.engine.begin() as conn:
        for req, why in ((unsigned, "signature"), (expired, "expired"), (missing, "no authorization")):
            with pytest.raises(RefusedMove, match=why):
                rq.advance(conn, actor=CLI, request_id=req["id"], to="authorization-checked")
    patient_own = _new(chart, requester_type="patient", requester_name="Alice Whitcombe", requester_org=None)
    with chart.engine.begin() as conn:
        assert rq.advance(conn, actor=CLI, request_id=patient_own["id"],
                          to="authorization-checked")["state"] == "authorization-checked"


def test_denied_and_cancelled_need_a_reason_and_are_final(chart):
    a, b = _new(chart), _new(chart)
    with chart.engine.begin() as conn:
        with pytest.raises(RefusedMove, match="reason"):
            rq.advance(conn, actor=CLI, request_id=a["id"], to="denied")
        denied = rq.advance(conn, actor=CLI, request_id=a["id"], to="denied", note="not the patient's representative")
        cancelled = rq.advance(conn, actor=CLI, request_id=b["id"], to="cancelled", note="requester withdrew")
        assert (denied["state"], denied["state_reason"]) == ("denied", "not the patient's representative")
        assert cancelled["state"] == "cancelled"
        with pytest.raises(RefusedMove, match="does not move"):
            rq.advance(conn, actor=CLI, request_id=a["id"], to="authorization-checked")
        hist = rq.history(conn, a["id"])
    assert [(h["from"], h["to"]) for h in hist] == [(None, "received"), ("received", "denied")]


def test_the_due_date_is_extended_once_with_a_notice(chart):
    req = _new(chart)
    with chart.engine.begin() as conn:
        with pytest.raises(RefusedMove):
            rq.extension_notice(req)
        ext = rq.extend(conn, actor=CLI, request_id=req["id"], reason="records are in off-site storage")
        with pytest.raises(RefusedMove, match="once"):
            rq.extend(conn, actor=CLI, request_id=req["id"], reason="again")
        rq.set_fee(conn, actor=CLI, request_id=req["id"], cents=650, note="flat fee for electronic copy")
        fee = rq.get_request(conn, req["id"])
    assert date.fromisoformat(ext["due_date"]) == date.fromisoformat(req["due_date"]) + timedelta(days=30)
    notice = rq.extension_notice(ext)
    assert "off-site storage" in notice and ext["due_date"] in notice and "Dana Brooks" in notice
    assert fee["fee_cents"] == 650
    assert "roi-extend" in _audit_actions(chart) and "roi-fee" in _audit_actions(chart)


def test_overdue_is_an_open_request_past_its_due_date(chart):
    req = _new(chart)
    later = date.fromisoformat(req["due_date"]) + timedelta(days=1)
    assert not rq.is_overdue(req) and rq.is_overdue(req, today=later)
    assert not rq.is_overdue({**req, "state": "released"}, today=later)


def test_a_request_and_its_history_can_never_be_deleted_or_rewritten(chart):
    req = _new(chart)
    for stmt in (requests.delete().where(requests.c.id == req["id"]),
                 request_events.delete(), request_events.update().values(note="rewritten")):
        with pytest.raises(sa.exc.DatabaseError, match="refused"):
            with chart.engine.begin() as conn:
                conn.execute(stmt)
    with chart.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(requests)).scalar() == 1


def test_unknown_requester_types_and_patients_are_refused(chart):
    from himflow.errors import RejectedInput

    with pytest.raises(RejectedInput, match="requester type"):
        _new(chart, requester_type="journalist")
    with pytest.raises(RejectedInput, match="patient"):
        _new(chart, patient_id="pat-nobody")
    assert State.RELEASED.value == "released"


def test_roi_actions_land_in_the_projects_audit_log_and_read_back_on_its_page(chart):
    from desk import audit

    req = _new(chart)
    with chart.engine.connect() as conn:
        rows = audit.query(conn, patient_id=PATIENT["patient_id"])
    assert [(r.action, r.purpose, r.ip) for r in rows] == [("roi-request", "disclosure", "cli")]
    assert rows[0].at is not None and req["id"] in rows[0].detail
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        with chart.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM web_audit_log"))
