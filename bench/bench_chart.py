"""Patient search and chart read-model figures (issue 16.2): p50/p95 of ``desk.chart``'s
``search_patients`` (name prefix, date of birth, MRN) among N synthetic patients and of
``load_chart`` (with open deficiencies) for one patient with D documents in 3 encounters.
Read-model time only (queries and grouping), not the HTTP request or template rendering.

    .venv/bin/python bench/bench_chart.py                       # 20,000 patients, 500 documents
    .venv/bin/python bench/bench_chart.py --patients 100000 --docs 2000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FAMILIES = ["Halvorsen", "Brekke", "Nunez", "Olsen", "Hansen", "Berg", "Lund", "Dahl", "Strand", "Moen"]


def _timed(fn, n: int) -> dict[str, float]:
    xs = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        xs.append((time.perf_counter() - t0) * 1000)
    xs.sort()
    return {"p50_ms": round(statistics.median(xs), 1), "p95_ms": round(xs[max(int(0.95 * n) - 1, 0)], 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--patients", type=int, default=20_000)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--requests", type=int, default=20)
    args = ap.parse_args()

    from chart.deficiencies import load_rules
    from desk import chart
    from himflow.db import documents, make_engine, migrate, utcnow
    from himflow.settings import load_settings
    from himflow.encounters import Encounter, upsert_encounter
    from indexing.patients import Patient, PatientIndex

    data_dir = Path(tempfile.mkdtemp(prefix="bench-chart-"))
    engine = make_engine(load_settings(data_dir).db_url)
    migrate(engine)
    PatientIndex(engine).upsert_many([
        Patient(patient_id=f"pat-{i:07d}", mrn=f"MR{i:07d}", given=f"G{i}",
                family=FAMILIES[i % 10] + ("" if i < 10 else chr(97 + i % 26) * (1 + i % 3)),
                birth_date=date(1940 + i % 60, 1 + i % 12, 1 + i % 28))
        for i in range(args.patients)], source="bench")
    now = utcnow()
    with engine.begin() as conn:
        for k in range(3):
            admitted = datetime(2025, 1 + 3 * k, 1, tzinfo=UTC)
            upsert_encounter(conn, Encounter(encounter_id=f"enc-{k}", patient_id="pat-0000000",
                                             enc_class="IMP", admitted_at=admitted,
                                             discharged_at=admitted + timedelta(days=5)), source="bench")
        conn.execute(documents.insert(), [
            {"id": f"d{j:06d}", "status": "filed", "kind": "scan", "patient_id": "pat-0000000",
             "type_display": ["Progress note", "Laboratory report", "Consult note"][j % 3],
             "service_date": (date(2025, 1, 1) + timedelta(days=j % 300)).isoformat(),
             "created_at": now, "updated_at": now, "reasons": "[]"} for j in range(args.docs)])
    rules = load_rules(data_dir)
    n = args.requests
    with engine.connect() as conn:
        out = {
            "patients": args.patients, "chart_documents": args.docs, "database": engine.dialect.name,
            "search_name_prefix": _timed(lambda: chart.search_patients(conn, chart.Criteria(name="halv")), n),
            "search_birth_date": _timed(lambda: chart.search_patients(
                conn, chart.Criteria(birth_date=date(1950, 11, 11))), n),
            "search_mrn": _timed(lambda: chart.search_patients(conn, chart.Criteria(mrn="mr0000123")), n),
            "chart": _timed(lambda: chart.load_chart(conn, "pat-0000000", today=date.today(), rules=rules),
                            max(n // 4, 5)),
        }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
