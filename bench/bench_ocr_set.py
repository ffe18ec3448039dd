"""Word recall per page class on a set of page images someone else made: himflow vs raw tesseract.

    .venv/bin/python bench/bench_ocr_set.py [--set bench/evalsets/ocr] [--out bench/results/ocr_set.json]

The set holds ``manifest.jsonl``: one JSON object a line with ``image`` and ``truth`` (paths
relative to the set) and ``class``. Each image is read by raw tesseract (the CLI, ``--psm 3``,
OMP_THREAD_LIMIT=1, the file as it is, its own dpi tag) and by himflow's ``ocr_file`` in-process
(no pool), alternating which goes first. Words are compared case-insensitively with the
punctuation around them stripped, as a multiset: recall = truth words found / truth words,
precision = words read that are in the truth / words read. Only aggregate figures per class
are printed and written (no page text), so running the set does not show its content.

bench/evalsets/ocr is such a set, written by someone who never saw the OCR code (its README).
Only its generator, manifest and README are committed; the images and truth files (13.5 MB)
are made by ``src/gen.py`` (seeded, byte-identical across runs) the first time the bench runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intake.ocr import ocr_file

_PUNCT = ".,;:!?()[]{}\"'`*|_<>«»“”‘’"


def words(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for tok in text.split():
        w = tok.strip(_PUNCT).lower()
        if w and any(c.isalnum() for c in w):
            out[w] += 1
    return out


def recall_precision(truth: str, got: str) -> tuple[float, float]:
    want, have = words(truth), words(got)
    hit = sum(min(n, have[w]) for w, n in want.items())
    recall = hit / sum(want.values()) if want else 1.0
    precision = hit / sum(have.values()) if have else 0.0
    return recall, precision


def raw_tesseract(path: Path) -> tuple[str, float]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    t0 = time.perf_counter()
    proc = subprocess.run(["tesseract", str(path), "stdout", "--psm", "3"], env=env,
                          capture_output=True, text=True, timeout=600)
    return (proc.stdout if proc.returncode == 0 else ""), time.perf_counter() - t0


def ours(path: Path) -> tuple[str, float, list[str]]:
    t0 = time.perf_counter()
    result = ocr_file(path)
    flags = sorted({f for p in result.pages for f in p.flags})
    return result.text, time.perf_counter() - t0, flags


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", type=Path, default=ROOT / "bench" / "evalsets" / "ocr")
    ap.add_argument("--classes", default="", help="comma-separated classes (default: all)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ocr_set.json")
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gen = args.set / "src" / "gen.py"
    first = json.loads((args.set / "manifest.jsonl").read_text().splitlines()[0])
    if gen.is_file() and not (args.set / first["image"]).is_file():
        print(f"making the set's pages with {gen.relative_to(ROOT) if gen.is_relative_to(ROOT) else gen} ...",
              flush=True)
        subprocess.run([sys.executable, str(gen), str(args.set)], check=True, stdout=subprocess.DEVNULL)
    items = [json.loads(line) for line in (args.set / "manifest.jsonl").read_text().splitlines() if line.strip()]
    wanted = set(filter(None, args.classes.split(",")))
    per: dict[str, dict[str, list[tuple[float, float, float]]]] = defaultdict(lambda: {"raw": [], "himflow": []})
    flags: dict[str, Counter[str]] = defaultdict(Counter)
    below: dict[str, int] = Counter()
    for i, it in enumerate(items):
        cls = it["class"]
        if wanted and cls not in wanted:
            continue
        path = args.set / it["image"]
        truth = (args.set / it["truth"]).read_text(encoding="utf-8")
        order = ("raw", "himflow") if i % 2 == 0 else ("himflow", "raw")
        page = {}
        for engine in order:
            if engine == "raw":
                got, secs = raw_tesseract(path)
            else:
                got, secs, fl = ours(path)
                flags[cls].update(fl)
            r, p = recall_precision(truth, got)
            per[cls][engine].append((r, p, secs))
            page[engine] = r
        if page["himflow"] + 0.02 < page["raw"]:
            below[cls] += 1
    rows = []
    for cls, agg in per.items():
        row = {"class": cls, "pages": len(agg["raw"]), "pages_himflow_below_raw": below[cls],
               "himflow_flags": dict(flags[cls])}
        for engine, vals in agg.items():
            n = len(vals)
            row[engine] = {"recall": round(sum(v[0] for v in vals) / n, 3),
                           "precision": round(sum(v[1] for v in vals) / n, 3),
                           "s_per_page": round(sum(v[2] for v in vals) / n, 2)}
        row["recall_gain"] = round(row["himflow"]["recall"] - row["raw"]["recall"], 3)
        rows.append(row)
        print(f"{cls:10s} n={row['pages']:2d} recall himflow {row['himflow']['recall']:.3f} raw "
              f"{row['raw']['recall']:.3f}  precision {row['himflow']['precision']:.3f} / "
              f"{row['raw']['precision']:.3f}  s/page {row['himflow']['s_per_page']:.2f} / "
              f"{row['raw']['s_per_page']:.2f}  pages below raw {below[cls]}  flags {dict(flags[cls])}",
              flush=True)
    allv = {e: [v for a in per.values() for v in a[e]] for e in ("raw", "himflow")}
    overall = {e: {"recall": round(sum(v[0] for v in vals) / len(vals), 3),
                   "precision": round(sum(v[1] for v in vals) / len(vals), 3)} for e, vals in allv.items() if vals}
    worst = min(rows, key=lambda r: r["recall_gain"]) if rows else None
    report = {"set": str(args.set), "load_avg": os.getloadavg(), "classes": rows, "overall": overall,
              "worst_class": worst and worst["class"], "worst_recall_gain": worst and worst["recall_gain"]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"overall {overall}; worst class vs raw: {worst and worst['class']} "
          f"({worst and worst['recall_gain']:+.3f}); load {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
