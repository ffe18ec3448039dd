"""A term index over the whole ICD-10-CM tabular list (descriptions and inclusion terms).

Built once per process from the ``simple-icd-10-cm`` package (the FY2026 April update it ships),
memoised; about a second of work after the package itself has loaded. Each billable code becomes
one or more *terms*: a bag of normalised word groups (a group is a set of alternatives, from
"embolism and thrombosis"), with the non-essential words dropped (parenthesised modifiers,
"unspecified ...", "without ...", "other", "NOS"). Codes that need a 7th character are indexed
once at their 6-character base; the 7th character is chosen at match time from the text.

Text is normalised the same way, after a small table of abbreviations common in notes (HTN, T2DM,
CHF, COPD, afib, SOB, CKD, MI, UTI, ...). A term matches a sentence when every group has a word in
the sentence within a short window; within a sentence a match whose words are a subset of a
longer match's words is dropped, so "type 2 diabetes with CKD stage 3" gives E11.22 + N18.30,
not E11.9.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import simple_icd_10_cm as icd10

# ---------------------------------------------------------------- normalisation

_STOP = frozenset(("of", "the", "and", "or", "in", "with", "to", "for", "a", "an", "by", "on", "at", "nos",
                   "other", "unspecified", "specified", "mellitus", "classified", "elsewhere", "nec", "as",
                   "is", "be", "w", "pt", "patient", "has", "his", "her", "due", "from", "current",
                   "site", "condition", "conditions", "uncomplicated", "involving", "congestive", "unilateral"))
_TERM_DROP = re.compile(r",?\s*not intractable|\bdue to excess calories|\bprimary (?=osteoarthritis)")
_NUMBERED = {"type", "stage", "class", "grade"}
_STAGE_NUM = re.compile(r"^(?:[0-9]|[1-5][ab]?)$")
_GENERIC = frozenset(("left", "right", "bilateral", "acute", "chronic", "disease", "disorder", "syndrome",
                      "unilateral", "1", "2", "3", "4", "5", "stage", "primary", "secondary", "mild",
                      "moderate", "severe", "initial", "encounter", "subsequent", "sequela", "part", "region",
                      "lower", "upper", "limb", "finding", "abnormal", "state", "personal", "family", "history"))
_CANON = {
    "diabetic": "diabetes", "hypertensive": "hypertension", "renal": "kidney", "cardiac": "heart",
    "pulmonic": "pulmonary", "extremity": "limb", "extremities": "limb", "leg": "limb", "arm": "limb",
    "ii": "2", "i": "1", "iii": "3", "iv": "4", "v": "5", "intractable": "intractable", "hyperlipidaemia":
    "hyperlipidemia", "anaemia": "anemia", "oesophageal": "esophageal", "haemorrhage": "hemorrhage",
    "tumour": "tumor", "fibrillation": "fibrillation", "infection": "infection", "injury": "injury",
    "cancer": "malignant", "carcinoma": "malignant", "neoplasm": "neoplasm", "obese": "obesity",
    "depressive": "depression", "asthmatic": "asthma", "feverish": "fever", "febrile": "fever",
    "gastroesophageal": "gastro esophageal", "osteoarthritis": "osteoarthritis", "arthrosis": "osteoarthritis",
}
# abbreviations and note phrasings -> words of the code set (applied to text only)
ABBREVIATIONS = {
    "htn": "hypertension", "t2dm": "type 2 diabetes", "dm2": "type 2 diabetes", "t2d": "type 2 diabetes",
    "niddm": "type 2 diabetes", "t1dm": "type 1 diabetes", "dm1": "type 1 diabetes", "t1d": "type 1 diabetes",
    "iddm": "type 1 diabetes", "dm": "diabetes", "chf": "congestive heart failure", "hf": "heart failure",
    "hfref": "systolic heart failure", "hfpef": "diastolic heart failure", "copd": "chronic obstructive pulmonary disease",
    "afib": "atrial fibrillation", "a-fib": "atrial fibrillation", "af": "atrial fibrillation",
    "aflutter": "atrial flutter", "sob": "shortness of breath", "doe": "dyspnea on exertion",
    "ckd": "chronic kidney disease", "esrd": "end stage kidney disease", "aki": "acute kidney failure",
    "arf": "acute kidney failure", "mi": "myocardial infarction", "ami": "acute myocardial infarction",
    "stemi": "st elevation myocardial infarction", "nstemi": "non st elevation myocardial infarction",
    "uti": "urinary tract infection", "cad": "atherosclerotic heart disease coronary artery",
    "gerd": "gastro esophageal reflux disease", "dvt": "deep vein thrombosis", "pe": "pulmonary embolism",
    "cva": "cerebral infarction", "tia": "transient cerebral ischemic attack", "osa": "obstructive sleep apnea",
    "bph": "benign prostatic hyperplasia", "hld": "hyperlipidemia", "mdd": "major depressive disorder",
    "gad": "generalized anxiety disorder", "uri": "acute upper respiratory infection", "ra": "rheumatoid arthritis",
    "oa": "osteoarthritis", "cap": "pneumonia", "pna": "pneumonia", "n/v": "nausea vomiting",
    "abd": "abdominal", "lle": "left lower limb", "rle": "right lower limb", "lue": "left upper limb",
    "rue": "right upper limb", "rlq": "right lower quadrant", "llq": "left lower quadrant",
    "ruq": "right upper quadrant", "luq": "left upper quadrant", "ha": "headache", "hypothyroid": "hypothyroidism",
    "hyperthyroid": "hyperthyroidism", "ibs": "irritable bowel syndrome", "ptsd": "post-traumatic stress disorder",
    "adhd": "attention-deficit hyperactivity disorder", "bmi": "body mass index", "hx": "history",
    "fx": "fracture", "lbp": "low back pain", "sz": "seizure", "pvd": "peripheral vascular disease",
    "pad": "peripheral vascular disease", "ich": "intracerebral hemorrhage", "ams": "altered mental status",
    "etoh": "alcohol", "hgb": "hemoglobin", "ugib": "upper gastrointestinal hemorrhage",
}
_PHRASES = [  # text phrase -> code-set words, longest first
    ("heart attack", "myocardial infarction"), ("high blood pressure", "hypertension"),
    ("kidney injury", "kidney failure"), ("distal radius", "lower end radius"), ("distal radial", "lower end radius"),
    ("proximal humerus", "upper end humerus"), ("hip fracture", "fracture femur neck"),
    ("stroke", "cerebral infarction"), ("sugar", "glucose"), ("elevated glucose", "hyperglycemia"),
    ("high cholesterol", "hypercholesterolemia"), ("belly", "abdominal"), ("acid reflux", "gastro esophageal reflux"),
    ("reflux", "gastro esophageal reflux"), ("clot", "thrombosis"), ("ear infection", "otitis media"),
    ("end-stage", "end stage"), ("bladder infection", "cystitis"), ("kidney infection", "pyelonephritis"),
]
_ROMAN_AFTER = {"type", "stage", "class", "grade"}

_TOKEN = re.compile(r"[a-z0-9]+(?:[/-][a-z0-9]+)*")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_UNSPEC_TAIL = re.compile(r",\s*unspecified[^,]*")
_WITHOUT = re.compile(r"\bwithout\b[^,]*")
_EXTERNAL = ("V", "W", "X", "Y")


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        return w[:-1]
    return w


def norm_word(w: str) -> list[str]:
    w = _CANON.get(w, w)
    return [_stem(p) for p in w.split()]


def _split_token(tok: str) -> list[str]:
    return [p for p in re.split(r"[/-]", tok) if p] if tok not in ABBREVIATIONS else [tok]


def text_tokens(text_low: str) -> list[tuple[str, int, int, int]]:
    """(normalised word, char start, char end, expansion id) for a lowercase text, abbreviations
    expanded; words of one expansion share an id >= 0 (a match takes all of them or none)."""
    raw: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text_low):
        for piece in _split_token(m.group(0)):
            raw.append((piece, m.start(), m.end()))
    out: list[tuple[str, int, int, int]] = []
    prev = ""
    exp = -1
    without = 0  # words left in a "without ..." scope: emitted as "no_<word>"
    words: Sequence[str]
    i = 0
    while i < len(raw):
        for src, dst in _PHRASE_TABLE:
            n = len(src)
            if tuple(w for w, _, _ in raw[i:i + n]) == src:
                words, s, e = dst, raw[i][1], raw[i + n - 1][2]
                i += n
                break
        else:
            w, s, e = raw[i]
            words = ABBREVIATIONS[w].split() if w in ABBREVIATIONS else [w]
            i += 1
        exp = i if len(words) > 1 else -1
        for w in (x for y in words for x in _split_token(y)):
            if w in ("i", "ii", "iii", "iv", "v") and prev not in _ROMAN_AFTER:
                prev = w
                continue
            if w in ("without", "no"):
                without = 3
                prev = w
                continue
            for n_ in norm_word(w):
                if _STAGE_NUM.match(n_) and prev in _NUMBERED and out and out[-1][0] == prev:
                    out[-1] = (prev + n_, out[-1][1], e, out[-1][3])
                    prev = "#"
                    continue
                if _STAGE_NUM.match(n_) and len(out) >= 2 and out[-1][0] == "disease" and out[-2][0] == "kidney":
                    out.append(("stage" + n_, s, e, -1))
                    prev = "#"
                    continue
                prev = n_
                if n_ in ("with", "and", "or"):
                    without = 0
                if n_ not in _STOP:
                    if without:
                        out.append(("no_" + n_, s, e, exp))
                        without -= 1
                    else:
                        out.append((n_, s, e, exp))
    return [t for t in out if t[0] != "type"]


_PHRASE_TABLE = sorted(((tuple(a.split()), tuple(b.split())) for a, b in _PHRASES), key=lambda x: -len(x[0]))


# ---------------------------------------------------------------- index


@dataclass(frozen=True)
class Term:
    code: str  # billable code, or the 6-character base when ``seventh`` is set
    groups: tuple[frozenset[str], ...]
    seventh: bool
    curated: bool
    forbidden: frozenset[str]
    other: bool  # an "Other ..." residual code: ranked below an exact or unspecified one
    words: int  # words in the description (shorter = closer)


def _merge_numbers(words: list[str]) -> list[str]:
    """'stage 3a' -> 'stage3a', 'type 2' -> 'type2', 'kidney disease 3a' -> ... 'stage3a'."""
    out: list[str] = []
    for w in words:
        if _STAGE_NUM.match(w) and out and out[-1] in _NUMBERED:
            out[-1] = out[-1] + w
        elif _STAGE_NUM.match(w) and len(out) >= 2 and out[-2:] == ["kidney", "disease"]:
            out.append("stage" + w)
        else:
            out.append(w)
    return out


def term_parts(phrase: str) -> tuple[tuple[frozenset[str], ...], frozenset[str]]:
    """(required word groups, forbidden words from 'without ...')."""
    low = phrase.lower()
    low = _PAREN.sub(" ", low)
    low = _TERM_DROP.sub(" ", low)
    low = _UNSPEC_TAIL.sub(" ", low)
    forbidden = frozenset(n for m in _WITHOUT.finditer(low) for t in _TOKEN.findall(m.group(0))[1:]
                          for w in _split_token(t) for n in norm_word(w) if n not in _STOP)
    low = _WITHOUT.sub(" ", low)
    return term_groups(low), forbidden


def term_groups(phrase: str) -> tuple[frozenset[str], ...]:
    low = phrase.lower()
    raw = _merge_numbers([t for m in _TOKEN.finditer(low) for t in _split_token(m.group(0))])
    groups: list[set[str]] = []
    join = False
    for w in raw:
        if w in ("and", "or") and groups:
            join = True
            continue
        ns = [n for n in norm_word(w) if n not in _STOP and n != "type"]
        for n in ns:
            if join and groups:
                groups[-1].add(n)
                join = False
            else:
                groups.append({n})
        if not ns:
            join = False
    seen: list[frozenset[str]] = []
    for g in groups:
        fg = frozenset(g)
        if fg not in seen:
            seen.append(fg)
    return tuple(seen)


class TermIndex:
    def __init__(self, curated: dict[str, list[str]] | None = None):
        terms: list[Term] = []
        for code in icd10.get_all_codes(with_dots=True):
            if code.startswith(_EXTERNAL) or code[:3] in _HISTORY_CATS or not icd10.is_leaf(code):
                continue
            if icd10.is_extended_subcategory(code):
                continue  # handled at its base below
            self._add(terms, code, False, False)
        for base in self._seventh_bases():
            self._add(terms, base, True, False)
        for code, phrases in (curated or {}).items():
            if not icd10.is_valid_item(code):
                continue
            seventh = not icd10.is_leaf(code) and _has_seventh(code)
            if not icd10.is_leaf(code) and not seventh:
                continue
            for ph in phrases:
                g, forb = term_parts(ph)
                if g:
                    terms.append(Term(code, g, seventh, True, forb, False, len(g)))
        self.terms = terms
        df: dict[str, int] = defaultdict(int)
        for t in terms:
            for group in t.groups:
                for word in group:
                    df[word] += 1
        self.df = df
        self.by_anchor: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(terms):
            anchor = min(t.groups, key=lambda grp: max(df[x] for x in grp))
            for word in anchor:
                self.by_anchor[word].append(i)

    @staticmethod
    def _seventh_bases() -> list[str]:
        bases: list[str] = []
        for code in icd10.get_all_codes(with_dots=True):
            if code.startswith(_EXTERNAL) or not icd10.is_extended_subcategory(code):
                continue
            parent = icd10.get_parent(code)
            if not bases or bases[-1] != parent:
                bases.append(parent)
        return list(dict.fromkeys(bases))

    @staticmethod
    def _add(terms: list[Term], code: str, seventh: bool, curated: bool) -> None:
        desc = icd10.get_description(code)
        low = desc.lower()
        if low.startswith(("encounter for", "personal history", "family history")):
            return
        other = low.startswith("other ") or ", other" in low or " other " in low
        phrases = [desc] + [p for p in icd10.get_inclusion_term(code)]
        for ph in phrases:
            g, forb = term_parts(ph)
            if not g or all(w in _GENERIC for grp in g for w in grp):
                continue
            terms.append(Term(code, g, seventh, curated, forb, other, len(_TOKEN.findall(low))))


_HISTORY_CATS = frozenset(f"Z{n}" for n in range(80, 88))


@lru_cache(maxsize=4096)
def _has_seventh(code: str) -> bool:
    kids = icd10.get_children(code) if icd10.is_valid_item(code) else []
    return bool(kids) and all(icd10.is_extended_subcategory(k) for k in kids)


@lru_cache(maxsize=1)
def build(curated_key: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> TermIndex:
    return TermIndex({c: list(p) for c, p in curated_key})


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    term: Term
    positions: frozenset[int]
    start: int
    end: int


def match_tokens(index: TermIndex, toks: list[tuple[str, int, int, int]]) -> list[Match]:
    """Matches in one sentence's tokens, longest first, subsets of a kept match dropped."""
    where: dict[str, list[int]] = defaultdict(list)
    expansion: dict[int, set[int]] = defaultdict(set)
    for i, (w, _, _, x) in enumerate(toks):
        where[w].append(i)
        if x >= 0:
            expansion[x].add(i)
    cands: dict[int, Match] = {}
    for i, (w, _, _, _) in enumerate(toks):
        for ti in index.by_anchor.get(w, ()):
            t = index.terms[ti]
            pos = {i}
            ok = True
            for g in t.groups:
                if w in g:
                    continue
                near = [p for x in g for p in where.get(x, ())]
                if not near:
                    ok = False
                    break
                pos.add(min(near, key=lambda p: abs(p - i)))
            if not ok or (t.forbidden and any(x in where for x in t.forbidden)):
                continue
            if max(pos) - min(pos) + 1 > 2 * len(t.groups) + 3:
                continue
            if any(toks[p][3] >= 0 and not expansion[toks[p][3]] <= pos for p in pos):
                continue  # part of an abbreviation's words: "UTI, AKI" is not "infection of kidney"
            m = Match(t, frozenset(pos), toks[min(pos)][1], toks[max(pos)][2])
            prev = cands.get(ti)
            if prev is None or (max(m.positions) - min(m.positions)) < (max(prev.positions) - min(prev.positions)):
                cands[ti] = m
    ranked = sorted(cands.values(), key=lambda m: (-len(m.positions), m.term.other, not m.term.curated,
                                                    m.term.words, m.term.code))
    kept: list[Match] = []
    for m in ranked:
        if any(m.positions <= k.positions for k in kept):
            continue
        kept.append(m)
    return kept
