"""Reading patient data: the document page, its original (page images, files, audio) through
audited proxy routes, search, and the physician's own dictations (patient search and the
chart: ``routes_chart``).

No PHI in URLs: documents and patients are addressed by our ids; search terms and MRN look-ups
travel in POST bodies (and are recorded in the audit log, which is where they belong).
"""

from __future__ import annotations

import re

from starlette.responses import RedirectResponse, Response

from himflow.db import utcnow
from himflow.errors import RejectedInput
from desk import audit, reauth, review, rotations, signatures, views
from desk.ctx import Ctx, parse_date, route
from desk.review import REJECT_REASONS
from indexing.doctypes import load_doctypes
from himflow import text_index
import sqlalchemy as sa
from himflow.db import documents

_MEDIA = {"searchable_pdf": "application/pdf", "vtt": "text/vtt; charset=utf-8",
          "txt": "text/plain; charset=utf-8", "json": "application/json"}
_EXT = {"application/pdf": "pdf", "image/tiff": "tif", "image/png": "png", "image/jpeg": "jpg"}
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


def _doc_id(ctx: Ctx) -> str:
    return str(ctx.request.path_params["doc_id"])[:64]


class _LazyStore:
    """Builds the object store only when a page actually reads an object."""

    def __init__(self, web):
        self._web = web

    def __getattr__(self, name: str):
        return getattr(self._web.store, name)


def _view(ctx: Ctx, conn, row) -> views.DocumentView:
    return views.document_view(conn, row, store=_LazyStore(ctx.web),
                               derived_bucket=ctx.web.settings.store.derived_bucket,
                               unsure_below=ctx.web.options.unsure_word_probability)


def _current_page(ctx: Ctx, count: int) -> int:
    try:
        page = int(ctx.request.query_params.get("page", "1"))
    except ValueError:
        page = 1
    return min(max(page, 1), max(count, 1))


@route("/documents/{doc_id}", "read_phi")
def document_page(ctx: Ctx) -> Response:
    doc_id = _doc_id(ctx)
    with ctx.tx() as conn:
        row = views.load_document(conn, doc_id)
        view = _view(ctx, conn, row)
        holder = review.claim_holder(conn, doc_id)
        patient = views.patient_view(conn, row.patient_id) if row.patient_id else None
        siblings = review.merge_candidates(conn, row) if row.status == "review" else []
        related = views.related_documents(conn, view.reasons)
        turned = rotations.rotations(conn, doc_id)
        audit.record(conn, user=ctx.user, action=audit.VIEW_DOCUMENT, where=ctx.where,
                     doc_id=doc_id, patient_id=row.patient_id)
    return ctx.render("document.html", doc=view, holder=holder, doctypes=load_doctypes(),
                      patient=patient, siblings=siblings, related=related,
                      turns=[turned.get(p, 0) for p in view.pages],
                      current=_current_page(ctx, len(view.pages)),
                      reject_reasons=REJECT_REASONS,
                      mine=holder is not None and holder[0] == ctx.user.id)


@route("/documents/{doc_id}/pages/{page:int}", "read_phi")
def document_page_image(ctx: Ctx) -> Response:
    """One page as PNG, upright (EXIF) and turned as a reviewer set it; ``?size=thumb`` for
    the viewer's strip of thumbnails. Each request is audited, thumbnails too."""
    doc_id, page = _doc_id(ctx), int(ctx.request.path_params["page"])
    thumb = ctx.request.query_params.get("size") == "thumb"
    with ctx.tx() as conn:
        row = views.load_document(conn, doc_id)
        source_page = rotations.source_page(row, page)
        turn = rotations.rotation(conn, doc_id, source_page)
        audit.record(conn, user=ctx.user, action=audit.VIEW_ORIGINAL, where=ctx.where,
                     doc_id=doc_id, patient_id=row.patient_id,
                     detail=f"page {page}" + (" thumbnail" if thumb else ""))
    bucket, key, media = views.page_source(row, views.json_obj(row.renditions),
                                           ctx.web.settings.store.derived_bucket)
    png = views.render_page_png(ctx.web.store, bucket=bucket, key=key, media_type=media,
                                page=source_page, turn=turn,
                                max_px=views.THUMB_PX if thumb else views.MAX_PAGE_PX)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, no-store"})


