"""Patient search and the patient chart.

``GET /patients``: the search form (name, date of birth, MRN). ``POST /patients``: the
matches (search terms travel in the body, never the URL); an MRN naming exactly one patient
opens the chart. ``GET /patients/<id>``: the chart (``desk.chart``). Both need ``read_phi``;
every search and every chart view writes its audit row in the transaction that read the data,
and each patient listed in the results gets a ``search-hit`` row (their name and date of birth
were shown). Unknown ids answer 404 and are not audited (nothing was shown).
"""

from __future__ import annotations

from datetime import date

from starlette.responses import RedirectResponse, Response

from desk import audit, chart, views
from desk.ctx import Ctx, parse_date, route
from himflow.db import utcnow
from himflow.errors import RejectedInput
from schemas.events import ReasonCode
from chart.deficiencies import load_rules

SEARCH_HIT = "search-hit"


def _criteria(ctx: Ctx) -> chart.Criteria:
    mrn = ctx.field("mrn")[:64] or ctx.field("term")[:64]  # "term": the former MRN-only form
    return chart.Criteria(name=ctx.field("name")[:200], birth_date=parse_date(ctx.field("birth_date")[:10]),
                          mrn=mrn)


@route("/patients", "read_phi")
def patient_search_form(ctx: Ctx) -> Response:
    return ctx.render("chart_search.html", hits=None, criteria=chart.Criteria())


@route("/patients", "read_phi", methods=("POST",))
def patient_search(ctx: Ctx) -> Response:
    try:
        criteria = _criteria(ctx)
    except RejectedInput as e:
        return ctx.render("chart_search.html", status=400, hits=None, criteria=chart.Criteria(
            name=ctx.field("name")[:200], mrn=ctx.field("mrn")[:64]), error=str(e))
    if criteria.empty:
        return ctx.render("chart_search.html", status=400, hits=None, criteria=criteria,
                          error="Enter a name, a date of birth or an MRN.")
    with ctx.tx() as conn:
        hits = chart.search_patients(conn, criteria)
        if not hits and criteria.mrn and not criteria.name_words and not criteria.birth_date:
            # Patients known only from their documents (no patient index row yet).
            hits = [chart.PatientHit(patient_id=pid, name="Not in the patient index", birth_date=None,
                                     sex="", mrn=criteria.mrn)
                    for pid in views.find_patient_ids(conn, criteria.mrn)]
        audit.record(conn, user=ctx.user, action=audit.SEARCH, where=ctx.where,
                     detail=f"patient search name={criteria.name!r} "
                            f"birth_date={criteria.birth_date.isoformat() if criteria.birth_date else ''} "
                            f"mrn={criteria.mrn!r} matches={len(hits)}")
        audit.record_many(conn, (
            {"at": utcnow(), "user_id": ctx.user.id, "username": ctx.user.username,
             "role": ctx.user.role, "action": SEARCH_HIT, "patient_id": h.patient_id,
             "purpose": ctx.user.purpose, "ip": ctx.where.ip, "user_agent": ctx.where.user_agent,
             "detail": "listed in patient search"}
            for h in hits))
    if criteria.mrn and len(hits) == 1:
        return RedirectResponse(f"/patients/{hits[0].patient_id}", status_code=303)
    return ctx.render("chart_search.html", hits=hits, criteria=criteria, today=date.today())  # noqa: DTZ011 - ages and dates in the department's calendar


def _rules(ctx: Ctx) -> dict | None:
    return load_rules(ctx.web.settings.data_dir)


@route("/patients/{patient_id}", "read_phi")
def patient_chart(ctx: Ctx) -> Response:
    patient_id = str(ctx.request.path_params["patient_id"])[:64]
    with ctx.tx() as conn:
        c = chart.load_chart(conn, patient_id, today=date.today(), rules=_rules(ctx))  # noqa: DTZ011 - the department's calendar day
        if c is None:  # unknown id: nothing was viewed, nothing audited
            raise RejectedInput("no such patient", reason=ReasonCode.OBJECT_MISSING)
        audit.record(conn, user=ctx.user, action=audit.VIEW_PATIENT, where=ctx.where,
                     patient_id=patient_id,
                     detail=f"chart: {len(c.timeline)} documents, {len(c.encounters)} encounters, "
                            f"{len(c.deficiencies)} open deficiencies")
    return ctx.render("chart.html", chart=c)


ROUTES = [patient_search_form, patient_search, patient_chart]
