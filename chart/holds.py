"""Legal holds on a patient or an encounter: set, release, and the rule they make.

A hold records who set it, why and when; releasing it records who, why and when (the row is
kept: ``chart_legal_holds`` is the hold's history), and each set and release writes a row to
the project's audit log. While a hold is active, the documents it covers can be neither
destroyed nor edited (corrected, approved, rejected, split, merged, a dictation saved or
signed): ``refuse_if_held`` raises ``UnderLegalHold`` with a message that says which hold.

Covered documents: a patient hold covers every document of the patient (matched, or still
unmatched with the patient's MRN as its hint); an encounter hold the patient's documents that
belong to that encounter (the same link the chart uses: the encounter hint, else the date of
service inside the encounter's period).

The rule lives in the database, so it holds on every store. Where the store does S3 object
lock on the bucket (MinIO, SeaweedFS buckets made with object lock), ``mirror_to_store`` also
puts the store's own legal hold on each object of the covered documents, so not even a
direct delete of a version goes through; what the store answered is kept on the hold row
(``store_lock``). himflow's default buckets are made without object lock: the store then
answers ``InvalidRequest`` and only the database's rule applies (docs/retention.md).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from chart.objects import find_objects
from chart.tables import legal_holds
from himflow.db import documents, utcnow
from himflow.encounters import get_encounter, list_encounters, pick_encounter
from himflow.errors import RejectedInput, StoreUnavailable
from himflow.patients_db import get_patient, patient_id_for_mrn
from schemas.events import ReasonCode

PATIENT, ENCOUNTER = "patient", "encounter"


@dataclass(frozen=True)
class Actor:
    """Who acts: a desk user (with the request's address) or the command line's named user."""

    username: str
    role: str | None = None
    user_id: int | None = None
    ip: str = "cli"
    user_agent: str = "himflow retention"


class UnderLegalHold(RejectedInput):
    """The document is covered by an active legal hold: no destruction, no edit."""

    def __init__(self, doc_id: str, holds: list[Any], *, action: str):
        self.doc_id = doc_id
        self.hold_ids = [h.id for h in holds]
        first = holds[0]
        what = "its patient" if first.scope == PATIENT else "its encounter"
        when = _aware(first.set_at).strftime("%Y-%m-%d")
        super().__init__(f"Refused: this document is under legal hold #{first.id} on {what} "
                         f"(set by {first.set_by} on {when}); it cannot be {action} until the hold "
                         "is released.", reason=ReasonCode.CORRUPT)


def _aware(v: datetime) -> datetime:
    return v if v.tzinfo else v.replace(tzinfo=UTC)


# The project's append-only audit log (its table and triggers are the review UI's, desk/db.py),
# written by table name with the UI's row shape so this stage does not import the UI layer
# (as roi/chart_access.py does).
_AUDIT_LOG = sa.table(
    "web_audit_log", sa.column("at", sa.DateTime(timezone=True)), sa.column("user_id", sa.Integer),
    *(sa.column(c, sa.String) for c in ("username", "role", "action", "doc_id", "patient_id", "purpose", "ip",
                                        "user_agent")), sa.column("detail", sa.Text))


def audit(conn: Connection, actor: Actor, action: str, *, patient_id: str | None = None,
          doc_id: str | None = None, detail: str = "") -> None:
    conn.execute(_AUDIT_LOG.insert().values(
        at=utcnow(), user_id=actor.user_id, username=actor.username[:128], role=actor.role, action=action[:48],
        doc_id=doc_id, patient_id=patient_id, purpose="operations", ip=actor.ip[:64],
        user_agent=actor.user_agent[:255], detail=detail[:2000]))


# -- setting and releasing -----------------------------------------------------------------
def set_hold(conn: Connection, actor: Actor, *, reason: str, patient_id: str | None = None,
             encounter_id: str | None = None) -> int:
    """Put a hold on a patient, or on one encounter (its patient is taken from the index)."""
    reason = (reason or "").strip()
    if not reason:
        raise RejectedInput("a legal hold needs a reason")
    if not actor.username:
        raise RejectedInput("a legal hold needs the name of who sets it")
    if encounter_id:
        enc = get_encounter(conn, encounter_id)
        if enc is None or (patient_id and enc.patient_id != patient_id):
            raise RejectedInput("no such encounter", reason=ReasonCode.OBJECT_MISSING)
        scope, patient_id = ENCOUNTER, enc.patient_id
    elif patient_id:
        known = get_patient(conn, patient_id) is not None or conn.execute(
            sa.select(documents.c.id).where(documents.c.patient_id == patient_id).limit(1)).first() is not None
        if not known:
            raise RejectedInput("no such patient", reason=ReasonCode.OBJECT_MISSING)
        scope = PATIENT
    else:
        raise RejectedInput("name the patient or the encounter to hold")
    pk = conn.execute(legal_holds.insert().values(
        scope=scope, patient_id=patient_id, encounter_id=encounter_id if scope == ENCOUNTER else None,
        reason=reason[:2000], set_by=actor.username[:128], set_at=utcnow())).inserted_primary_key
    assert pk is not None
    hold_id = pk[0]
    audit(conn, actor, "legal-hold-set", patient_id=patient_id,
          detail=f"hold #{hold_id} on {scope}" + (f" {encounter_id}" if scope == ENCOUNTER else "")
          + f": {reason[:500]}")
    return int(hold_id)


def release_hold(conn: Connection, actor: Actor, hold_id: int, *, reason: str) -> Any:
    reason = (reason or "").strip()
    if not reason:
        raise RejectedInput("releasing a legal hold needs a reason")
    row = get_hold(conn, hold_id)
    if row is None:
        raise RejectedInput("no such legal hold", reason=ReasonCode.OBJECT_MISSING)
    if row.released_at is not None:
        raise RejectedInput("this legal hold was released already")
    done = conn.execute(legal_holds.update().where(legal_holds.c.id == hold_id, legal_holds.c.released_at.is_(None))
                        .values(released_by=actor.username[:128], released_at=utcnow(),
                                release_reason=reason[:2000])).rowcount
    if not done:
        raise RejectedInput("this legal hold was released already")
    audit(conn, actor, "legal-hold-release", patient_id=row.patient_id,
          detail=f"hold #{hold_id} released: {reason[:500]}")
    return get_hold(conn, hold_id)


def get_hold(conn: Connection, hold_id: int) -> Any:
    return conn.execute(sa.select(legal_holds).where(legal_holds.c.id == hold_id)).first()


def list_holds(conn: Connection, *, active_only: bool = False, patient_id: str | None = None) -> list[Any]:
    q = sa.select(legal_holds).order_by(legal_holds.c.set_at.desc(), legal_holds.c.id.desc())
    if active_only:
        q = q.where(legal_holds.c.released_at.is_(None))
    if patient_id:
        q = q.where(legal_holds.c.patient_id == patient_id)
    return list(conn.execute(q))


# -- the rule --------------------------------------------------------------------------------
def _patient_of(conn: Connection, row: Any) -> str | None:
    """The document's patient: matched, else the patient whose MRN the upload named."""
    if row.patient_id:
        return row.patient_id
    if not row.hint_mrn:
        return None
    return patient_id_for_mrn(conn, row.hint_mrn)


def holds_on(conn: Connection, row: Any) -> list[Any]:
    """The active holds that cover a document row."""
    pid = _patient_of(conn, row)
    if pid is None:
        return []
    active = list_holds(conn, active_only=True, patient_id=pid)
    if not active:
        return []
    out = [h for h in active if h.scope == PATIENT]
    enc_holds = [h for h in active if h.scope == ENCOUNTER]
    if enc_holds:
        enc = pick_encounter(list_encounters(conn, patient_id=pid), hint=row.hint_encounter,
                             service_date=row.service_date)
        out += [h for h in enc_holds if h.encounter_id == enc]
    return sorted(out, key=lambda h: h.id)


def refuse_if_held(conn: Connection, doc: Any, *, action: str = "changed") -> None:
    """Raise UnderLegalHold when an active hold covers the document (a row or an id)."""
    row = doc if hasattr(doc, "hint_mrn") else conn.execute(
        sa.select(documents).where(documents.c.id == doc)).first()
    if row is None:
        return
    found = holds_on(conn, row)
    if found:
        raise UnderLegalHold(row.id, found, action=action)


def refuse_if_patient_held(conn: Connection, patient_id: str | None, *, action: str) -> None:
    """Moving a document into a held patient's chart changes that chart: refused too."""
    if not patient_id:
        return
    found = [h for h in list_holds(conn, active_only=True, patient_id=patient_id) if h.scope == PATIENT]
    if found:
        raise RejectedInput(f"Refused: the patient is under legal hold #{found[0].id}; documents cannot be "
                            f"{action} until the hold is released.")


def covered_documents(conn: Connection, hold: Any) -> list[Any]:
    """The document rows a hold covers."""
    rows = list(conn.execute(sa.select(documents).where(documents.c.patient_id == hold.patient_id)))
    if hold.scope == PATIENT:
        unmatched = conn.execute(sa.select(documents).where(documents.c.patient_id.is_(None),
                                                            documents.c.hint_mrn.is_not(None)))
        return rows + [r for r in unmatched if _patient_of(conn, r) == hold.patient_id]
    encs = list_encounters(conn, patient_id=hold.patient_id)
    return [r for r in rows
            if pick_encounter(encs, hint=r.hint_encounter, service_date=r.service_date) == hold.encounter_id]


# -- the store's own legal hold --------------------------------------------------------------
def mirror_to_store(engine: sa.Engine, store: Any, hold_id: int, *, derived_bucket: str) -> dict[str, int]:
    """Put the store's legal hold on (an active hold) or take it off (a released hold, for
    objects no other active hold covers) every object of the covered documents. Returns and
    records on the hold row the store's answers counted (``set``/``cleared`` or its error
    code, e.g. ``InvalidRequest`` from a bucket without object lock)."""
    with engine.connect() as conn:
        hold = get_hold(conn, hold_id)
        rows = covered_documents(conn, hold)
        on = hold.released_at is None
        still_held = {r.id for r in rows if holds_on(conn, r)} if not on else set()
    answers: Counter[str] = Counter()
    for row in rows:
        if not on and row.id in still_held:
            answers["kept-by-another-hold"] += 1
            continue
        for obj in find_objects(store, row, derived_bucket=derived_bucket):
            try:
                answers[store.set_legal_hold(obj.bucket, obj.key, on=on, version_id=obj.version_id or None)] += 1
            except RejectedInput:
                answers["absent"] += 1
            except StoreUnavailable:
                answers["store-unavailable"] += 1
    summary = dict(sorted(answers.items()))
    with engine.begin() as conn:
        prev = json.loads(get_hold(conn, hold_id).store_lock or "{}")
        prev["release" if not on else "set"] = summary
        conn.execute(legal_holds.update().where(legal_holds.c.id == hold_id).values(store_lock=json.dumps(prev)))
    return summary
