"""The department's reports as queries (issue 15.6): each takes a connection and a ``Period``
and returns typed rows. SQLAlchemy Core on the shared tables; the same statements run on
SQLite and PostgreSQL (days are UTC calendar days on both).

Nothing here writes. Medians and p90s are computed from the durations the query returns
(``percentile``, linear interpolation like PostgreSQL's ``percentile_cont``), because SQLite has
no percentile aggregate.

What is reused rather than redefined: where a document came from is the review queue's
``desk.queue.source_expr``; what waits for a person is ``desk.review.in_queue``; reasons in
words are ``desk.reasons.plain``; open deficiencies are ``chart.deficiencies.open_deficiencies``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chart.deficiencies import open_deficiencies
from desk.queue import source_expr
from desk.reasons import PLAIN, plain
from desk.review import in_queue
from himflow.db import document_history, documents, utcnow
from himflow.encounters import list_encounters
from roi.states import State
from roi.tables import requests as roi_requests
from schemas.events import DocumentStatus

KINDS = ("scan", "dictation")
AGING_BUCKETS = ("0-7", "8-14", "15-30", ">30")  # days


@dataclass(frozen=True)
class Period:
    """Calendar days ``start`` .. ``end``, both included (UTC)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    @classmethod
    def last_days(cls, days: int, *, today: date | None = None) -> Period:
        end = today or utcnow().date()
        return cls(start=end - timedelta(days=days - 1), end=end)

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        """The first instant after the period (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def percentile(values: list[float], p: float) -> float | None:
    """The p-quantile (0..1) by linear interpolation between closest ranks (PostgreSQL's
    ``percentile_cont``): the median of [1, 2, 3, 10] is 2.5, its p90 7.9. None when empty."""
    if not values:
        return None
    xs = sorted(values)
    pos = p * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _aware(v: datetime) -> datetime:
    return v if v.tzinfo else v.replace(tzinfo=UTC)


def _day(conn: Connection, col: Any) -> sa.ColumnElement:
    """A timestamp's UTC calendar day as 'YYYY-MM-DD' (SQLite stores UTC text already)."""
    if conn.dialect.name == "postgresql":
        return sa.func.to_char(sa.func.timezone("UTC", col), "YYYY-MM-DD")
    return sa.func.substr(sa.cast(col, sa.String), 1, 10)


def _within(col: Any, period: Period) -> sa.ColumnElement:
    return sa.and_(col >= period.since, col < period.until)


def _round(v: float | None, digits: int = 1) -> float | None:
    return None if v is None else round(v, digits)


# -- (a) documents received --------------------------------------------------------------------
@dataclass(frozen=True)
class ReceivedRow:
    day: str
    source: str  # station | physician | upload (desk.queue.SOURCES)
    type_code: str
    type_display: str
    documents: int


def received(conn: Connection, period: Period) -> list[ReceivedRow]:
    """Documents received per day, by source and document type. A batch that was split counts
    as the documents it was split into (the batch itself is not a document)."""
    day = _day(conn, documents.c.created_at).label("day")
    source = source_expr().label("source")
    code = sa.func.coalesce(documents.c.type_code, "unknown").label("code")
    stmt = (sa.select(day, source, code, sa.func.max(documents.c.type_display).label("display"),
                      sa.func.count().label("n"))
            .where(_within(documents.c.created_at, period),
                   documents.c.status != DocumentStatus.SPLIT.value)
            .group_by(day, source, code).order_by(day, source, code))
    return [ReceivedRow(day=r.day, source=r.source, type_code=r.code,
                        type_display=r.display or ("Type not yet known" if r.code == "unknown" else r.code),
                        documents=int(r.n)) for r in conn.execute(stmt)]


# -- (b) turnaround ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TurnaroundRow:
    kind: str
    filed: int
    median_hours: float | None
    p90_hours: float | None


