"""End-to-end figures on the embedded stack (`himflow up` in a temp data dir), side by side with
the raw engine where one exists:

1. Load: N small born-digital documents (default 1,000) uploaded through the project's own way
   in; documents/s (upload start to the last one final), time to drain (last upload to the last
   final, and to consumer lag 0 in `himflow status --json`), every document indexed exactly once.
2. Latency, upload to final (p50/p95): a born-digital page, a scanned 300 dpi page, a 10-page scan,
   a 60-second dictation (Whisper tiny.en). Peers: raw `tesseract` on the same page image
   (OMP_THREAD_LIMIT=1) for the scans, the audio's own duration (real-time factor) for dictation.
3. OCR throughput through the whole stack with HIMFLOW_OCR_PROCESSES=1 and =2 (a fresh stack each)
   on the same scanned pages, against raw tesseract with 1 and 2 processes in parallel.
4. Memory: RSS of every supervised process (and its children: OCR pool, Whisper process) after load.

    .venv/bin/python bench/bench_e2e.py [--docs 1000] [--samples 5] [--scan-pages 6] [--out bench/results/e2e.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa

from himflow import db
from himflow.upload import upload_files, wait_final
from tests.faults.stackdriver import StackProcess, exactly_once_report
from tests.resources.pages import born_digital_pdf, images_to_pdf, lines_of, render_page

FINAL = ("filed", "review", "rejected", "split")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50_s": round(pct(values, 0.5), 3), "p95_s": round(pct(values, 0.95), 3),
            "min_s": round(min(values), 3), "max_s": round(max(values), 3)}


# ---- peers -------------------------------------------------------------------------------
def raw_tesseract(pngs: list[Path], *, procs: int) -> float:
    """Seconds for raw tesseract (OMP_THREAD_LIMIT=1) over ``pngs`` with ``procs`` in parallel."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(p: Path) -> None:
        subprocess.run(["tesseract", str(p), "stdout"], capture_output=True, env=env, timeout=300, check=True)

    t0 = time.monotonic()
    with ThreadPoolExecutor(procs) as pool:
        list(pool.map(one, pngs))
    return time.monotonic() - t0


# ---- measurements --------------------------------------------------------------------------
def timed_upload_to_final(stack: StackProcess, files: list[Path], *, kind: str | None = None,
                          timeout: float = 900) -> list[float]:
    """Upload each file alone and wait for it: latency as a user sees it (sequential)."""
    out = []
    for f in files:
        t0 = time.monotonic()
        (u,) = upload_files(stack.settings, [f], kind=kind)
        rec = wait_final(stack.settings, [u.doc_id], timeout_s=timeout)[u.doc_id]
        if rec["status"] not in FINAL:
            raise RuntimeError(f"document not final: {rec['status']}")
        out.append(time.monotonic() - t0)
    return out


def final_count(engine: sa.Engine, ids: list[str]) -> int:
    n = 0
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            n += conn.execute(sa.select(sa.func.count()).select_from(db.documents).where(
                db.documents.c.id.in_(chunk), db.documents.c.status.in_(FINAL))).scalar() or 0
    return n


def total_lag(status: dict) -> int | None:
    lag = status.get("lag") or {}
    if "error" in lag:
        return None
    return sum(n for per in lag.values() for n in per.values())


