"""ICD-10-CM code *suggestions* from document text (never final codes; CPT is not shipped).

Terms come from the whole ICD-10-CM tabular list the ``simple-icd-10-cm`` package ships
(descriptions and inclusion terms, indexing/icd_index.py), plus a curated synonym list
(indexing/seed/icd_terms.json) for note wording the code set does not use, plus codes written
in the text itself. Only billable codes are suggested; where the code family needs more than the
text says (laterality, 7th character, diabetes type, CKD stage, heart-failure type) the suggestion
carries ``needs_specificity`` and a ``prompt`` for the coder. Context is handled NegEx-style, within a clause:
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

from indexing import icd_index, icd_rules

TERMS_FILE = Path(__file__).parent / "seed" / "icd_terms.json"
MAX_CHARS = 1_000_000  # a 5 MB text is coded on its first megabyte
WINDOW = 6  # tokens between a trigger and the term

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


_PRE_NEG = ("no evidence of", "no signs of", "no sign of", "negative for", "free of", "absence of",
            "denies", "denied", "deny", "denying", "without", "not", "no", "never had", "ruled out for",
            "no history of", "no complaints of", "resolved")
_POST_NEG = ("was ruled out", "is ruled out", "has been ruled out", "were ruled out", "ruled out",
             "is negative", "was negative", "unlikely", "has resolved", "resolved", "was excluded", "excluded")
_FAMILY = ("family history of", "family history significant for", "mother had", "father had",
           "mother with", "father with", "sister with", "brother with", "fh of", "fhx")
_HISTORY = ("history of", "h/o", "hx of", "past history of", "previous", "prior", "status post", "s/p")
_UNCERTAIN = ("rule out", "r/o", "if", "in case", "should", "possible", "possibly", "probable", "suspected", "suspicious for",
              "concern for", "evaluate for", "evaluation for", "questionable", "cannot exclude", "differential includes",
              "differential")
_TERMINATE = ("but", "however", "although", "though", "except", "which", "presents", "presented",
              "reports", "complains", "now", "aside from", "apart from", "secondary to", "due to")
_SECTION_HISTORY = ("past medical history", "pmh", "past history", "medical history", "past surgical history",
                    "psh", "prior surgeries", "surgical history")
_SECTION_FAMILY = ("family history", "fh", "fhx")
_SECTION_ASSESS = ("assessment", "impression", "diagnosis", "diagnoses", "final diagnosis", "problem list",
                   "discharge diagnoses", "assessment and plan", "a/p", "principal diagnosis")
_SECTION_NEG = ("review of systems", "ros")  # ROS lists are mostly pertinent negatives

_HEADING = re.compile(r"(?m)^[ \t]*([A-Za-z][A-Za-z/&' ]{0,40}?)[ \t]*(?::|$)")
_CLAUSE_END = re.compile(r"[.;!?\n]")
_WORD = re.compile(r"[a-z0-9/\-']+")
_CODE_IN_TEXT = re.compile(r"\b([A-TV-Z][0-9][0-9AB](?:\.[0-9A-TV-Z]{1,4})?)\b")


def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(p) for p in alts) + r")(?![a-z0-9])")


_PRE_NEG_RE, _POST_NEG_RE = _phrase_re(_PRE_NEG), _phrase_re(_POST_NEG)
_FAMILY_RE, _HISTORY_RE, _UNCERTAIN_RE = _phrase_re(_FAMILY), _phrase_re(_HISTORY), _phrase_re(_UNCERTAIN)
_TERMINATE_RE = _phrase_re(_TERMINATE)


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
    from importlib.metadata import version

    return version("simple-icd-10-cm")


@lru_cache(maxsize=4096)
def describe(code: str) -> str:
    return icd10.get_description(code) if icd10.is_valid_item(code) else ""


def _sections(low: str) -> list[tuple[int, str]]:
    """(start offset, kind) for headings: history / family / assess / neg / other."""
    out = []
    for m in _HEADING.finditer(low):
        h = m.group(1).strip()
        if not h or len(h.split()) > 5:
            continue
        kind = ("history" if h in _SECTION_HISTORY else "family" if h in _SECTION_FAMILY else
                "assess" if h in _SECTION_ASSESS else "neg" if h in _SECTION_NEG else None)
        has_colon = low[m.end() - 1: m.end()] == ":"
        if kind or has_colon:
            out.append((m.start(), kind or "other"))
    return out


def _section_at(sections: list[tuple[int, str]], starts: list[int], pos: int) -> str:
    i = bisect_right(starts, pos)
    return sections[i - 1][1] if i else "other"


def _clause(low: str, start: int, end: int) -> tuple[int, int]:
    b = max((m.end() for m in _CLAUSE_END.finditer(low, max(0, start - 300), start)), default=max(0, start - 300))
    m = _CLAUSE_END.search(low, end, end + 300)
    return b, (m.start() if m else min(len(low), end + 300))


def _trigger_before(pattern: re.Pattern[str], before: str) -> bool:
    """A trigger in ``before`` (clause text up to the term), within WINDOW tokens, not cut off."""
    last = None
    for m in pattern.finditer(before):
        last = m
    if last is None:
        return False
    between = before[last.end():]
    if _TERMINATE_RE.search(between):
        return False
    return len(_WORD.findall(between)) <= WINDOW


def _context(low: str, start: int, end: int, section: str) -> str | None:
    """'negated' | 'family' | 'history' | 'uncertain' | 'active'."""
    cb, ce = _clause(low, start, end)
    before, after = low[cb:start], low[end:ce]
    if section == "family" or _trigger_before(_FAMILY_RE, before):
        return "family"
    if _trigger_before(_PRE_NEG_RE, before):
        return "negated"
    post = _POST_NEG_RE.search(after)
    if post and len(_WORD.findall(after[: post.start()])) <= WINDOW and not _TERMINATE_RE.search(after[: post.start()]):
        return "negated"
    if section == "neg":
        return "negated"
    if _trigger_before(_UNCERTAIN_RE, before):
        return "uncertain"
    if section == "history" or _trigger_before(_HISTORY_RE, before):
        return "history"
    return "active"


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
            add(code, (m.start, m.end), min(0.9, score), ctx)  # type: ignore[arg-type]
            if need:
                prompts[code] = need
    for m in _CODE_IN_TEXT.finditer(t):
        code = m.group(1)
        if icd10.is_valid_item(code):
            add(code, m.span(1), 0.9, "active")
    found = icd_rules.combine(found, low)
    out = []
    for code, f in found.items():
        bonus = min(0.1, 0.03 * (f["mentions"] - 1)) if f["status"] == "active" else 0.0
        s, e = f["span"]
        need, prompt = prompts.get(code) or icd_rules.specificity(code, low)
        out.append(CodeSuggestion(code=code, display=describe(code), span=(s, e), evidence=t[s:e],
                                  score=round(min(0.95, f["score"] + bonus), 3), status=f["status"],
                                  mentions=f["mentions"], needs_specificity=need, prompt=prompt))
    out.sort(key=lambda c: (-c.score, c.span[0]))
    return tuple(out)
