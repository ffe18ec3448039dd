"""Release-of-information requests: create, move through the state machine, extend once,
set a fee. Every action writes the request's own history and a row in the audit log in the
same transaction; nothing is ever deleted (triggers in roi.tables)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow.db import utcnow
from himflow.errors import RejectedInput
from roi import chart_access
from roi.chart_access import Actor
from roi.states import (BASES, DEFAULT_BASIS, REQUESTER_TYPES, RefusedMove, State, check_move)
from roi.tables import request_events, requests
from roi.packets import draft_packet

DUE_DAYS = 30  # 45 CFR 164.524(b)(2): act within 30 days
EXTENSION_DAYS = 30  # once, with a written notice of the reason and the new date
SENSITIVE_CATEGORIES = ("part2", "hiv-sti", "behavioral", "reproductive", "genetic")

# audit actions (stable strings)
A_CREATE, A_ADVANCE, A_EXTEND, A_FEE, A_AUTH = ("roi-request", "roi-advance", "roi-extend",
                                                 "roi-fee", "roi-authorization")


@dataclass(frozen=True)
class Authorization:
    """The authorization document and what a person checked on it."""

    content: bytes | None = None
    expires: date | None = None
    signed: bool | None = None
    covers: tuple[str, ...] = ()  # sensitive categories it names explicitly


def new_request_id() -> str:
    return "roi-" + base64.b32encode(secrets.token_bytes(10)).decode().rstrip("=").lower()


def create_request(conn: Connection, *, actor: Actor, patient_id: str, requester_name: str,
                   requester_type: str, purpose: str, requester_org: str | None = None,
                   requester_address: str | None = None, type_codes: list[str] | None = None,
                   date_from: date | None = None, date_to: date | None = None,
                   legal_basis: str | None = None, store: Any = None, bucket: str | None = None,
                   authorization: Authorization | None = None,
                   received_at: datetime | None = None) -> dict[str, Any]:
    if requester_type not in REQUESTER_TYPES:
        raise RejectedInput(f"requester type must be one of {', '.join(REQUESTER_TYPES)}")
    if not requester_name.strip() or not purpose.strip():
        raise RejectedInput("a request needs the requester's name and the purpose")
    if date_from and date_to and date_from > date_to:
        raise RejectedInput("the date range ends before it starts")
    basis = legal_basis or DEFAULT_BASIS[requester_type]
    if basis not in BASES:
        raise RejectedInput(f"legal basis must be one of {', '.join(BASES)}")
    if chart_access.patient(conn, patient_id) is None:
        raise RejectedInput("no such patient in the patient index")
    rid = new_request_id()
    now = received_at or utcnow()
    conn.execute(requests.insert().values(
        id=rid, patient_id=patient_id, state=State.RECEIVED.value, requester_name=requester_name.strip(),
        requester_org=requester_org, requester_address=requester_address,
        requester_type=requester_type, purpose=purpose.strip(), legal_basis=basis,
        date_from=date_from, date_to=date_to, type_codes=json.dumps(list(type_codes or [])),
        authorization_covers="[]", received_at=now, due_date=(now + timedelta(days=DUE_DAYS)).date(),
        created_by=actor.name, updated_at=now))
    _event(conn, rid, actor, "created", None, State.RECEIVED.value, None)
    chart_access.audit(conn, actor, A_CREATE, patient_id=patient_id, detail=f"request {rid}")
    if authorization is not None:
        attach_authorization(conn, actor=actor, request_id=rid, authorization=authorization,
                             store=store, bucket=bucket)
    return get_request(conn, rid)


def attach_authorization(conn: Connection, *, actor: Actor, request_id: str,
                         authorization: Authorization, store: Any = None,
                         bucket: str | None = None) -> None:
    """Store the authorization document (if given) and what was read on it."""
    req = _row(conn, request_id)
    if State(req.state) not in (State.RECEIVED, State.AUTHORIZATION_CHECKED):
        raise RefusedMove("the authorization can only change before preparation starts")
    values: dict[str, Any] = {"updated_at": utcnow()}
    if authorization.content is not None:
        if store is None or bucket is None:
            raise RejectedInput("storing an authorization needs the object store")
        digest = hashlib.sha256(authorization.content).hexdigest()
        key = f"roi/authorizations/{request_id}/{secrets.token_hex(8)}"
        store.put_bytes(bucket, key, authorization.content, content_type="application/octet-stream")
        values.update(authorization_key=key, authorization_sha256=digest)
    if authorization.expires is not None:
        values["authorization_expires"] = authorization.expires
    if authorization.signed is not None:
        values["authorization_signed"] = authorization.signed
    if authorization.covers:
        bad = set(authorization.covers) - set(SENSITIVE_CATEGORIES)
        if bad:
            raise RejectedInput(f"an authorization covers only {', '.join(SENSITIVE_CATEGORIES)}")
        values["authorization_covers"] = json.dumps(sorted(set(authorization.covers)))
    conn.execute(requests.update().where(requests.c.id == request_id).values(**values))
    note = ", ".join(k for k in ("authorization_key", "authorization_expires", "authorization_signed",
                                 "authorization_covers") if k in values)
    _event(conn, request_id, actor, "authorization", req.state, req.state, note)
    chart_access.audit(conn, actor, A_AUTH, patient_id=req.patient_id, detail=f"request {request_id}: {note}")


def advance(conn: Connection, *, actor: Actor, request_id: str, to: str, note: str | None = None,
            today: date | None = None) -> dict[str, Any]:
    """Move a request; RefusedMove when the state machine or a precondition says no."""
    req = _row(conn, request_id, for_update=True)
    target = check_move(req.state, to, reason=note)
    values: dict[str, Any] = {"state": target.value, "updated_at": utcnow()}
    if target == State.AUTHORIZATION_CHECKED:
        _check_authorization(req, today or utcnow().date())
        values.update(authorization_checked_by=actor.name, authorization_checked_at=utcnow())
    if target == State.QUALITY_CHECKED:
        if draft_packet(conn, request_id) is None:
            raise RefusedMove("quality check needs a prepared packet (prepare it first)")
        values["qc_by"] = actor.name
    if target in (State.DENIED, State.CANCELLED):
        values["state_reason"] = note
    conn.execute(requests.update().where(requests.c.id == request_id).values(**values))
    _event(conn, request_id, actor, "advanced", req.state, target.value, note)
    chart_access.audit(conn, actor, A_ADVANCE, patient_id=req.patient_id,
                       detail=f"request {request_id}: {req.state} -> {target.value}")
    return get_request(conn, request_id)


def _check_authorization(req: Any, today: date) -> None:
    if req.requester_type in ("patient", "personal-representative") and req.legal_basis == "individual":
        return  # the right of access needs the patient's written request, not an authorization
    if req.legal_basis in ("treatment", "payment", "operations"):
        return  # TPO disclosures need no authorization
    if not req.authorization_key:
        raise RefusedMove("no authorization document on file")
    if not req.authorization_signed:
        raise RefusedMove("the authorization has no signature recorded")
    if req.authorization_expires is None:
        raise RefusedMove("the authorization's expiry date was not recorded")
    if req.authorization_expires < today:
        raise RefusedMove("the authorization has expired")


def extend(conn: Connection, *, actor: Actor, request_id: str, reason: str) -> dict[str, Any]:
    """Extend the due date once by 30 days; the notice to the requester says why and until when."""
    req = _row(conn, request_id, for_update=True)
    if State(req.state) in (State.RELEASED, State.DENIED, State.CANCELLED):
        raise RefusedMove("a closed request is not extended")
    if req.extended_at is not None:
        raise RefusedMove("the due date was already extended once")
    if not reason.strip():
        raise RefusedMove("an extension needs the reason written in the notice")
    due = req.due_date + timedelta(days=EXTENSION_DAYS)
    conn.execute(requests.update().where(requests.c.id == request_id).values(
        due_date=due, extended_at=utcnow(), extension_reason=reason.strip(), updated_at=utcnow()))
    _event(conn, request_id, actor, "extended", req.state, req.state, f"due {due.isoformat()}: {reason}")
    chart_access.audit(conn, actor, A_EXTEND, patient_id=req.patient_id, detail=f"request {request_id}")
    return get_request(conn, request_id)


def extension_notice(req: dict[str, Any]) -> str:
    """The written notice of the extension (164.524(b)(2)(ii)), plain text."""
    if not req.get("extended_at"):
        raise RefusedMove("the request was not extended")
    return (f"Dear {req['requester_name']},\n\nWe received your request for records on "
            f"{req['received_at'][:10]}. We need more time to complete it because: "
            f"{req['extension_reason']}\n\nWe will act on your request by {req['due_date']}.\n\n"
            f"Request reference: {req['id']}\nHealth Information Management\n")


def set_fee(conn: Connection, *, actor: Actor, request_id: str, cents: int, note: str = "") -> None:
    if cents < 0:
        raise RejectedInput("a fee is not negative")
    req = _row(conn, request_id)
    conn.execute(requests.update().where(requests.c.id == request_id).values(
        fee_cents=cents, fee_note=note or None, updated_at=utcnow()))
    _event(conn, request_id, actor, "fee", req.state, req.state, f"{cents} cents {note}".strip())
    chart_access.audit(conn, actor, A_FEE, patient_id=req.patient_id, detail=f"request {request_id}")


def get_request(conn: Connection, request_id: str) -> dict[str, Any]:
    return as_dict(_row(conn, request_id))


def list_requests(conn: Connection, *, open_only: bool = False) -> list[dict[str, Any]]:
    q = sa.select(requests).order_by(requests.c.due_date, requests.c.received_at)
    if open_only:
        q = q.where(requests.c.state.not_in([s.value for s in (State.RELEASED, State.DENIED, State.CANCELLED)]))
    return [as_dict(r) for r in conn.execute(q)]


def history(conn: Connection, request_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(request_events).where(request_events.c.request_id == request_id)
                        .order_by(request_events.c.id))
    return [{"at": r.at.isoformat() if r.at else None, "actor": r.actor, "action": r.action,
             "from": r.from_state, "to": r.to_state, "note": r.note} for r in rows]


def is_overdue(req: dict[str, Any], today: date | None = None) -> bool:
    open_ = req["state"] not in (State.RELEASED.value, State.DENIED.value, State.CANCELLED.value)
    return open_ and date.fromisoformat(req["due_date"]) < (today or utcnow().date())


def as_dict(r: Any) -> dict[str, Any]:
    d = dict(r._mapping)
    for k, v in list(d.items()):
        if isinstance(v, (date, datetime)):
            d[k] = v.isoformat()
    d["type_codes"] = json.loads(d.get("type_codes") or "[]")
    d["authorization_covers"] = json.loads(d.get("authorization_covers") or "[]")
    return d


def _row(conn: Connection, request_id: str, *, for_update: bool = False) -> Any:
    q = sa.select(requests).where(requests.c.id == request_id)
    if for_update and conn.dialect.name == "postgresql":
        q = q.with_for_update()
    row = conn.execute(q).first()
    if row is None:
        raise RejectedInput("no such request")
    return row


def _event(conn: Connection, rid: str, actor: Actor, action: str, frm: str | None, to: str | None,
           note: str | None) -> None:
    conn.execute(request_events.insert().values(request_id=rid, at=utcnow(), actor=actor.name,
                                                action=action, from_state=frm, to_state=to, note=note))
