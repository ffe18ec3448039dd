"""Upload (scanning stations), the audit page and its CSV export, the operations page and the
dead-letter replay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from himflow import deadletters
from himflow.db import dead_letters, document_history, documents, utcnow
from himflow.errors import RejectedInput
from himflow.upload import ACCEPTED_EXT, Hints, Incoming, kind_of, store_and_announce, suffix_of
from desk import audit, review
from desk.ctx import Ctx, parse_date, route
from desk.auth import get_user_by_name
from schemas.events import DocumentStatus

# -- upload ------------------------------------------------------------------------------------
@route("/upload", "upload")
def upload_form(ctx: Ctx) -> Response:
    return ctx.render("upload.html", done=None)


def _author(ctx: Ctx) -> str | None:
    """Who the upload names as author: a physician always themself; an administrator may name
    an active physician account; anyone else naming an author is refused (403)."""
    if ctx.user.role == "physician":
        return ctx.user.username
    named = ctx.field("author")[:128]
    if not named:
        return None
    if not ctx.user.may("attribute_authorship"):
        raise AuthorshipRefused
    with ctx.tx() as conn:
        author = get_user_by_name(conn, named)
    if author is None or author.role != "physician":
        raise RejectedInput("the author must be the user name of an active physician account")
    return author.username


class AuthorshipRefused(Exception):
    pass


@route("/upload", "upload", methods=("POST",), upload=True)
def upload(ctx: Ctx) -> Response:
    """Take the file in the way the CLI and the hot folder do (``store_and_announce``: a key
    of our own, no PHI; hints in upload_hints), announced through the outbox in the
    transaction that writes the audit row.

    The answer names the file and its reference (the document id, which `himflow status`
    knows) with a link to the upload's status page (``routes_uploads``); an uploader reads
    nothing of the document there unless their role reads patient data."""
    try:
        author = _author(ctx)
    except AuthorshipRefused:
        return ctx.error("Only the physician themself or an administrator may name the author "
                         "of an upload.", status=403)
    file = ctx.form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        raise RejectedInput("choose a file")
    ext = suffix_of(file.filename)
    if ext not in ACCEPTED_EXT:
        raise RejectedInput("unsupported file type")
    limit = ctx.web.settings.limits.max_object_bytes
    data = file.file.read(limit + 1)
    if not data:
        raise RejectedInput("the file is empty")
    if len(data) > limit:
        raise RejectedInput("the file is too large")
    hints = Hints(kind=kind_of(ext), patient=ctx.field("mrn")[:64] or None,
                  encounter=ctx.field("encounter")[:64] or None, author=author,
                  document_type=ctx.field("document_type")[:32] or None)

    def audited(conn, uploaded) -> None:
        audit.record(conn, user=ctx.user, action=audit.UPLOAD, where=ctx.where,
                     doc_id=uploaded[0].doc_id,
                     detail=f"upload {uploaded[0].upload_id} {len(data)} bytes")

    (done,) = store_and_announce(
        ctx.web.settings,
        [Incoming(name=file.filename, data=data,
                  content_type=file.content_type or "application/octet-stream")],
        hints=hints, store=ctx.web.store, engine=ctx.web.engine, key_prefix="web",
        via_outbox=True, also=audited, uploaded_by=ctx.user.username)
    return ctx.render("upload.html", done=UploadAnswer(name=Path(file.filename).name,
                                                       doc_id=done.doc_id))


@dataclass(frozen=True)
class UploadAnswer:
    name: str
    doc_id: str


# -- audit -------------------------------------------------------------------------------------
def _audit_filters(ctx: Ctx) -> dict[str, str]:
    return {k: ctx.field(k)[:64] for k in ("patient_id", "doc_id", "username", "action",
                                             "date_from", "date_to")}


def _audit_rows(ctx: Ctx, conn, f: dict[str, str], *, limit: int):
    return audit.query(conn, patient_id=f.get("patient_id") or None, doc_id=f.get("doc_id") or None,
                       username=f.get("username") or None, action=f.get("action") or None,
                       date_from=parse_date(f.get("date_from", "")), date_to=parse_date(f.get("date_to", "")),
                       limit=limit)


@route("/audit", "audit")
def audit_page(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        rows = _audit_rows(ctx, conn, {}, limit=200)
        audit.record(conn, user=ctx.user, action=audit.VIEW_AUDIT, where=ctx.where)
    return ctx.render("audit.html", rows=rows, filters={})


@route("/audit", "audit", methods=("POST",))
def audit_search(ctx: Ctx) -> Response:
    f = _audit_filters(ctx)
    with ctx.tx() as conn:
        rows = _audit_rows(ctx, conn, f, limit=500)
        audit.record(conn, user=ctx.user, action=audit.VIEW_AUDIT, where=ctx.where,
                     patient_id=f["patient_id"] or None, doc_id=f["doc_id"] or None,
                     detail="filters: " + ",".join(k for k, v in f.items() if v))
    return ctx.render("audit.html", rows=rows, filters=f)


@route("/audit/export", "audit", methods=("POST",))
def audit_export(ctx: Ctx) -> Response:
    """CSV answering "who saw this patient's records" (accounting of disclosures)."""
    f = _audit_filters(ctx)
    with ctx.tx() as conn:
        rows = _audit_rows(ctx, conn, f, limit=100_000)
        audit.record(conn, user=ctx.user, action=audit.EXPORT_AUDIT, where=ctx.where,
                     patient_id=f["patient_id"] or None, doc_id=f["doc_id"] or None,
                     purpose="disclosure-accounting", detail=f"{len(rows)} rows")
    name = f"audit-{utcnow():%Y%m%d-%H%M%S}.csv"
    return Response(audit.to_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# -- operations --------------------------------------------------------------------------------
def _day(col):
    return sa.func.substr(sa.cast(col, sa.String), 1, 10)


def operations_figures(conn, *, days: int = 14) -> dict:
    since = utcnow() - timedelta(days=days)
    day = _day(documents.c.created_at).label("day")
    volumes = list(conn.execute(
        sa.select(day, sa.func.coalesce(documents.c.type_display, "(unclassified)").label("type"),
                  sa.func.count().label("n"))
        .where(documents.c.created_at >= since, documents.c.status != DocumentStatus.SPLIT.value)
        .group_by(day, "type").order_by(day.desc(), sa.text("n DESC"))
    ))
    depth, oldest = review.queue_depth(conn)
    by_status = dict(conn.execute(
        sa.select(documents.c.status, sa.func.count())
        .where(documents.c.created_at >= since).group_by(documents.c.status)).all())
    approved = int(conn.execute(
        sa.select(sa.func.count(sa.distinct(document_history.c.doc_id)))
        .where(document_history.c.stage == review.REVIEW_STAGE,
               document_history.c.status == DocumentStatus.FILED.value,
               document_history.c.at >= since)).scalar() or 0)
    filed = int(by_status.get(DocumentStatus.FILED.value, 0))
    decided = filed + int(by_status.get(DocumentStatus.REVIEW.value, 0))
    auto = max(filed - approved, 0)
    dl = list(conn.execute(sa.select(dead_letters).order_by(dead_letters.c.id.desc()).limit(50)))
    dl_by_reason = list(conn.execute(
        sa.select(dead_letters.c.reason, sa.func.count()).where(dead_letters.c.replayed_at.is_(None))
        .group_by(dead_letters.c.reason).order_by(sa.func.count().desc())))
    return dict(volumes=volumes, depth=depth, oldest=oldest, by_status=by_status, filed=filed,
                approved=approved, auto=auto, decided=decided,
                auto_rate=(auto / decided) if decided else None, dead_letters=dl,
                dl_by_reason=dl_by_reason, days=days)


@route("/operations", "operations")
def operations_page(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        figures = operations_figures(conn)
        audit.record(conn, user=ctx.user, action=audit.VIEW_OPERATIONS, where=ctx.where)
    return ctx.render("operations.html", replayed=ctx.request.query_params.get("replayed"), **figures)


@route("/operations/dead-letters/{dl_id:int}/replay", "replay", methods=("POST",))
def replay_dead_letter(ctx: Ctx) -> Response:
    """Write the dead letter's original message back to its topic (through the outbox, in
    the same transaction that marks the replay)."""
    dl_id = int(ctx.request.path_params["dl_id"])
    with ctx.tx() as conn:
        row = deadletters.requeue(conn, dl_id)
        audit.record(conn, user=ctx.user, action=audit.REPLAY, where=ctx.where, doc_id=row.doc_id,
                     detail=f"dead letter {dl_id} to {row.topic}")
    return RedirectResponse(f"/operations?replayed={dl_id}", status_code=303)


ROUTES = [upload_form, upload, audit_page, audit_search, audit_export, operations_page,
          replay_dead_letter]