def _first_filed() -> sa.Subquery:
    return (sa.select(document_history.c.doc_id, sa.func.min(document_history.c.at).label("filed_at"))
            .where(document_history.c.status == DocumentStatus.FILED.value)
            .group_by(document_history.c.doc_id).subquery())


def turnaround(conn: Connection, period: Period) -> list[TurnaroundRow]:
    """Hours from upload (the document's arrival; a split document keeps its batch's) to its
    first filing (automatic or approved by a person), per kind, for documents filed in the
    period: count, median and p90."""
    filed = _first_filed()
    rows = conn.execute(
        sa.select(documents.c.kind, documents.c.created_at, filed.c.filed_at)
        .join(filed, filed.c.doc_id == documents.c.id)
        .where(_within(filed.c.filed_at, period), documents.c.kind.in_(KINDS)))
    hours: dict[str, list[float]] = {k: [] for k in KINDS}
    for r in rows:
        hours[r.kind].append((_aware(r.filed_at) - _aware(r.created_at)).total_seconds() / 3600)
    return [TurnaroundRow(kind=k, filed=len(v), median_hours=_round(percentile(v, 0.5)),
                          p90_hours=_round(percentile(v, 0.9))) for k, v in hours.items()]


# -- (c) auto-file rate and the review backlog -------------------------------------------------
@dataclass(frozen=True)
class AutoFileRow:
    day: str
    decided: int
    auto_filed: int
    to_review: int
    auto_file_rate: float | None  # 0..1


def autofile(conn: Connection, period: Period) -> list[AutoFileRow]:
    """Per day, the indexing stage's decisions: filed without a person, or sent to review
    (each document counted once per day and decision); the rate is filed / decided. Every day
    of the period has a row."""
    day = _day(conn, document_history.c.at).label("day")
    stmt = (sa.select(day, document_history.c.status,
                      sa.func.count(sa.distinct(document_history.c.doc_id)).label("n"))
            .where(document_history.c.stage == "indexing",
                   document_history.c.status.in_((DocumentStatus.FILED.value, DocumentStatus.REVIEW.value)),
                   _within(document_history.c.at, period))
            .group_by(day, document_history.c.status))
    counts: dict[tuple[str, str], int] = {(r.day, r.status): int(r.n) for r in conn.execute(stmt)}
    out = []
    for d in period.days():
        key = d.isoformat()
        auto = counts.get((key, DocumentStatus.FILED.value), 0)
        review = counts.get((key, DocumentStatus.REVIEW.value), 0)
        decided = auto + review
        out.append(AutoFileRow(day=key, decided=decided, auto_filed=auto, to_review=review,
                               auto_file_rate=round(auto / decided, 4) if decided else None))
    return out


@dataclass(frozen=True)
class BacklogRow:
    reason: str
    reason_words: str
    documents: int
    oldest_days: int


def reason_key(code: str) -> str:
    """A reason as the backlog groups it: the flag prefix and any detail dropped
    ("flag:coverage-low:0.91 uncovered 12.0-27.5s" -> "coverage-low"), the filing rules'
    two-part codes kept ("patient:low-score")."""
    base = code.removeprefix("flag:")
    return base if base in PLAIN else base.split(":", 1)[0]


def backlog(conn: Connection, period: Period, *, now: datetime | None = None) -> list[BacklogRow]:
    """What waits for a person now (the review queue's own definition), by reason: a document
    with two reasons counts under each; ``(none)`` for one without. The queue is a state, so
    the period is not applied: it is today's backlog, whatever the dates asked."""
    del period
    now = now or utcnow()
    per: Counter[str] = Counter()
    oldest: dict[str, datetime] = {}
    for r in conn.execute(sa.select(documents.c.reasons, documents.c.created_at).where(in_queue())):
        try:
            codes = json.loads(r.reasons or "[]")
        except ValueError:
            codes = []
        keys = {reason_key(str(c)) for c in codes} if isinstance(codes, list) and codes else {"(none)"}
        for k in keys:
            per[k] += 1
            at = _aware(r.created_at)
            oldest[k] = min(oldest.get(k, at), at)
    return [BacklogRow(reason=k, reason_words=plain(k) if k != "(none)" else "No reason recorded",
                       documents=n, oldest_days=max((now - oldest[k]).days, 0))
            for k, n in sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))]


