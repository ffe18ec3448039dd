"""The review queue as the records staff read it: one row per document with the patient
(name, MRN, date of birth), the document type in words, date of service, when it came in,
where from, how long it has waited and who holds it; filtered and sorted by what the URL says.

One SELECT per page (documents, the patient index and the live claims joined), however many
rows it shows: no query per row. ``QueueView`` is parsed from the query string and written
back into it (``query()``), so a filtered, sorted view can be bookmarked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow.db import documents, loads_list, utcnow
from desk.db import review_claims, users
from desk.patient_index import patients_db
from desk.reasons import PLAIN
from desk.review import in_queue, urgency_expr
from indexing.doctypes import load_doctypes

# Where a document came from, as the rows tell it: a physician's dictation or upload (the
# author is known), the web upload form (keys under web/), else a scanning station (the hot
# folder, `himflow upload`, or the bucket's own notifications).
SOURCES: dict[str, str] = {
    "station": "Scanning station",
    "physician": "Physician",
    "upload": "Web upload",
}
# How long a document has waited at least (the age filter).
AGES: dict[str, tuple[str, timedelta]] = {
    "1h": ("over 1 hour", timedelta(hours=1)),
    "1d": ("over 1 day", timedelta(days=1)),
    "3d": ("over 3 days", timedelta(days=3)),
    "7d": ("over 7 days", timedelta(days=7)),
    "30d": ("over 30 days", timedelta(days=30)),
}
# Sort keys and their label; ``desc`` reverses each.
SORTS: dict[str, str] = {
    "waiting": "Waiting longest (urgent first)",
    "received": "Received",
    "patient": "Patient name",
    "service": "Date of service",
    "type": "Document type",
}
# Reasons offered in the filter: every code with plain words (desk.reasons).
REASON_CHOICES: tuple[str, ...] = tuple(PLAIN)


@dataclass(frozen=True)
class QueueView:
    """What the clerk asked to see (all optional; empty strings mean no filter)."""

    reason: str = ""
    type_code: str = ""
    source: str = ""
    age: str = ""
    sort: str = "waiting"
    desc: bool = False
    page: int = 0

    @classmethod
    def from_params(cls, params: Any) -> QueueView:
        """From a query string (or form): unknown values fall back to no filter / the default."""
        def get(name: str) -> str:
            v = params.get(name, "")
            return v.strip()[:64] if isinstance(v, str) else ""

        try:
            page = max(0, min(int(get("page") or 0), 100_000))
        except ValueError:
            page = 0
        reason = get("reason")
        type_code = get("type")
        return cls(
            reason=reason if _plain_code(reason) else "",
            type_code=type_code if type_code.replace("-", "").isalnum() else "",
            source=get("source") if get("source") in SOURCES else "",
            age=get("age") if get("age") in AGES else "",
            sort=get("sort") if get("sort") in SORTS else "waiting",
            desc=get("dir") == "desc", page=page,
        )

    def params(self, **change: Any) -> dict[str, str]:
        v = replace(self, **change)
        out = {"reason": v.reason, "type": v.type_code, "source": v.source, "age": v.age,
               "sort": "" if v.sort == "waiting" else v.sort, "dir": "desc" if v.desc else "",
               "page": str(v.page) if v.page else ""}
        return {k: s for k, s in out.items() if s}

    def query(self, **change: Any) -> str:
        """The query string of this view (with ``change`` applied), for links and bookmarks."""
        return urlencode(self.params(**change))

    @property
    def filtered(self) -> bool:
        return bool(self.reason or self.type_code or self.source or self.age)


def _aware(v: datetime) -> datetime:
    return v if v.tzinfo else v.replace(tzinfo=UTC)


def _plain_code(code: str) -> bool:
    return bool(code) and all(c.isalnum() or c in "-:_." for c in code)


@dataclass(frozen=True)
class QueueRow:
    doc_id: str
    kind: str | None
    type_code: str | None
    type_words: str
    type_confidence: float | None
    reasons: tuple[str, ...]
    received: datetime
    service_date: str | None
    source: str
    urgent: bool
    claimed_by: str | None
    patient_id: str | None
    patient_name: str | None
    mrn: str | None
    birth_date: date | None
    hint_mrn: str | None

    @property
    def source_words(self) -> str:
        return SOURCES.get(self.source, self.source)

    @property
    def label(self) -> str:
        """How the page names this document to a person: patient and type, never a hash."""
        who = self.patient_name or (f"MRN {self.hint_mrn} (not matched)" if self.hint_mrn
                                    else "Patient not identified")
        return f"{who}, {self.type_words}"


def source_expr() -> sa.ColumnElement:
    return sa.case(
        (sa.or_(documents.c.kind == "dictation", documents.c.hint_author.is_not(None)), "physician"),
        (documents.c.object_key.like("web/%"), "upload"),
        else_="station",
    )


def _live_claims() -> sa.Subquery:
    return (
        sa.select(review_claims.c.doc_id, users.c.username)
        .join(users, users.c.id == review_claims.c.user_id)
        .where(review_claims.c.expires_at > utcnow())
        .subquery()
    )


def type_words(type_code: str | None, type_display: str | None,
               names: dict[str, str] | None = None) -> str:
    """The document type in plain words (never a bare LOINC code)."""
    if not type_code or type_code == "unknown":
        return "Type not yet known"
    names = names if names is not None else doctype_names()
    if type_display and type_display != type_code:
        return type_display
    return names.get(type_code, "Other document type")


def doctype_names() -> dict[str, str]:
    return {t.code: t.display for t in load_doctypes()}


def _where(view: QueueView, *, now: datetime) -> list[sa.ColumnElement]:
    cond: list[sa.ColumnElement] = [in_queue()]
    if view.reason:
        reasons = sa.func.coalesce(documents.c.reasons, "")
        code = view.reason.replace("%", "").replace("_", "\\_")
        cond.append(sa.or_(reasons.like(f'%"{code}"%', escape="\\"),
                           reasons.like(f'%"{code}:%', escape="\\"),
                           reasons.like(f'%"flag:{code}"%', escape="\\"),
                           reasons.like(f'%"flag:{code}:%', escape="\\")))
    if view.type_code == "unknown":
        cond.append(sa.or_(documents.c.type_code.is_(None), documents.c.type_code == "unknown"))
    elif view.type_code:
        cond.append(documents.c.type_code == view.type_code)
    if view.source:
        cond.append(source_expr() == view.source)
    if view.age:
        cond.append(documents.c.created_at <= now - AGES[view.age][1])
    return cond


def _order(view: QueueView, urgency: sa.ColumnElement, family: Any, given: Any) -> list[Any]:
    def d(col: Any) -> Any:
        return col.desc() if view.desc else col.asc()

    received = documents.c.created_at
    if view.sort == "received":  # newest first unless reversed
        keys: list[Any] = [received.asc() if view.desc else received.desc()]
    elif view.sort == "patient" and family is not None:
        keys = [family.is_(None), d(family), d(given), received.asc()]
    elif view.sort == "service":
        keys = [documents.c.service_date.is_(None), d(documents.c.service_date), received.asc()]
    elif view.sort == "type":
        keys = [d(documents.c.type_display), received.asc()]
    else:  # waiting: urgent first, then the longest waiting (reversed: the newest first)
        keys = [urgency, d(received)]
    return [*keys, documents.c.id]


def list_rows(conn: Connection, view: QueueView, *, limit: int = 50,
              doc_ids: list[str] | None = None) -> list[QueueRow]:
    """One page of the queue as ``view`` asks (or exactly the rows ``doc_ids`` name): one
    SELECT, whatever the number of rows."""
    now = utcnow()
    claim = _live_claims()
    urgency = urgency_expr().label("urgency")
    source = source_expr().label("source")
    cols: list[Any] = [
        documents.c.id, documents.c.kind, documents.c.type_code, documents.c.type_display,
        documents.c.type_confidence, documents.c.reasons, documents.c.created_at,
        documents.c.service_date, documents.c.patient_id, documents.c.hint_mrn, urgency, source,
        claim.c.username,
    ]
    frm: Any = documents.outerjoin(claim, claim.c.doc_id == documents.c.id)
    family = given = None
    if patients_db is not None:
        p = patients_db.patients_table
        family, given = p.c.family, p.c.given
        cols += [p.c.family, p.c.given, p.c.mrn, p.c.birth_date]
        frm = frm.outerjoin(p, p.c.patient_id == documents.c.patient_id)
    stmt = sa.select(*cols).select_from(frm)
    if doc_ids is not None:
        stmt = stmt.where(documents.c.id.in_(doc_ids))
    else:
        stmt = stmt.where(*_where(view, now=now))
    stmt = stmt.order_by(*_order(view, urgency, family, given)).limit(limit)
    if doc_ids is None:
        stmt = stmt.offset(view.page * limit)
    names = doctype_names()
    out = []
    for r in conn.execute(stmt):
        m = r._mapping
        name = " ".join(x for x in (m.get("given"), m.get("family")) if x) or None
        out.append(QueueRow(
            doc_id=r.id, kind=r.kind, type_code=r.type_code,
            type_words=type_words(r.type_code, r.type_display, names),
            type_confidence=r.type_confidence, reasons=tuple(loads_list(r.reasons)),
            received=_aware(r.created_at), service_date=r.service_date, source=r.source,
            urgent=r.urgency == 0, claimed_by=r.username, patient_id=r.patient_id,
            patient_name=name, mrn=m.get("mrn"), birth_date=m.get("birth_date"),
            hint_mrn=r.hint_mrn,
        ))
    return out


def summary(conn: Connection, view: QueueView) -> tuple[int, datetime | None, int]:
    """(documents waiting, the oldest one's arrival, how many of them ``view``'s filters match):
    one aggregate over the queue."""
    extra = _where(view, now=utcnow())[1:]
    matching = sa.func.sum(sa.case((sa.and_(*extra), 1), else_=0)) if extra else sa.func.count()
    row = conn.execute(
        sa.select(sa.func.count(), sa.func.min(documents.c.created_at), matching)
        .select_from(documents).where(in_queue())
    ).one()  # an aggregate without GROUP BY: always exactly one row
    return int(row[0] or 0), (_aware(row[1]) if row[1] else None), int(row[2] or 0)
