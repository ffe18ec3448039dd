"""indexing.icd's context rules beside medspacy's ConText default rules, on the same concept spans.

The matcher finds the same spans either way; only the judge differs (icd.suggest(judge=...)).
medspacy is not a himflow dependency: it pins numpy<2 (the shared venv has numpy 2), so run this
in a separate venv that has medspacy, simple-icd-10-cm and pydantic:

    python -m venv /tmp/ctx && /tmp/ctx/bin/pip install medspacy simple-icd-10-cm==1.5.0 pydantic
    PYTHONPATH=$PWD /tmp/ctx/bin/python bench/bench_icd.py SET_DIR --context --out /tmp/icd_ctx.json

medspacy 1.3.1 installs from PyPI and needs no model download (spacy.blank + PyRuSH + ConText rules
in the wheel). Figures: share of negated codes left active (lower is better) and share of gold codes
active anywhere in the suggestions (higher is better), on bench/icd_context_dev.jsonl and on the set.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DEV = Path(__file__).parent / "icd_context_dev.jsonl"


@lru_cache(maxsize=1)
def _nlp():
    import medspacy

    return medspacy.load(enable=["medspacy_pyrush", "medspacy_context"])


@lru_cache(maxsize=256)
def _doc(text_low: str):
    nlp = _nlp()
    doc = nlp.make_doc(text_low)
    for name, proc in nlp.pipeline:
        if name != "medspacy_context":
            doc = proc(doc)
    return doc


def medspacy_judge(low: str, start: int, end: int, section: str) -> str:
    nlp = _nlp()
    doc = _doc(low)
    span = doc.char_span(start, end, label="PROBLEM", alignment_mode="expand")
    if span is None:
        return "active"
    doc.ents = [span]
    nlp.get_pipe("medspacy_context")(doc)
    ent = doc.ents[0]
    if ent._.is_negated:
        return "negated"
    if ent._.is_family:
        return "family"
    if ent._.is_hypothetical or ent._.is_uncertain:
        return "uncertain"
    if ent._.is_historical:
        return "history"
    return "active"


def _measure(items: list[dict], judge) -> dict:
    from indexing.icd import suggest

    neg = neg_leak = gold = hit = 0
    for it in items:
        active = {s.code for s in suggest(it["text"], judge=judge) if s.status == "active"}
        neg += len(it.get("negated", []))
        neg_leak += sum(c in active for c in it.get("negated", []))
        gold += len(it["codes"])
        hit += sum(c in active for c in it["codes"])
    return {"negated_left_active_share": round(neg_leak / max(1, neg), 4), "negated": neg,
            "gold_active_recall": round(hit / max(1, gold), 4), "gold": gold}


def compare(items: list[dict]) -> dict:
    from indexing.icd import _context

    dev = [json.loads(x) for x in DEV.read_text().splitlines() if x.strip()]
    out: dict = {}
    for name, rows in (("dev_own_sentences", dev), ("set", items)):
        out[name] = {"himflow_context": _measure(rows, _context)}
        try:
            out[name]["medspacy_context"] = _measure(rows, medspacy_judge)
        except ImportError as e:
            out[name]["medspacy_context"] = {"error": f"medspacy not installed ({e.name})"}
    return out
