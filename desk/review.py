"""The review queue and what a person does to a document: claim, correct, approve, reject,
and the physician's edit-and-sign of a dictation. A document under an active legal hold
(``chart.holds``) is refused every change here, with the hold named.

Every change writes the document row, a history entry, an outbox event and an audit row in
the caller's single transaction: either all of it happens or none of it. Claims make sure two
people never work one document: one row per document (primary key), expiring after a while.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from himflow.db import (
    add_history,
    document_history,
    documents,
    dumps,
    loads_list,
    upsert_document,
    utcnow,
)
from himflow.errors import RejectedInput
from himflow.outbox import enqueue
from desk.auth import User
from desk.db import dictation_versions, review_claims, users
from schemas import topics
from schemas import dictation
from schemas.claims import PAGE_BREAK
from schemas.events import DocumentIndexed, DocumentStatus, ReasonCode
from schemas.ids import child_id
from schemas.reasons import AWAITING_SIGNATURE
from himflow import text_index as store
from chart.holds import refuse_if_held, refuse_if_patient_held

REVIEW_STAGE = "review"
REJECT_REASONS = {
    "duplicate": "Duplicate of a filed document",
    "unreadable": "Unreadable / bad scan, rescan requested",
    "wrong-patient": "Patient cannot be identified",
    "not-medical-record": "Not part of the medical record",
    "other": "Other (see note)",
}
# Words in flags/reasons that put a document at the head of the queue.
URGENT_MARKERS = ("urgent", "stat")
# A dictation is preliminary until its author signs it (the rule: schemas.dictation). One that
# records staff have checked (or that the machine matched with confidence) waits in the
# author's signature list, out of the records queue, marked with AWAITING_SIGNATURE.


class ClaimConflict(Exception):
    """Someone else holds the claim on this document."""

    def __init__(self, holder: str):
        self.holder = holder
        super().__init__("document claimed by another user")


@dataclass(frozen=True)
class QueueItem:
    doc_id: str
    kind: str | None
    type_display: str | None
    type_confidence: float | None
    reasons: tuple[str, ...]
    created_at: datetime
    urgent: bool
    claimed_by: str | None


def _aware(v: datetime) -> datetime:
    return v if v.tzinfo else v.replace(tzinfo=UTC)


def urgency_expr() -> sa.ColumnElement:
    cond = sa.or_(*[
        sa.or_(documents.c.flags.like(f'%"{m}"%'), documents.c.reasons.like(f'%"{m}"%'))
        for m in URGENT_MARKERS
    ])
    return sa.case((cond, 0), else_=1)


def in_queue() -> sa.ColumnElement:
    """Waiting for a person: documents in review, and documents the machine rejected (bad
    input, dead-lettered) that nobody has looked at yet, so they are never silently gone."""
    reviewed = sa.exists().where(document_history.c.doc_id == documents.c.id,
                                 document_history.c.stage == REVIEW_STAGE)
    awaiting = sa.func.coalesce(documents.c.reasons, "").like(f'%"{AWAITING_SIGNATURE}"%')
    return sa.or_(
        sa.and_(documents.c.status == DocumentStatus.REVIEW.value, ~awaiting),
        sa.and_(documents.c.status == DocumentStatus.REJECTED.value, ~reviewed),
    )


def _open_for_review(conn: Connection, doc_id: str) -> bool:
    return conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id, in_queue())).first() is not None


def is_open_for_review(conn: Connection, doc_id: str) -> bool:
    """Whether the document waits in the queue (so a change to it needs its claim)."""
    return _open_for_review(conn, doc_id)


def queue_depth(conn: Connection) -> tuple[int, datetime | None]:
    row = conn.execute(
        sa.select(sa.func.count(), sa.func.min(documents.c.created_at))
        .where(in_queue())
    ).one()  # an aggregate without GROUP BY: always exactly one row
    return int(row[0] or 0), (_aware(row[1]) if row[1] else None)


def list_queue(conn: Connection, *, limit: int = 50, offset: int = 0) -> list[QueueItem]:
    """Documents waiting for review: urgent first, then oldest first."""
    now = utcnow()
    claim = (
        sa.select(review_claims.c.doc_id, users.c.username)
        .join(users, users.c.id == review_claims.c.user_id)
        .where(review_claims.c.expires_at > now)
        .subquery()
    )
    urgency = urgency_expr().label("urgency")
    rows = conn.execute(
        sa.select(
            documents.c.id, documents.c.kind, documents.c.type_display, documents.c.type_confidence,
            documents.c.reasons, documents.c.created_at, urgency, claim.c.username,
        )
        .outerjoin(claim, claim.c.doc_id == documents.c.id)
        .where(in_queue())
        .order_by(urgency, documents.c.created_at, documents.c.id)
        .limit(limit).offset(offset)
    )
    return [
        QueueItem(
            doc_id=r.id, kind=r.kind, type_display=r.type_display,
            type_confidence=r.type_confidence, reasons=tuple(loads_list(r.reasons)),
            created_at=_aware(r.created_at), urgent=r.urgency == 0, claimed_by=r.username,
        )
        for r in rows
    ]


# -- claims --------------------------------------------------------------------------------------
def claim_holder(conn: Connection, doc_id: str) -> tuple[int, str] | None:
    row = conn.execute(
        sa.select(review_claims.c.user_id, users.c.username)
        .join(users, users.c.id == review_claims.c.user_id)
        .where(review_claims.c.doc_id == doc_id, review_claims.c.expires_at > utcnow())
    ).first()
    return (row.user_id, row.username) if row else None


def claim(conn: Connection, doc_id: str, user: User, *, minutes: int = 30) -> None:
    """Claim (or renew) a document for ``user``. Raises ClaimConflict when held by another.

    Atomic: expired claims are removed, then an INSERT on the primary key decides; two people
    racing for the same document get one success and one IntegrityError."""
    now = utcnow()
    doc = conn.execute(sa.select(documents.c.status).where(documents.c.id == doc_id)).first()
    if doc is None:
        raise RejectedInput("no such document", reason=ReasonCode.OBJECT_MISSING)
    if not _open_for_review(conn, doc_id):
        raise RejectedInput("document is not waiting for review")
    conn.execute(review_claims.delete().where(
        review_claims.c.doc_id == doc_id, review_claims.c.expires_at <= now))
    expires = now + timedelta(minutes=minutes)
    renewed = conn.execute(
        review_claims.update()
        .where(review_claims.c.doc_id == doc_id, review_claims.c.user_id == user.id)
        .values(expires_at=expires)
    ).rowcount
    if renewed:
        return
    try:
        with conn.begin_nested():
            conn.execute(review_claims.insert().values(
                doc_id=doc_id, user_id=user.id, claimed_at=now, expires_at=expires))
    except IntegrityError:
        holder = claim_holder(conn, doc_id)
        raise ClaimConflict(holder[1] if holder else "another user") from None


def claim_next(conn: Connection, user: User, *, minutes: int = 30) -> str | None:
    """Claim the first unclaimed document of the queue (or the one this user already holds)."""
    mine = conn.execute(
        sa.select(review_claims.c.doc_id)
        .join(documents, documents.c.id == review_claims.c.doc_id)
        .where(review_claims.c.user_id == user.id, review_claims.c.expires_at > utcnow(), in_queue())
        .limit(1)
    ).scalar()
    if mine:
        return mine
    for item in list_queue(conn, limit=50):
        if item.claimed_by is None:
            try:
                claim(conn, item.doc_id, user, minutes=minutes)
                return item.doc_id
            except ClaimConflict:
                continue  # someone was faster: take the next one
    return None


def assign(conn: Connection, doc_id: str, user: User, *, to: User, minutes: int = 30) -> None:
    """Give a document to ``to`` (a claim in their name). ``user`` may hand over a document
    they hold; one held by a third person raises ClaimConflict (nobody's work is taken)."""
    holder = claim_holder(conn, doc_id)
    if holder is not None and holder[0] == user.id and to.id != user.id:
        release(conn, doc_id, user)
    claim(conn, doc_id, to, minutes=minutes)


def release(conn: Connection, doc_id: str, user: User) -> None:
    conn.execute(review_claims.delete().where(
        review_claims.c.doc_id == doc_id, review_claims.c.user_id == user.id))


def require_claim(conn: Connection, doc_id: str, user: User) -> None:
    holder = claim_holder(conn, doc_id)
    if holder is None:
        claim(conn, doc_id, user)  # unclaimed: acting on it claims it
    elif holder[0] != user.id:
        raise ClaimConflict(holder[1])


# -- changes -------------------------------------------------------------------------------------
def _load_review_doc(conn: Connection, doc_id: str) -> sa.Row:
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
    if row is None:
        raise RejectedInput("no such document", reason=ReasonCode.OBJECT_MISSING)
    return row


def _emit(conn: Connection, row: sa.Row, *, status: DocumentStatus, reasons: tuple[str, ...]) -> None:
    event = DocumentIndexed(
        doc_id=row.id, status=status, type_code=row.type_code,
        confidence=1.0 if status == DocumentStatus.FILED else float(row.type_confidence or 0.0),
        patient_id=row.patient_id, reasons=reasons,
    )
    enqueue(conn, topic=topics.DOCUMENT_INDEXED, key=row.id, value=event.model_dump_json())


def correct(
    conn: Connection, doc_id: str, user: User, *,
    type_code: str | None, type_display: str | None, patient_id: str | None,
    encounter: str | None,
) -> list[str]:
    """Apply corrections; returns the names of the fields that changed. Refused under a legal
    hold on the document, and when it would move the document into a held patient's chart."""
    refuse_if_held(conn, doc_id, action="corrected")
    if patient_id:
        refuse_if_patient_held(conn, patient_id, action="moved into this patient's chart")
    require_claim(conn, doc_id, user)
    row = _load_review_doc(conn, doc_id)
    values: dict[str, object] = {}
    if type_code and type_code != row.type_code:
        values.update(type_code=type_code, type_display=type_display or type_code, type_confidence=1.0)
    if patient_id is not None and patient_id != (row.patient_id or ""):
        values.update(patient_id=patient_id or None, match_score=1.0 if patient_id else None)
    if encounter is not None and encounter != (row.hint_encounter or ""):
        values["hint_encounter"] = encounter or None
    if values:
        upsert_document(conn, doc_id, **values)
        add_history(conn, doc_id, stage=REVIEW_STAGE, status="corrected",
                    detail=f"{','.join(sorted(values))} by user {user.id}")
    return sorted(values)


def is_signed(conn: Connection, doc_id: str) -> bool:
    """Whether the author has signed this dictation (its latest version is final)."""
    latest = conn.execute(
        sa.select(dictation_versions.c.status).where(dictation_versions.c.doc_id == doc_id)
        .order_by(dictation_versions.c.version.desc()).limit(1)
    ).scalar()
    return latest == dictation.FINAL


def approve(conn: Connection, doc_id: str, user: User) -> str:
    """Approve a document under review. Returns what became of it: ``filed``, or
    ``awaiting-signature`` for a dictation its author has not signed (checked by records
    staff, published as preliminary, filed as final only by the author's signature)."""
    refuse_if_held(conn, doc_id, action="approved")
    require_claim(conn, doc_id, user)
    row = _load_review_doc(conn, doc_id)
    if row.status != DocumentStatus.REVIEW.value:
        raise RejectedInput("document is not waiting for review")
    if not row.patient_id:
        raise RejectedInput("set the patient before approving")
    if not row.type_code or row.type_code == "unknown":
        raise RejectedInput("set the document type before approving")
    if dictation.approval_waits_for_signature(kind=row.kind, signed=is_signed(conn, doc_id)):
        upsert_document(conn, doc_id, reasons=dumps(list(dictation.REASONS_AFTER_APPROVAL)))
        add_history(conn, doc_id, stage=REVIEW_STAGE, status=AWAITING_SIGNATURE,
                    detail=f"approved by user {user.id}; waits for the author's signature")
        _emit(conn, _load_review_doc(conn, doc_id), status=DocumentStatus.REVIEW,
              reasons=(AWAITING_SIGNATURE,))
        release(conn, doc_id, user)
        return AWAITING_SIGNATURE
    upsert_document(conn, doc_id, status=DocumentStatus.FILED.value)
    add_history(conn, doc_id, stage=REVIEW_STAGE, status=DocumentStatus.FILED.value,
                detail=f"approved by user {user.id}")
    _emit(conn, _load_review_doc(conn, doc_id), status=DocumentStatus.FILED, reasons=("approved",))
    release(conn, doc_id, user)
    return DocumentStatus.FILED.value


def reject(conn: Connection, doc_id: str, user: User, *, reason: str, note: str = "") -> None:
    if reason not in REJECT_REASONS:
        raise RejectedInput("choose a rejection reason")
    refuse_if_held(conn, doc_id, action="rejected")
    require_claim(conn, doc_id, user)
    row = _load_review_doc(conn, doc_id)
    if not _open_for_review(conn, doc_id):  # in review, or rejected by the machine (bad input)
        raise RejectedInput("document is not waiting for review")
    reasons = loads_list(row.reasons)
    upsert_document(conn, doc_id, status=DocumentStatus.REJECTED.value,
                    reasons=dumps([*reasons, f"rejected:{reason}"]))
    add_history(conn, doc_id, stage=REVIEW_STAGE, status=DocumentStatus.REJECTED.value,
                detail=json.dumps({"reason": reason, "note": note[:500], "user": user.id}))
    _emit(conn, _load_review_doc(conn, doc_id), status=DocumentStatus.REJECTED,
          reasons=(f"rejected:{reason}",))
    release(conn, doc_id, user)


# -- dictations ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DictationVersion:
    version: int
    status: str
    text: str
    username: str
    created_at: datetime


def own_dictation(conn: Connection, doc_id: str, user: User) -> sa.Row:
    """The document row of a dictation ``user`` authored; any other id (another physician's
    dictation, a scan, none) answers like a missing document, revealing nothing."""
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
    if row is None or row.kind != "dictation" or row.hint_author != user.username:
        raise RejectedInput("no such dictation", reason=ReasonCode.OBJECT_MISSING)
    return row


def own_dictations(conn: Connection, user: User, *, limit: int = 100) -> list[sa.Row]:
    """The physician's dictations: documents whose author hint is this user's name."""
    latest = (
        sa.select(dictation_versions.c.doc_id, sa.func.max(dictation_versions.c.version).label("v"))
        .group_by(dictation_versions.c.doc_id).subquery()
    )
    state = (
        sa.select(dictation_versions.c.doc_id, dictation_versions.c.status)
        .join(latest, sa.and_(latest.c.doc_id == dictation_versions.c.doc_id,
                              latest.c.v == dictation_versions.c.version))
        .subquery()
    )
    return list(conn.execute(
        sa.select(documents.c.id, documents.c.status, documents.c.type_display,
                  documents.c.created_at, documents.c.confidence, state.c.status.label("sign_state"))
        .outerjoin(state, state.c.doc_id == documents.c.id)
        .where(documents.c.kind == "dictation", documents.c.hint_author == user.username)
        .order_by(documents.c.created_at.desc()).limit(limit)
    ))


def versions(conn: Connection, doc_id: str) -> list[DictationVersion]:
    rows = conn.execute(
        sa.select(dictation_versions, users.c.username)
        .join(users, users.c.id == dictation_versions.c.user_id)
        .where(dictation_versions.c.doc_id == doc_id)
        .order_by(dictation_versions.c.version.desc())
    )
    return [DictationVersion(version=r.version, status=r.status, text=r.text,
                             username=r.username, created_at=_aware(r.created_at)) for r in rows]


def save_dictation(conn: Connection, doc_id: str, user: User, *, text: str, sign: bool) -> int:
    """Save an edited transcript as a new version (preliminary), or sign it (final).

    Earlier versions are kept. A final version cannot be changed again (an addendum would be
    a new document). Signing re-indexes the text and announces the document: a dictation
    that waits only for its signature (records staff approved it, or the machine had no
    blocking reason) is filed final; one still waiting for records staff stays in their
    queue, marked signed, and their approval files it."""

    refuse_if_held(conn, doc_id, action="edited or signed")
    row = _load_review_doc(conn, doc_id)
    existing = versions(conn, doc_id)
    try:
        version, status = dictation.next_version(
            kind=row.kind, author=row.hint_author, editor=user.username,
            latest_version=existing[0].version if existing else 0,
            latest_status=existing[0].status if existing else None, text=text, sign=sign)
    except dictation.SignOffRefused as e:
        raise RejectedInput(str(e)) from None
    conn.execute(dictation_versions.insert().values(
        doc_id=doc_id, version=version, status=status, text=text, user_id=user.id,
        created_at=utcnow()))
    store.index_text(conn, doc_id, text)
    add_history(conn, doc_id, stage="dictation", status=status,
                detail=f"version {version} by user {user.id}")
    if sign:
        _file_signed(conn, row, user)
    return version


def _file_signed(conn: Connection, row: sa.Row, user: User) -> None:
    reasons = loads_list(row.reasons)
    if dictation.files_on_signature(status=row.status, patient_id=row.patient_id, type_code=row.type_code,
                                    reasons=reasons):
        upsert_document(conn, row.id, status=DocumentStatus.FILED.value, reasons=dumps([]))
        add_history(conn, row.id, stage=REVIEW_STAGE, status=DocumentStatus.FILED.value,
                    detail=f"signed by its author, user {user.id}")
        status = DocumentStatus.FILED
    else:
        if row.status == DocumentStatus.REVIEW.value:
            upsert_document(conn, row.id, reasons=dumps(dictation.reasons_when_signed(reasons)))
        current = DocumentStatus(row.status) if row.status in DocumentStatus._value2member_map_ \
            else DocumentStatus.REVIEW
        status = current
    _emit(conn, _load_review_doc(conn, row.id), status=status, reasons=("signed-final",))


# -- split and merge pages -----------------------------------------------------------------------
def parse_positions(spec: str, *, count: int) -> list[int]:
    """'2-3, 5' -> [2, 3, 5] (1-based positions within a document of ``count`` pages)."""
    out: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        lo, _, hi = part.partition("-")
        if not lo.isdigit() or (hi and not hi.isdigit()):
            raise RejectedInput("pages are numbers or ranges, e.g. 2-3, 5")
        a, b = int(lo), int(hi or lo)
        if not 1 <= a <= b <= count:
            raise RejectedInput(f"pages must lie between 1 and {count}")
        out.update(range(a, b + 1))
    if not out:
        raise RejectedInput("name the pages to move")
    return sorted(out)


def _pages_and_texts(conn: Connection, row: sa.Row) -> tuple[list[int], list[str]]:
    texts = (store.get_text(conn, row.id) or "").split(PAGE_BREAK)
    pages = [int(p) for p in loads_list(row.pages)] or list(range(1, len(texts) + 1))
    if len(texts) != len(pages):
        raise RejectedInput("this document's page texts are not known separately; it cannot be split")
    return pages, texts


def split_document(conn: Connection, doc_id: str, user: User, *, positions: str) -> str:
    """Move some pages of a document under review into a new document (also under review)."""

    refuse_if_held(conn, doc_id, action="split")
    require_claim(conn, doc_id, user)
    row = _load_review_doc(conn, doc_id)
    if row.status != DocumentStatus.REVIEW.value or row.kind != "scan":
        raise RejectedInput("only scanned documents waiting for review can be split")
    pages, texts = _pages_and_texts(conn, row)
    chosen = parse_positions(positions, count=len(pages))
    if len(chosen) == len(pages):
        raise RejectedInput("leave at least one page in this document")
    moved = [pages[p - 1] for p in chosen]
    kept_idx = [i for i in range(len(pages)) if i + 1 not in chosen]
    child = child_id(row.parent_id or row.id, moved)  # as OCR's batch split derives it
    if conn.execute(sa.select(documents.c.id).where(documents.c.id == child)).first():
        raise RejectedInput("a document with exactly these pages exists already")
    values = {c: getattr(row, c) for c in row._fields
              if c not in ("id", "pages", "reasons", "updated_at", "text_chars", "parent_id")}
    child_text = PAGE_BREAK.join(texts[p - 1] for p in chosen)
    # The new document keeps the original's fields, its age in the queue (created_at) included.
    upsert_document(conn, child, **values, parent_id=row.parent_id or row.id, pages=dumps(moved),
                    reasons=dumps(["split-by-reviewer"]), text_chars=len(child_text))
    store.index_text(conn, child, child_text)
    kept_text = PAGE_BREAK.join(texts[i] for i in kept_idx)
    upsert_document(conn, doc_id, pages=dumps([pages[i] for i in kept_idx]), text_chars=len(kept_text))
    store.index_text(conn, doc_id, kept_text)
    add_history(conn, doc_id, stage=REVIEW_STAGE, status="split",
                detail=f"{len(moved)} pages moved to {child} by user {user.id}")
    add_history(conn, child, stage=REVIEW_STAGE, status=DocumentStatus.REVIEW.value,
                detail=f"split from {doc_id} by user {user.id}")
    _emit(conn, _load_review_doc(conn, child), status=DocumentStatus.REVIEW,
          reasons=("split-by-reviewer",))
    return child


def merge_candidates(conn: Connection, row: sa.Row) -> list[sa.Row]:
    """Other documents under review cut from the same scanned file."""
    if not row.bucket or not row.object_key:
        return []
    return list(conn.execute(
        sa.select(documents.c.id, documents.c.pages, documents.c.type_display)
        .where(documents.c.bucket == row.bucket, documents.c.object_key == row.object_key,
               documents.c.id != row.id, documents.c.status == DocumentStatus.REVIEW.value)
        .limit(50)))


def merge_documents(conn: Connection, doc_id: str, user: User, *, other_id: str) -> None:
    """Append another document's pages (same scanned file) to this one; the other is retired
    (status rejected, reason merged-into)."""

    refuse_if_held(conn, doc_id, action="merged")
    refuse_if_held(conn, other_id, action="merged")
    require_claim(conn, doc_id, user)
    row = _load_review_doc(conn, doc_id)
    other = _load_review_doc(conn, other_id)
    if other.id not in {r.id for r in merge_candidates(conn, row)}:
        raise RejectedInput("only documents under review from the same scanned file can be merged")
    require_claim(conn, other_id, user)
    pages, texts = _pages_and_texts(conn, row)
    o_pages, o_texts = _pages_and_texts(conn, other)
    merged = sorted(zip(pages + o_pages, texts + o_texts, strict=True), key=lambda pt: pt[0])
    text = PAGE_BREAK.join(t for _, t in merged)
    upsert_document(conn, doc_id, pages=dumps([p for p, _ in merged]), text_chars=len(text))
    store.index_text(conn, doc_id, text)
    upsert_document(conn, other_id, status=DocumentStatus.REJECTED.value,
                    reasons=dumps([*loads_list(other.reasons), f"merged-into:{doc_id}"]))
    add_history(conn, doc_id, stage=REVIEW_STAGE, status="merged",
                detail=f"pages of {other_id} added by user {user.id}")
    add_history(conn, other_id, stage=REVIEW_STAGE, status=DocumentStatus.REJECTED.value,
                detail=f"merged into {doc_id} by user {user.id}")
    _emit(conn, _load_review_doc(conn, other_id), status=DocumentStatus.REJECTED, reasons=("merged",))
    release(conn, other_id, user)
