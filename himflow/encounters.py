"""Encounters in the patient index (issue 15): one row per hospital stay or visit, and the
encounter a document belongs to. Storage and lookup only; reading FHIR ``Encounter``
resources into them is indexing's (indexing/encounters.py).

An encounter is a stay or visit of one patient: an opaque id, the hospital's visit number
(``identifier``), a class from the v3 ActCode system (IMP inpatient, AMB outpatient, EMER
emergency), admission and discharge times, the attending physician's id.

A document is linked to an encounter, first that answers wins:
  1. the ``--encounter`` hint (or a cover sheet's encounter): an encounter id or identifier
     of the document's patient;
  2. the date of service falling in exactly one of the patient's encounter periods
     (admission date .. discharge date, inclusive; an open encounter runs until today).
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, insert, or_, select, update

from himflow.patients_db import encounters_table

ActClass = Literal["IMP", "AMB", "EMER"]


class Encounter(BaseModel):
    model_config = ConfigDict(frozen=True)
    encounter_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9\-.]+$")
    identifier: str | None = Field(default=None, max_length=64)
    patient_id: str = Field(min_length=1, max_length=64)
    enc_class: ActClass
    admitted_at: datetime | None = None
    discharged_at: datetime | None = None
    attending: str | None = Field(default=None, max_length=128)
    service: str | None = Field(default=None, max_length=64)

    def covers(self, day: date, *, today: date | None = None) -> bool:
        if self.admitted_at is None:
            return False
        end = self.discharged_at.date() if self.discharged_at else (today or date.today())  # noqa: DTZ011 - the local calendar day is meant
        return self.admitted_at.date() <= day <= end


def new_encounter_id() -> str:
    return "enc-" + base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=").lower()


# ---- storage -------------------------------------------------------------------------------
def _row(r) -> Encounter:
    def tz(v: datetime | None) -> datetime | None:
        return v.replace(tzinfo=UTC) if v is not None and v.tzinfo is None else v
    return Encounter(encounter_id=r.encounter_id, identifier=r.identifier, patient_id=r.patient_id,
                     enc_class=r.enc_class, admitted_at=tz(r.admitted_at), discharged_at=tz(r.discharged_at),
                     attending=r.attending, service=r.service)


def upsert_encounter(conn: Connection, enc: Encounter, *, source: str = "import") -> str:
    """Insert or update; an encounter already stored for this patient under the same
    identifier (or id; without either: same class and admission time) keeps its id. Returns the stored id."""
    t = encounters_table
    cond = [t.c.encounter_id == enc.encounter_id]
    if enc.identifier:
        cond.append(t.c.identifier == enc.identifier)
    existing = conn.execute(select(t.c.encounter_id).where(t.c.patient_id == enc.patient_id, or_(*cond))).first()
    if existing is None and not enc.identifier and enc.admitted_at is not None:
        # an id made here (the source's carried the MRN): the same visit is the same class and start
        existing = conn.execute(select(t.c.encounter_id).where(
            t.c.patient_id == enc.patient_id, t.c.enc_class == enc.enc_class,
            t.c.admitted_at == enc.admitted_at)).first()
    values = enc.model_dump()
    values.update(source=source, updated_at=datetime.now(UTC))
    if existing:
        values.pop("encounter_id")
        conn.execute(update(t).where(t.c.encounter_id == existing[0]).values(**values))
        return existing[0]
    if conn.execute(select(t.c.encounter_id).where(t.c.encounter_id == enc.encounter_id)).first():
        values["encounter_id"] = new_encounter_id()  # the id belongs to another patient's encounter
    conn.execute(insert(t).values(**values))
    return values["encounter_id"]


def get_encounter(conn: Connection, encounter_id: str) -> Encounter | None:
    r = conn.execute(select(encounters_table).where(encounters_table.c.encounter_id == encounter_id)).first()
    return _row(r) if r else None


def list_encounters(conn: Connection, *, patient_id: str | None = None) -> list[Encounter]:
    q = select(encounters_table).order_by(encounters_table.c.admitted_at, encounters_table.c.encounter_id)
    if patient_id:
        q = q.where(encounters_table.c.patient_id == patient_id)
    return [_row(r) for r in conn.execute(q)]


def link_encounter(conn: Connection, *, patient_id: str | None, hint: str | None,
                   service_date: str | date | None, today: date | None = None) -> str | None:
    """The encounter a document of ``patient_id`` belongs to (see the module text), or None."""
    if not patient_id:
        return None
    return pick_encounter(list_encounters(conn, patient_id=patient_id), hint=hint,
                          service_date=service_date, today=today)


def pick_encounter(encs: list[Encounter], *, hint: str | None, service_date: str | date | None,
                   today: date | None = None) -> str | None:
    """``link_encounter`` on a patient's encounters already read (a chart links many
    documents with one query)."""
    if hint:
        h = hint.strip()
        for e in encs:
            if h in (e.encounter_id, e.identifier):
                return e.encounter_id
    if service_date:
        try:
            day = service_date if isinstance(service_date, date) else date.fromisoformat(str(service_date)[:10])
        except ValueError:
            return None
        hits = [e for e in encs if e.covers(day, today=today)]
        if len(hits) == 1:
            return hits[0].encounter_id
    return None
