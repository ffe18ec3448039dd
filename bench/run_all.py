"""Run every benchmark with small default sizes (~20 minutes on 2 cores), collect their JSON, and
write bench/results/report.json and bench/results/report.md: each figure as a ratio against its
raw-engine peer where one exists, beside the absolute numbers.

    .venv/bin/python bench/run_all.py                      # everything, small sizes
    .venv/bin/python bench/run_all.py --only ocr e2e       # a subset
    .venv/bin/python bench/run_all.py --full               # each script's own (larger) defaults
    .venv/bin/python bench/run_all.py --report-only        # rebuild the report from the last run

Each script runs as its own process, one after another (never in parallel: they would measure
each other), with a timeout; a failing script is reported, not fatal. Per-script JSON lands in
bench/results/run_all/<name>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
RUN_DIR = RESULTS / "run_all"


def _bench(name: str, script: str, small: list[str], *, timeout_s: int, json_out: bool = True) -> dict[str, Any]:
    return {"name": name, "script": script, "small": small, "timeout_s": timeout_s, "json_out": json_out}


BENCHES = [
    _bench("embedded_start", "bench/bench_embedded_start.py", ["--runs", "2"], timeout_s=300, json_out=False),
    _bench("spine", "bench/bench_spine.py", ["--starts", "2", "--docs", "100"], timeout_s=600),
    _bench("ocr", "bench/bench_ocr.py", ["--pages", "4", "--born-digital-pages", "100", "--repeat", "1"],
           timeout_s=1200),
    _bench("transcribe", "bench/bench_transcribe.py", ["--models", "tiny.en", "--rounds", "1", "--no-inproc"], timeout_s=900),
    _bench("indexing", "bench/bench_indexing.py", ["--per-type", "20", "--patients", "1000", "--docs", "400"],
           timeout_s=600),
    _bench("filing", "bench/bench_filing.py", ["--per-kind", "3"], timeout_s=900),
    _bench("web", "bench/bench_web.py", ["--docs", "5000", "--requests", "50", "--common-requests", "10"],
           timeout_s=600),
    _bench("search", "bench/bench_search.py", ["--docs", "10000", "--queries", "50"], timeout_s=600),
    _bench("roi", "bench/bench_roi.py", [], timeout_s=300),  # redaction proposals on bench/evalsets/roi
    _bench("e2e", "bench/bench_e2e.py", ["--docs", "1000", "--samples", "4", "--scan-pages", "4"], timeout_s=2400),
]


def run_one(b: dict[str, Any], *, full: bool) -> dict[str, Any]:
    out = RUN_DIR / f"{b['name']}.json"
    argv = [sys.executable, str(ROOT / b["script"])] + ([] if full else b["small"])
    if b["json_out"]:
        argv += ["--out", str(out)]
    t0 = time.monotonic()
    try:
        proc = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=b["timeout_s"], check=False)
        code, stdout, stderr = proc.returncode, proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        code, stdout, stderr = -1, (e.stdout or b"").decode(errors="replace"), f"timeout after {b['timeout_s']} s"
    seconds = round(time.monotonic() - t0, 1)
    (RUN_DIR / f"{b['name']}.log").write_text(stdout + "\n--- stderr ---\n" + stderr[-20000:])
    data: Any = None
    if code == 0:
        if b["json_out"] and out.exists():
            data = json.loads(out.read_text())
        elif not b["json_out"]:
            data = parse_summary_lines(stdout)
            out.write_text(json.dumps(data, indent=2))
    return {"name": b["name"], "command": " ".join(["python", b["script"], *([] if full else b["small"])]),
            "exit_code": code, "seconds": seconds, "data": data,
            "error": None if code == 0 else stderr.strip().splitlines()[-1:] or ["failed"]}


_LINE = re.compile(r"^(?P<name>.+?)\s+median\s+(?P<median>[\d.]+) s\s+min\s+(?P<min>[\d.]+)\s+max\s+(?P<max>[\d.]+)")


def parse_summary_lines(stdout: str) -> dict[str, Any]:
    """bench_embedded_start prints `NAME  median X s  min Y  max Z` lines."""
    out = {}
    for line in stdout.splitlines():
        m = _LINE.match(line.strip())
        if m:
            out[m["name"].strip()] = {k: float(m[k]) for k in ("median", "min", "max")}
    return out


# ---- the report ------------------------------------------------------------------------
def g(d: Any, *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def row(area: str, figure: str, value: Any, unit: str, peer: str | None = None, peer_value: Any = None,
        ratio: Any = None, note: str = "") -> dict[str, Any]:
    if ratio is None and isinstance(value, (int, float)) and isinstance(peer_value, (int, float)) and peer_value:
        ratio = value / peer_value
    return {"area": area, "figure": figure, "value": value, "unit": unit, "peer": peer, "peer_value": peer_value,
                "ratio": round(ratio, 3) if isinstance(ratio, (int, float)) else None, "note": note}


def figures(res: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    es = res.get("embedded_start") or {}
    for name, v in es.items():
        rows.append(row("embedded start", f"{name} (median)", v["median"], "s"))
    sp = res.get("spine") or {}
    if sp:
        rows.append(row("spine", "`himflow up` to ready (median)", g(sp, "cold_start", "median_up_s"), "s",
                        "SeaweedFS + tansu alone", g(sp, "cold_start", "median_servers_s")))
        rows.append(row("spine", "intake event in to routed event out (median)", g(sp, "spine", "median_intake_ms"),
                        "ms", "raw aiokafka consume+republish echo", g(sp, "spine", "median_raw_echo_ms")))
        rows.append(row("spine", "per-document overhead over the raw echo (median)",
                        g(sp, "spine", "median_overhead_ms"), "ms"))
    oc = res.get("ocr") or {}
    if oc:
        raw = g(oc, "raw_tesseract", "pages_per_s_best")
        rows.append(row("ocr", "himflow pipeline, scanned 300 dpi pages/s (best)",
                        g(oc, "himflow_pipeline", "pages_per_s_best"), "pages/s", "raw tesseract, same procs", raw))
        rows.append(row("ocr", "`himflow ocr` command, pages/s (best)", g(oc, "himflow_cli", "pages_per_s_best"),
                        "pages/s", "raw tesseract, same procs", raw))
        rows.append(row("ocr", "himflow pipeline vs ocrmypdf --sidecar, pages/s (best)",
                        g(oc, "himflow_pipeline", "pages_per_s_best"), "pages/s", "ocrmypdf --sidecar",
                        g(oc, "ocrmypdf_sidecar", "pages_per_s_best")))
        rows.append(row("ocr", "born-digital pages/s (no OCR)", g(oc, "born_digital", "pages_per_s"), "pages/s"))
        rows.append(row("ocr", "word recall, 300 dpi", g(oc, "himflow_pipeline", "recall_300dpi"), "",
                        "raw tesseract recall", g(oc, "raw_tesseract", "recall")))
        rows.append(row("ocr", "word recall, turned pages", g(oc, "himflow_turned_pages", "recall"), ""))
    tr = res.get("transcribe") or {}
    for model, m in (tr.get("models") or {}).items():
        for engine, raw, raw_name in (("ctranslate2", "faster_whisper", "raw faster-whisper int8"),
                                      ("openai_whisper", "whisper", "raw whisper CLI")):
            mine = f"himflow_{engine}"
            rows.append(row("transcription", f"{model}: {engine} real-time factor (median)",
                            g(m, mine, "rtf_median"), "x", f"{raw_name}, same weights", g(m, raw, "rtf_median")))
            rows.append(row("transcription", f"{model}: {engine} WER", g(m, mine, "wer"), "", raw_name,
                            g(m, raw, "wer")))
            rows.append(row("transcription", f"{model}: {engine} peak RSS", g(m, mine, "peak_rss_mib_max"), "MiB",
                            raw_name, g(m, raw, "peak_rss_mib_max")))
    fi = res.get("filing") or {}
    if fi:
        rows.append(row("filing", "auto-file rate (born-digital, skewed scans, phone photos)",
                        fi.get("auto_file_rate"), "ratio"))
        rows.append(row("filing", "auto-file rate, old rule (every flag blocks)", fi.get("old_rule_auto_file_rate"),
                        "ratio"))
        rows.append(row("filing", "misfiled (auto-filed to a wrong patient or type)", fi.get("misfiled"), "docs"))
    ix = res.get("indexing") or {}
    if ix:
        rows.append(row("indexing", "classification docs/s", g(ix, "classification", "docs_per_second"), "docs/s"))
        rows.append(row("indexing", "classification macro-F1 (held-out templates)",
                        g(ix, "classification", "heldout_templates", "macro_f1"), ""))
        rows.append(row("indexing", "patient match precision / recall",
                        g(ix, "patient_matching", "precision"), "", None, None, None,
                        f"recall {g(ix, 'patient_matching', 'recall')}"))
        rows.append(row("indexing", "patient matches/s", g(ix, "patient_matching", "matches_per_second"), "/s"))
    wb = res.get("web") or {}
    if wb:
        for k, v in _numeric_leaves(wb):
            if k.endswith(("median_ms", "p95_ms")):
                rows.append(row("web", k, v, "ms"))
    se = res.get("search") or {}
    for k, v in _numeric_leaves(se):
        if k.endswith(("median_ms", "p95_ms")):
            rows.append(row("search", k, v, "ms"))
    e2 = res.get("e2e") or {}
    if e2:
        ld = e2.get("load") or {}
        rows.append(row("e2e load", f"{ld.get('docs')} born-digital documents: docs/s", ld.get("docs_per_s"),
                        "docs/s", note=f"all final {ld.get('all_final')}, exactly once "
                                       f"{ld.get('indexed_exactly_once')}, dead letters {ld.get('dead_letters')}, "
                                       f"duplicate events skipped {ld.get('duplicate_events_skipped')}"))
        rows.append(row("e2e load", "drain after the last upload (all final)", ld.get("drain_after_last_upload_s"), "s"))
        rows.append(row("e2e load", "consumer lag 0 after the last upload", ld.get("lag_zero_after_last_upload_s"), "s"))
        lat = e2.get("latency") or {}
        for kind, v in lat.items():
            peer, pv = None, None
            if "raw_tesseract_s" in v:
                peer, pv = "raw tesseract, same page", v["raw_tesseract_s"]
            elif "raw_tesseract_parallel_s" in v:
                peer, pv = "raw tesseract, same 10 pages, 1 proc per core", v["raw_tesseract_parallel_s"]
            elif "audio_s" in v:
                peer, pv = "audio duration", v["audio_s"]
            rows.append(row("e2e latency", f"{kind}: upload to final p50", v.get("p50_s"), "s", peer, pv,
                            note=f"p95 {v.get('p95_s')} s, n={v.get('n')}"))
        tp = e2.get("ocr_throughput") or {}
        for n in (1, 2):
            t = tp.get(f"ocr_processes_{n}") or {}
            if t:
                rows.append(row("e2e OCR throughput", f"HIMFLOW_OCR_PROCESSES={n}: pages/s", t.get("pages_per_s"),
                                "pages/s", f"raw tesseract, {n} proc(s)", t.get("raw_tesseract_pages_per_s")))
        for n in (1, 2):
            t = tp.get(f"ocr_processes_{n}") or {}
            if t.get("one_document_pages_per_s") is not None:
                rows.append(row("e2e OCR throughput", f"HIMFLOW_OCR_PROCESSES={n}: one {t['pages']}-page document, "
                                "pages/s", t["one_document_pages_per_s"], "pages/s", f"raw tesseract, {n} proc(s)",
                                t.get("raw_tesseract_pages_per_s")))
        if tp.get("speedup_2_vs_1") is not None:
            rows.append(row("e2e OCR throughput", "2 OCR processes vs 1, single-page documents",
                            tp["speedup_2_vs_1"], "x"))
        if tp.get("one_document_speedup_2_vs_1") is not None:
            rows.append(row("e2e OCR throughput", "2 OCR processes vs 1, one multi-page document",
                            tp["one_document_speedup_2_vs_1"], "x"))
        for name, m in (e2.get("memory") or {}).items():
            rows.append(row("e2e memory", f"RSS {name} (with children)", m.get("with_children_mib"), "MiB",
                            note=f"own {m.get('rss_mib')} MiB"))
    return rows


def _numeric_leaves(d: Any, prefix: str = "") -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    if isinstance(d, dict):
        for k, v in d.items():
            out += _numeric_leaves(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(d, (int, float)) and not isinstance(d, bool):
        out.append((prefix, d))
    return out


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)


def write_report(runs: list[dict[str, Any]]) -> tuple[Path, Path]:
    res = {r["name"]: r["data"] for r in runs if r.get("data")}
    rows = figures(res)
    report = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "runs": [{k: r[k] for k in ("name", "command", "exit_code", "seconds", "error")} for r in runs],
        "figures": rows,
        "results": res,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    jpath = RESULTS / "report.json"
    jpath.write_text(json.dumps(report, indent=2, default=str) + "\n")
    md = [f"# himflow benchmark report ({report['generated_at']})", "",
          (f"{report['machine']['cpus']} CPUs, Python {report['machine']['python']}. "
          "Ratio = himflow figure / peer figure (for times lower is better, for rates higher is better)."), "",
          "## Runs", "", "| bench | exit | seconds | command |", "|---|---|---|---|"]
    md += [f"| {r['name']} | {r['exit_code']} | {r['seconds']} | `{r['command']}` |" for r in runs]
    md += ["", "## Figures", "", "| area | figure | value | unit | peer | peer value | ratio | note |",
           "|---|---|---|---|---|---|---|---|"]
    md += [f"| {r['area']} | {r['figure']} | {_fmt(r['value'])} | {r['unit']} | {r['peer'] or '-'} | "
           f"{_fmt(r['peer_value'])} | {_fmt(r['ratio'])} | {r['note']} |" for r in rows]
    md += ["", "## All numbers", ""]
    for name, data in res.items():
        md += [f"### {name}", "", "| key | value |", "|---|---|"]
        md += [f"| {k} | {_fmt(v)} |" for k, v in _numeric_leaves(data)]
        md.append("")
    failed = [r for r in runs if r["exit_code"] != 0]
    if failed:
        md += ["## Failed", ""] + [f"- {r['name']}: exit {r['exit_code']}: {' '.join(r['error'] or [])} "
                                   f"(log: bench/results/run_all/{r['name']}.log)" for r in failed]
    mpath = RESULTS / "report.md"
    mpath.write_text("\n".join(md) + "\n")
    return jpath, mpath


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", choices=[b["name"] for b in BENCHES])
    ap.add_argument("--full", action="store_true", help="each script's own defaults (much longer)")
    ap.add_argument("--report-only", action="store_true", help="rebuild the report from the last run's JSON")
    a = ap.parse_args()
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    index = RUN_DIR / "runs.json"
    previous = {r["name"]: r for r in json.loads(index.read_text())} if index.exists() else {}
    if not a.report_only:
        for b in BENCHES:
            if a.only and b["name"] not in a.only:
                continue
            print(f"[run_all] {b['name']} ...", flush=True)
            r = run_one(b, full=a.full)
            print(f"[run_all] {b['name']}: exit {r['exit_code']} in {r['seconds']} s", flush=True)
            previous[b["name"]] = r
            index.write_text(json.dumps(list(previous.values()), indent=2, default=str))
    runs = [previous[b["name"]] for b in BENCHES if b["name"] in previous]
    jpath, mpath = write_report(runs)
    print(mpath.read_text())
    print(f"[run_all] wrote {jpath.relative_to(ROOT)} and {mpath.relative_to(ROOT)}")
    return 0 if all(r["exit_code"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
