"""Retention on the desk (``/retention``): documents past retention, proposed destructions,
legal holds, and the destruction certificates with their CSV export.

Records staff (permission ``retention``) see the list, propose a destruction (with a reason)
and set legal holds; an administrator (``retention_approve``) approves a destruction, which
destroys the content (chart/destruction.py; another person than the proposer), and releases
holds. Every change goes through the chart area's service functions, which write their own
audit rows (who, role, address); the pages that show patients' documents write a view row.
"""

from __future__ import annotations

from datetime import date

from starlette.responses import RedirectResponse, Response

from chart import destruction, holds
from chart.retention import documents_past_retention, load_schedule
from desk import audit
from desk.ctx import Ctx, route
from desk.patient_index import patients_db
from himflow.db import get_document
from himflow.errors import RejectedInput

VIEW_RETENTION = "view-retention"
EXPORT_CERTIFICATES = "export-certificates"


def _actor(ctx: Ctx) -> holds.Actor:
    return holds.Actor(username=ctx.user.username, role=ctx.user.role, user_id=ctx.user.id, ip=ctx.where.ip,
                       user_agent=ctx.where.user_agent or "desk")


def _today() -> date:
    return date.today()  # noqa: DTZ011 - retention dates are the department's calendar days


def _names(conn, patient_ids) -> dict[str, str]:
    out = {}
    for pid in set(patient_ids):
        p = patients_db.get_patient(conn, pid) if pid else None
        out[pid] = f"{p['family']}, {p['given']} ({p['mrn']})" if p else (pid or "")
    return out


def _page(ctx: Ctx, *, error: str = "", notice: str = "", status: int = 200) -> Response:
    with ctx.tx() as conn:
        due = documents_past_retention(conn, load_schedule(ctx.web.settings.data_dir), today=_today())
        held = {d.doc_id: [h.id for h in holds.holds_on(conn, get_document(conn, d.doc_id))] for d in due}
        open_ = {d.doc_id: d for d in destruction.list_destructions(conn, states=destruction.OPEN_STATES)}
        active = holds.list_holds(conn, active_only=True)
        names = _names(conn, [d.patient_id for d in due] + [h.patient_id for h in active]
                       + [d.patient_id for d in open_.values()])
        audit.record(conn, user=ctx.user, action=VIEW_RETENTION, where=ctx.where,
                     detail=f"retention: {len(due)} past retention, {len(open_)} proposed, {len(active)} holds")
    return ctx.render("retention.html", status=status, due=due, held=held, proposed=list(open_.values()),
                      open_by_doc=open_, holds=active, names=names, error=error, notice=notice)


@route("/retention", "retention")
def retention_page(ctx: Ctx) -> Response:
    return _page(ctx)


def _act(ctx: Ctx, fn, *, notice: str) -> Response:
    try:
        fn()
    except RejectedInput as e:
        return _page(ctx, error=e.detail or "That cannot be done.", status=409 if isinstance(
            e, (holds.UnderLegalHold, destruction.DestructionRefused)) else 400)
    return RedirectResponse(f"/retention?done={notice}", status_code=303)


@route("/retention/propose", "retention", methods=("POST",))
def propose(ctx: Ctx) -> Response:
    def act() -> None:
        with ctx.tx() as conn:
            destruction.propose(conn, _actor(ctx), ctx.field("doc_id")[:64], reason=ctx.field("reason")[:2000],
                                schedule=load_schedule(ctx.web.settings.data_dir), today=_today())

    return _act(ctx, act, notice="proposed")


@route("/retention/approve", "retention_approve", methods=("POST",))
def approve(ctx: Ctx) -> Response:
    def act() -> None:
        destruction.approve(ctx.web.engine, ctx.web.store, _actor(ctx), ctx.field("destruction_id")[:40],
                            derived_bucket=ctx.web.settings.store.derived_bucket)

    return _act(ctx, act, notice="destroyed")


@route("/retention/cancel", "retention", methods=("POST",))
def cancel(ctx: Ctx) -> Response:
    def act() -> None:
        with ctx.tx() as conn:
            destruction.cancel(conn, _actor(ctx), ctx.field("destruction_id")[:40])

    return _act(ctx, act, notice="cancelled")


@route("/retention/holds", "retention", methods=("POST",))
def set_hold(ctx: Ctx) -> Response:
    def act() -> None:
        with ctx.tx() as conn:
            pid = None
            if ctx.field("mrn"):
                pid = patients_db.patient_id_for_mrn(conn, ctx.field("mrn")[:64])
                if pid is None:
                    raise RejectedInput("no patient with that MRN")
            hold_id = holds.set_hold(conn, _actor(ctx), reason=ctx.field("reason")[:2000], patient_id=pid,
                                     encounter_id=ctx.field("encounter_id")[:64] or None)
        holds.mirror_to_store(ctx.web.engine, ctx.web.store, hold_id,
                              derived_bucket=ctx.web.settings.store.derived_bucket)

    return _act(ctx, act, notice="hold-set")


@route("/retention/holds/release", "retention_approve", methods=("POST",))
def release_hold(ctx: Ctx) -> Response:
    def act() -> None:
        try:
            hold_id = int(ctx.field("hold_id"))
        except ValueError:
            raise RejectedInput("no such legal hold") from None
        with ctx.tx() as conn:
            holds.release_hold(conn, _actor(ctx), hold_id, reason=ctx.field("reason")[:2000])
        holds.mirror_to_store(ctx.web.engine, ctx.web.store, hold_id,
                              derived_bucket=ctx.web.settings.store.derived_bucket)

    return _act(ctx, act, notice="hold-released")


@route("/retention/certificates", "retention")
def certificates(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        done = destruction.list_destructions(conn, states=(destruction.DESTROYED,))
        objects = {d.id: destruction.objects_of(conn, d.id) for d in done}
        audit.record(conn, user=ctx.user, action=VIEW_RETENTION, where=ctx.where,
                     detail=f"destruction certificates: {len(done)}")
    return ctx.render("retention_certificates.html", certificates=done, objects=objects)


@route("/retention/certificates.csv", "retention")
def certificates_csv(ctx: Ctx) -> Response:
    with ctx.tx() as conn:
        body = destruction.certificates_csv(conn)
        audit.record(conn, user=ctx.user, action=EXPORT_CERTIFICATES, where=ctx.where,
                     detail=f"destruction certificates CSV, {body.count(chr(10)) - 1} lines")
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="destruction-certificates.csv"'})


ROUTES = [retention_page, propose, approve, cancel, set_hold, release_hold, certificates, certificates_csv]
NAV = [("Retention", "/retention", "retention")]
