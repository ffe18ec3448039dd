"""Routes: the request list (due dates, overdue highlighted), a request's page, the redaction
review on the page images, release (the release-of-information role only), audited packet
downloads and the accounting of disclosures with its printable letter."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from starlette.responses import RedirectResponse, Response

from himflow.errors import RejectedInput
from roi import accounting, chart_access, packets, release
from roi import requests as rq
from roi.states import ADVANCEABLE, REQUESTER_TYPES, RefusedMove, State
from roi.tables import packet_pages
from roi.web import STATIC_PATH

A_VIEW = "roi-view"
WORK, RELEASE = "roi", "roi_release"  # permissions (desk/auth.py PERMISSIONS)


def _actor(ctx: Any) -> chart_access.Actor:
    return chart_access.web_actor(ctx.user, ctx.where)


def _rid(ctx: Any) -> str:
    return str(ctx.request.path_params["request_id"])[:40]


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as e:
        raise RejectedInput("dates are YYYY-MM-DD") from e


def request_list(ctx: Any) -> Response:
    today = date.today()  # noqa: DTZ011 (due dates are calendar days where the department works)
    with ctx.tx() as conn:
        items = rq.list_requests(conn)
        for it in items:
            it["overdue"] = rq.is_overdue(it, today)
            p = chart_access.patient(conn, it["patient_id"]) or {}
            it["patient"] = f"{p.get('family', '')}, {p.get('given', '')} ({p.get('mrn', '')})"
        chart_access.audit(conn, _actor(ctx), A_VIEW, detail=f"request list, {len(items)} requests")
    items.sort(key=lambda it: (it["state"] in ("released", "denied", "cancelled"), it["due_date"]))
    return ctx.render("roi_requests.html", items=items, requester_types=REQUESTER_TYPES,
                      static=_static(), today=today.isoformat())


def _authorization(ctx: Any) -> rq.Authorization:
    """The authorization fields of a form (the file, signature present, expiry, categories)."""
    upload = ctx.form.get("authorization")
    content = upload.file.read() if hasattr(upload, "file") and bool(getattr(upload, "filename", "")) else None
    covers = tuple(c for c in rq.SENSITIVE_CATEGORIES if ctx.field(f"covers-{c}"))
    return rq.Authorization(content=content, signed=bool(ctx.field("signed")) or None,
                            expires=_date(ctx.field("expires")), covers=covers)


def create(ctx: Any) -> Response:
    with ctx.tx() as conn:
        pid = chart_access.patient_id_for_mrn(conn, ctx.field("mrn"))
        if pid is None:
            raise RejectedInput("no patient with that MRN")
        auth = _authorization(ctx)
        content = auth.content
        req = rq.create_request(
            conn, actor=_actor(ctx), patient_id=pid, requester_name=ctx.field("requester"),
            requester_org=ctx.field("organisation") or None, requester_address=ctx.field("address") or None,
            requester_type=ctx.field("requester_type"), purpose=ctx.field("purpose"),
            type_codes=[t.strip() for t in ctx.field("types").split(",") if t.strip()],
            date_from=_date(ctx.field("from")), date_to=_date(ctx.field("to")),
            store=ctx.web.store if content else None, bucket=ctx.web.settings.store.derived_bucket,
            authorization=auth)
    return RedirectResponse(f"/roi/{req['id']}", status_code=303)


def authorization(ctx: Any) -> Response:
    """Attach (or complete) the authorization of a request not yet in preparation."""
    rid = _rid(ctx)
    with ctx.tx() as conn:
        rq.attach_authorization(conn, actor=_actor(ctx), request_id=rid, authorization=_authorization(ctx),
                                store=ctx.web.store, bucket=ctx.web.settings.store.derived_bucket)
    return RedirectResponse(f"/roi/{rid}", status_code=303)


def request_page(ctx: Any) -> Response:
    rid = _rid(ctx)
    with ctx.tx() as conn:
        req = rq.get_request(conn, rid)
        person = chart_access.patient(conn, req["patient_id"]) or {}
        draft = packets.draft_packet(conn, rid)
        done = packets.released_packet(conn, rid)
        current = done or draft
        packet = packets.packet_summary(conn, current.id) if current is not None else None
        hist = rq.history(conn, rid)
        chart_access.audit(conn, _actor(ctx), A_VIEW, patient_id=req["patient_id"], detail=f"request {rid}")
    req["overdue"] = rq.is_overdue(req)
    return ctx.render("roi_request.html", req=req, person=person, packet=packet, history=hist,
                      moves=[s.value for s in ADVANCEABLE], static=_static(),
                      may_release=ctx.user.may(RELEASE),
                      notice=rq.extension_notice(req) if req.get("extended_at") else None)


def advance(ctx: Any) -> Response:
    rid = _rid(ctx)
    to = ctx.field("to")
    with ctx.tx() as conn:
        rq.advance(conn, actor=_actor(ctx), request_id=rid, to=to, note=ctx.field("note") or None)
    if to == State.IN_PREPARATION.value:
        _prepare(ctx, rid)
    return RedirectResponse(f"/roi/{rid}", status_code=303)


def prepare(ctx: Any) -> Response:
    rid = _rid(ctx)
    _prepare(ctx, rid)
    return RedirectResponse(f"/roi/{rid}", status_code=303)


def _prepare(ctx: Any, rid: str) -> None:
    packets.prepare_packet(ctx.web.engine, ctx.web.store, actor=_actor(ctx), request_id=rid,
                           derived_bucket=ctx.web.settings.store.derived_bucket)


def extend(ctx: Any) -> Response:
    rid = _rid(ctx)
    with ctx.tx() as conn:
        rq.extend(conn, actor=_actor(ctx), request_id=rid, reason=ctx.field("reason"))
    return RedirectResponse(f"/roi/{rid}", status_code=303)


def fee(ctx: Any) -> Response:
    rid = _rid(ctx)
    try:
        cents = round(float(ctx.field("dollars")) * 100)
    except ValueError as e:
        raise RejectedInput("a fee is an amount in dollars") from e
    with ctx.tx() as conn:
        rq.set_fee(conn, actor=_actor(ctx), request_id=rid, cents=cents, note=ctx.field("note"))
    return RedirectResponse(f"/roi/{rid}", status_code=303)


def review_page(ctx: Any) -> Response:
    rid, seq = _rid(ctx), int(ctx.request.path_params["seq"])
    with ctx.tx() as conn:
        req = rq.get_request(conn, rid)
        pk = packets.draft_packet(conn, rid) or packets.released_packet(conn, rid)
        if pk is None:
            raise RejectedInput("no packet prepared yet")
        all_pages = packets.packet_pages_of(conn, pk.id)
        page = next((p for p in all_pages if p.seq == seq), None)
        if page is None:
            raise RejectedInput("no such page")
        box_list = packets.page_boxes(conn, pk.id, seq)
        chart_access.audit(conn, _actor(ctx), A_VIEW, patient_id=req["patient_id"], doc_id=page.doc_id,
                           detail=f"packet {pk.id} page {seq} (redaction review)")
    return ctx.render("roi_review.html", req=req, packet=pk, page=page, boxes=box_list, pages=len(all_pages),
                      editable=pk.status == "draft" and req["state"] in ("in-preparation", "quality-checked"),
                      static=_static())


def page_image(ctx: Any) -> Response:
    packet_id, seq = str(ctx.request.path_params["packet_id"])[:40], int(ctx.request.path_params["seq"])
    with ctx.tx() as conn:
        page = conn.execute(sa.select(packet_pages).where(packet_pages.c.packet_id == packet_id,
                                                          packet_pages.c.seq == seq)).first()
        if page is None:
            raise RejectedInput("no such page")
        chart_access.audit(conn, _actor(ctx), A_VIEW, doc_id=page.doc_id, detail=f"packet {packet_id} page {seq} image")
    body = ctx.web.store.get_bytes(ctx.web.settings.store.derived_bucket, page.image_key)
    return Response(body, media_type="image/png", headers={"Cache-Control": "private, no-store"})


def decide(ctx: Any) -> Response:
    rid, box_id = _rid(ctx), int(ctx.request.path_params["box_id"])
    with ctx.tx() as conn:
        packets.decide_box(conn, actor=_actor(ctx), box_id=box_id, decision=ctx.field("decision"))
    return RedirectResponse(f"/roi/{rid}/review/{ctx.field('seq') or 1}", status_code=303)


def add(ctx: Any) -> Response:
    rid, seq = _rid(ctx), int(ctx.request.path_params["seq"])
    try:
        box = tuple(int(float(ctx.field(k))) for k in ("x0", "y0", "x1", "y1"))
    except ValueError as e:
        raise RejectedInput("a box is four numbers") from e
    with ctx.tx() as conn:
        pk = packets.draft_packet(conn, rid)
        if pk is None:
            raise RefusedMove("no draft packet")
        packets.add_box(conn, actor=_actor(ctx), packet_id=pk.id, seq=seq, box=box)  # type: ignore[arg-type]
    return RedirectResponse(f"/roi/{rid}/review/{seq}", status_code=303)


def do_release(ctx: Any) -> Response:
    rid = _rid(ctx)
    release.release(ctx.web.engine, ctx.web.store, actor=_actor(ctx), request_id=rid,
                    derived_bucket=ctx.web.settings.store.derived_bucket,
                    accept_proposed=bool(ctx.field("accept_proposed")))
    return RedirectResponse(f"/roi/{rid}", status_code=303)


def download(ctx: Any) -> Response:
    packet_id = str(ctx.request.path_params["packet_id"])[:40]
    body = release.download_packet(ctx.web.engine, ctx.web.store, actor=_actor(ctx), packet_id=packet_id)
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{packet_id}.pdf"', "Cache-Control": "private, no-store"})


def accounting_page(ctx: Any) -> Response:
    mrn = str(ctx.request.query_params.get("mrn", ""))[:64].strip()
    acc = letter = person = None
    if mrn:
        with ctx.tx() as conn:
            pid = chart_access.patient_id_for_mrn(conn, mrn)
            if pid is None:
                raise RejectedInput("no patient with that MRN")
            acc = accounting.accounting(conn, actor=_actor(ctx), patient_id=pid)
            person = chart_access.patient(conn, pid) or {}
        letter = accounting.letter(acc, person)
    return ctx.render("roi_accounting.html", mrn=mrn, acc=acc, letter=letter, person=person, static=_static())


def _static() -> str:
    return STATIC_PATH


# (path, permission, methods, handler, takes a file)
ROUTES = [
    ("/roi", WORK, ("GET",), request_list, False),
    ("/roi", WORK, ("POST",), create, True),
    ("/roi/accounting", WORK, ("GET",), accounting_page, False),
    ("/roi/packets/{packet_id}.pdf", WORK, ("GET",), download, False),
    ("/roi/pages/{packet_id}/{seq:int}.png", WORK, ("GET",), page_image, False),
    ("/roi/{request_id}", WORK, ("GET",), request_page, False),
    ("/roi/{request_id}/advance", WORK, ("POST",), advance, False),
    ("/roi/{request_id}/prepare", WORK, ("POST",), prepare, False),
    ("/roi/{request_id}/extend", WORK, ("POST",), extend, False),
    ("/roi/{request_id}/fee", WORK, ("POST",), fee, False),
    ("/roi/{request_id}/authorization", WORK, ("POST",), authorization, True),
    ("/roi/{request_id}/review/{seq:int}", WORK, ("GET",), review_page, False),
    ("/roi/{request_id}/review/{seq:int}/add", WORK, ("POST",), add, False),
    ("/roi/{request_id}/boxes/{box_id:int}", WORK, ("POST",), decide, False),
    ("/roi/{request_id}/release", RELEASE, ("POST",), do_release, False),
]