def _serve_object(ctx: Ctx, row, name: str) -> Response:
    renditions = views.json_obj(row.renditions)
    if name == "original":
        if not row.bucket or not row.object_key:
            raise RejectedInput("this document has no stored original")
        bucket, key, media = row.bucket, row.object_key, row.media_type or "application/octet-stream"
        ext = _EXT.get(media, media.split("/")[-1][:8] if "/" in media else "bin")
    elif name in renditions and name in _MEDIA:
        bucket, key, media = ctx.web.settings.store.derived_bucket, renditions[name], _MEDIA[name]
        ext = {"searchable_pdf": "pdf"}.get(name, name)
    else:
        raise RejectedInput("no such file for this document")
    data = ctx.web.store.get_bytes(bucket, key)
    # An original is the uploader's bytes (a PDF may carry scripts and actions): the browser
    # saves it, never opens it in a tab, and a sandbox CSP stops anything it would run. An
    # <audio> element still plays it. Renditions are ours and inert: shown inline.
    disposition = "attachment" if name == "original" else "inline"
    headers = {"Content-Disposition": f'{disposition}; filename="{row.id[:24]}.{ext}"',
               "Accept-Ranges": "bytes", "Cache-Control": "private, no-store"}
    if name == "original":
        headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    m = _RANGE.match(ctx.request.headers.get("range", ""))
    if m:
        start = int(m.group(1))
        end = min(int(m.group(2)) if m.group(2) else len(data) - 1, len(data) - 1)
        if start > end:
            return Response(status_code=416, headers={"Content-Range": f"bytes */{len(data)}"})
        headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
        return Response(data[start:end + 1], status_code=206, media_type=media, headers=headers)
    return Response(data, media_type=media, headers=headers)


def _audit_file(ctx: Ctx, conn, row, name: str) -> None:
    # An audio element asks for many byte ranges: audit the first request of a playback only.
    rng = ctx.request.headers.get("range", "")
    if rng and not rng.startswith("bytes=0-"):
        return
    action = audit.DOWNLOAD if ctx.request.query_params.get("download") else audit.VIEW_ORIGINAL
    audit.record(conn, user=ctx.user, action=action, where=ctx.where, doc_id=row.id,
                 patient_id=row.patient_id, detail=f"file {name}")


@route("/documents/{doc_id}/file/{name}", "read_phi")
def document_file(ctx: Ctx) -> Response:
    doc_id, name = _doc_id(ctx), str(ctx.request.path_params["name"])
    with ctx.tx() as conn:
        row = views.load_document(conn, doc_id)
        _audit_file(ctx, conn, row, name)
    return _serve_object(ctx, row, name)


# -- search ----------------------------------------------------------------------------------
@route("/search", "read_phi")
def search_form(ctx: Ctx) -> Response:
    return ctx.render("search.html", hits=None, q="", filters={}, doctypes=load_doctypes())


@route("/search", "read_phi", methods=("POST",))
def search_results(ctx: Ctx) -> Response:
    q = ctx.field("q")[:500]
    filters = {k: ctx.field(k)[:64] for k in ("patient_id", "type_code", "date_from", "date_to")}
    with ctx.tx() as conn:
        hits = text_index.search(
            conn, q, patient_id=filters["patient_id"] or None, type_code=filters["type_code"] or None,
            date_from=parse_date(filters["date_from"]), date_to=parse_date(filters["date_to"]), limit=50,
        )
        rows = {}
        if hits:
            rows = {r.id: r for r in conn.execute(
                sa.select(documents.c.id, documents.c.type_display, documents.c.patient_id,
                          documents.c.status, documents.c.kind)
                .where(documents.c.id.in_([h.doc_id for h in hits])))}
        audit.record(conn, user=ctx.user, action=audit.SEARCH, where=ctx.where,
                     patient_id=filters["patient_id"] or None,
                     detail=f"q={q!r} filters={ {k: v for k, v in filters.items() if v} } "
                            f"hits={len(hits)}")
        audit.record_many(conn, (
            dict(at=utcnow(), user_id=ctx.user.id, username=ctx.user.username,
                 role=ctx.user.role, action="search-hit", doc_id=h.doc_id,
                 patient_id=getattr(rows.get(h.doc_id), "patient_id", None),
                 purpose=ctx.user.purpose, ip=ctx.where.ip, user_agent=ctx.where.user_agent,
                 detail="snippet shown")
            for h in hits))
    shown = [(h, rows.get(h.doc_id), text_index.render_snippet(h.snippet, style="html"))
             for h in hits]
    return ctx.render("search.html", hits=shown, q=q, filters=filters, doctypes=load_doctypes())


