"""Search latency over 100,000 indexed documents, SQLite FTS5 and PostgreSQL tsvector + GIN,
same synthetic documents and queries in one run (himflow.text_index.search, no web layer).

    .venv/bin/python bench/bench_search.py [--docs 100000] [--queries 200]
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test] [--out bench/results/search.json]

PostgreSQL runs in a schema of its own (created and dropped here).
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from himflow import db  # noqa: E402
from himflow import text_index as store  # noqa: E402
from indexing.web.synthetic import insert_documents  # noqa: E402

from indexing.web.synthetic import RARE_TERMS, VOCABULARY  # noqa: E402

# Rare made-up terms (Zipf-distributed in the synthetic corpus: a few to a few hundred hits),
# and clinical words that stand in most documents.
SELECTIVE = list(RARE_TERMS[20:520])
COMMON = list(VOCABULARY[:10])


def measure(engine: sa.Engine, queries: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    selective, common, filtered = [], [], []
    with engine.connect() as conn:
        for _ in range(queries):
            q = rng.choice(SELECTIVE)
            t0 = time.perf_counter()
            store.search(conn, q)
            selective.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.search(conn, q, patient_id=f"P{rng.randrange(5000):06d}")
            filtered.append(time.perf_counter() - t0)
        for _ in range(max(5, queries // 20)):
            t0 = time.perf_counter()
            store.search(conn, rng.choice(COMMON))
            common.append(time.perf_counter() - t0)

    def pct(xs: list[float]) -> dict:
        xs = sorted(xs)
        return {"p50_ms": round(statistics.median(xs) * 1000, 2),
                "p95_ms": round(xs[max(0, int(0.95 * len(xs)) - 1)] * 1000, 2), "n": len(xs)}

    return {"selective_term": pct(selective), "selective_term_one_patient": pct(filtered),
            "term_in_most_documents": pct(common)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--out", type=Path, default=Path("bench/results/search.json"))
    args = ap.parse_args()
    result: dict = {"docs": args.docs}
    d = Path(tempfile.mkdtemp(prefix="himflow-search-"))
    sqlite = db.make_engine(f"sqlite:///{d / 'search.db'}")
    db.migrate(sqlite)
    t0 = time.perf_counter()
    insert_documents(sqlite, args.docs)
    result["sqlite"] = {"load_s": round(time.perf_counter() - t0, 1), **measure(sqlite, args.queries)}
    schema = f"himflow_bench_{secrets.token_hex(3)}"
    admin = sa.create_engine(args.pg)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        pg = db.make_engine(f"{args.pg}?options=-csearch_path%3D{schema}")
        db.migrate(pg)
        t0 = time.perf_counter()
        insert_documents(pg, args.docs)
        with pg.begin() as conn:
            conn.execute(sa.text("ANALYZE"))
        result["postgresql"] = {"load_s": round(time.perf_counter() - t0, 1), **measure(pg, args.queries)}
        pg.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
