"""Destruction of documents past retention, and the certificate that stays.

Two steps: a person proposes the destruction of a document that is past its retention date
(``propose``: records staff on the desk, or ``himflow retention propose``); another person, an
administrator, approves it (``approve``), and only then is the content destroyed. The command
line may do both in one step with an explicit approval naming who approves
(``himflow retention destroy DOC --approve-by USER --reason ...``); the certificate says so.

Destroying: every object of the document (``chart.objects``: original, text claim check,
searchable PDF, transcript renditions, published page PDF) is hashed (SHA-256) and the hashes
are recorded before anything is deleted; then each object is deleted with every version
the store keeps; then the text leaves the index and the text tables (``document_text`` and
its FTS rows, the dictation versions, the texts published to the patient record) and the
document row goes, in one transaction with the certificate's completion. A crash in between
leaves the destruction ``destroying``: approving it again finishes it (hashes recorded earlier
stay). An object another live document still has (a batch's file) is kept and marked
``kept-shared``. Legal holds (``chart.holds``) are checked when proposing, when approving
and again just before the first delete.
"""

from __future__ import annotations

import base64
import csv
import io
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from chart.holds import Actor, audit, refuse_if_held
from chart.objects import find_objects, sharing_documents
from chart.retention import Schedule, document_retention
from chart.tables import destroyed_objects, destructions
from himflow.db import documents, utcnow
from himflow.encounters import list_encounters, pick_encounter
from himflow.errors import RejectedInput
from himflow.text_index import delete_text
from schemas.events import ReasonCode

PROPOSED, DESTROYING, DESTROYED, CANCELLED = "proposed", "destroying", "destroyed", "cancelled"
OPEN_STATES = (PROPOSED, DESTROYING)

# Text of the document kept by other areas, removed by table name (this stage imports neither
# the review UI nor publishing): the dictation's edited versions, the texts published to the
# patient record (served to integrators by SHA-1), a review claim.
_TEXT_TABLES_BY_NAME = ("web_dictation_versions", "record_texts", "web_review_claims")


class DestructionRefused(RejectedInput):
    """Not past retention, already proposed, the same person approving, wrong state."""


def new_destruction_id() -> str:
    return "dst-" + base64.b32encode(secrets.token_bytes(10)).decode().rstrip("=").lower()


def get_destruction(conn: Connection, destruction_id: str) -> Any:
    return conn.execute(sa.select(destructions).where(destructions.c.id == destruction_id)).first()


def open_destruction_of(conn: Connection, doc_id: str) -> Any:
    return conn.execute(sa.select(destructions).where(destructions.c.doc_id == doc_id,
                                                      destructions.c.state.in_(OPEN_STATES))).first()


def list_destructions(conn: Connection, *, states: tuple[str, ...] | None = None, limit: int = 500) -> list[Any]:
    q = sa.select(destructions).order_by(destructions.c.proposed_at.desc(), destructions.c.id).limit(limit)
    if states:
        q = q.where(destructions.c.state.in_(states))
    return list(conn.execute(q))


def objects_of(conn: Connection, destruction_id: str) -> list[Any]:
    return list(conn.execute(sa.select(destroyed_objects).where(destroyed_objects.c.destruction_id == destruction_id)
                             .order_by(destroyed_objects.c.id)))


# -- step 1: propose -------------------------------------------------------------------------
def propose(conn: Connection, actor: Actor, doc_id: str, *, reason: str, schedule: Schedule, today: date) -> str:
    """Propose destroying a document past retention. Returns the destruction's id."""
    reason = (reason or "").strip()
    if not reason:
        raise DestructionRefused("a destruction needs a reason")
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
    if row is None:
        raise RejectedInput("no such document", reason=ReasonCode.OBJECT_MISSING)
    refuse_if_held(conn, row, action="destroyed")
    if open_destruction_of(conn, doc_id) is not None:
        raise DestructionRefused("this document's destruction is proposed already")
    due = document_retention(conn, schedule, row)
    if due.retain_until is None or due.retain_until >= today:
        until = due.retain_until.isoformat() if due.retain_until else "not computed"
        raise DestructionRefused(f"this document is not past retention (retain until: {until}; {due.rule})")
    encounter = pick_encounter(list_encounters(conn, patient_id=row.patient_id), hint=row.hint_encounter,
                               service_date=row.service_date)
    did = new_destruction_id()
    conn.execute(destructions.insert().values(
        id=did, doc_id=doc_id, state=PROPOSED, type_code=row.type_code, type_display=row.type_display,
        patient_id=row.patient_id, encounter_id=encounter, service_date=row.service_date,
        received_at=row.created_at,
        last_encounter_on=due.last_encounter_on.isoformat() if due.last_encounter_on else None,
        retain_until=due.retain_until.isoformat(), rule=due.rule, reason=reason[:2000],
        proposed_by=actor.username[:128], proposed_at=utcnow()))
    audit(conn, actor, "destruction-proposed", doc_id=doc_id, patient_id=row.patient_id,
          detail=f"{did}: {reason[:500]}")
    return did


