"""The review queue and the review actions: claim, release, correct, approve, reject."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from desk import audit, review, views
from desk.ctx import Ctx, route
from desk.review import ClaimConflict

PAGE_SIZE = 50


def _doc_id(ctx: Ctx) -> str:
    return str(ctx.request.path_params["doc_id"])[:64]


def _to_doc(doc_id: str, fragment: str = "") -> RedirectResponse:
    return RedirectResponse(f"/documents/{doc_id}{fragment}", status_code=303)


@route("/queue", "review")
def queue_page(ctx: Ctx) -> Response:
    try:
        page = max(0, int(ctx.request.query_params.get("page", "0")))
    except ValueError:
        page = 0
    with ctx.tx() as conn:
        items = review.list_queue(conn, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
        depth, oldest = review.queue_depth(conn)
        audit.record(conn, user=ctx.user, action=audit.VIEW_QUEUE, where=ctx.where,
                     detail=f"page {page}, {len(items)} rows")
    return ctx.render("queue.html", items=items, depth=depth, oldest=oldest, page=page,
                      page_size=PAGE_SIZE)


@route("/queue/next", "review", methods=("POST",))
def queue_next(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        doc_id = review.claim_next(conn, ctx.user, minutes=ctx.web.options.claim_minutes)
        if doc_id:
            audit.record(conn, user=ctx.user, action=audit.CLAIM, where=ctx.where, doc_id=doc_id)
    if doc_id is None:
        return RedirectResponse("/queue?empty=1", status_code=303)
    return _to_doc(doc_id)


@route("/documents/{doc_id}/claim", "review", methods=("POST",))
def claim_document(ctx: Ctx) -> Response:
    doc_id = _doc_id(ctx)
    try:
        with ctx.tx() as conn:
            review.claim(conn, doc_id, ctx.user, minutes=ctx.web.options.claim_minutes)
            audit.record(conn, user=ctx.user, action=audit.CLAIM, where=ctx.where, doc_id=doc_id)
    except ClaimConflict as e:
        return ctx.error(f"{e.holder} is working on this document.", status=409)
    return _to_doc(doc_id)


@route("/documents/{doc_id}/release", "review", methods=("POST",))
def release_document(ctx: Ctx) -> Response:
    doc_id = _doc_id(ctx)
    with ctx.tx() as conn:
        review.release(conn, doc_id, ctx.user)
        audit.record(conn, user=ctx.user, action=audit.RELEASE, where=ctx.where, doc_id=doc_id)
    return RedirectResponse("/queue", status_code=303)


def _acting(ctx: Ctx, action) -> Response | None:
    try:
        action()
    except ClaimConflict as e:
        return ctx.error(f"{e.holder} is working on this document; your change was not saved.",
                         status=409)
    return None


@route("/documents/{doc_id}/correct", "review", methods=("POST",))
def correct_document(ctx: Ctx) -> Response:
    from indexing.doctypes import by_code, load_doctypes

    doc_id = _doc_id(ctx)
    type_code = ctx.field("type_code") or None
    type_display = None
    if type_code:
        known = {t.code for t in load_doctypes()}
        doctype = by_code(type_code) if type_code in known else None
        if doctype is None:
            return ctx.error("Unknown document type.", status=400)
        type_display = doctype.display
    patient_id = ctx.form.get("patient_id")
    encounter = ctx.form.get("encounter")

    def act() -> None:
        nonlocal patient_id
        with ctx.tx() as conn:
            row = views.load_document(conn, doc_id)
            if isinstance(patient_id, str) and patient_id.strip() not in ("", row.patient_id or ""):
                patient_id = views.resolve_patient(conn, patient_id.strip()[:64])
            changed = review.correct(
                conn, doc_id, ctx.user, type_code=type_code, type_display=type_display,
                patient_id=patient_id.strip()[:64] if isinstance(patient_id, str) else None,
                encounter=encounter.strip()[:64] if isinstance(encounter, str) else None,
            )
            if changed:
                audit.record(conn, user=ctx.user, action=audit.CORRECT, where=ctx.where,
                             doc_id=doc_id, patient_id=row.patient_id,
                             detail="changed: " + ",".join(changed))
                if "patient_id" in changed and patient_id:
                    audit.record(conn, user=ctx.user, action=audit.CORRECT, where=ctx.where,
                                 doc_id=doc_id, patient_id=patient_id.strip()[:64],
                                 detail="assigned to this patient")

    return _acting(ctx, act) or _to_doc(doc_id, "#review")


@route("/documents/{doc_id}/approve", "review", methods=("POST",))
def approve_document(ctx: Ctx) -> Response:
    doc_id = _doc_id(ctx)

    def act() -> None:
        with ctx.tx() as conn:
            outcome = review.approve(conn, doc_id, ctx.user)
            row = views.load_document(conn, doc_id)
            audit.record(conn, user=ctx.user, action=audit.APPROVE, where=ctx.where,
                         doc_id=doc_id, patient_id=row.patient_id, detail=outcome)

    return _acting(ctx, act) or _after_decision(ctx)


@route("/documents/{doc_id}/reject", "review", methods=("POST",))
def reject_document(ctx: Ctx) -> Response:
    doc_id = _doc_id(ctx)

    def act() -> None:
        with ctx.tx() as conn:
            review.reject(conn, doc_id, ctx.user, reason=ctx.field("reason"), note=ctx.field("note"))
            row = views.load_document(conn, doc_id)
            audit.record(conn, user=ctx.user, action=audit.REJECT, where=ctx.where,
                         doc_id=doc_id, patient_id=row.patient_id, detail=ctx.field("reason"))

    return _acting(ctx, act) or _after_decision(ctx)


@route("/documents/{doc_id}/split", "review", methods=("POST",))
def split_document(ctx: Ctx) -> Response:
    doc_id = _doc_id(ctx)
    result: dict[str, str] = {}

    def act() -> None:
        with ctx.tx() as conn:
            result["child"] = review.split_document(conn, doc_id, ctx.user,
                                                    positions=ctx.field("pages")[:200])
            row = views.load_document(conn, doc_id)
            audit.record(conn, user=ctx.user, action=audit.SPLIT, where=ctx.where, doc_id=doc_id,
                         patient_id=row.patient_id, detail=f"pages moved to {result['child']}")

    return _acting(ctx, act) or _to_doc(doc_id, "#pages")


@route("/documents/{doc_id}/merge", "review", methods=("POST",))
def merge_document(ctx: Ctx) -> Response:
    doc_id, other = _doc_id(ctx), ctx.field("other_id")[:64]

    def act() -> None:
        with ctx.tx() as conn:
            review.merge_documents(conn, doc_id, ctx.user, other_id=other)
            row = views.load_document(conn, doc_id)
            audit.record(conn, user=ctx.user, action=audit.MERGE, where=ctx.where, doc_id=doc_id,
                         patient_id=row.patient_id, detail=f"pages of {other} added")

    return _acting(ctx, act) or _to_doc(doc_id, "#pages")


def _after_decision(ctx: Ctx) -> Response:
    """After approve/reject: straight to the next document when asked (keyboard flow)."""
    if ctx.field("then") == "next":
        return queue_next.handler(ctx)
    return RedirectResponse("/queue", status_code=303)


ROUTES = [queue_page, queue_next, claim_document, release_document, correct_document,
          approve_document, reject_document, split_document, merge_document]
