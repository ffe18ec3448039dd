"""The ``/reports`` page of the records desk (a route module in ``desk.routes.ROUTE_MODULES``).

``GET /reports?from=D&to=D``: every report (``reports.catalog.REPORTS``), each a section with
its definition, an SVG chart and the table. ``GET /reports/<name>?from=D&to=D``: one report;
with ``format=csv`` its CSV (attachment, formula cells neutralised). Dates are UTC calendar
days, default the last 30. Permission ``reports`` (records staff and administrators). The
figures are counts over documents and requests, no patient is named; each view and export
still writes an audit row, as the operations page does.

``GET /metrics``: the counters and gauges of ``reports.metrics`` in Prometheus's text format, for
a scraper with an integration bearer token (``himflow tokens``-made, as the record links use:
Prometheus's ``authorization: {credentials_file: ...}``) or a signed-in user with ``reports``.
No credential: 401. Counts only, no patient data, so a scrape is not audited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.responses import PlainTextResponse, Response

from desk import audit
from desk.auth import load_session
from desk.ctx import SESSION_COOKIE, Ctx, parse_date, route
from desk.integration import bearer, verify_token
from himflow.db import utcnow
from himflow.errors import RejectedInput
from reports.catalog import REPORTS, Options, Report
from reports.export import csv_filename, to_csv
from reports.metrics import CONTENT_TYPE, exposition
from reports.queries import Period

PERMISSION = "reports"  # desk/auth.py PERMISSIONS
DEFAULT_DAYS = 30
MAX_DAYS = 3660
A_VIEW = "view-reports"
A_EXPORT = "export-report"
TEMPLATES = Path(__file__).resolve().parent / "templates"
NAV = [("Reports", "/reports", PERMISSION)]
PERCENT_FIELDS = {"auto_file_rate", "low_share", "low_page_share"}


def _period(ctx: Ctx) -> Period:
    params = ctx.request.query_params
    end = parse_date(params.get("to", "").strip()[:10]) or utcnow().date()
    start = parse_date(params.get("from", "").strip()[:10])
    if start is None:
        return Period.last_days(DEFAULT_DAYS, today=end)
    if start > end:
        raise RejectedInput("the first day is after the last day")
    if (end - start).days >= MAX_DAYS:
        raise RejectedInput("ask for ten years at most")
    return Period(start=start, end=end)


def _cell(name: str, value: Any) -> tuple[str, bool]:
    """(text, is a number) of one table cell."""
    if value is None:
        return "—", True
    if name in PERCENT_FIELDS:
        return f"{value * 100:.1f}%", True
    if isinstance(value, float):
        return f"{value:g}", True
    return str(value), isinstance(value, int)


def _section(report: Report, rows: list[Any], period: Period) -> dict[str, Any]:
    query = f"from={period.start}&to={period.end}"
    return dict(report=report, chart=report.chart(rows, period), headers=report.headers,
                rows=[[_cell(f, getattr(r, f)) for f, _ in report.columns] for r in rows],
                csv_url=f"/reports/{report.name}?{query}&format=csv", url=f"/reports/{report.name}?{query}")


def _options(ctx: Ctx) -> Options:
    return Options.for_data_dir(ctx.web.settings.data_dir)


@route("/reports", PERMISSION)
def reports_page(ctx: Ctx) -> Response:
    period = _period(ctx)
    options = _options(ctx)
    with ctx.tx() as conn:
        sections = [_section(r, list(r.run(conn, period, options)), period) for r in REPORTS.values()]
        audit.record(conn, user=ctx.user, action=A_VIEW, where=ctx.where,
                     detail=f"all reports {period.start}..{period.end}")
    return ctx.render("reports.html", sections=sections, period=period, reports=list(REPORTS.values()),
                      single=None)


@route("/reports/{name}", PERMISSION)
def report_page(ctx: Ctx) -> Response:
    report = REPORTS.get(str(ctx.request.path_params["name"]))
    if report is None:
        return ctx.error("No such report.", status=404)
    period = _period(ctx)
    as_csv = ctx.request.query_params.get("format") == "csv"
    with ctx.tx() as conn:
        rows = list(report.run(conn, period, _options(ctx)))
        audit.record(conn, user=ctx.user, action=A_EXPORT if as_csv else A_VIEW, where=ctx.where,
                     detail=f"{report.name} {period.start}..{period.end}" + (f", {len(rows)} rows" if as_csv else ""))
    if as_csv:
        name = csv_filename(report, start=period.start.isoformat(), end=period.end.isoformat())
        return Response(to_csv(report, rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return ctx.render("reports.html", sections=[_section(report, rows, period)], period=period,
                      reports=list(REPORTS.values()), single=report)


@route("/metrics", None)
def metrics(ctx: Ctx) -> Response:
    token = bearer(ctx.request.headers.get("authorization"))
    challenge = {"WWW-Authenticate": 'Bearer realm="himflow"'}
    with ctx.tx() as conn:
        if token is not None:
            if verify_token(conn, token) is None:
                return PlainTextResponse("unknown or revoked token", status_code=401, headers=challenge)
        else:
            session = load_session(conn, ctx.request.cookies.get(SESSION_COOKIE), policy=ctx.web.options.policy)
            if session is None:
                return PlainTextResponse("a bearer token or a signed-in session is required", status_code=401,
                                         headers=challenge)
            if not session.user.may(PERMISSION):
                return PlainTextResponse("your role does not allow this", status_code=403)
        body = exposition(conn, rules=_options(ctx).rules)
    return Response(body, media_type=CONTENT_TYPE, headers={"Cache-Control": "no-store"})


ROUTES = [reports_page, report_page, metrics]
