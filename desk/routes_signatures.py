"""The physician's signature queue: ``GET /signatures`` (their unsigned documents and chart
deficiencies, oldest first; a physician's home page) and ``POST /signatures/<doc>/sign``
(sign a dictation of theirs from the queue, through the same service and checks as the
dictation page: ``review.save_dictation``, and the password re-entered when
``HIMFLOW_WEB_SIGN_REAUTH`` asks for it: ``desk.reauth``).

Only the physician's own queue exists: the page reads the signed-in account's name, never a
parameter, so nobody sees another's queue; other roles get 403 (the ``dictate`` permission,
which not even an administrator has). The page shows patients' names and MRNs: it writes one
audit row per patient listed, in the transaction that read them.
"""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from desk import audit, reauth, review, signatures
from desk.ctx import Ctx, route
from himflow.db import utcnow
from himflow.errors import RejectedInput
from chart.deficiencies import load_rules
from himflow import text_index

PAGE = "/signatures"
NAV = [("Signatures", PAGE, "dictate")]


def _rules(ctx: Ctx) -> dict:
    return load_rules(ctx.web.settings.data_dir)


@route(PAGE, "dictate")
def signature_queue(ctx: Ctx) -> Response:
    return _queue_screen(ctx)


def _queue_screen(ctx: Ctx, *, refusal: reauth.Refusal | None = None) -> Response:
    with ctx.tx() as conn:
        rows = signatures.queue_rows(conn, ctx.user, rules=_rules(ctx))
        shown = sorted({r.patient_id for r in rows if r.patient_id})
        detail = (f"signature queue: {len(rows)} rows, "
                  f"{sum(r.delinquent for r in rows)} delinquent")
        if not shown:
            audit.record(conn, user=ctx.user, action=audit.VIEW_QUEUE, where=ctx.where, detail=detail)
        audit.record_many(conn, (
            {"at": utcnow(), "user_id": ctx.user.id, "username": ctx.user.username,
             "role": ctx.user.role, "action": audit.VIEW_QUEUE, "patient_id": pid,
             "purpose": ctx.user.purpose, "ip": ctx.where.ip, "user_agent": ctx.where.user_agent,
             "detail": detail}
            for pid in shown))
    signed = ctx.request.query_params.get("signed", "")[:64]
    return ctx.render("signatures.html", rows=rows, signed=signed,
                      delinquent=sum(r.delinquent for r in rows), reauth=reauth.required(ctx),
                      refusal=refusal, status=refusal.status if refusal else 200)


@route(PAGE + "/{doc_id}/sign", "dictate", methods=("POST",))
def sign_from_queue(ctx: Ctx) -> Response:
    """Sign the dictation as it stands: its latest saved version, else its transcript as
    indexed. Someone else's dictation answers as a missing one (nothing is revealed)."""

    doc_id = str(ctx.request.path_params["doc_id"])[:64]
    with ctx.tx() as conn:
        row = review.own_dictation(conn, doc_id, ctx.user)
    refusal = reauth.confirm(ctx, doc_id=row.id, patient_id=row.patient_id)
    if refusal is not None:
        return _queue_screen(ctx, refusal=refusal)
    with ctx.tx() as conn:
        row = review.own_dictation(conn, doc_id, ctx.user)
        history = review.versions(conn, row.id)
        text = history[0].text if history else (text_index.get_text(conn, row.id) or "")
        if not text.strip():
            raise RejectedInput("this dictation has no transcript yet; open it to write or check it")
        version = review.save_dictation(conn, row.id, ctx.user, text=text, sign=True)
        audit.record(conn, user=ctx.user, action=audit.SIGN_DICTATION, where=ctx.where, doc_id=row.id,
                     patient_id=row.patient_id, detail=f"version {version}, from the signature queue")
    return RedirectResponse(f"{PAGE}?signed={row.id}", status_code=303)


ROUTES = [signature_queue, sign_from_queue]
