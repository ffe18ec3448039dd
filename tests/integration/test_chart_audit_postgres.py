"""The chart audit's tables on the machine's PostgreSQL server: a seeded sample (a seed past
32 bits, the period's dates) and a recorded audit (checklist and findings as JSON text) come
back as they went in, and the sample is drawn again from its seed, as on SQLite
(tests/unit/test_chart_audit.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from chart import audit as chart_audit
from chart.deficiencies import DEFAULT_RULES
from himflow.db import make_engine, migrate
from himflow.encounters import Encounter, upsert_encounter

pytestmark = pytest.mark.integration

DISCHARGED = datetime(2026, 5, 7, 23, 30, tzinfo=UTC)


def test_samples_and_audits_round_trip_on_postgresql(pg_url):
    engine = make_engine(pg_url)
    assert engine.dialect.name == "postgresql"
    try:
        migrate(engine)
        with engine.begin() as conn:
            for i in range(8):
                upsert_encounter(conn, Encounter(
                    encounter_id=f"enc-{i}", identifier=f"V-{i}", patient_id=f"pat-{i}", enc_class="IMP",
                    admitted_at=DISCHARGED - timedelta(days=3), discharged_at=DISCHARGED + timedelta(days=i)),
                    source="test")
            sample = chart_audit.create_sample(conn, enc_class="IMP", start=date(2026, 5, 7), end=date(2026, 5, 12),
                                               n=3, seed=2**40 + 7, created_by="rita")
        with engine.begin() as conn:
            stored = chart_audit.get_sample(conn, sample.sample_id)
            assert stored == sample and stored.population == 6
            assert chart_audit.redraw(conn, stored).same_sample
            checks = chart_audit.load_checks(None)
            cl = chart_audit.checklist(conn, stored.encounter_ids[0], rules=DEFAULT_RULES, checks=checks)
            rec = chart_audit.record_audit(conn, cl, answers={c["key"]: "yes" for c in checks}, result="fail",
                                           auditor="rita", notes="Näive ünïcode note", sample_id=sample.sample_id,
                                           extra_findings=["Face sheet unsigned"])
        with engine.connect() as conn:
            back = chart_audit.list_audits(conn, sample_id=sample.sample_id)
            summary = chart_audit.summarize(chart_audit.worklist(conn, stored))
        assert back == [rec]
        assert [f.code for f in back[0].findings] == ["missing:18842-5", "missing:34117-2", "note"]
        assert (summary.audited, summary.failed, summary.total) == (1, 1, 3)
    finally:
        engine.dispose()
