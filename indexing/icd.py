"""ICD-10-CM code *suggestions* from document text (never final codes; CPT is not shipped).

Terms come from the whole ICD-10-CM tabular list the ``simple-icd-10-cm`` package ships
(descriptions and inclusion terms, indexing/icd_index.py), plus a curated synonym list
(indexing/seed/icd_terms.json) for note wording the code set does not use, plus codes written
in the text itself. Only billable codes are suggested; where the code family needs more than the
text says (laterality, 7th character, diabetes type, CKD stage, heart-failure type) the suggestion
carries ``needs_specificity`` and a ``prompt`` for the coder. Context is handled ConText-style
(indexing/icd_context.py: cues with a scope direction and reach, pseudo cues, terminators), within a clause:
  - negated ("denies chest pain", "no evidence of pneumonia", "PE was ruled out") -> dropped
  - family history ("family history of", a Family History section)              -> dropped
  - personal history ("history of", "h/o", a Past Medical History section)         -> status "history"
  - uncertain ("rule out", "possible", "suspected", "evaluate for")                -> status "uncertain"
Each suggestion carries its evidence span (offsets into the text) and a score 0..1.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Literal

import simple_icd_10_cm as icd10
from pydantic import BaseModel, ConfigDict, Field

from indexing import icd_context, icd_index, icd_rules
from importlib.metadata import version

TERMS_FILE = Path(__file__).parent / "seed" / "icd_terms.json"
MAX_CHARS = 1_000_000  # a 5 MB text is coded on its first megabyte

Status = Literal["active", "history", "uncertain"]


class CodeSuggestion(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    display: str
    span: tuple[int, int]
    evidence: str
    score: float = Field(ge=0.0, le=1.0)
    status: Status = "active"
    mentions: int = 1
    needs_specificity: tuple[str, ...] = ()
    prompt: str | None = None


_SECTION_HISTORY = ("past medical history", "pmh", "past history", "medical history", "past surgical history",
                    "psh", "prior surgeries", "surgical history", "pmhx", "medical hx", "past medical/surgical history",
                    "resolved problems", "inactive problems", "past problems", "historical problems")
_SECTION_FAMILY = ("family history", "fh", "fhx", "family hx", "fam hx", "family medical history")
_SECTION_ASSESS = ("assessment", "impression", "diagnosis", "diagnoses", "final diagnosis", "problem list",
                   "discharge diagnoses", "assessment and plan", "a/p", "principal diagnosis")
_SECTION_NEG = ("review of systems", "ros", "pertinent negatives", "negatives", "denies", "patient denies",
                "denies the following", "patient denies the following", "negative for", "the patient denies")  # mostly negatives
_SECTION_UNCERTAIN = ("differential diagnosis", "differential", "ddx", "differential diagnoses", "return precautions",
                      "discharge instructions", "patient instructions", "precautions", "rule out", "warning signs")

_HEADING = re.compile(r"(?m)^[ \t]*([A-Za-z][A-Za-z/&' ]{0,40}?)[ \t]*(?::|$)")
_CODE_IN_TEXT = re.compile(r"\b([A-TV-Z][0-9][0-9AB](?:\.[0-9A-TV-Z]{1,4})?)\b")


@lru_cache(maxsize=1)
def _index() -> icd_index.TermIndex:
    """The whole-code-set index with the curated terms in it (built once per process)."""
    data = json.loads(TERMS_FILE.read_text(encoding="utf-8"))
    return icd_index.TermIndex(data["terms"])


def index_stats() -> dict:
    ix = _index()
    return {"terms": len(ix.terms), "codes": len({t.code for t in ix.terms}),
            "code_set": "ICD-10-CM (simple-icd-10-cm " + _package_version() + ")"}


def _package_version() -> str:
    return version("simple-icd-10-cm")


@lru_cache(maxsize=4096)
def describe(code: str) -> str:
    return icd10.get_description(code) if icd10.is_valid_item(code) else ""


def _sections(low: str) -> list[tuple[int, str]]:
    """(start offset, kind) for headings: history / family / assess / neg / other."""
    out: list[tuple[int, str]] = []
    for m in _HEADING.finditer(low):
        h = m.group(1).strip()
        if not h or len(h.split()) > 5:
            continue
        kind = ("history" if h in _SECTION_HISTORY else "family" if h in _SECTION_FAMILY else
                "assess" if h in _SECTION_ASSESS else "neg" if h in _SECTION_NEG else
                "uncertain" if h in _SECTION_UNCERTAIN else None)
        has_colon = low[m.end() - 1: m.end()] == ":"
        if not kind and out and out[-1][1] == "family" and h in icd_context.RELATIVE_HEADINGS:
            continue  # "Mother: breast cancer" inside a Family History section stays family
        if kind or has_colon:
            out.append((m.start(), kind or "other"))
    return out


def _section_at(sections: list[tuple[int, str]], starts: list[int], pos: int) -> str:
    i = bisect_right(starts, pos)
    return sections[i - 1][1] if i else "other"


_context = icd_context.judge  # the built-in rules (bench/icd_context.py imports this name)


_SENTENCE_END = re.compile(r"[.;!?\n]+(?=\s|$)|\n")


def _sentences(low: str) -> list[tuple[int, int]]:
    out, b = [], 0
    for m in _SENTENCE_END.finditer(low):
        if m.start() > b:
            out.append((b, m.start()))
        b = m.end()
    if b < len(low):
        out.append((b, len(low)))
    return out


Judge = Callable[[str, int, int, str], "str | None"]


def suggest(text: str, *, judge: Judge | None = None) -> tuple[CodeSuggestion, ...]:
    """ICD-10-CM suggestions, best first. Pure; empty text gives an empty tuple.

    ``judge(lowercase text, start, end, section)`` -> negated/family/history/uncertain/active
    replaces the built-in context rules (bench/icd_context.py plugs medspacy's ConText in here)."""
    judge = judge or _context
    t = text[:MAX_CHARS]
    low = t.lower()
    sections = _sections(low)
    starts = [st for st, _ in sections]
    found: dict[str, dict] = {}

    def add(code: str, span: tuple[int, int], score: float, status: Status) -> None:
        cur = found.get(code)
        if cur is None:
            found[code] = {"span": span, "score": score, "status": status, "mentions": 1}
            return
        cur["mentions"] += 1
        rank = {"active": 2, "uncertain": 1, "history": 0}
        if rank[status] > rank[cur["status"]] or (rank[status] == rank[cur["status"]] and score > cur["score"]):
            cur.update(span=span, score=score, status=status)

    ix = _index()
    prompts: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for ss, se in _sentences(low):
        toks = [(w, ss + a, ss + b, x) for w, a, b, x in icd_index.text_tokens(low[ss:se])]
        for m in icd_index.match_tokens(ix, toks):
            section = _section_at(sections, starts, m.start)
            ctx = judge(low, m.start, m.end, section)
            if ctx in ("negated", "family"):
                continue
            code, need = icd_rules.resolve(m.term.code, seventh=m.term.seventh, sentence=low[ss:se])
            score = 0.6 + 0.04 * min(5, len(m.positions)) + (0.05 if m.term.curated else 0.0)
            score += 0.1 if section == "assess" else 0.0
            if ctx == "history":
                score = 0.45
            elif ctx == "uncertain":
                score = 0.4
            add(code, (m.start, m.end), min(0.9, score), ctx)  # type: ignore[arg-type]  # judge gives a Status word
            if need:
                prompts[code] = need
    for cm in _CODE_IN_TEXT.finditer(t):
        code = cm.group(1)
        if icd10.is_valid_item(code):
            ctx = judge(low, cm.start(1), cm.end(1), _section_at(sections, starts, cm.start(1)))
            if ctx not in ("negated", "family"):
                add(code, cm.span(1), 0.9 if ctx == "active" else 0.4, ctx)  # type: ignore[arg-type]  # a Status word
    found = icd_rules.combine(found, low)
    out = []
    for code, f in found.items():
        bonus = min(0.1, 0.03 * (f["mentions"] - 1)) if f["status"] == "active" else 0.0
        s, e = f["span"]
        needs, prompt = prompts.get(code) or icd_rules.specificity(code, low)
        out.append(CodeSuggestion(code=code, display=describe(code), span=(s, e), evidence=t[s:e],
                                  score=round(min(0.95, f["score"] + bonus), 3), status=f["status"],
                                  mentions=f["mentions"], needs_specificity=needs, prompt=prompt))
    out.sort(key=lambda c: (-c.score, c.span[0]))
    return tuple(out)
