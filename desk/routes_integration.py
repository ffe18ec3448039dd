"""What a published DocumentReference links to, for integration engines and staff.

    GET /documents/<id>/original        the scan or dictation audio, as received
    GET /documents/<id>/text            the indexed text now (a dictation: its transcript)
    GET /documents/<id>/text/<sha1>     a text exactly as a resource published it
    GET /documents/<id>/searchable.pdf  the searchable PDF OCR made (scans; a document cut from
                                        a batch scan: its own pages, never the whole batch)

Either ``Authorization: Bearer <integration token>`` (desk/integration.py; only for
documents published to the patient record) or a signed-in session with ``read_phi``. No
credential: 401 with ``WWW-Authenticate: Bearer``. Every fetch is audited before the bytes go
out. The bytes are exactly those the resource's ``size`` and ``hash`` describe.
"""

from __future__ import annotations

import sqlalchemy as sa
from starlette.responses import PlainTextResponse, Response

from himflow.errors import RejectedInput
from desk import audit, views
from desk.ctx import SESSION_COOKIE, Ctx, route
from desk.auth import load_session
from desk.db import audit_log
from desk.integration import ROLE, Integrator, bearer, verify_token
from schemas.events import ReasonCode
from publishing.publications import record_publications
from himflow.db import utcnow
from himflow.text_index import get_text
from publishing.publications import published_text
from publishing.publications import document_pdf_key

FETCH = "integration-fetch"
TEXT_PLAIN = "text/plain; charset=utf-8"
_EXT = {"application/pdf": "pdf", "image/tiff": "tif", "image/png": "png", "image/jpeg": "jpg",
        "audio/wav": "wav", "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/flac": "flac",
        "audio/ogg": "ogg", "audio/webm": "webm"}


def _unauthorized(message: str) -> Response:
    return PlainTextResponse(message, status_code=401, headers={"WWW-Authenticate": 'Bearer realm="himflow"'})


def _published(conn, doc_id: str) -> bool:
    return conn.execute(sa.select(record_publications.c.doc_id)
                        .where(record_publications.c.doc_id == doc_id).limit(1)).first() is not None


def _audit_integrator(conn, ctx: Ctx, who: Integrator, row, name: str) -> None:
    where = ctx.where
    conn.execute(audit_log.insert().values(
        at=utcnow(), user_id=None, username=who.username, role=ROLE, action=FETCH, doc_id=row.id,
        patient_id=row.patient_id, purpose="integration", ip=where.ip[:64],
        user_agent=where.user_agent[:255], detail=f"file {name}"))


def _body(ctx: Ctx, conn, row, name: str) -> tuple[bytes, str, str]:
    """(bytes, content type, file extension) of one linked file."""
    if name == "text":
        sha1 = ctx.request.path_params.get("sha1")
        if sha1 is not None:
            text = published_text(conn, row.id, str(sha1)[:40].lower())
            if text is None:
                raise RejectedInput("no such text for this document", reason=ReasonCode.OBJECT_MISSING)
        else:
            text = get_text(conn, row.id) or ""
        return text.encode("utf-8"), TEXT_PLAIN, "txt"
    if name == "original":
        if row.parent_id:
            # Cut from a batch scan: the batch's file holds other documents' pages.
            raise RejectedInput("no such file for this document", reason=ReasonCode.OBJECT_MISSING)
        if not row.bucket or not row.object_key:
            raise RejectedInput("this document has no stored original", reason=ReasonCode.OBJECT_MISSING)
        media = row.media_type or "application/octet-stream"
        return ctx.web.store.get_bytes(row.bucket, row.object_key), media, _EXT.get(media, "bin")

    key = document_pdf_key(row)  # a document cut from a batch: its own pages only
    if not key:
        raise RejectedInput("no searchable PDF for this document", reason=ReasonCode.OBJECT_MISSING)
    return ctx.web.store.get_bytes(ctx.web.settings.store.derived_bucket, key), "application/pdf", "pdf"


def _serve(ctx: Ctx, name: str) -> Response:
    doc_id = str(ctx.request.path_params["doc_id"])[:64]
    token = bearer(ctx.request.headers.get("authorization"))
    with ctx.tx() as conn:
        who: Integrator | None = None
        user = None
        if token is not None:
            who = verify_token(conn, token)
            if who is None:
                return _unauthorized("unknown or revoked token")
        else:
            session = load_session(conn, ctx.request.cookies.get(SESSION_COOKIE), policy=ctx.web.options.policy)
            if session is None:
                return _unauthorized("a bearer token or a signed-in session is required")
            user = session.user
            if not user.may("read_phi"):
                return PlainTextResponse("your role does not allow this", status_code=403)
        row = views.load_document(conn, doc_id)  # 404 when missing
        if who is not None and not _published(conn, doc_id):
            raise RejectedInput("no such document", reason=ReasonCode.OBJECT_MISSING)
        body, media, ext = _body(ctx, conn, row, name)
        if who is not None:
            _audit_integrator(conn, ctx, who, row, name)
        else:
            audit.record(conn, user=user, action=audit.DOWNLOAD, where=ctx.where, doc_id=row.id,
                         patient_id=row.patient_id, detail=f"record file {name}")
    headers = {"Content-Disposition": f'attachment; filename="{row.id[:24]}-{name}.{ext}"',
               "Cache-Control": "private, no-store"}
    return Response(body, media_type=media, headers=headers)


@route("/documents/{doc_id}/original", None)
def record_original(ctx: Ctx) -> Response:
    return _serve(ctx, "original")


@route("/documents/{doc_id}/text", None)
def record_text(ctx: Ctx) -> Response:
    return _serve(ctx, "text")


@route("/documents/{doc_id}/text/{sha1}", None)
def record_published_text(ctx: Ctx) -> Response:
    return _serve(ctx, "text")


@route("/documents/{doc_id}/searchable.pdf", None)
def record_searchable_pdf(ctx: Ctx) -> Response:
    return _serve(ctx, "searchable-pdf")


ROUTES = [record_original, record_text, record_published_text, record_searchable_pdf]