def cancel(conn: Connection, actor: Actor, destruction_id: str) -> None:
    d = get_destruction(conn, destruction_id)
    if d is None:
        raise RejectedInput("no such destruction", reason=ReasonCode.OBJECT_MISSING)
    if d.state != PROPOSED:
        raise DestructionRefused(f"a destruction {d.state} cannot be cancelled")
    conn.execute(destructions.update().where(destructions.c.id == destruction_id, destructions.c.state == PROPOSED)
                 .values(state=CANCELLED, cancelled_by=actor.username[:128], cancelled_at=utcnow()))
    audit(conn, actor, "destruction-cancelled", doc_id=d.doc_id, patient_id=d.patient_id, detail=destruction_id)


# -- step 2: approve and destroy --------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    destruction_id: str
    doc_id: str
    destroyed: int  # objects deleted
    kept_shared: int
    absent: int


def approve(engine: sa.Engine, store: Any, actor: Actor, destruction_id: str, *, derived_bucket: str,
            same_person_allowed: bool = False) -> Outcome:
    """Approve a proposed destruction and destroy the document's content. The approver must
    be another person than the proposer (unless ``same_person_allowed``: the command line's
    one-step destroy with an explicit approval)."""
    with engine.begin() as conn:
        d = get_destruction(conn, destruction_id)
        if d is None:
            raise RejectedInput("no such destruction", reason=ReasonCode.OBJECT_MISSING)
        if d.state not in OPEN_STATES:
            raise DestructionRefused(f"this destruction is {d.state}")
        if d.state == DESTROYING and d.approved_by != actor.username:
            raise DestructionRefused(f"this destruction was approved by {d.approved_by}; only they can finish it")
        if not same_person_allowed and d.proposed_by == actor.username:
            raise DestructionRefused("the destruction must be approved by someone other than who proposed it")
        refuse_if_held(conn, d.doc_id, action="destroyed")
        if d.state == PROPOSED:
            conn.execute(destructions.update().where(destructions.c.id == destruction_id,
                                                     destructions.c.state == PROPOSED)
                         .values(state=DESTROYING, approved_by=actor.username[:128], approved_at=utcnow()))
            audit(conn, actor, "destruction-approved", doc_id=d.doc_id, patient_id=d.patient_id,
                  detail=destruction_id)
        row = conn.execute(sa.select(documents).where(documents.c.id == d.doc_id)).first()
    if row is not None:
        _record_objects(engine, store, destruction_id, row, derived_bucket=derived_bucket)
        with engine.connect() as conn:  # a hold set while the objects were being hashed still wins
            try:
                refuse_if_held(conn, row.id, action="destroyed")
            except RejectedInput:
                _back_to_proposed(engine, destruction_id)
                raise
    for obj in _pending(engine, destruction_id):
        store.remove_every_version(obj.bucket, obj.object_key)
        gone = not store.exists(obj.bucket, obj.object_key)
        with engine.begin() as conn:
            conn.execute(destroyed_objects.update().where(destroyed_objects.c.id == obj.id).values(
                outcome="destroyed" if gone else "pending",
                note=None if gone else "still in the store after the delete"))
        if not gone:
            raise DestructionRefused("an object is still in the store after its delete; approve again to retry")
    with engine.begin() as conn:
        delete_text(conn, d.doc_id)
        for name in _TEXT_TABLES_BY_NAME:
            if sa.inspect(conn).has_table(name):
                t = sa.table(name, sa.column("doc_id"))
                conn.execute(t.delete().where(t.c.doc_id == d.doc_id))
        conn.execute(documents.delete().where(documents.c.id == d.doc_id))
        conn.execute(destructions.update().where(destructions.c.id == destruction_id)
                     .values(state=DESTROYED, destroyed_at=utcnow()))
        objs = objects_of(conn, destruction_id)
        audit(conn, actor, "destruction-done", doc_id=d.doc_id, patient_id=d.patient_id,
              detail=f"{destruction_id}: {sum(o.outcome == 'destroyed' for o in objs)} objects destroyed")
    return Outcome(destruction_id=destruction_id, doc_id=d.doc_id,
                   destroyed=sum(o.outcome == "destroyed" for o in objs),
                   kept_shared=sum(o.outcome == "kept-shared" for o in objs),
                   absent=sum(o.outcome == "absent" for o in objs))