# -- (d) deficiencies and delinquency ----------------------------------------------------------
@dataclass(frozen=True)
class DeficiencyRow:
    physician: str
    service: str
    open: int
    delinquent: int
    missing: int
    unsigned: int
    days_0_7: int
    days_8_14: int
    days_15_30: int
    days_over_30: int


def aging_bucket(age_days: int) -> str:
    if age_days <= 7:
        return "0-7"
    if age_days <= 14:
        return "8-14"
    if age_days <= 30:
        return "15-30"
    return ">30"


def deficiencies(conn: Connection, period: Period, *, rules: dict[str, list[dict]],
                 now: datetime | None = None) -> list[DeficiencyRow]:
    """Open deficiencies (``chart.deficiencies``) by responsible physician and the encounter's
    service, with aging buckets of 0-7, 8-14, 15-30 and over 30 days. A state, read as of the
    period's end (or now, when the period ends today or later): ages count to that instant;
    documents are taken as the tables hold them now."""
    now = now or utcnow()
    as_of = min(now, period.until)
    services = {e.encounter_id: e.service for e in list_encounters(conn)}
    cells: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for d in open_deficiencies(conn, rules, now=as_of):
        c = cells[(d.physician or "(none)", services.get(d.encounter_id) or "(none)")]
        c["open"] += 1
        c["delinquent"] += int(d.delinquent)
        c[d.kind] += 1
        c[aging_bucket(d.age_days)] += 1
    return [DeficiencyRow(physician=p, service=s, open=c["open"], delinquent=c["delinquent"],
                          missing=c["missing"], unsigned=c["unsigned"], days_0_7=c["0-7"],
                          days_8_14=c["8-14"], days_15_30=c["15-30"], days_over_30=c[">30"])
            for (p, s), c in sorted(cells.items(), key=lambda kv: (-kv[1]["open"], kv[0]))]


# -- (e) release of information ----------------------------------------------------------------
@dataclass(frozen=True)
class RoiVolumeRow:
    day: str
    received: int
    released: int


def roi_volume(conn: Connection, period: Period) -> list[RoiVolumeRow]:
    """Requests received and requests released per day (every day of the period has a row)."""
    got_day = _day(conn, roi_requests.c.received_at).label("day")
    rel_day = _day(conn, roi_requests.c.released_at).label("day")
    got: dict[str, int] = dict(conn.execute(sa.select(got_day, sa.func.count())
                            .where(_within(roi_requests.c.received_at, period)).group_by(got_day)).all())
    rel: dict[str, int] = dict(conn.execute(sa.select(rel_day, sa.func.count())
                            .where(_within(roi_requests.c.released_at, period),
                                   roi_requests.c.state == State.RELEASED.value).group_by(rel_day)).all())
    return [RoiVolumeRow(day=d.isoformat(), received=int(got.get(d.isoformat(), 0)),
                         released=int(rel.get(d.isoformat(), 0))) for d in period.days()]


@dataclass(frozen=True)
class RoiReleaseRow:
    requester_type: str  # a requester type, or "all"
    released: int
    median_days: float | None
    p90_days: float | None