def load(stack: StackProcess, tmp: Path, *, docs: int, batch: int = 50) -> dict:
    pdfs = [born_digital_pdf([lines_of(i, lines=6)], tmp / f"load-{i}.pdf") for i in range(docs)]
    engine = db.make_engine(stack.settings.db_url)
    ids: list[str] = []
    t0 = time.monotonic()
    for i in range(0, docs, batch):
        ids += [u.doc_id for u in upload_files(stack.settings, pdfs[i:i + batch], engine=engine)]
    t_uploaded = time.monotonic()
    deadline = t_uploaded + 3600
    while final_count(engine, ids) < len(ids):
        if time.monotonic() > deadline:
            raise RuntimeError("load did not finish within an hour")
        time.sleep(0.5)
    t_final = time.monotonic()
    lag_zero = None
    for _ in range(240):
        lag = total_lag(stack.status())
        if lag == 0:
            lag_zero = time.monotonic()
            break
        time.sleep(0.5)
    report = exactly_once_report(stack.settings, ids)
    with engine.connect() as conn:
        redelivered = conn.execute(sa.select(sa.func.sum(db.stage_counters.c.count)).where(
            db.stage_counters.c.outcome == "skip", db.stage_counters.c.reason == "duplicate-event")).scalar() or 0
    return {
        "docs": docs,
        "upload_s": round(t_uploaded - t0, 2),
        "upload_docs_per_s": round(docs / (t_uploaded - t0), 2),
        "total_s": round(t_final - t0, 2),
        "docs_per_s": round(docs / (t_final - t0), 2),
        "drain_after_last_upload_s": round(t_final - t_uploaded, 2),
        "lag_zero_after_last_upload_s": round(lag_zero - t_uploaded, 2) if lag_zero else None,
        "all_final": report["not_final"] == [],
        "indexed_exactly_once": not (report["text_not_once"] or report["fts_not_once"]
                                     or report["indexed_not_once"]),
        "dead_letters": len(report["dead_letters"]),
        "duplicate_events_skipped": int(redelivered),  # reconciler re-announcements, redeliveries
    }


def rss_per_process(stack: StackProcess) -> dict:
    out = {}
    for name, p in stack.processes().items():
        pid = p.get("pid")
        if not pid:
            continue
        out[name] = {"rss_mib": _rss_mib(pid), "with_children_mib": round(sum(_rss_mib(q) for q in _tree(pid)), 1)}
    return out


def _tree(pid: int) -> list[int]:
    pids, frontier = [pid], [pid]
    while frontier:
        p = frontier.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            kids = []
        pids += [int(k) for k in kids]
        frontier += [int(k) for k in kids]
    return pids


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def dictation_wav(path: Path, seconds: float = 60.0) -> Path:
    import numpy as np

    from tests.resources.speech import DICTATION, read_wav, speak, write_wav

    parts, rate, total = [], 22050, 0.0
    i = 0
    while total < seconds:
        raw = speak(DICTATION[i % len(DICTATION)], path.with_name(f"part{i}.wav"))
        samples, rate = read_wav(raw)
        parts += [samples, np.zeros(int(0.6 * rate), np.float32)]
        total += len(samples) / rate + 0.6
        i += 1
    audio = np.concatenate(parts)[: int(seconds * rate)]
    return write_wav(path, audio, rate)


