"""Chart audit (issue 15.4): a records clerk audits an encounter against its checklist and
records pass or fail with findings; random samples of encounters make quality worklists.

``GET /chart-audit``: the samples (progress of each), the form to draw one, the latest audits.
``POST /chart-audit/samples``: draw a sample (class, discharge period, size, optional seed).
``GET /chart-audit/samples/<id>``: its worklist, summary (audited, passed, failed, most common
findings) and how to reproduce it (seed, population digest, drawn again now).
``GET /chart-audit/encounters/<id>[?sample=<id>]``: the checklist (required documents present /
missing / unsigned, the encounter's documents, the clerk's checks) and the result form;
``POST`` the same path records it (``chart.audit.record_audit``).

Permission ``chart_audit`` (records staff and administrators). Every page that names patients
writes an audit row per patient shown (``view-chart-audit``), in the transaction that read
them; drawing a sample writes ``sample-chart-audit``, recording an audit
``record-chart-audit`` with the result, in the transaction that stored it.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.responses import RedirectResponse, Response

from chart import audit as chart_audit
from chart.deficiencies import load_rules
from desk import audit
from desk.chart_audit import audit_rows, encounter_words, patient_facts, work_rows
from desk.ctx import Ctx, parse_date, route
from himflow.db import utcnow
from himflow.errors import RejectedInput
from schemas.events import ReasonCode

PERMISSION = "chart_audit"  # desk/auth.py PERMISSIONS
PAGE = "/chart-audit"
NAV = [("Chart audit", PAGE, PERMISSION)]
RECENT = 20


def _record_views(ctx: Ctx, conn, patient_ids: set[str], detail: str) -> None:
    """One audit row per patient shown (or one without a patient when none was)."""
    if not patient_ids:
        audit.record(conn, user=ctx.user, action=audit.VIEW_CHART_AUDIT, where=ctx.where, detail=detail)
        return
    audit.record_many(conn, (
        {"at": utcnow(), "user_id": ctx.user.id, "username": ctx.user.username, "role": ctx.user.role,
         "action": audit.VIEW_CHART_AUDIT, "patient_id": pid, "purpose": ctx.user.purpose, "ip": ctx.where.ip,
         "user_agent": ctx.where.user_agent, "detail": detail}
        for pid in sorted(patient_ids)))


def _home(ctx: Ctx, *, status: int = 200, error: str = "", form: dict | None = None) -> Response:
    today = utcnow().date()
    with ctx.tx() as conn:
        samples = []
        for s in chart_audit.list_samples(conn):
            samples.append((s, chart_audit.summarize(chart_audit.worklist(conn, s))))
        recent = audit_rows(conn, chart_audit.list_audits(conn, limit=RECENT))
        _record_views(ctx, conn, {r.record.patient_id for r in recent},
                      f"chart audit home: {len(samples)} samples, {len(recent)} recent audits")
    form = form or {"from": (today - timedelta(days=30)).isoformat(), "to": today.isoformat(), "class": "IMP",
                    "n": "10", "seed": ""}
    return ctx.render("chart_audit.html", status=status, samples=samples, recent=recent, error=error, form=form,
                      classes=chart_audit.CLASSES)


@route(PAGE, PERMISSION)
def chart_audit_home(ctx: Ctx) -> Response:
    return _home(ctx)


@route(PAGE + "/samples", PERMISSION, methods=("POST",))
def draw_sample(ctx: Ctx) -> Response:
    form = {k: ctx.field(k)[:20] for k in ("from", "to", "class", "n", "seed")}
    try:
        start, end = parse_date(form["from"]), parse_date(form["to"])
        if start is None or end is None:
            raise RejectedInput("enter the first and the last discharge day")
        try:
            n = int(form["n"])
            seed = int(form["seed"]) if form["seed"] else None
        except ValueError:
            raise RejectedInput("the sample size and the seed are whole numbers") from None
        with ctx.tx() as conn:
            sample = chart_audit.create_sample(conn, enc_class=form["class"], start=start, end=end, n=n, seed=seed,
                                               created_by=ctx.user.username)
            audit.record(conn, user=ctx.user, action=audit.SAMPLE_CHART_AUDIT, where=ctx.where,
                         detail=f"sample {sample.sample_id}: {len(sample.encounter_ids)} of {sample.population} "
                                f"{sample.enc_class} discharged {start}..{end}, seed {sample.seed}")
    except RejectedInput as e:
        return _home(ctx, status=400, error=e.detail or "That sample cannot be drawn.", form=form)
    return RedirectResponse(f"{PAGE}/samples/{sample.sample_id}", status_code=303)


def _sample_or_404(conn, sample_id: str) -> chart_audit.Sample:
    sample = chart_audit.get_sample(conn, sample_id)
    if sample is None:
        raise RejectedInput("no such sample", reason=ReasonCode.OBJECT_MISSING)
    return sample


@route(PAGE + "/samples/{sample_id}", PERMISSION)
def sample_page(ctx: Ctx) -> Response:
    sample_id = str(ctx.request.path_params["sample_id"])[:40]
    with ctx.tx() as conn:
        sample = _sample_or_404(conn, sample_id)
        items = chart_audit.worklist(conn, sample)
        rows = work_rows(conn, items)
        again = chart_audit.redraw(conn, sample)
        summary = chart_audit.summarize(items)
        _record_views(ctx, conn, {i.patient_id for i in items if i.patient_id},
                      f"chart audit sample {sample.sample_id}: {summary.audited} of {summary.total} audited")
    done = ctx.request.query_params.get("done", "")[:64]
    return ctx.render("chart_audit_sample.html", sample=sample, rows=rows, summary=summary, again=again,
                      done=next((r for r in rows if r.encounter_id == done), None))


def _checklist(ctx: Ctx, conn, encounter_id: str) -> chart_audit.Checklist:
    data_dir = ctx.web.settings.data_dir
    cl = chart_audit.checklist(conn, encounter_id, rules=load_rules(data_dir), checks=chart_audit.load_checks(data_dir))
    if cl is None:  # unknown id: nothing shown, nothing audited
        raise RejectedInput("no such encounter", reason=ReasonCode.OBJECT_MISSING)
    return cl


def _encounter_page(ctx: Ctx, encounter_id: str, *, sample_id: str, status: int = 200, error: str = "",
                    answers: dict | None = None, result: str = "", findings: str = "", notes: str = "",
                    recorded: str = "") -> Response:
    with ctx.tx() as conn:
        cl = _checklist(ctx, conn, encounter_id)
        sample = _sample_or_404(conn, sample_id) if sample_id else None
        if sample is not None and encounter_id not in sample.encounter_ids:
            raise RejectedInput("this encounter is not in that sample", reason=ReasonCode.OBJECT_MISSING)
        patient = patient_facts(conn, cl.patient_id)
        history = chart_audit.list_audits(conn, encounter_id=encounter_id)
        audit.record(conn, user=ctx.user, action=audit.VIEW_CHART_AUDIT, where=ctx.where, patient_id=cl.patient_id,
                     detail=f"audit checklist of encounter {encounter_id}: "
                            + ", ".join(f"{r.type_code} {r.status}" for r in cl.required))
    return ctx.render("chart_audit_encounter.html", status=status, cl=cl, patient=patient,
                      encounter_words=encounter_words(cl.encounter), sample=sample, history=history, error=error,
                      answers=answers or {}, result=result, findings=findings, notes=notes,
                      recorded=recorded, answer_words=chart_audit.ANSWERS)


@route(PAGE + "/encounters/{encounter_id}", PERMISSION)
def encounter_checklist(ctx: Ctx) -> Response:
    params = ctx.request.query_params
    return _encounter_page(ctx, str(ctx.request.path_params["encounter_id"])[:64],
                           sample_id=params.get("sample", "")[:40], recorded=params.get("recorded", "")[:12])


@route(PAGE + "/encounters/{encounter_id}", PERMISSION, methods=("POST",))
def record_result(ctx: Ctx) -> Response:
    encounter_id = str(ctx.request.path_params["encounter_id"])[:64]
    sample_id = ctx.field("sample")[:40]
    result, notes, findings = ctx.field("result")[:8], ctx.field("notes"), ctx.field("findings")[:4000]
    try:
        with ctx.tx() as conn:
            cl = _checklist(ctx, conn, encounter_id)
            answers = {c["key"]: ctx.field(f"check-{c['key']}")[:8] for c in cl.checks}
            rec = chart_audit.record_audit(conn, cl, answers=answers, result=result, notes=notes,
                                           extra_findings=findings.splitlines(), auditor=ctx.user.username,
                                           sample_id=sample_id or None)
            audit.record(conn, user=ctx.user, action=audit.RECORD_CHART_AUDIT, where=ctx.where,
                         patient_id=cl.patient_id,
                         detail=f"chart audit {rec.id} of encounter {encounter_id}: {rec.result}, "
                                f"{len(rec.findings)} findings" + (f", sample {sample_id}" if sample_id else ""))
    except RejectedInput as e:
        if e.reason == ReasonCode.OBJECT_MISSING:
            raise
        answers = {k[len("check-"):]: v for k, v in ctx.form.items() if k.startswith("check-") and isinstance(v, str)}
        return _encounter_page(ctx, encounter_id, sample_id=sample_id, status=400,
                               error=e.detail or "That result cannot be recorded.", answers=answers,
                               result=result, findings=findings, notes=notes)
    if sample_id:
        return RedirectResponse(f"{PAGE}/samples/{sample_id}?done={encounter_id}", status_code=303)
    return RedirectResponse(f"{PAGE}/encounters/{encounter_id}?recorded={rec.id}", status_code=303)


ROUTES = [chart_audit_home, draw_sample, sample_page, encounter_checklist, record_result]