def roi_release(conn: Connection, period: Period) -> list[RoiReleaseRow]:
    """Days from a request's receipt to its release, for requests released in the period: all
    requests first, then per requester type."""
    rows = conn.execute(sa.select(roi_requests.c.requester_type, roi_requests.c.received_at,
                                  roi_requests.c.released_at)
                        .where(roi_requests.c.state == State.RELEASED.value,
                               _within(roi_requests.c.released_at, period)))
    days: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        d = (_aware(r.released_at) - _aware(r.received_at)).total_seconds() / 86400
        days["all"].append(d)
        days[r.requester_type].append(d)
    days.setdefault("all", [])
    order = ["all", *sorted(k for k in days if k != "all")]
    return [RoiReleaseRow(requester_type=k, released=len(days[k]), median_days=_round(percentile(days[k], 0.5)),
                          p90_days=_round(percentile(days[k], 0.9))) for k in order]


# -- (f) OCR and transcription quality ---------------------------------------------------------
@dataclass(frozen=True)
class QualityRow:
    kind: str
    documents: int
    low_confidence: int
    low_share: float | None  # 0..1
    mean_confidence: float | None
    unsure_words_flagged: int  # dictations flagged low-confidence-words (0 for scans)
    pages: int  # scans: pages OCR read (documents indexed with the counts)
    low_confidence_pages: int
    low_page_share: float | None  # 0..1
    audio_minutes: float | None  # dictations
    unsure_words: int
    unsure_words_per_minute: float | None


LOW_WORDS_FLAG = "low-confidence-words"


def _per_unit(r: Any) -> dict[str, Any]:
    pages = int(r.pages or 0) if r else 0
    low_pages = int(r.low_pages or 0) if r else 0
    minutes = float(r.audio) / 60 if r and r.audio else None
    unsure = int(r.unsure or 0) if r else 0
    return dict(pages=pages, low_confidence_pages=low_pages,
                low_page_share=round(low_pages / pages, 4) if pages else None,
                audio_minutes=round(minutes, 2) if minutes else None, unsure_words=unsure,
                unsure_words_per_minute=round(unsure / minutes, 2) if minutes else None)


def quality(conn: Connection, period: Period, *, min_quality: float) -> list[QualityRow]:
    """Extraction quality of the documents received in the period, per kind: how many have an
    extraction confidence (OCR's mean page confidence, the transcript's confidence) below the
    filing rules' ``min_quality``, their mean confidence, and how many dictations carry the
    low-confidence-words flag; per page, the OCR'd pages and those flagged low-confidence; per
    minute of dictation audio, the unsure words (indexing/quality.py counts them at indexing;
    documents indexed before those columns existed are left out of the page and minute figures)."""
    flagged = sa.func.coalesce(documents.c.flags, "").like(f'%"{LOW_WORDS_FLAG}"%')
    low = documents.c.confidence < min_quality
    stmt = (sa.select(documents.c.kind, sa.func.count().label("n"),
                      sa.func.sum(sa.case((low, 1), else_=0)).label("low"),
                      sa.func.avg(documents.c.confidence).label("mean"),
                      sa.func.sum(sa.case((flagged, 1), else_=0)).label("flagged"),
                      sa.func.sum(documents.c.ocr_pages).label("pages"),
                      sa.func.sum(documents.c.low_confidence_pages).label("low_pages"),
                      sa.func.sum(documents.c.audio_seconds).label("audio"),
                      sa.func.sum(documents.c.unsure_words).label("unsure"))
            .where(_within(documents.c.created_at, period), documents.c.kind.in_(KINDS),
                   documents.c.confidence.is_not(None),
                   documents.c.status != DocumentStatus.SPLIT.value)
            .group_by(documents.c.kind))
    got = {r.kind: r for r in conn.execute(stmt)}
    out = []
    for k in KINDS:
        r = got.get(k)
        n = int(r.n) if r else 0
        lo = int(r.low or 0) if r else 0
        out.append(QualityRow(kind=k, documents=n, low_confidence=lo, low_share=round(lo / n, 4) if n else None,
                              mean_confidence=round(float(r.mean), 4) if r and r.mean is not None else None,
                              unsure_words_flagged=int(r.flagged or 0) if r and k == "dictation" else 0,
                              **_per_unit(r)))
    return out
