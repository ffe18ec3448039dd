"""ICD-10-CM coding hints measured on a labelled set the matcher was not written against.

    .venv/bin/python bench/bench_icd.py [SET_DIR] [--out bench/results/icd.json]

SET_DIR holds ``sentences.jsonl`` and/or ``notes.jsonl`` (one JSON object a line: ``id``, ``text``,
``codes`` = what a coder assigns, ``negated`` = codes that must not be suggested). Default:
bench/evalsets/icd. Only aggregate figures are printed and written (no text, no per-line detail),
so running the set does not show its sentences.

Figures, per file and overall:
- precision and recall at the top 3 *active* suggestions (history/uncertain ones are flagged, not
  hints to code), exact code and category level (first 3 characters);
- the share of negated findings wrongly suggested: a negated code among the active suggestions
  (any rank), exact and at category level (a category counts only when no gold code shares it);
- the same share when history/uncertain suggestions are counted too (what a reader sees flagged);
- the index build time (first call) and the milliseconds per text afterwards.

The same figures on bench/icd_context_dev.jsonl (our own context sentences: negation scope, terminators,
pseudo cues, family, resolved history, hedges, conditionals; the rules are developed against these) are
printed as ``own-dev``, beside the set, never mixed into it.

``--context`` adds the ConText comparison: the same concept spans judged by indexing.icd's own
rules and by medspacy's ConText default rules (when medspacy is installed), on bench/icd_context_dev.jsonl
(our own sentences) and on the set; reported as negated-leak share and affirmed recall for each.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOP = 3


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _cat(code: str) -> str:
    return code[:3]


def score(items: list[dict], suggest) -> dict:
    tp = sugg = gold = 0
    ctp = csugg = cgold = 0
    neg_total = neg_leak = neg_leak_cat = neg_leak_any = 0
    ms = []
    for it in items:
        t0 = time.perf_counter()
        out = suggest(it["text"])
        ms.append((time.perf_counter() - t0) * 1000)
        active = [s.code for s in out if s.status == "active"]
        top = active[:TOP]
        g = set(it["codes"])
        tp += len(set(top) & g)
        sugg += len(top)
        gold += len(g)
        gc, tc = {_cat(c) for c in g}, []
        for c in top:  # category hits: one suggestion per gold category at most
            if _cat(c) not in tc:
                tc.append(_cat(c))
        ctp += len(set(tc) & gc)
        csugg += len(tc)
        cgold += len(gc)
        every = {s.code for s in out}
        for n in it.get("negated", []):
            neg_total += 1
            neg_leak += n in active
            neg_leak_any += n in every
            neg_leak_cat += _cat(n) not in gc and any(_cat(c) == _cat(n) for c in active)
    ms.sort()
    return {
        "items": len(items),
        "gold_codes": gold,
        f"precision_at_{TOP}": round(tp / max(1, sugg), 4),
        f"recall_at_{TOP}": round(tp / max(1, gold), 4),
        f"category_precision_at_{TOP}": round(ctp / max(1, csugg), 4),
        f"category_recall_at_{TOP}": round(ctp / max(1, cgold), 4),
        "negated_findings": neg_total,
        "negated_wrongly_suggested_share": round(neg_leak / max(1, neg_total), 4),
        "negated_wrongly_suggested": neg_leak,
        "negated_category_wrongly_suggested_share": round(neg_leak_cat / max(1, neg_total), 4),
        "negated_returned_any_status_share": round(neg_leak_any / max(1, neg_total), 4),
        "ms_per_text_median": round(ms[len(ms) // 2], 2) if ms else 0.0,
        "ms_per_text_max": round(ms[-1], 2) if ms else 0.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set_dir", nargs="?", type=Path, default=ROOT / "bench" / "evalsets" / "icd")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "icd.json")
    ap.add_argument("--context", action="store_true", help="also compare with medspacy ConText")
    a = ap.parse_args()
    if not a.set_dir.is_dir():
        print(f"no set directory {a.set_dir}", file=sys.stderr)
        return 2
    from indexing import icd

    t0 = time.perf_counter()
    icd.suggest("warm up: hypertension")
    build_s = time.perf_counter() - t0
    result: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform()},
                    "set": str(a.set_dir), "index": getattr(icd, "index_stats", dict)(),
                    "first_call_seconds": round(build_s, 2)}
    every: list[dict] = []
    for name in ("sentences", "notes"):
        f = a.set_dir / f"{name}.jsonl"
        if f.exists():
            items = load(f)
            every += items
            result[name] = score(items, icd.suggest)
    result["all"] = score(every, icd.suggest)
    dev = ROOT / "bench" / "icd_context_dev.jsonl"
    if dev.exists():
        result["own-dev"] = score(load(dev), icd.suggest)
    if a.context:
        from bench import icd_context

        result["context_comparison"] = icd_context.compare(every)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=2))
    print(f"first call (index build) {result['first_call_seconds']} s")
    for name in ("sentences", "notes", "all", "own-dev"):
        r = result.get(name)
        if not r:
            continue
        print(f"{name:9s} n={r['items']:3d}  P@{TOP} {r[f'precision_at_{TOP}']:.3f}  R@{TOP} {r[f'recall_at_{TOP}']:.3f}"
              f"  category P@{TOP} {r[f'category_precision_at_{TOP}']:.3f} R@{TOP} {r[f'category_recall_at_{TOP}']:.3f}"
              f"  negated suggested {r['negated_wrongly_suggested']}/{r['negated_findings']}"
              f" ({r['negated_wrongly_suggested_share']:.3f}; category {r['negated_category_wrongly_suggested_share']:.3f};"
              f" any status {r['negated_returned_any_status_share']:.3f})  {r['ms_per_text_median']} ms/text")
    if "context_comparison" in result:
        print(json.dumps(result["context_comparison"], indent=2))
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
