"""The department's reports (issue 15.6) against a seeded department with hand-worked answers
(tests/resources/reports_seed.py), on SQLite: each query, the CSV export and its formula
neutralising, the SVG charts (well-formed, accessible, escaped), `himflow report --json/--csv`
and who may open /reports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import astuple
from pathlib import Path

import pytest
import sqlalchemy as sa

from chart.deficiencies import DEFAULT_RULES
from desk.db import audit_log
from reports import cli as report_cli
from reports import queries as q
from reports.catalog import REPORTS, Options
from reports.export import neutralise, to_csv
from reports.svg import Series, bar_chart, line_chart, stacked_bar_chart
from tests.resources import reports_seed as seed
from tests.resources.desk_testkit import add_review_document, add_users, make_env, signed_in

SVG = "{http://www.w3.org/2000/svg}"
PERIOD = q.Period(start=seed.START, end=seed.END)
OPTIONS = Options(rules=DEFAULT_RULES, min_quality=seed.MIN_QUALITY, now=seed.NOW)
RANGE = f"from={seed.START}&to={seed.END}"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = make_env(tmp_path_factory.mktemp("reports"))
    seed.seed(env.engine)
    add_users(env.engine, rita="records-staff", ada="admin", otto="auditor", phil="physician",
              scanner1="scanning-station", rose="release-of-information")
    yield env
    env.engine.dispose()


def run(env, name: str) -> list:
    with env.engine.connect() as conn:
        return list(REPORTS[name].run(conn, PERIOD, OPTIONS))


def test_percentile_interpolates_like_percentile_cont():
    assert q.percentile([1, 2, 3, 10], 0.5) == 2.5
    assert q.percentile([1, 2, 3, 10], 0.9) == pytest.approx(7.9)
    assert q.percentile([4.0], 0.9) == 4.0 and q.percentile([], 0.5) is None


def test_documents_received_per_day_by_source_and_type(env):
    assert [astuple(r) for r in run(env, "received")] == seed.RECEIVED


def test_turnaround_median_and_p90_per_kind(env):
    assert [astuple(r) for r in run(env, "turnaround")] == seed.TURNAROUND


def test_auto_file_rate_per_day(env):
    assert [astuple(r) for r in run(env, "autofile")] == seed.AUTOFILE


def test_review_backlog_by_reason(env):
    rows = run(env, "backlog")
    assert [(r.reason, r.documents, r.oldest_days) for r in rows] == seed.BACKLOG
    assert rows[0].reason_words == "Patient match uncertain"
    assert rows[1].reason_words == "Part of the speech is missing from the transcript"


def test_deficiencies_by_physician_and_service_with_aging_buckets(env):
    assert [astuple(r) for r in run(env, "deficiencies")] == seed.DEFICIENCIES


def test_aging_buckets_edges():
    assert [q.aging_bucket(d) for d in (0, 7, 8, 14, 15, 30, 31)] == ["0-7", "0-7", "8-14", "8-14", "15-30",
                                                                       "15-30", ">30"]


def test_roi_volume_and_time_to_release(env):
    assert [astuple(r) for r in run(env, "roi-volume")] == seed.ROI_VOLUME
    assert [astuple(r) for r in run(env, "roi-release")] == seed.ROI_RELEASE


def test_ocr_and_transcription_quality(env):
    assert [astuple(r) for r in run(env, "quality")] == seed.QUALITY


def test_an_empty_period_gives_zero_rows_and_empty_charts(env):
    empty = q.Period(start=seed.START.replace(year=2020), end=seed.END.replace(year=2020))
    with env.engine.connect() as conn:
        assert q.received(conn, empty) == []
        assert [astuple(r) for r in q.turnaround(conn, empty)] == [("scan", 0, None, None),
                                                                    ("dictation", 0, None, None)]
        assert [astuple(r) for r in q.roi_release(conn, empty)] == [("all", 0, None, None)]
        for report in REPORTS.values():
            svg = report.chart(list(report.run(conn, empty, OPTIONS)), empty)
            ET.fromstring(svg)  # well-formed even with nothing to draw


# -- SVG -----------------------------------------------------------------------------------------
def test_every_chart_is_well_formed_and_accessible(env):
    for name, report in REPORTS.items():
        svg = report.chart(run(env, name), PERIOD)
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img", name
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text, name
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}", name
        assert "<script" not in svg and "javascript:" not in svg and "http" not in svg.replace(
            "http://www.w3.org/2000/svg", ""), name
        assert root.findall(f".//{SVG}text"), name  # values and labels as text, not only shapes


def test_chart_values_are_written_as_text(env):
    root = ET.fromstring(REPORTS["received"].chart(run(env, "received"), PERIOD))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "11-02" in texts and "11-05" in texts  # day labels
    assert ["0", "1", "2", "3", "4"] == texts[:5]  # counts get whole-number grid lines (top 4 for 3)
    assert "3" in texts and "2" in texts  # totals above the bars of 11-02 (3) and 11-05 (2)
    assert {"Scanning station", "Physician", "Web upload"} <= set(texts)  # legend
    tips = [t.text for t in root.iter(f"{SVG}title")]
    assert "11-03, Physician: 2" in tips


def test_chart_text_is_escaped():
    nasty = '<script>alert("x")</script> & \'q\''
    for svg in (bar_chart(chart_id="c1", title=nasty, desc=nasty, categories=[nasty], values=[3]),
                stacked_bar_chart(chart_id="c2", title="t", desc="d", categories=["a", "b"],
                                  series=[Series(nasty, (1, 2)), Series("two", (2, 0))]),
                line_chart(chart_id="c3", title="t", desc="d", categories=[nasty, "b"],
                           series=[Series(nasty, (1, None))])):
        assert "<script>" not in svg
        root = ET.fromstring(svg)
        assert nasty in [t.text for t in root.iter(f"{SVG}text")] + [t.text for t in root.iter(f"{SVG}title")]


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError):
        stacked_bar_chart(chart_id="c", title="t", desc="d", categories=["a", "b"], series=[Series("s", (1,))])


# -- CSV -----------------------------------------------------------------------------------------
def test_csv_cells_that_start_a_formula_are_neutralised():
    assert [neutralise(v) for v in ("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok", "a=b")] == [
        "'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "ok", "a=b"]
    assert neutralise(-3) == -3 and neutralise(None) == "" and neutralise(0.5) == 0.5


def test_csv_export_of_a_report_from_the_page(env):
    rita, _ = signed_in(env.app, "rita")
    resp = rita.get(f"/reports/received?{RANGE}&format=csv")
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "text/csv; charset=utf-8"
    assert resp.headers["content-disposition"] == (
        'attachment; filename="himflow-received-2026-11-01-to-2026-11-07.csv"')
    rows = list(csv.reader(io.StringIO(resp.text)))
    assert rows[0] == ["Day", "Source", "Type code", "Type", "Documents"]
    assert [tuple(r[:4]) + (int(r[4]),) for r in rows[1:]] == seed.RECEIVED
    rel = list(csv.reader(io.StringIO(rita.get(f"/reports/roi-release?{RANGE}&format=csv").text)))
    assert rel[1] == ["all", "3", "4.5", "11.3"]
    with env.engine.connect() as conn:
        exports = conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action == "export-report")).scalars()
        assert "received 2026-11-01..2026-11-07, 8 rows" in list(exports)


def test_csv_export_neutralises_formulas_coming_from_the_data(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, rita="records-staff")
    add_review_document(env.engine, "evil", reasons='["=HYPERLINK(\\"http://x\\")", "@SUM(A1)", "+1", "-2"]')
    rita, _ = signed_in(env.app, "rita")
    rows = list(csv.reader(io.StringIO(rita.get("/reports/backlog?format=csv").text)))
    codes = {r[0] for r in rows[1:]}
    assert codes == {"'=HYPERLINK(\"http", "'@SUM(A1)", "'+1", "'-2"}  # reason_key cuts at the first colon
    assert all(not c.startswith(("=", "+", "-", "@")) for r in rows[1:] for c in r)
    env.engine.dispose()


def test_csv_of_every_report_has_its_headers_and_a_line_per_row(env):
    for name, report in REPORTS.items():
        rows = run(env, name)
        parsed = list(csv.reader(io.StringIO(to_csv(report, rows))))
        assert parsed[0] == report.headers and len(parsed) == len(rows) + 1, name


# -- the page and who may see it -----------------------------------------------------------------
def test_records_staff_and_admins_open_reports_others_are_refused(env):
    for name in ("rita", "ada"):
        client, _ = signed_in(env.app, name)
        page = client.get(f"/reports?{RANGE}")
        assert page.status_code == 200, name
        assert '<a href="/reports"' in page.text  # the navigation link
    for name in ("otto", "phil", "scanner1", "rose"):
        client, _ = signed_in(env.app, name)
        assert client.get("/reports").status_code == 403, name
        assert client.get(f"/reports/received?{RANGE}&format=csv").status_code == 403, name
        assert '<a href="/reports"' not in client.get("/", follow_redirects=True).text, name


def test_the_page_has_a_section_a_chart_and_a_table_per_report(env):
    rita, _ = signed_in(env.app, "rita")
    page = rita.get(f"/reports?{RANGE}").text
    for name, report in REPORTS.items():
        assert f'id="report-{name}"' in page and report.title in page, name
        assert f'id="chart-{name}"' in page, name
        assert f"/reports/{name}?{RANGE.replace('&', '&amp;')}&amp;format=csv" in page, name
    assert page.count("<table class=\"report-table\">") == len(REPORTS)  # every report has rows here
    assert 'value="2026-11-01"' in page and 'value="2026-11-07"' in page
    assert "<td>History and physical note</td>" in page and "<td>dr-moe</td>" in page
    one = rita.get(f"/reports/turnaround?{RANGE}")
    assert one.status_code == 200 and one.text.count('class="report"') == 1 and "17" in one.text


def test_bad_dates_and_unknown_reports_are_refused(env):
    rita, _ = signed_in(env.app, "rita")
    assert rita.get("/reports?from=2026-13-01").status_code == 400
    assert rita.get("/reports?from=2026-11-07&to=2026-11-01").status_code == 400
    assert rita.get("/reports/nonsense").status_code == 404


# -- himflow report --------------------------------------------------------------------------------
def _cli(env, *argv: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[2]
    data_dir = env.settings.data_dir
    return subprocess.run([sys.executable, "-m", "himflow.cli", "report", *argv, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, check=True, timeout=120,
                          env={"PYTHONPATH": str(root), "HIMFLOW_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin",
                               "HIMFLOW_DATABASE_URL": env.settings.db_url})


def test_cli_json_gives_the_same_figures(env):
    out = json.loads(_cli(env, "received", "--from", str(seed.START), "--to", str(seed.END), "--json").stdout)
    assert out["report"] == "received" and out["from"] == "2026-11-01" and out["to"] == "2026-11-07"
    assert [tuple(r.values()) for r in out["rows"]] == seed.RECEIVED
    rel = json.loads(_cli(env, "roi-release", "--from", str(seed.START), "--to", str(seed.END), "--json").stdout)
    assert [tuple(r.values()) for r in rel["rows"]] == seed.ROI_RELEASE


def test_cli_csv_gives_the_same_figures(env):
    out = _cli(env, "turnaround", "--from", str(seed.START), "--to", str(seed.END), "--csv").stdout
    assert list(csv.reader(io.StringIO(out))) == [["Kind", "Filed", "Median hours", "p90 hours"],
                                                  ["scan", "6", "6.0", "17.0"], ["dictation", "2", "3.0", "3.8"]]


def test_cli_names_are_the_catalogs():
    assert report_cli.NAMES == tuple(REPORTS)


# -- Prometheus metrics (/metrics) --------------------------------------------------------------

def _samples(text: str) -> dict[str, float]:
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            out[name] = float(value)
    return out


def test_metrics_carry_the_seeded_department_figures(env):
    from reports.metrics import exposition

    with env.engine.connect() as conn:
        text = exposition(conn, rules=DEFAULT_RULES, now=seed.NOW)
    got = _samples(text)
    assert got["himflow_roi_requests_received_total"] == len(seed.ROI) == 5
    assert got["himflow_roi_requests_released_total"] == 4  # r4 is still in preparation
    assert got['himflow_deficiencies_open{delinquent="yes",kind="missing"}'] == 3
    assert got['himflow_deficiencies_open{delinquent="no",kind="unsigned"}'] == 1
    for reason, n, _ in seed.BACKLOG:
        assert got[f'himflow_review_backlog_documents{{reason="{reason}"}}'] == n
    # counters count since the beginning: "old" was filed on 10-20, before the reports' period
    assert got['himflow_documents_decided_total{decision="auto_filed"}'] == sum(r[2] for r in seed.AUTOFILE) + 1
    assert got['himflow_documents_decided_total{decision="to_review"}'] == sum(r[3] for r in seed.AUTOFILE)
    received = sum(v for k, v in got.items() if k.startswith("himflow_documents_received_total"))
    assert received >= sum(r[4] for r in seed.RECEIVED)
    assert "# TYPE himflow_documents_received_total counter" in text
    assert "# TYPE himflow_review_backlog_documents gauge" in text


def test_metrics_answer_a_token_or_a_reports_session_and_nobody_else(env):
    from starlette.testclient import TestClient

    from desk.integration import create_token

    with env.engine.begin() as conn:
        token = create_token(conn, "prometheus")
    anon = TestClient(env.app, follow_redirects=False)
    assert anon.get("/metrics").status_code == 401
    assert anon.get("/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
    resp = anon.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert "himflow_roi_requests_received_total 5" in resp.text
    rita, _ = signed_in(env.app, "rita")
    assert rita.get("/metrics").status_code == 200
    phil, _ = signed_in(env.app, "phil")
    assert phil.get("/metrics").status_code == 403
