"""The review queue and the review actions: claim, release, correct, approve, reject."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.responses import RedirectResponse, Response

from desk import audit, queue, review, views
from desk.auth import PERMISSIONS, get_user_by_name, list_users
from desk.ctx import Ctx, route
from desk.reasons import plain
from desk.review import ClaimConflict
from himflow.errors import RejectedInput
from schemas.reasons import AWAITING_SIGNATURE
from indexing.doctypes import by_code, load_doctypes

PAGE_SIZE = 50


def _doc_id(ctx: Ctx) -> str:
    return str(ctx.request.path_params["doc_id"])[:64]


def _to_doc(doc_id: str, fragment: str = "") -> RedirectResponse:
    return RedirectResponse(f"/documents/{doc_id}{fragment}", status_code=303)


def _queue_context(ctx: Ctx, conn, view: queue.QueueView) -> dict:
    """What the queue page shows for ``view``: one query for the rows, one count, the
    depth, and the choices of the filter and bulk forms."""
    rows = queue.list_rows(conn, view, limit=PAGE_SIZE)
    depth, oldest, matching = queue.summary(conn, view)
    reviewers = [u.username for u in list_users(conn)
                 if u.active and u.role in PERMISSIONS["review"]]
    return dict(
        items=rows, depth=depth, oldest=oldest, page=view.page, page_size=PAGE_SIZE, view=view,
        matching=matching,
        reasons=[(c, plain(c)) for c in queue.REASON_CHOICES], doctypes=_doctypes(),
        sources=queue.SOURCES, ages={k: v[0] for k, v in queue.AGES.items()}, sorts=queue.SORTS,
        reviewers=reviewers, reject_reasons=review.REJECT_REASONS,
    )


def _doctypes() -> list[tuple[str, str]]:
    return sorted(queue.doctype_names().items(), key=lambda kv: kv[1].lower())


@route("/queue", "review")
def queue_page(ctx: Ctx) -> Response:
    view = queue.QueueView.from_params(ctx.request.query_params)
    with ctx.tx() as conn:
        values = _queue_context(ctx, conn, view)
        audit.record(conn, user=ctx.user, action=audit.VIEW_QUEUE, where=ctx.where,
                     detail=f"page {view.page}, {len(values['items'])} rows"
                            + (f", view {view.query()}" if view.query() else ""))
    return ctx.render("queue.html", **values)


BULK_ACTIONS = ("claim", "assign", "approve", "reject")
PICK = "pick."  # one checkbox per row: pick.<doc_id> (the form keeps one value per name)


@dataclass(frozen=True)
class BulkOutcome:
    action: str
    done: list[tuple[str, str]]  # (doc_id, label)
    left: list[tuple[str, str, str]]  # (doc_id, label, why)


def _picked(ctx: Ctx) -> list[str]:
    ids = [k[len(PICK):] for k in ctx.form if k.startswith(PICK)]
    return list(dict.fromkeys(i for i in ids if 0 < len(i) <= 64))


@route("/queue/bulk", "review", methods=("POST",))
def queue_bulk(ctx: Ctx) -> Response:
    """One action on the selected rows, each document through the same service function (and
    the same refusals) as the single action, in a savepoint of its own: a document that cannot
    be done is left as it was and named with the reason; every one done has its audit row."""
    action = ctx.field("action")
    if action not in BULK_ACTIONS:
        raise RejectedInput("choose what to do with the selected documents")
    ids = _picked(ctx)
    if not ids:
        raise RejectedInput("select at least one document")
    reason, note = ctx.field("reason"), ctx.field("note")[:500]
    if action == "reject" and reason not in review.REJECT_REASONS:
        raise RejectedInput("choose a rejection reason")
    view = queue.QueueView.from_params(dict(parse_qsl(ctx.field("view")[:1000])))
    minutes = ctx.web.options.claim_minutes
    with ctx.tx() as conn:
        target = None
        if action == "assign":
            target = get_user_by_name(conn, ctx.field("assignee")[:64])
            if target is None or not target.may("review"):
                raise RejectedInput("documents can be assigned only to an active user who "
                                    "reviews documents")
        labels = {r.doc_id: r.label for r in queue.list_rows(conn, view, doc_ids=ids,
                                                              limit=len(ids))}
        done: list[tuple[str, str]] = []
        left: list[tuple[str, str, str]] = []
        for doc_id in ids:
            label = labels.get(doc_id, "Unknown document")
            try:
                with conn.begin_nested():
                    result = _bulk_one(ctx, conn, action, doc_id, target=target, reason=reason,
                                       note=note, minutes=minutes)
                done.append((doc_id, label + (f" ({result})" if result else "")))
            except ClaimConflict as e:
                left.append((doc_id, label, f"{e.holder} is working on this document"))
            except RejectedInput as e:
                left.append((doc_id, label, e.detail or "this cannot be done to it"))
        values = _queue_context(ctx, conn, view)
        audit.record(conn, user=ctx.user, action=audit.VIEW_QUEUE, where=ctx.where,
                     detail=f"after bulk {action}: {len(done)} done, {len(left)} left")
    return ctx.render("queue.html", outcome=BulkOutcome(action, done, left), **values)


def _bulk_one(ctx: Ctx, conn, action: str, doc_id: str, *, target, reason: str, note: str,
              minutes: int) -> str:
    """Do ``action`` to one document; returns a note for the page ("" when there is none)."""
    if action == "claim":
        review.claim(conn, doc_id, ctx.user, minutes=minutes)
        audit.record(conn, user=ctx.user, action=audit.CLAIM, where=ctx.where, doc_id=doc_id,
                     detail="bulk")
        return ""
    if action == "assign":
        review.assign(conn, doc_id, ctx.user, to=target, minutes=minutes)
        audit.record(conn, user=ctx.user, action=audit.ASSIGN, where=ctx.where, doc_id=doc_id,
                     detail=f"assigned to {target.username} (bulk)")
        return ""
    if action == "approve":
        outcome = review.approve(conn, doc_id, ctx.user)
        row = views.load_document(conn, doc_id)
        audit.record(conn, user=ctx.user, action=audit.APPROVE, where=ctx.where,
                     doc_id=doc_id, patient_id=row.patient_id, detail=f"{outcome} (bulk)")
        return "waits for its author's signature" if outcome == AWAITING_SIGNATURE else ""
    review.reject(conn, doc_id, ctx.user, reason=reason, note=note)
    row = views.load_document(conn, doc_id)
    audit.record(conn, user=ctx.user, action=audit.REJECT, where=ctx.where,
                 doc_id=doc_id, patient_id=row.patient_id, detail=f"{reason} (bulk)")
    return ""


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


ROUTES = [queue_page, queue_bulk, queue_next, claim_document, release_document, correct_document,
          approve_document, reject_document, split_document, merge_document]
