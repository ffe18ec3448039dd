"""The reports' queries on the machine's PostgreSQL server against the seeded department of
tests/resources/reports_seed.py: the same hand-worked answers as on SQLite
(tests/unit/test_reports.py), so the day arithmetic and the aggregates hold on both engines."""

from __future__ import annotations

from dataclasses import astuple

import pytest

from chart.deficiencies import DEFAULT_RULES
from himflow.db import make_engine, migrate
from reports.catalog import REPORTS, Options
from reports.queries import Period
from tests.resources import reports_seed as seed

pytestmark = pytest.mark.integration


def test_every_report_gives_the_known_answers_on_postgresql(pg_url):
    engine = make_engine(pg_url)
    assert engine.dialect.name == "postgresql"
    try:
        migrate(engine)
        seed.seed(engine)
        period = Period(start=seed.START, end=seed.END)
        options = Options(rules=DEFAULT_RULES, min_quality=seed.MIN_QUALITY, now=seed.NOW)
        with engine.connect() as conn:
            got = {name: list(r.run(conn, period, options)) for name, r in REPORTS.items()}
        assert [astuple(r) for r in got["received"]] == seed.RECEIVED
        assert [astuple(r) for r in got["turnaround"]] == seed.TURNAROUND
        assert [astuple(r) for r in got["autofile"]] == seed.AUTOFILE
        assert [(r.reason, r.documents, r.oldest_days) for r in got["backlog"]] == seed.BACKLOG
        assert [astuple(r) for r in got["deficiencies"]] == seed.DEFICIENCIES
        assert [astuple(r) for r in got["roi-volume"]] == seed.ROI_VOLUME
        assert [astuple(r) for r in got["roi-release"]] == seed.ROI_RELEASE
        assert [astuple(r) for r in got["quality"]] == seed.QUALITY
    finally:
        engine.dispose()
