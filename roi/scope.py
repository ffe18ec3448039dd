"""Out-of-scope content on a release page (minimum necessary, 45 CFR 164.502(b)/164.514(d)).

A document is picked for a packet by its service date and by the sensitive labels of its whole
text (``roi.packets.pick``); a page of it can still hold content the request does not reach:

- a dated section or entry outside the request's date range (a cumulative progress-note log,
  a discharge summary quoting an earlier admission, an outside record's earlier visit);
- a sensitive section the authorization does not name: substance-use-disorder treatment
  (42 CFR Part 2), HIV/STI, behavioural health / psychotherapy, reproductive health, genetic
  results (the categories of ``roi.sensitivity``).

``find(text, scope)`` returns proposals over those lines, each with the reason a reviewer reads.
Granularity: a section is a heading line and the lines under it; a dated entry is a line that
starts with its date (with the undated lines that continue it). A section whose heading is
sensitive (or whose lines are mostly sensitive) is proposed whole; otherwise only the lines
that carry the sensitive evidence. Dates that are not dates of care (birth dates, print, fax,
signature, transcription stamps) never put a section out of range, and items in history-like
sections ("Past surgical history: 2019 appendectomy") belong to the note that lists them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from roi import sensitivity
import json

KIND = "out-of-scope"

_CATEGORY_NAMES = {
    "part2": "substance-use-disorder treatment (42 CFR Part 2)",
    "hiv-sti": "HIV / sexually transmitted infection",
    "behavioral": "behavioural health / psychotherapy",
    "reproductive": "reproductive health",
    "genetic": "genetic testing",
}


@dataclass(frozen=True)
class Scope:
    """What the request and its authorization reach."""

    date_from: date | None = None
    date_to: date | None = None
    covers: frozenset[str] = field(default_factory=frozenset)  # sensitivity categories authorised


@dataclass(frozen=True)
class Proposal:
    start: int
    end: int
    reason: str  # shown to the reviewer
    basis: str  # "date" or a sensitivity category
    kind: str = KIND


# --- dates --------------------------------------------------------------------------------
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    r"(?P<iso>\b(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<us>\b(?P<um>\d{1,2})\s*[/.\-]\s*(?P<ud>\d{1,2})\s*[/.\-]\s*(?P<uy>(?:19|20)?\d{2})\b)"
    rf"|(?P<dmy>\b(?P<dd>\d{{1,2}})[\s\-]+(?P<dm>{_MON})[\s\-,]+(?P<dy>(?:19|20)\d{{2}})\b)"
    rf"|(?P<mdy>\b(?P<mm>{_MON})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d{{2}})\b)"
    rf"|(?P<my2>\b(?P<mo>{_MON})\s+(?P<yo>(?:19|20)\d{{2}})\b)",
    re.IGNORECASE)
# a date right after one of these is no date of care
_NOT_CARE_BEFORE = re.compile(
    r"(?:\bDOB|\bD\.O\.B\.?|date\s+of\s+birth|birth\s*date|\bborn|\bprinted|\bprint\s+date|\bfaxed|\bfax\s+sent|"
    r"\bsent|\breceived|\bsigned(?:\s+on)?|\besigned|\btranscribed|\bdictated|\brun\s+date|\breport\s+generated|"
    r"\bgenerated|\bexpires?|\bexpiration|\bexp\.?|\brequest(?:ed)?(?:\s+date)?|\bauthori[sz]ation(?:\s+date)?|"
    r"\bdate\s+of\s+request|\bdeceased|\bdate\s+of\s+death|\bupdated|\blast\s+modified|\breviewed)"
    r"[^\n\d]{0,14}$", re.IGNORECASE)
_HISTORY_HEADING = re.compile(
    r"\b(?:history|hx|PMH|PSH|problem\s+list|problems|medications?|meds|allerg(?:y|ies)|immuni[sz]ations?|"
    r"vaccin|surgeries|procedures\s+to\s+date|prior|previous|past|family|social|screening\s+schedule|"
    r"health\s+maintenance|results\s+trend|trend)\b", re.IGNORECASE)


def _year(y: str) -> int:
    n = int(y)
    return n if n >= 100 else (2000 + n if n < 70 else 1900 + n)


def _month(s: str) -> int | None:
    return _MONTHS.get(s.lower().rstrip(".")) or _MONTHS.get(s.lower().rstrip(".")[:3])


def _interval(m: re.Match[str]) -> tuple[date, date] | None:
    """The calendar interval a date match names (a day, or a whole month for "June 2024")."""
    try:
        if m.group("iso"):
            d = date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        elif m.group("us"):
            d = date(_year(m.group("uy")), int(m.group("um")), int(m.group("ud")))
        elif m.group("dmy") or m.group("mdy"):
            dmy = bool(m.group("dmy"))
            mo = _month(m.group("dm") if dmy else m.group("mm"))
            if not mo:
                return None
            d = date(int(m.group("dy" if dmy else "my")), mo, int(m.group("dd" if dmy else "md")))
        else:
            mo = _month(m.group("mo"))
            if not mo:
                return None
            y = int(m.group("yo"))
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    except ValueError:
        return None
    return d, d


def care_dates(line: str) -> list[tuple[int, int, date, date]]:
    """Dates of care on a line: (start, end, first day, last day), birth/print/signature
    stamps left out."""
    out = []
    for m in _DATE.finditer(line):
        if _NOT_CARE_BEFORE.search(line[max(0, m.start() - 40):m.start()]):
            continue
        iv = _interval(m)
        if iv:
            out.append((m.start(), m.end(), iv[0], iv[1]))
    return out


def _outside(iv: tuple[date, date], scope: Scope) -> bool:
    first, last = iv
    return bool((scope.date_from and last < scope.date_from) or (scope.date_to and first > scope.date_to))


def _range_text(scope: Scope) -> str:
    a = scope.date_from.isoformat() if scope.date_from else "any date"
    b = scope.date_to.isoformat() if scope.date_to else "any date"
    return f"{a} to {b}"


# --- sections -----------------------------------------------------------------------------
@dataclass
class _Line:
    start: int
    end: int
    text: str


@dataclass
class _Block:
    heading: _Line  # the first line (a heading, or a dated entry's own line)
    lines: list[_Line]  # every line of the block, the heading included
    is_heading: bool  # the first line is a heading (not an entry line)
    in_history: bool  # an entry listed under a history-like heading


_ENTRY = re.compile(r"^\s*(?:[-*\u2022]\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
                    r"(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}|"
                    rf"\d{{1,2}}[\s\-]+{_MON}[\s\-,]+\d{{4}}|{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})",
                    re.IGNORECASE)
_SERVICE_DATE = re.compile(r"^\s*(?:date\s+of\s+(?:service|visit|encounter|admission|procedure)|"
                           r"(?:service|visit|encounter|admission|admit|procedure|session|note)\s+date|DOS|date)"
                           r"\s*[:#]", re.IGNORECASE)
_LABEL_VALUE = re.compile(r"^[A-Za-z][A-Za-z /&()'\-]{1,40}:\s*\S")


def _is_heading(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 80:
        return False
    letters = [c for c in t if c.isalpha()]
    if len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) >= 0.85 and not _LABEL_VALUE.match(t):
        return True  # "PSYCHOTHERAPY NOTE", "ADMISSION 03/02/2023"
    if t.endswith(":") and len(t) <= 60:
        return True  # "Substance use treatment:"
    return bool(re.match(r"^(?:#{1,4}\s+|={2,}\s*|-{2,}\s*)\S", t))


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _blocks(text: str) -> list[_Block]:
    """Sections (a heading and what follows it up to the next heading) and, inside them, dated
    entries (a line beginning with a date, with its undated continuation lines, up to a blank
    line, the next entry or the next heading)."""
    blocks: list[_Block] = []
    section: _Block | None = None
    entry: _Block | None = None
    for ln in _lines(text):
        if not ln.text.strip():
            entry = None
            if section is not None:
                section.lines.append(ln)
            continue
        history = bool(section and _HISTORY_HEADING.search(section.heading.text))
        if _is_heading(ln.text) and not _ENTRY.match(ln.text):
            section = _Block(ln, [ln], True, False)
            blocks.append(section)
            entry = None
            continue
        if section is not None:
            section.lines.append(ln)
        if _ENTRY.match(ln.text) or (_is_heading(ln.text) and _ENTRY.match(ln.text)):
            entry = _Block(ln, [ln], False, history)
            blocks.append(entry)
        elif entry is not None:
            entry.lines.append(ln)
    return blocks


def _span(lines: list[_Line]) -> tuple[int, int]:
    filled = [ln for ln in lines if ln.text.strip()]
    s = filled[0].start + (len(filled[0].text) - len(filled[0].text.lstrip()))
    return s, filled[-1].end


# --- the proposals ------------------------------------------------------------------------
def find(text: str, scope: Scope) -> list[Proposal]:
    """Proposals over the page's content outside the request's scope (empty when the whole
    page is in scope)."""
    out: list[Proposal] = []
    blocks = _blocks(text)
    if scope.date_from or scope.date_to:
        for b in blocks:
            if b.in_history:
                continue
            dates = care_dates(b.heading.text)
            if not dates and b.is_heading:
                dates = next((care_dates(ln.text) for ln in b.lines[1:4] if _SERVICE_DATE.match(ln.text)), [])
            if not dates:
                continue
            first, last = min(d[2] for d in dates), max(d[3] for d in dates)
            if _outside((first, last), scope):
                lines = b.lines
                if b.is_heading:  # a dated section ends where the next dated entry starts
                    cut = next((i for i, ln in enumerate(lines[1:], 1) if _ENTRY.match(ln.text)), len(lines))
                    lines = lines[:cut]
                s, e = _span(lines)
                when = first.isoformat() if first == last else first.strftime("%B %Y")
                what = "section" if b.is_heading else "entry"
                out.append(Proposal(s, e, f"{what} dated {when}, outside the request's range "
                                          f"({_range_text(scope)})", "date"))
    out += _sensitive(text, blocks, scope)
    return _merge(out)


def _sensitive(text: str, blocks: list[_Block], scope: Scope) -> list[Proposal]:
    out: list[Proposal] = []
    labels = [lab for lab in sensitivity.classify(text) if lab.category not in scope.covers]
    if not labels:
        return out
    lines = _lines(text)
    sections = [b for b in blocks if b.is_heading]
    for lab in labels:
        name = _CATEGORY_NAMES.get(lab.category, lab.category)
        reason = f"{name}: the authorization does not cover it"
        whole: list[_Block] = []
        for sec in sections:
            s, e = sec.lines[0].start, sec.lines[-1].end
            ev = [x for x in lab.evidence if s <= x[0] < e]
            if not ev:
                continue
            body = [ln for ln in sec.lines[1:] if ln.text.strip()]
            hit_lines = {id(ln) for ln in body for x in ev if ln.start <= x[0] < ln.end + 1}
            heading_hit = any(sec.heading.start <= x[0] < sec.heading.end for x in ev)
            if heading_hit or (body and len(hit_lines) * 2 >= len(body)):
                whole.append(sec)
        for sec in whole:
            s, e = _span(sec.lines)
            out.append(Proposal(s, e, f"section: {reason}", lab.category))
        covered = [(p.start, p.end) for p in out if p.basis == lab.category]
        for x in lab.evidence:
            if any(s <= x[0] < e for s, e in covered):
                continue
            ln = next(ln for ln in lines if ln.start <= x[0] <= ln.end)
            out.append(Proposal(*_span([ln]), f"line: {reason}", lab.category))
            covered.append((ln.start, ln.end))
    return out


def _merge(props: list[Proposal]) -> list[Proposal]:
    """A proposal inside another one (same or other reason) is dropped; the wider one carries
    both reasons."""
    props = sorted(props, key=lambda p: (p.start, -p.end))
    out: list[Proposal] = []
    for p in props:
        host = next((o for o in out if o.start <= p.start and p.end <= o.end), None)
        if host is None:
            out.append(p)
        elif p.reason not in host.reason:
            i = out.index(host)
            out[i] = Proposal(host.start, host.end, f"{host.reason}; {p.reason}", host.basis)
    return out


def scope_of_request(req: object) -> Scope:
    """The scope of a roi_requests row."""

    covers = getattr(req, "authorization_covers", None) or "[]"
    cats = json.loads(covers) if isinstance(covers, str) else list(covers)
    return Scope(date_from=_as_date(getattr(req, "date_from", None)), date_to=_as_date(getattr(req, "date_to", None)),
                 covers=frozenset(cats))


def _as_date(v: object) -> date | None:
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])
