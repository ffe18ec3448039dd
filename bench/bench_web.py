"""Web UI figures: queue, search, patient search and chart page server time with N documents
indexed (each patient has ~N/patients documents), and the
route table's access rules (how many routes, how many refuse an anonymous request).

The queue page is measured as first opened (urgent first, oldest first, a page at random now
and then) and through bookmarked filtered/sorted views; every row shows its patient from the
patient index (``--patients``).

Typical searches use a selective (drug/diagnosis-like) term; the worst case, a word in nearly
every document, is measured separately. Server time = one in-process ASGI request (httpx ASGITransport, no network), including the
session check, the queries, the audit rows written and the template rendering.

    .venv/bin/python bench/bench_web.py                      # 100,000 documents, SQLite
    .venv/bin/python bench/bench_web.py --docs 20000 --requests 100
    .venv/bin/python bench/bench_web.py --database-url postgresql+psycopg://postgres@127.0.0.1/himflow_web_bench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import sqlalchemy as sa

from himflow.db import make_engine, migrate
from himflow.settings import load_settings
from desk.app import all_routes, create_app
from tests.resources.synthetic_documents import RARE_TERMS, TYPES, VOCABULARY, insert_documents
from tests.resources.desk_testkit import PASSWORD, add_users, csrf_of


def add_patients(engine: sa.Engine, n: int) -> None:
    """Synthetic patients P000000.. (the ids insert_documents gives), with names and birth dates."""
    from datetime import date

    from himflow.patients_db import mrn_key, patients_table

    rng = random.Random(11)
    family = ("Abbott", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jones")
    given = ("Alex", "Blake", "Casey", "Drew", "Emery", "Frankie", "Gray", "Harper", "Indy", "Jules")
    rows = []
    for i in range(n):
        f, g = rng.choice(family) + f"{i % 97}", rng.choice(given)
        mrn = f"MR{i:07d}"
        rows.append(dict(patient_id=f"P{i:06d}", mrn=mrn, mrn_key=mrn_key(mrn), family=f, given=g,
                         family_key=f.lower(), given_key=g.lower(),
                         birth_date=date(1930 + rng.randrange(90), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                         source="bench"))
    with engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(patients_table.insert(), rows[start:start + 5000])


def log(msg: str) -> None:
    print(f"bench_web: {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(pct(ms, 0.95), 2),
            "max_ms": round(max(ms), 2)}


async def timed(client: httpx.AsyncClient, method: str, url: str, **kw) -> tuple[float, httpx.Response]:
    t0 = time.perf_counter()
    resp = await client.request(method, url, **kw)
    return (time.perf_counter() - t0) * 1000, resp


async def run(args: argparse.Namespace) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="himflow-bench-web-"))
    settings = load_settings(tmp, database_url=args.database_url) if args.database_url else load_settings(tmp)
    engine = make_engine(settings.db_url)
    if args.database_url:  # start from an empty schema, only in a database meant for this
        if "bench" not in (engine.url.database or ""):
            raise SystemExit("bench_web: --database-url must name a database used only for "
                             "benchmarks (its name contains 'bench'); it is emptied")
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    migrate(engine)
    t0 = time.perf_counter()
    insert_documents(engine, args.docs, seed=7)
    fill_s = time.perf_counter() - t0
    log(f"filled {args.docs} documents in {fill_s:.1f} s")
    add_patients(engine, args.patients)  # the queue shows each row's patient (one join)
    add_users(engine, rita="records-staff")
    app = create_app(settings, engine=engine, run_migrations=False)
    rng = random.Random(3)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        page = await client.get("/login")
        resp = await client.post("/login", data={"csrf": csrf_of(page.text), "username": "rita",
                                                 "password": PASSWORD})
        assert resp.status_code == 303, resp.status_code
        csrf = csrf_of((await client.get("/queue")).text)
        for _ in range(5):  # warm-up (template compile, caches)
            await client.get("/queue")
            await client.post("/search", data={"csrf": csrf, "q": "metformin"})
        queue_ms, search_ms, search_filtered_ms, doc_ms = [], [], [], []
        for i in range(args.requests):
            ms, r = await timed(client, "GET", f"/queue?page={0 if i % 4 else rng.randrange(20)}")
            assert r.status_code == 200
            queue_ms.append(ms)
        log("queue done")
        # Filtered and sorted views (bookmarked URLs): by patient, by source and age, by reason.
        views = ["sort=patient", "source=station&sort=received", "age=7d&sort=patient&dir=desc",
                 "reason=no-patient-match", "type=18842-5&sort=service"]
        queue_view_ms = []
        for i in range(args.requests):
            ms, r = await timed(client, "GET", f"/queue?{views[i % len(views)]}")
            assert r.status_code == 200
            queue_view_ms.append(ms)
        log("queue views done")
        # Typical search: a drug / diagnosis-like term (Zipf ranks 200-5000 of the rare terms).
        hits = 0
        for i in range(args.requests):
            q = rng.choice(RARE_TERMS[200:])
            if i % 3 == 0:
                q += " " + rng.choice(VOCABULARY)
            ms, r = await timed(client, "POST", "/search", data={"csrf": csrf, "q": q})
            assert r.status_code == 200
            hits += r.text.count('<li><a href="/documents/')
            search_ms.append(ms)
            data = {"csrf": csrf, "q": q, "type_code": rng.choice(TYPES)[0], "date_from": "2000-01-01"}
            ms, r = await timed(client, "POST", "/search", data=data)
            assert r.status_code == 200
            search_filtered_ms.append(ms)
        log("selective searches done")
        # Worst case: a word found in nearly every document (bm25 ranks every match).
        common_ms = []
        for _ in range(args.common_requests):
            ms, r = await timed(client, "POST", "/search",
                                data={"csrf": csrf, "q": rng.choice(VOCABULARY)})
            assert r.status_code == 200
            common_ms.append(ms)
        log("common-word searches done")
        doc_ids = re.findall(r'href="/documents/([0-9a-f]{64})"', (await client.get("/queue")).text)
        for i in range(min(args.requests, 100)):
            ms, r = await timed(client, "GET", f"/documents/{doc_ids[i % len(doc_ids)]}")
            assert r.status_code == 200
            doc_ms.append(ms)
        log("document pages done")
        # Patient search: a partial family name (many hits), a full name with a date of birth, an MRN.
        patient_search_ms, chart_ms = [], []
        for i in range(args.requests):
            n = rng.randrange(args.patients or 1)
            data = [{"name": "hugh"}, {"name": f"Jones{n % 97}", "birth_date": ""},
                    {"mrn": f"MR{n:07d}"}][i % 3]
            ms, r = await timed(client, "POST", "/patients", data={"csrf": csrf, **data})
            assert r.status_code in (200, 303), r.status_code
            patient_search_ms.append(ms)
        log("patient searches done")
        for i in range(args.requests):
            ms, r = await timed(client, "GET", f"/patients/P{rng.randrange(args.patients or 1):06d}")
            assert r.status_code == 200, r.status_code
            chart_ms.append(ms)
        log("charts done")

    # Access rules: every route and method, anonymously.
    pattern = re.compile(r"\{(\w+)(?::\w+)?\}")
    params = {"doc_id": "0" * 64, "page": "1", "name": "original", "patient_id": "P000001", "dl_id": "1",
              "user_id": "1"}
    routes = [(s, m) for s in all_routes() for m in s.methods]
    rejected, public = 0, []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as anon:
        for spec, method in routes:
            url = pattern.sub(lambda m: params.get(m.group(1), "0"), spec.path)
            r = await anon.request(method, url, data={"csrf": "x"} if method == "POST" else None)
            refused = r.status_code == 401 or (r.status_code == 303 and r.headers["location"] == "/login")
            rejected += refused
            if not refused:
                public.append(f"{method} {spec.path}")
    engine.dispose()
    return {
        "database": engine.dialect.name, "documents": args.docs, "fill_seconds": round(fill_s, 1),
        "patients": args.patients, "queue_page": summary(queue_ms),
        "queue_page_filtered_sorted": summary(queue_view_ms), "search_page": summary(search_ms),
        "search_page_filtered": summary(search_filtered_ms),
        "search_page_common_word": summary(common_ms) if common_ms else None, "document_page": summary(doc_ms),
        "patient_search_page": summary(patient_search_ms), "chart_page": summary(chart_ms),
        "mean_hits_per_search": round(hits / args.requests, 1),
        "routes": len(routes), "routes_rejecting_anonymous": rejected, "public_routes": public,
        "phi_routes_open_to_anonymous": [p for p in public if p not in (
            "GET /login", "POST /login", "GET /healthz", "GET /oidc/login", "GET /oidc/callback")],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--patients", type=int, default=5000, help="patients in the patient index "
                    "(the synthetic documents name P000000..; 0: none)")
    ap.add_argument("--common-requests", type=int, default=30)
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "web.json")
    args = ap.parse_args()
    result = asyncio.run(run(args))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