# -- physicians: own dictations --------------------------------------------------------------
def _own_dictation(ctx: Ctx, conn):
    # Same answer as a missing document: do not reveal other physicians' documents.
    return review.own_dictation(conn, _doc_id(ctx), ctx.user)


@route("/dictations", "dictate")
def dictation_list(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        items = review.own_dictations(conn, ctx.user)
    return ctx.render("dictations.html", items=items)


@route("/dictations/{doc_id}", "dictate")
def dictation_page(ctx: Ctx) -> Response:
    return _dictation_screen(ctx)


def _dictation_screen(ctx: Ctx, *, draft: str | None = None, refusal: reauth.Refusal | None = None) -> Response:
    """The sign screen: patient (name, MRN, date of birth), type in words, date of service,
    encounter, the audio beside the machine transcript, the text, the versions newest first.
    ``draft``: the text the physician sent (kept when signing was refused)."""
    with ctx.tx() as conn:
        row = _own_dictation(ctx, conn)
        view = _view(ctx, conn, row)
        history = review.versions(conn, row.id)
        header = signatures.sign_header(conn, row)
        audit.record(conn, user=ctx.user, action=audit.VIEW_DOCUMENT, where=ctx.where,
                     doc_id=row.id, patient_id=row.patient_id)
    if draft is None:
        draft = history[0].text if history else _plain(view)
    resp = ctx.render("dictation.html", doc=view, versions=history, draft=draft, header=header,
                      signed=bool(history) and history[0].status == "final",
                      reauth=reauth.required(ctx), oidc=ctx.web.options.oidc is not None,
                      refusal=refusal, status=refusal.status if refusal else 200)
    if refusal is not None and refusal.retry_after_s:
        resp.headers["retry-after"] = str(refusal.retry_after_s)
    return resp


def _plain(view: views.DocumentView) -> str:
    if view.segments:
        return "\n".join(" ".join(w.text for w in s.words) or s.text for s in view.segments)
    return view.text


@route("/dictations/{doc_id}", "dictate", methods=("POST",))
def dictation_save(ctx: Ctx) -> Response:
    sign = ctx.field("action") == "sign"
    text = str(ctx.form.get("text", "")).replace("\r\n", "\n")
    if sign:
        with ctx.tx() as conn:
            row = _own_dictation(ctx, conn)
        refusal = reauth.confirm(ctx, doc_id=row.id, patient_id=row.patient_id)
        if refusal is not None:
            return _dictation_screen(ctx, draft=text, refusal=refusal)
    with ctx.tx() as conn:
        row = _own_dictation(ctx, conn)
        version = review.save_dictation(conn, row.id, ctx.user, text=text, sign=sign)
        audit.record(conn, user=ctx.user, action=audit.SIGN_DICTATION if sign else audit.EDIT_DICTATION,
                     where=ctx.where, doc_id=row.id, patient_id=row.patient_id,
                     detail=f"version {version}" + (", password re-entered" if sign and reauth.required(ctx) else ""))
    return RedirectResponse(f"/dictations/{row.id}", status_code=303)


@route("/dictations/{doc_id}/audio", "dictate")
def dictation_audio(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        row = _own_dictation(ctx, conn)
        _audit_file(ctx, conn, row, "original")
    return _serve_object(ctx, row, "original")


ROUTES = [document_page, document_page_image, document_file, search_form, search_results,
          dictation_list, dictation_page, dictation_save, dictation_audio]