def _record_objects(engine: sa.Engine, store: Any, destruction_id: str, row: Any, *, derived_bucket: str) -> None:
    """Hash every object not recorded yet and record it (pending, kept-shared or absent)."""
    with engine.connect() as conn:
        known = {(o.bucket, o.object_key) for o in objects_of(conn, destruction_id)}
    for obj in find_objects(store, row, derived_bucket=derived_bucket):
        if (obj.bucket, obj.key) in known:
            continue
        known.add((obj.bucket, obj.key))
        with engine.connect() as conn:
            sharing = sharing_documents(conn, obj, doc_id=row.id, derived_bucket=derived_bucket)
        try:
            digest, size = store.sha256_of(obj.bucket, obj.key, version_id=obj.version_id or None)
            outcome, note = ("kept-shared", f"also a part of {len(sharing)} other document(s)") if sharing \
                else ("pending", None)
        except RejectedInput:
            digest, size, outcome, note = None, None, "absent", "not in the store when destruction began"
        with engine.begin() as conn:
            conn.execute(destroyed_objects.insert().values(
                destruction_id=destruction_id, role=obj.role, bucket=obj.bucket, object_key=obj.key, size=size,
                sha256=digest, outcome=outcome, note=note))


def _pending(engine: sa.Engine, destruction_id: str) -> list[Any]:
    with engine.connect() as conn:
        return [o for o in objects_of(conn, destruction_id) if o.outcome == "pending"]


def _back_to_proposed(engine: sa.Engine, destruction_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(destroyed_objects.delete().where(destroyed_objects.c.destruction_id == destruction_id,
                                                      destroyed_objects.c.outcome != "destroyed"))
        conn.execute(destructions.update().where(destructions.c.id == destruction_id, destructions.c.state == DESTROYING)
                     .values(state=PROPOSED, approved_by=None, approved_at=None))


def destroy_now(engine: sa.Engine, store: Any, actor: Actor, doc_id: str, *, reason: str | None,
                schedule: Schedule, today: date, derived_bucket: str) -> Outcome:
    """The command line's ``destroy``: approve the document's proposed destruction (by another
    person than its proposer), or, with none proposed, propose and approve in one step with
    the approver named (``reason`` required)."""
    with engine.begin() as conn:
        d = open_destruction_of(conn, doc_id)
        if d is None:
            if not reason:
                raise DestructionRefused("no destruction is proposed for this document: give --reason to "
                                         "propose and approve it in one step")
            return_id = propose(conn, actor, doc_id, reason=f"{reason} (proposed and approved in one step)",
                                schedule=schedule, today=today)
            single = True
        else:
            return_id, single = d.id, False
    return approve(engine, store, actor, return_id, derived_bucket=derived_bucket, same_person_allowed=single)


# -- the certificate ---------------------------------------------------------------------------
CSV_COLUMNS = ("certificate", "doc_id", "type_code", "type_display", "patient_id", "encounter_id", "service_date",
               "received_at", "last_encounter_on", "retain_until", "rule", "reason", "proposed_by", "proposed_at",
               "approved_by", "approved_at", "destroyed_at", "object_role", "bucket", "object_key", "size",
               "sha256", "outcome")


def certificates_csv(conn: Connection, *, destruction_ids: list[str] | None = None) -> str:
    """Destruction certificates as CSV, one line per object (a certificate without objects:
    one line with the object columns empty)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for d in list_destructions(conn, states=(DESTROYED,), limit=100_000):
        if destruction_ids and d.id not in destruction_ids:
            continue
        head = [d.id, d.doc_id, d.type_code or "", d.type_display or "", d.patient_id or "", d.encounter_id or "",
                d.service_date or "", _iso(d.received_at), d.last_encounter_on or "", d.retain_until or "",
                d.rule or "", d.reason, d.proposed_by, _iso(d.proposed_at), d.approved_by or "",
                _iso(d.approved_at), _iso(d.destroyed_at)]
        objs = objects_of(conn, d.id)
        for o in objs or [None]:
            w.writerow(head + ([o.role, o.bucket, o.object_key, o.size if o.size is not None else "",
                                o.sha256 or "", o.outcome] if o else ["", "", "", "", "", ""]))
    return out.getvalue()


def _iso(v: Any) -> str:
    return v.isoformat() if v is not None else ""
