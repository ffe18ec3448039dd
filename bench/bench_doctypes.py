"""Document-type accuracy on text the classifier was not trained on, beside the template score.

    .venv/bin/python bench/bench_doctypes.py [--set DIR ...] [--per-type 30] [--out FILE]

(a) templates: held-out and noisy documents from the seed generator (odd-position variants);
(b) every external set given by ``--set`` (default: bench/evalsets/doctypes and
    bench/devsets/doctypes when present): a folder of ``NNNN.txt`` with a ``labels.csv``
    (columns ``file,loinc[,type,setting,style]``). Nothing here trains or tunes on those texts.

For each: macro-F1 (over the true classes present), accuracy (abstentions count as wrong),
abstention rate and reasons, per-class precision/recall, and the precision and coverage of
the answers at the auto-file confidence (``indexing.decision.Thresholds().min_type_confidence``),
plus a view where H&P and consult notes count as one class, and accuracy per ``setting``/``style``.
Writes bench/results/doctypes.json. Only the public classifier API is used, so the same script
measures an older checkout (``PYTHONPATH=/path/to/old/checkout``).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indexing.classify import Classifier, build_default  # noqa: E402
from indexing.classify.evaluate import report_from_pairs  # noqa: E402
from indexing.decision import Thresholds  # noqa: E402
from indexing.doctypes import DEFAULT_DOCTYPES, UNKNOWN  # noqa: E402
from indexing.seed.corpus import generate  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_SETS = (HERE / "evalsets" / "doctypes", HERE / "devsets" / "doctypes")
HP_CONSULT = {"34117-2": "hp/consult", "11488-4": "hp/consult"}


def read_set(folder: Path) -> list[dict]:
    """Rows of labels.csv with the text of each file (rows whose file is missing are skipped)."""
    rows = []
    with open(folder / "labels.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            path = folder / row["file"].strip()
            if not path.is_file():
                continue
            rows.append({**row, "loinc": row["loinc"].strip(),
                         "text": path.read_text(encoding="utf-8", errors="replace")})
    return rows


def measure(clf: Classifier, rows: list[dict], threshold: float) -> dict:
    t0 = time.perf_counter()
    results = [clf.classify(r["text"]) for r in rows]
    dt = time.perf_counter() - t0
    pairs = [(r["loinc"], c.code) for r, c in zip(rows, results)]
    rep = report_from_pairs(pairs)
    merged = report_from_pairs([(HP_CONSULT.get(t, t), HP_CONSULT.get(p, p)) for t, p in pairs])
    auto = [(r["loinc"], c.code) for r, c in zip(rows, results) if not c.abstained and c.confidence >= threshold]
    auto_ok = sum(t == p for t, p in auto)
    reasons = Counter(c.evidence[0] for c in results if c.abstained and c.evidence)
    wrong_auto = Counter(f"{t}->{p}" for t, p in auto if t != p)
    by: dict[str, dict[str, dict[str, int]]] = {}
    for key in ("setting", "style"):
        groups: dict[str, Counter] = defaultdict(Counter)
        for r, (t, p) in zip(rows, pairs):
            if r.get(key):
                g = groups[r[key].strip()]
                g["docs"] += 1
                g["correct"] += t == p
                g["abstained"] += p == UNKNOWN.code
        if groups:
            by[key] = {k: dict(v) for k, v in sorted(groups.items())}
    n = len(rows)
    return {
        "documents": n,
        "docs_per_second": round(n / dt, 1) if dt else None,
        "macro_f1": rep.macro_f1,
        "accuracy": rep.accuracy,
        "abstained": rep.abstained,
        "abstention_rate": round(rep.abstained / n, 4) if n else 0.0,
        "abstention_reasons": dict(reasons),
        "per_class": [m.model_dump() for m in rep.per_class],
        "hp_consult_merged": {"macro_f1": merged.macro_f1, "accuracy": merged.accuracy},
        "auto_file": {"threshold": threshold, "answers": len(auto),
                      "precision": round(auto_ok / len(auto), 4) if auto else None,
                      "coverage": round(len(auto) / n, 4) if n else 0.0,
                      "wrong": dict(wrong_auto)},
        "by": by,
        "labels": list(rep.labels),
        "confusion": [list(r) for r in rep.confusion],
        "_table": rep.confusion_table(),
    }


def print_summary(name: str, m: dict) -> None:
    a = m["auto_file"]
    print(f"== {name}: {m['documents']} docs, macro-F1 {m['macro_f1']}, accuracy {m['accuracy']}, "
          f"abstained {m['abstention_rate']:.1%} {m['abstention_reasons']}, "
          f"H&P+consult merged macro-F1 {m['hp_consult_merged']['macro_f1']}, {m['docs_per_second']} docs/s")
    print(f"   auto-file >= {a['threshold']}: precision {a['precision']}, coverage {a['coverage']} "
          f"({a['answers']} answers), wrong {a['wrong']}")
    for c in m["per_class"]:
        print(f"   {c['code']:<9} P {c['precision']:.2f} R {c['recall']:.2f} F1 {c['f1']:.2f} n={c['support']}")
    for key, groups in m["by"].items():
        print(f"   by {key}: " + ", ".join(f"{k} {g['correct']}/{g['docs']}" for k, g in groups.items()))
    print(m["_table"])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", dest="sets", type=Path, action="append",
                    help="folder with NNNN.txt + labels.csv (repeatable)")
    ap.add_argument("--per-type", type=int, default=30, help="template documents per type and style")
    ap.add_argument("--no-templates", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "doctypes.json")
    a = ap.parse_args()
    threshold = Thresholds().min_type_confidence
    t0 = time.perf_counter()
    clf = build_default(DEFAULT_DOCTYPES)
    out: dict = {"training_seconds": round(time.perf_counter() - t0, 2), "model": clf.meta, "sets": {}}
    if not a.no_templates:
        for style, seed in (("heldout", 4242), ("noisy", 4343)):
            rows = [{"loinc": c, "text": t} for t, c in generate(style=style, per_type=a.per_type, seed=seed)]
            out["sets"][f"templates-{style}"] = measure(clf, rows, threshold)
    sets = a.sets if a.sets else [p for p in DEFAULT_SETS if (p / "labels.csv").is_file()]
    for folder in sets:
        rows = read_set(folder)
        if rows:
            out["sets"][str(folder)] = measure(clf, rows, threshold)
    for name, m in out["sets"].items():
        print_summary(name, m)
    for m in out["sets"].values():
        m.pop("_table")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(out, indent=2))
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
