"""Text -> feature vector: TF-IDF over words and word pairs, title/heading evidence, the
document's section structure and its encounter-setting cues.

Title evidence: a document-type keyword in one of the first short lines (``T:<code>``);
heading evidence: a keyword in a heading-like line anywhere (``H:<code>``). Section features:
each heading-like line (``Heading:``, an ALL-CAPS line, a short title-like line, SOAP letters)
is mapped to the clinical section it names, after the section vocabulary of HL7 C-CDA
document templates (chief complaint, HPI, ROS, ED course, medical decision making,
disposition, hospital course, discharge medications, pre-/postoperative diagnosis, technique,
comparison, impression, gross/microscopic ...), so that "EMERGENCY DEPARTMENT COURSE:",
"ED course" and "Course in the ER" are one feature. Setting cues: phrases that place the
encounter (the ED, a clinic follow-up, an admission, a consult, a letter, ...), counted over
the whole text. All are features of the same model, so their weight is learned and
calibrated with the words.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from indexing.doctypes import DocType
from indexing.classify.lexicon import is_medical_shape

_TOKEN = re.compile(r"[a-z][a-z&']+")
_TITLE_LINES = 8
_HEADING_MAX = 60
_TITLE_MAX = 90


def tokenize(text: str) -> list[str]:
    return [t.strip("'") for t in _TOKEN.findall(text.lower()) if len(t.strip("'")) >= 2]


def terms(tokens: list[str]) -> list[str]:
    """Unigrams and adjacent pairs."""
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


@dataclass(frozen=True)
class HeadingHit:
    code: str
    where: str  # "title" | "heading"
    line: str


class HeadingMatcher:
    """Finds document-type keywords in titles and section headings (one regex for all)."""

    def __init__(self, doctypes: tuple[DocType, ...]):
        self.codes = tuple(d.code for d in doctypes)
        self._codes_for: dict[str, list[str]] = {}
        for d in doctypes:
            for k in d.keywords:
                self._codes_for.setdefault(k.lower(), []).append(d.code)
        alts = sorted(self._codes_for, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![a-z0-9])(" + "|".join(re.escape(k) for k in alts) + r")(?![a-z0-9])") if alts else None

    def hits(self, text: str) -> list[HeadingHit]:
        if self._pattern is None:
            return []
        lines = [ln.strip() for ln in text[:20_000].splitlines() if ln.strip()]
        out: list[HeadingHit] = []
        seen: set[tuple[str, str]] = set()
        for i, line in enumerate(lines):
            low = line.lower()
            if i < _TITLE_LINES and len(line) <= _TITLE_MAX and ":" not in line:
                where, probe = "title", low
            else:
                head = low.split(":", 1)[0] if ":" in low else low
                if len(head) > _HEADING_MAX:
                    continue
                where, probe = "heading", head
            for m in self._pattern.finditer(probe):
                for code in self._codes_for[m.group(1)]:
                    if (code, where) not in seen:
                        seen.add((code, where))
                        out.append(HeadingHit(code, where, line[:80]))
        return out


# Clinical sections (after C-CDA section templates), matched on a normalised heading.
SECTION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("chief_complaint", r"^(chief|presenting) complaints?|^cc$|^complaints?$|^reason for (visit|encounter|presentation)"),
    ("hpi", r"history of (the )?present(ing)? illness|^hpi\b|^present illness|^history of present"),
    ("interval_history", r"^interval|overnight|since last (visit|seen)|^events|24 ?h(ou)?r? events|^subjective and interval"),
    ("ros", r"review of (systems|symptoms)|^ros\b|^systems review"),
    ("past_history", r"past (medical|surgical|history)|^pmh|^psh|^pmhx|medical history|surgical history|^past history"),
    ("medications", r"^(current |home |outpatient |active )?(medications?|meds|medication list)$"),
    ("allergies", r"^allerg|^nkda"),
    ("social_family", r"social history|family history|^sh$|^fh$|^social$|^habits"),
    ("physical_exam", r"physical exam|^pe$|^exam(ination)?( on admission)?$|^general exam|^objective exam"),
    ("vitals", r"^vital|^vs$|^vitals"),
    ("subjective", r"^s$|^subjective"),
    ("objective", r"^o$|^objective"),
    ("assessment", r"^a$|^assessment$|^problem list|^problems?$"),
    ("plan", r"^p$|^plan( of care| for today)?$|^next steps"),
    ("assessment_plan", r"assessment (and|&|/) ?plan|^a ?/ ?p$|^a ?& ?p$|impression (and|&|/) ?plan|^assessment/recommendations"),
    ("mental_status", r"mental status|^mse$"),
    ("triage", r"triage|mode of arrival|^arrival|^arrived|^acuity|^esi"),
    ("ed_course", r"(ed|er|emergency (department|room)) course|course in the (ed|er|emergency)|^ed treatment|treatment in (the )?(department|ed|er)|^ed management"),
    ("mdm", r"medical decision|^mdm|clinical reasoning|differential diagnos"),
    ("disposition", r"disposition|^dispo\b"),
    ("reason_consult", (r"reason for (the )?consult|consult(ation)? question|^question$|requesting (physician|provider|service)|"
                       r"consult(ation)? requested|consulting (service|physician)|^requested by|^referring (physician|provider)")),
    ("recommendations", r"recommendations?|^recs?$|^suggestions"),
    ("hospital_course", (r"hospital course|course in (the )?hospital|summary of (hospital )?stay|^brief hospital|"
                        r"^clinical course|^postpartum course|^course$")),
    ("discharge_dx", r"discharge diagnos|diagnos[ie]s at discharge|^final diagnos[ie]s$|^principal diagnosis|^admitting diagnosis"),
    ("discharge_meds", r"discharge medication|medications? (at|on) discharge|^d/?c meds|discharge med"),
    ("discharge_condition", r"condition (at|on) discharge|discharge condition|^discharge instructions|^pending at discharge"),
    ("follow_up", r"^follow[ -]?up|^f/?u$|^aftercare|^return (to clinic|precautions)|^rtc"),
    ("admit_dates", r"(admission|admit|discharge) date|date of (admission|discharge)|^admitted$|^los$|length of stay"),
    ("preop_dx", r"pre[ -]?op(erative)? (diagnos|dx)|^pre[ -]?op dx"),
    ("postop_dx", r"post[ -]?op(erative)? (diagnos|dx)|^post[ -]?op dx"),
    ("procedure_name", r"^(name of )?(procedures?|operations?)( performed| done)?$|^procedures? performed|^operation performed"),
    ("surgeon", r"surgeon|^assistants?$|^surgical team"),
    ("anesthesia", r"anesthe|^sedation"),
    ("blood_loss", r"blood loss|^ebl$|^qbl$|^fluids"),
    ("drains_implants", r"^drains?$|^implants?$|tourniquet|^counts|^wound class"),
    ("findings", r"findings"),
    ("op_description", (r"description of (the )?(procedure|operation)|procedure in detail|operative technique|"
                       r"details of (the )?(procedure|operation)|procedure description|^procedure details")),
    ("indication", r"indications?|reason for (the )?(exam|study|procedure|test)|clinical (history|indication|information|data)|^history$|^hx$"),
    ("technique", r"technique|protocol|^acquisition|^method"),
    ("comparison", r"comparison|prior (studies|exam)|^priors$"),
    ("impression", r"impression|conclusions?$|^interpretation"),
    ("consent", r"consent|time[ -]?out|universal protocol"),
    ("complications", r"complications?"),
    ("specimen", r"^specimens?|^source( of specimen)?$|^site$"),
    ("gross", r"^gross|macroscopic"),
    ("microscopic", r"microscop|^histolog"),
    ("path_diagnosis", r"(final|pathologic(al)?) diagnosis|^diagnosis$|^interpretation/result"),
    ("lab_results", r"^results?$|^test results|^values|^panel|^culture|susceptibil|^chemistry|^hematology|^urinalysis"),
    ("reference_range", r"reference|^ref range|normal range|^flags?$"),
    ("referral", r"reason for referral|^referred (to|by)|^referral"),
)
_SECTION_RES = tuple((name, re.compile(pat)) for name, pat in SECTION_PATTERNS)
SECTION_NAMES = tuple(name for name, _ in SECTION_PATTERNS)

# Encounter setting, author/service cues: counted over the whole text.
CUE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("ed", (r"\b(emergency (department|room|dept|medicine|physician|provider)|in the (ed|er)\b|to the (ed|er)\b|(ed|er) (visit|course|physician|provider|attending)|"
           r"triage|\besi\b|\bems\b|arrived (via|by)|brought (in )?by (ems|ambulance)|prior to arrival|\bpta\b|\bwalk-?in\b)")),
    ("follow_up", (r"\b(follow[ -]?up (visit|appointment)|returns? (today|to clinic|for)|return visit|since (the |her |his |their )?last "
                  r"(visit|appointment|seen)|last seen|was last seen|here (today )?for (a |his |her )?(follow|recheck|routine)|"
                  r"comes in for|presents for (a )?(follow|recheck)|\brtc\b|next (appointment|visit)|interval history|"
                  r"(month|week|year) (follow[ -]?up|recheck))")),
    ("clinic", r"\b(clinic|office visit|outpatient|telehealth|telemedicine|video visit|in the office|primary care)\b"),
    ("admission", (r"\b(admit(ted)? to|will admit|admission to|admit for|inpatient|hospital day|\bhd ?#?\d|\bpod ?#?\d|"
                  r"postoperative day|post-?op day|telemetry|medicine floor|on the floor)\b")),
    ("discharge", (r"\b(discharged (home|to)|discharge (home|to)|at (the time of )?discharge|on discharge|upon discharge|being discharged|"
                  r"was discharged|day of discharge|discharge medications?)\b")),
    ("consult", (r"(thank you for (this|the|allowing|asking|involving|the opportunity)|asked (by .{1,40} )?to (see|evaluate)|"
                r"we were (asked|consulted)|consulted (by|for|regarding)|will (continue to )?follow|signing off|sign off|"
                r"re-?consult|at the request of|requested (a |this )?consult)")),
    ("letter", r"(^|\n)\s*dear\b|sincerely|kind regards|best regards|yours (truly|faithfully)|thank you for referring"),
    ("surgery", (r"(operating room|\bor table|prepped and draped|trocar|pneumoperitoneum|closed in layers|sponge and needle|"
                r"counts (were )?correct|skin incision|endotracheal|general anesthesia|tolerated the procedure well)")),
    ("imaging", (r"(contrast|axial|sagittal|coronal|\bviews?\b|no acute (abnormality|fracture|intracranial)|radiolog|bi-?rads|"
                r"attenuation|opacit|effusion|lymphadenopathy|\bcm\b|\bmm\b)")),
    ("cardiac_echo", (r"(\blvef\b|ejection fraction|ventricle|ventricular|valve|regurgitation|\btapse\b|\brvsp\b|echocardiog|doppler|"
                     r"wall motion|hypokines)")),
    ("lab_values", (r"(mmol|mg/dl|g/dl|u/l|iu/l|/ul|x ?10\^?\d|ref(erence)? (range|interval)|\((h|l)\)|\s(h|l)\s*\(|critical|"
                   r"cfu|\bmic\b|specimen received|collected)")),
    ("pathology", (r"(formalin|cassette|submitted (entirely|in toto)|margins?|dysplasia|carcinoma|adenoma|\bgross\b|"
                  r"microscopic|pathologist|immunohistochem)")),
    ("bedside_procedure", (r"(lidocaine|time[ -]?out|seldinger|guidewire|ultrasound[ -]guid|needle|catheter|sterile (prep|fashion)|"
                          r"chlorhexidine|sedation|propofol|the scope|endoscop|colonoscop|bronchoscop)")),
)
# Value of a present section / a cue seen often. Below 1, so that under the same weight decay
# the model leans on them less than on titles and words (structure is shared across types).
STRUCTURE_SCALE = (0.35, 0.35)
_CUE_RES = tuple((name, re.compile(pat)) for name, pat in CUE_PATTERNS)
CUE_NAMES = tuple(name for name, _ in CUE_PATTERNS)

_HEAD_COLON = re.compile(r"^\s*(?:[#*\-\d.)]+\s*)?([A-Za-z][A-Za-z0-9 /&'()+-]{0,55}?)\s*:(\s|$)")
_NORM = re.compile(r"[^a-z0-9/& ]+")


def _norm_heading(h: str) -> str:
    return " ".join(_NORM.sub(" ", h.lower()).split())


def headings(text: str) -> list[str]:
    """Normalised heading-like strings of a text: ``Heading:``, ALL-CAPS lines, short title lines."""
    out: list[str] = []
    for raw in text[:20_000].splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _HEAD_COLON.match(line)
        if m:
            out.append(_norm_heading(m.group(1)))
            continue
        letters = [c for c in line if c.isalpha()]
        if (len(line) <= 60 and letters and all(c.isupper() for c in letters) and len(letters) >= 2) or (len(line) <= 40 and len(line.split()) <= 6 and not line.endswith((".", ",", ";"))):
            out.append(_norm_heading(line))
    return [h for h in out if h]


@lru_cache(maxsize=65_536)
def _sections_of(heading: str) -> tuple[str, ...]:
    return tuple(name for name, rx in _SECTION_RES if rx.search(heading))


def section_names(text: str) -> set[str]:
    """The clinical sections whose headings a text has."""
    found: set[str] = set()
    for h in headings(text):
        found.update(_sections_of(h[:60]))
    return found


def cue_counts(text: str) -> dict[str, int]:
    low = text[:20_000].lower()
    return {name: n for name, rx in _CUE_RES if (n := len(rx.findall(low)))}


def _b64(a: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype=dtype).tobytes()).decode("ascii")


def _unb64(s: str, dtype: str, shape: tuple[int, ...]) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), dtype=dtype).reshape(shape).astype(np.float32)


class Vectorizer:
    """Sublinear TF-IDF (l2-normalised) + heading indicators for a fixed list of codes
    + section indicators + setting-cue strengths (both fixed lists, stored with the model)."""

    def __init__(self, vocab: list[str], idf: np.ndarray, heading_codes: tuple[str, ...],
                 sections: tuple[str, ...] = (), cues: tuple[str, ...] = ()):
        self.vocab = vocab
        self.index = {t: i for i, t in enumerate(vocab)}
        self.idf = idf.astype(np.float32)
        self.heading_codes = heading_codes
        self._code_pos = {c: i for i, c in enumerate(heading_codes)}
        self.unigrams = {t for t in vocab if " " not in t}
        self.sections = tuple(s for s in sections if s in SECTION_NAMES)
        self.cues = tuple(c for c in cues if c in CUE_NAMES)
        self._sec_pos = {s: i for i, s in enumerate(self.sections)}
        self._cue_pos = {c: i for i, c in enumerate(self.cues)}

    @property
    def dim(self) -> int:
        return len(self.vocab) + 2 * len(self.heading_codes) + len(self.sections) + len(self.cues)

    @classmethod
    def fit(cls, docs: list[list[str]], heading_codes: tuple[str, ...], *,
            max_features: int = 8000, min_df: int = 2) -> Vectorizer:
        df: Counter[str] = Counter()
        for d in docs:
            df.update(set(terms(d)))
        n = len(docs)
        kept = [t for t, c in df.items() if c >= min_df and c < 0.9 * n]
        kept.sort(key=lambda t: (-df[t], t))
        vocab = sorted(kept[:max_features])
        idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab], dtype=np.float32)
        return cls(vocab, idf, heading_codes, SECTION_NAMES, CUE_NAMES)

    def transform_one(self, tokens: list[str], hits: list[HeadingHit], text: str | None = None) -> np.ndarray:
        """Features of one document; ``text`` (the raw text) adds its sections and cues."""
        x = np.zeros(self.dim, dtype=np.float32)
        counts = Counter(t for t in terms(tokens) if t in self.index)
        if counts:
            idx = np.fromiter((self.index[t] for t in counts), dtype=np.int64)
            tf = np.fromiter(counts.values(), dtype=np.float32)
            vals = (1.0 + np.log(tf)) * self.idf[idx]
            vals /= max(float(np.linalg.norm(vals)), 1e-9)
            x[idx] = vals
        base = len(self.vocab)
        for h in hits:
            pos = self._code_pos.get(h.code)
            if pos is not None:
                x[base + 2 * pos + (0 if h.where == "title" else 1)] = 1.0
        if text is not None and (self.sections or self.cues):
            s_val, c_val = STRUCTURE_SCALE
            base += 2 * len(self.heading_codes)
            for s in section_names(text):
                if (i := self._sec_pos.get(s)) is not None:
                    x[base + i] = s_val
            base += len(self.sections)
            for c, n in cue_counts(text).items():
                if (i := self._cue_pos.get(c)) is not None:
                    x[base + i] = c_val * (1.0 - 0.5 ** n)
        return x

    def feature_name(self, j: int) -> str:
        if j < len(self.vocab):
            return self.vocab[j]
        k = j - len(self.vocab)
        if k < 2 * len(self.heading_codes):
            return f"{'title' if k % 2 == 0 else 'heading'}:{self.heading_codes[k // 2]}"
        k -= 2 * len(self.heading_codes)
        if k < len(self.sections):
            return f"section:{self.sections[k]}"
        return f"cue:{self.cues[k - len(self.sections)]}"

    def known_ratio(self, tokens: list[str], lexicon: frozenset[str] | set[str] = frozenset()) -> float:
        """Share of tokens that are known words: in the model's vocabulary, in ``lexicon``, or of
        a medical word shape (drug stems, procedure and disease suffixes)."""
        if not tokens:
            return 0.0

        known = 0
        for t in tokens:
            if t in self.unigrams or t in lexicon or is_medical_shape(t):
                known += 1
        return known / len(tokens)

    def to_dict(self) -> dict:
        return {"vocab": self.vocab, "idf": _b64(self.idf, "<f4"),
                "heading_codes": list(self.heading_codes), "sections": list(self.sections),
                "cues": list(self.cues)}

    @classmethod
    def from_dict(cls, d: dict) -> Vectorizer:
        vocab = [str(t) for t in d["vocab"]]
        sections, cues = tuple(d.get("sections", ())), tuple(d.get("cues", ()))
        if any(s not in SECTION_NAMES for s in sections) or any(c not in CUE_NAMES for c in cues):
            raise ValueError("model names a section or cue feature this version does not compute")
        return cls(vocab, _unb64(d["idf"], "<f4", (len(vocab),)), tuple(d["heading_codes"]), sections, cues)


__all__ = [
    "CUE_NAMES",
    "SECTION_NAMES",
    "HeadingHit",
    "HeadingMatcher",
    "Vectorizer",
    "_b64",
    "_unb64",
    "cue_counts",
    "headings",
    "section_names",
    "terms",
    "tokenize",
]
