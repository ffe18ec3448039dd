"""A report's rows as CSV or JSON (the page's ``?format=csv`` and ``himflow report``).

CSV cells that a spreadsheet would read as a formula (text starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) are prefixed with ``'`` (OWASP's CSV injection advice):
physician ids, services and reason codes come from feeds and imports, not from us. Numbers
are written as numbers (a negative figure stays a number)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from reports.catalog import Report

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell as written to CSV: None empty, text that would start a formula prefixed with '."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(report: Report, rows: list[Any]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(report.headers)
    for r in rows:
        w.writerow([neutralise(v) for v in report.cells(r)])
    return buf.getvalue()


def to_json(report: Report, rows: list[Any], *, start: str, end: str) -> str:
    return json.dumps({"report": report.name, "from": start, "to": end,
                       "rows": [asdict(r) for r in rows]}, indent=1)


def csv_filename(report: Report, *, start: str, end: str) -> str:
    return f"himflow-{report.name}-{start}-to-{end}.csv"
