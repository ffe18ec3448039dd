"""The document viewer's actions: turning a page (a correction, permission ``review``) and
viewing a document beside the one its ``duplicate-of:<id>`` / ``rescan-of:<id>`` reason names
(permission ``read_phi``; both documents' views audited, each under its own patient).

The viewer itself (thumbnails, zoom, fit to width) is document.html + app.js on the page
images of routes_docs; a turned page comes out of that route turned (desk/rotations.py).
"""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response

from desk import audit, rotations, views
from desk.ctx import Ctx, route
from desk.review import ClaimConflict
from himflow.errors import RejectedInput


def _doc_id(ctx: Ctx, name: str = "doc_id") -> str:
    return str(ctx.request.path_params[name])[:64]


def _document(ctx: Ctx, conn, row) -> views.DocumentView:
    """The document's read model (its pages as the document page counts them)."""
    return views.document_view(conn, row, store=ctx.web.store,
                               derived_bucket=ctx.web.settings.store.derived_bucket,
                               unsure_below=ctx.web.options.unsure_word_probability)


@route("/documents/{doc_id}/rotate", "review", methods=("POST",))
def rotate_page(ctx: Ctx) -> Response:
    doc_id = _doc_id(ctx)
    try:
        position, turn = int(ctx.field("page")), int(ctx.field("turn"))
    except ValueError:
        raise RejectedInput("choose a page and a turn") from None
    try:
        with ctx.tx() as conn:
            row = views.load_document(conn, doc_id)
            count = len(_document(ctx, conn, row).pages)
            degrees = rotations.rotate_page(conn, row, ctx.user, position=position, turn=turn,
                                            page_count=count)
            audit.record(conn, user=ctx.user, action=audit.ROTATE_PAGE, where=ctx.where,
                         doc_id=doc_id, patient_id=row.patient_id,
                         detail=f"page {position} turned {turn}, now {degrees} degrees clockwise")
    except ClaimConflict as e:
        return ctx.error(f"{e.holder} is working on this document; the page was not turned.",
                         status=409)
    return RedirectResponse(f"/documents/{doc_id}?page={position}", status_code=303)


@route("/documents/{doc_id}/compare/{other_id}", "read_phi")
def compare_page(ctx: Ctx) -> Response:
    """Both documents' pages side by side. Only for a pair one of whose reasons names the
    other (any other pair answers 400, so this is no way round the document page)."""
    doc_id, other_id = _doc_id(ctx), _doc_id(ctx, "other_id")
    with ctx.tx() as conn:
        row = views.load_document(conn, doc_id)
        other = views.load_document(conn, other_id)
        if not views.relates(row, other):
            raise RejectedInput("these documents are not marked as duplicates or rescans")
        sides: list[dict[str, Any]] = []
        for this, beside in ((row, other), (other, row)):
            turned = rotations.rotations(conn, this.id)
            view = _document(ctx, conn, this)
            patient = views.patient_view(conn, this.patient_id) if this.patient_id else None
            sides.append(dict(doc=view, patient=patient,
                              turns=[turned.get(p, 0) for p in view.pages]))
            audit.record(conn, user=ctx.user, action=audit.VIEW_DOCUMENT, where=ctx.where,
                         doc_id=this.id, patient_id=this.patient_id,
                         detail=f"side by side with {beside.id}")
    return ctx.render("compare.html", sides=sides,
                      reasons=[r for r in views.related_ids(sides[0]["doc"].reasons)
                               if r[1] == other_id])


ROUTES = [rotate_page, compare_page]
