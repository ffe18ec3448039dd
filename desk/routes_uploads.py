"""An upload's status: ``GET /uploads/<reference>`` (the page the upload's answer links to) and
``GET /uploads/<reference>/status`` (its JSON, which the page's script polls until every file
is final). The reference is the document id (`himflow status <reference>` answers for it).

Permission ``upload``; an upload another account made answers as a missing one unless the
role reads patient data (``desk.uploads.may_see``). The page and its JSON carry no PHI (file
name, size, stage, times, rejection reasons); the page's view is audited, the polls are not
(they repeat the page's facts every few seconds)."""

from __future__ import annotations

from starlette.responses import JSONResponse, Response

from desk import audit, uploads
from desk.ctx import Ctx, route

POLL_SECONDS = 2


def _reference(ctx: Ctx) -> str:
    return str(ctx.request.path_params["reference"])[:64]


@route("/uploads/{reference}", "upload")
def upload_status_page(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        view = uploads.upload_view(conn, _reference(ctx), ctx.user)
        audit.record(conn, user=ctx.user, action=audit.VIEW_UPLOAD, where=ctx.where,
                     doc_id=view.reference, detail=f"upload status: {view.stage}")
    return ctx.render("upload_status.html", up=view, poll_seconds=POLL_SECONDS)


@route("/uploads/{reference}/status", "upload", api=True)
def upload_status_json(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        view = uploads.upload_view(conn, _reference(ctx), ctx.user)
    return JSONResponse(view.as_json())


ROUTES = [upload_status_page, upload_status_json]