def ocr_throughput(tmp: Path, pdfs: list[Path], multi: Path, *, processes: int) -> dict:
    stack = StackProcess(tmp / f"ocr{processes}", env={"HIMFLOW_OCR_PROCESSES": str(processes)})
    stack.start()
    try:
        # warm the pool with one page, then all pages at once
        timed_upload_to_final(stack, pdfs[:1])
        t0 = time.monotonic()
        ids = [u.doc_id for u in upload_files(stack.settings, pdfs)]
        recs = wait_final(stack.settings, ids, timeout_s=1800)
        seconds = time.monotonic() - t0
        assert all(r["status"] in FINAL for r in recs.values())
        # the same pages as ONE document: its pages spread over the OCR pool
        (one,) = timed_upload_to_final(stack, [multi])
    finally:
        stack.stop()
    return {"pages": len(pdfs), "seconds": round(seconds, 2), "pages_per_s": round(len(pdfs) / seconds, 3),
            "one_document_seconds": round(one, 2), "one_document_pages_per_s": round(len(pdfs) / one, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="documents in the load run")
    ap.add_argument("--samples", type=int, default=5, help="latency samples per kind (10-page scan and dictation: fewer)")
    ap.add_argument("--scan-pages", type=int, default=6, help="pages in the OCR throughput runs")
    ap.add_argument("--skip-dictation", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/e2e.json")
    a = ap.parse_args()

    result: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "loadavg_start": os.getloadavg()[0]}}
    with tempfile.TemporaryDirectory(prefix="himflow-bench-e2e-") as d:
        tmp = Path(d)
        scan_imgs = [render_page(lines_of(500 + i, lines=25), dpi=300) for i in range(max(a.scan_pages, 10))]
        pngs = []
        for i, img in enumerate(scan_imgs):
            pngs.append(tmp / f"page{i}.png")
            img.save(pngs[-1], dpi=(300, 300))
        scan_pdfs = [images_to_pdf([img], tmp / f"scan{i}.pdf", dpi=300) for i, img in enumerate(scan_imgs)]
        ten_page = images_to_pdf(scan_imgs[:10], tmp / "ten.pdf", dpi=300)

        stack = StackProcess(tmp / "main", env={"HIMFLOW_OCR_PROCESSES": str(os.cpu_count() or 1)})
        t_up = time.monotonic()
        stack.start()
        result["stack_start_s"] = round(time.monotonic() - t_up, 2)
        try:
            # warm-up (first document loads the classifier, opens pools), then latency one at a time
            timed_upload_to_final(stack, [born_digital_pdf([lines_of(899, lines=5)], tmp / "warm.pdf")])
            born = [born_digital_pdf([lines_of(900 + i, lines=20)], tmp / f"born{i}.pdf") for i in range(a.samples)]
            lat = {"born_digital_page": summary(timed_upload_to_final(stack, born))}
            scanned = timed_upload_to_final(stack, scan_pdfs[:max(2, a.samples // 2)])
            raw_page = raw_tesseract(pngs[:1], procs=1)
            lat["scanned_page"] = {**summary(scanned), "raw_tesseract_s": round(raw_page, 3),
                                   "ratio_p50_to_raw_tesseract": round(pct(scanned, 0.5) / raw_page, 3)}
            ten = timed_upload_to_final(stack, [ten_page])
            raw_ten = raw_tesseract(pngs[:10], procs=os.cpu_count() or 1)
            lat["ten_page_scan"] = {**summary(ten), "raw_tesseract_parallel_s": round(raw_ten, 3),
                                    "ratio_p50_to_raw_tesseract": round(pct(ten, 0.5) / raw_ten, 3)}
            if not a.skip_dictation:
                wav = dictation_wav(tmp / "dictation60.wav")
                dic = timed_upload_to_final(stack, [wav] * 2,
                                            kind="dictation")
                lat["dictation_60s"] = {**summary(dic), "audio_s": 60.0,
                                        "real_time_factor_p50": round(pct(dic, 0.5) / 60.0, 3)}
            result["latency"] = lat
            # load
            result["load"] = load(stack, tmp, docs=a.docs)
            result["memory"] = rss_per_process(stack)
        finally:
            stack.stop()

        pages = scan_pdfs[: a.scan_pages]
        multi = images_to_pdf(scan_imgs[: a.scan_pages], tmp / "multi.pdf", dpi=300)
        tp = {}
        for n in (1, 2):
            run = ocr_throughput(tmp, pages, multi, processes=n)
            raw_s = raw_tesseract(pngs[: a.scan_pages], procs=n)
            run["raw_tesseract_pages_per_s"] = round(a.scan_pages / raw_s, 3)
            run["ratio_to_raw_tesseract"] = round(run["pages_per_s"] / (a.scan_pages / raw_s), 3)
            tp[f"ocr_processes_{n}"] = run
        tp["speedup_2_vs_1"] = round(tp["ocr_processes_2"]["pages_per_s"] / tp["ocr_processes_1"]["pages_per_s"], 3)
        tp["one_document_speedup_2_vs_1"] = round(tp["ocr_processes_2"]["one_document_pages_per_s"]
                                                  / tp["ocr_processes_1"]["one_document_pages_per_s"], 3)
        result["ocr_throughput"] = tp
    result["machine"]["loadavg_end"] = os.getloadavg()[0]
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
