"""Encounters in the patient index (issue 15): parse FHIR R4 ``Encounter`` resources, store
them, and find the encounter a document belongs to.

An encounter is a stay or visit of one patient: an opaque id, the hospital's visit number
(``identifier``), a class from the v3 ActCode system (IMP inpatient, AMB outpatient, EMER
emergency), admission and discharge times, the attending physician's id. Ids travel in URLs
and events, so one that carries the patient's MRN is replaced by ``enc-`` + random.

A document is linked to an encounter, first that answers wins:
  1. the ``--encounter`` hint (or a cover sheet's encounter): an encounter id or identifier
     of the document's patient;
  2. the date of service falling in exactly one of the patient's encounter periods
     (admission date .. discharge date, inclusive; an open encounter runs until today).
Messages never carry PHI.
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, Engine, insert, or_, select, update

from indexing.patients_db import encounters_table, id_contains_mrn

ActClass = Literal["IMP", "AMB", "EMER"]
ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
# Other ActCode encounter classes folded into the three the rules know
_CLASS_ALIASES = {"ACUTE": "IMP", "NONAC": "IMP", "SS": "AMB", "HH": "AMB", "VR": "AMB", "OBSENC": "IMP",
                  "PRENC": "AMB", "FLD": "AMB"}


class EncounterError(ValueError):
    """An Encounter resource that cannot be used (message names the field, never a value)."""


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
        end = self.discharged_at.date() if self.discharged_at else (today or date.today())
        return self.admitted_at.date() <= day <= end


def new_encounter_id() -> str:
    return "enc-" + base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=").lower()


def opaque_encounter_id(given: str, mrn: str) -> str:
    given = (given or "").strip()
    ok = given and len(given) <= 64 and all(c.isalnum() or c in "-." for c in given)
    return given if ok and not id_contains_mrn(given, mrn) else new_encounter_id()


def normalise_class(code: str) -> ActClass:
    c = (code or "").strip().upper()
    c = _CLASS_ALIASES.get(c, c)
    if c not in ("IMP", "AMB", "EMER"):
        raise EncounterError("class")
    return c  # type: ignore[return-value]


def _when(value: Any, field: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        s = str(value)
        dt = datetime.fromisoformat(s) if "T" in s else datetime.combine(
            date.fromisoformat(s), datetime.min.time())
    except ValueError as e:
        raise EncounterError(field) from e
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _reference_id(ref: str) -> str:
    return ref.rsplit("/", 1)[-1] if ref.startswith("Patient/") or "/Patient/" in ref else ref


def parse_fhir_encounter(res: dict, *, patient_id: str, mrn: str) -> Encounter:
    """One FHIR R4 Encounter resource of a known patient (``patient_id`` as stored)."""
    cls = res.get("class") or {}
    if isinstance(cls, list):  # R5 puts CodeableConcepts in a list
        cls = ((cls[0] or {}).get("coding") or [{}])[0] if cls else {}
    if not isinstance(cls, dict):
        raise EncounterError("class")
    period = res.get("period") or {}
    if not isinstance(period, dict):
        raise EncounterError("period")
    idents = [i for i in res.get("identifier") or [] if isinstance(i, dict) and i.get("value")]
    identifier = str(idents[0]["value"])[:64] if idents else None
    attending = None
    for part in res.get("participant") or []:
        if not isinstance(part, dict):
            continue
        codes = [c.get("code") for t in part.get("type") or [] if isinstance(t, dict)
                 for c in t.get("coding") or [] if isinstance(c, dict)]
        ref = str((part.get("individual") or part.get("actor") or {}).get("reference") or "")
        if ref and ("ATND" in codes or attending is None):
            attending = ref.rsplit("/", 1)[-1][:128]
    service = None
    st = res.get("serviceType")
    if isinstance(st, dict):
        coding = (st.get("coding") or [{}])[0] if st.get("coding") else {}
        service = str(coding.get("code") or st.get("text") or "")[:64] or None
    return Encounter(encounter_id=opaque_encounter_id(str(res.get("id") or ""), mrn), identifier=identifier,
                     patient_id=patient_id, enc_class=normalise_class(str(cls.get("code") or "")),
                     admitted_at=_when(period.get("start"), "period.start"),
                     discharged_at=_when(period.get("end"), "period.end"), attending=attending, service=service)


def subject_key(res: dict) -> str:
    """The patient reference of an Encounter (``Patient/<id>`` -> ``<id>``; ``urn:uuid:..`` kept)."""
    return _reference_id(str((res.get("subject") or {}).get("reference") or ""))


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


def apply_adt(engine: Engine, payload: dict, *, patient_id: str, mrn: str) -> str:
    """An ADT-like encounter record (a FHIR Encounter dict, as in PatientUpserted.extra
    ["encounter"]) for a stored patient. Returns the stored encounter id."""
    enc = parse_fhir_encounter(payload, patient_id=patient_id, mrn=mrn)
    with engine.begin() as conn:
        return upsert_encounter(conn, enc, source="topic")
