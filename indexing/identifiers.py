"""Identifiers found in a document's text: MRN, patient name, birth date, dates of service, author.

Pure and label-driven: values are taken after the labels forms and letters use ("MRN:",
"Patient Name:", "DOB:", "Date of Service:", "Electronically signed by:"), each with its
character span in the text, so a reviewer can see where it came from. MRN patterns are
configurable (a regex with one group, or none: the whole match is the MRN).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Sequence

from pydantic import BaseModel, ConfigDict

from himflow.errors import RejectedInput
from schemas.events import ReasonCode

Span = tuple[int, int]

DEFAULT_MRN_PATTERNS: tuple[str, ...] = ((
    r"(?i:\b(?:MRN|MR\s?#|MR\s?No\.?|Medical\s+Record\s+(?:Number|No\.?|#)|Patient\s+ID|Chart\s+(?:No\.?|Number|#))"
    r"\s*[:#.]?\s*)([A-Z]{0,3}-?\d{5,12})\b"),
)
DEFAULT = DEFAULT_MRN_PATTERNS
MAX_SCAN_CHARS = 300_000  # identifiers live in headers; a 5 MB text is scanned on its start

_MONTHS = ("january february march april may june july august september october november december").split()
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_RE = re.compile(
    r"(?i)\b(?:"
    r"\d{4}-\d{1,2}-\d{1,2}"  # 2024-03-05
    r"|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}"  # 03/05/2024, 3-5-24
    r"|" + _MON + r"\s+\d{1,2},?\s+\d{4}"  # March 5, 2024
    r"|\d{1,2}[\s-]" + _MON + r"[\s-]\d{4}"  # 05-Mar-2024, 5 March 2024
    r")\b"
)

_NAME_WORD = r"[A-Z][A-Za-z'\-]+"
# Words of a name are separated by single spaces; two or more spaces or a tab end the value
# (forms put the next field in a column beside it: "Name: Smith, John   DOB: ...").
_INITIAL = r"[A-Z]\.?(?![A-Za-z:])"
_NAME_VALUE = (rf"({_NAME_WORD},[ ]?{_NAME_WORD}(?:[ ]{_INITIAL})?"
               rf"|{_NAME_WORD}(?:[ ]{_INITIAL})?(?:[ ]{_NAME_WORD}){{1,2}})(?![A-Za-z])")
_NAME_LABEL = r"(?i:patient(?:'s)?[ \t]+name|patient|name|member(?:[ \t]+name)?|re)"
_PATIENT_NAME = re.compile(rf"^[ \t]*{_NAME_LABEL}[ \t]*[:\-][ \t]*" + _NAME_VALUE, re.M)
# A label alone on its line, the value on the next (OCR of boxed forms).
_PATIENT_NAME_BELOW = re.compile(rf"^[ \t]*{_NAME_LABEL}[ \t]*:?[ \t]*\n[ \t]*" + _NAME_VALUE + r"[ \t]*$", re.M)
_BIRTH = re.compile(r"(?i)\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|born)\s*[:\-]?\s*")
_SERVICE = re.compile(
    r"(?i)\b(?:date\s+of\s+service|DOS|service\s+date|visit\s+date|date\s+of\s+visit|admission\s+date|"
    r"date\s+of\s+admission|discharge\s+date|date\s+of\s+discharge|date\s+of\s+(?:procedure|surgery|operation)|"
    r"exam\s+date|date\s+of\s+exam|collected|collection\s+date|encounter\s+date)\s*[:\-]?\s*"
)
_AUTHOR = re.compile(
    r"\b(?i:electronically\s+signed\s+by|signed\s+by|dictated\s+by|author|attending(?:\s+physician)?|"
    r"surgeon|pathologist|radiologist|prescriber|provider|signed)[ \t]*[:\-][ \t]*"
    r"((?:Dr\.?[ ])?" + _NAME_WORD + r"(?:[ ]" + _INITIAL + r")?(?:[ ]" + _NAME_WORD + r"){1,2}"
    r"(?:,[ \t]*(?:MD|DO|NP|PA|RN|PhD)\b\.?)?)",
    re.M,
)
_NOT_NAMES = {"unknown", "same", "none", "the", "patient", "date", "male", "female"}


class Found(BaseModel):
    model_config = ConfigDict(frozen=True)
    value: str
    span: Span
    label: str = ""


class FoundName(Found):
    given: str = ""
    family: str = ""


class FoundDate(Found):
    raw: str = ""  # value is ISO (YYYY-MM-DD)


class Identifiers(BaseModel):
    model_config = ConfigDict(frozen=True)
    mrns: tuple[Found, ...] = ()
    patient_names: tuple[FoundName, ...] = ()
    birth_dates: tuple[FoundDate, ...] = ()
    service_dates: tuple[FoundDate, ...] = ()
    authors: tuple[Found, ...] = ()

    @property
    def mrn_values(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.value for m in self.mrns))


def parse_date(raw: str) -> date | None:
    """Parse the date formats forms use; US order (month first) for ambiguous slashes."""
    s = raw.strip().rstrip(".,").replace(",", " ")
    s = re.sub(r"\s+", " ", s)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = map(int, m.groups())
        return _mk(y, mo, d)
    m = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})", s)
    if m:
        mo, d, y = map(int, m.groups())
        if y < 100:
            y += 2000 if y <= datetime.now().year % 100 else 1900  # noqa: DTZ005 - the local year is meant
        if mo > 12 >= d:  # 25/03/2024: day first
            mo, d = d, mo
        return _mk(y, mo, d)
    m = re.fullmatch(r"(?i)([a-z]+)\.? (\d{1,2}) (\d{4})", s)
    if m:
        month = _month(m.group(1))
        return _mk(int(m.group(3)), month, int(m.group(2))) if month else None
    m = re.fullmatch(r"(?i)(\d{1,2})[ -]([a-z]+)\.?[ -](\d{4})", s)
    if m:
        month = _month(m.group(2))
        return _mk(int(m.group(3)), month, int(m.group(1))) if month else None
    return None


def _month(word: str) -> int | None:
    w = word.lower()[:3]
    for i, name in enumerate(_MONTHS, 1):
        if name.startswith(w) and len(w) == 3:
            return i
    return None


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _dates_after(label_re: re.Pattern[str], text: str, label: str) -> tuple[FoundDate, ...]:
    out: list[FoundDate] = []
    for lm in label_re.finditer(text):
        dm = DATE_RE.match(text, lm.end())
        if not dm:
            continue
        parsed = parse_date(dm.group(0))
        if parsed:
            out.append(FoundDate(value=parsed.isoformat(), raw=dm.group(0), span=dm.span(), label=label))
    return tuple(out)


def _split_name(value: str) -> tuple[str, str]:
    value = value.strip()
    if "," in value:
        family, given = (p.strip() for p in value.split(",", 1))
        given = given.split()[0] if given else ""
        return given, family
    words = [w for w in value.split() if not re.fullmatch(r"[A-Z]\.?", w)]
    return (words[0], words[-1]) if len(words) >= 2 else ("", value)


def compile_mrn_patterns(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(p) for p in patterns)
    except re.error as e:
        raise RejectedInput("an MRN pattern is not a valid regex", reason=ReasonCode.MALFORMED_EVENT) from e


def extract(text: str, *, mrn_patterns: Sequence[str] = DEFAULT) -> Identifiers:
    t = text[:MAX_SCAN_CHARS]
    mrns: list[Found] = []
    for pat in compile_mrn_patterns(mrn_patterns):
        for m in pat.finditer(t):
            g = 1 if pat.groups else 0
            mrns.append(Found(value=m.group(g).strip(), span=m.span(g), label="mrn"))
    names: list[FoundName] = []
    matches = sorted([*_PATIENT_NAME.finditer(t), *_PATIENT_NAME_BELOW.finditer(t)], key=lambda m: m.start(1))
    for m in matches:
        value = m.group(1).strip()
        given, family = _split_name(value)
        if family.lower() in _NOT_NAMES or given.lower() in _NOT_NAMES:
            continue
        names.append(FoundName(value=value, span=m.span(1), label="patient-name", given=given, family=family))
    authors = [Found(value=m.group(1).strip(), span=m.span(1), label="author") for m in _AUTHOR.finditer(t)]
    return Identifiers(
        mrns=tuple(mrns),
        patient_names=tuple(names),
        birth_dates=_dates_after(_BIRTH, t, "birth-date"),
        service_dates=_dates_after(_SERVICE, t, "service-date"),
        authors=tuple(authors),
    )
