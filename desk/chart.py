"""The patient chart and patient search: read models for ``routes_chart``.

Search: by name (each word a prefix of the family or given name, compared on the index's
``family_key`` / ``given_key``, which are lower-case ASCII letters with accents removed, so
"halvorsen", "Halvór" and "HALV" all find "Halvorsen"), by date of birth, by MRN (letters and
digits, any case), any combination (all must hold). No new column: the keys the patient index
already stores are the search keys.

Chart: demographics in words, encounters (class in words, admission / discharge, attending)
with their documents grouped by type and date, documents linked to no encounter, open
deficiencies (``chart.deficiencies``), and a timeline of every document.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from desk.patient_index import name_key, patients_db
from himflow.db import documents
from chart.deficiencies import open_deficiencies
from himflow.encounters import list_encounters, pick_encounter

SEARCH_LIMIT = 50
CLASS_WORDS = {"IMP": "Inpatient stay", "AMB": "Outpatient visit", "EMER": "Emergency visit"}
SEX_WORDS = {"male": "Male", "m": "Male", "female": "Female", "f": "Female", "other": "Other",
             "unknown": "Unknown", "u": "Unknown"}
STATUS_WORDS = {"received": "Received", "extracted": "Text extracted", "review": "In review",
                "filed": "Filed", "rejected": "Rejected", "failed": "Failed"}
NO_ENCOUNTER = "Not linked to an encounter"


@dataclass(frozen=True)
class PatientHit:
    patient_id: str
    name: str
    birth_date: date | None
    sex: str
    mrn: str


@dataclass(frozen=True)
class Criteria:
    name: str = ""
    birth_date: date | None = None
    mrn: str = ""

    @property
    def empty(self) -> bool:
        return not (self.name_words or self.birth_date or self.mrn.strip())

    @property
    def name_words(self) -> list[str]:
        """The typed name as search keys: one per word ("Halvorsen, Ingrid" -> 2)."""
        if name_key is None:
            return []
        return [k for k in (name_key(w) for w in re.split(r"[\s,;]+", self.name)) if k]

    def describe(self) -> str:
        """What was searched for, without the values (for counts in the audit detail)."""
        parts = [p for p, on in (("name", self.name_words), ("birth date", self.birth_date),
                                 ("MRN", self.mrn.strip())) if on]
        return ", ".join(parts) or "nothing"


def display_name(given: str | None, family: str | None) -> str:
    return " ".join(x for x in (given or "", family or "") if x) or "(no name)"


def sex_words(sex: str | None) -> str:
    return SEX_WORDS.get((sex or "").strip().lower(), (sex or "Not recorded").capitalize())


def age_on(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def search_patients(conn: Connection, criteria: Criteria, *, limit: int = SEARCH_LIMIT) -> list[PatientHit]:
    """Patients of the index matching every given criterion, by family then given name."""
    if patients_db is None or criteria.empty:
        return []
    t = patients_db.patients_table
    q = sa.select(t.c.patient_id, t.c.family, t.c.given, t.c.birth_date, t.c.sex, t.c.mrn)
    for word in criteria.name_words:  # keys are [a-z]+ only: no LIKE wildcard can get in
        q = q.where(sa.or_(t.c.family_key.like(word + "%"), t.c.given_key.like(word + "%")))
    if criteria.birth_date:
        q = q.where(t.c.birth_date == criteria.birth_date)
    if criteria.mrn.strip():
        ids = patients_db.find_by_mrn(conn, criteria.mrn.strip())
        if not ids:
            return []
        q = q.where(t.c.patient_id.in_(ids))
    q = q.order_by(t.c.family_key, t.c.given_key, t.c.birth_date, t.c.patient_id).limit(limit)
    return [PatientHit(patient_id=r.patient_id, name=display_name(r.given, r.family),
                       birth_date=r.birth_date, sex=sex_words(r.sex), mrn=r.mrn)
            for r in conn.execute(q)]


# -- the chart -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChartDocument:
    doc_id: str
    type_display: str
    service_date: str  # YYYY-MM-DD or ""
    received: datetime
    status: str
    kind: str

    @property
    def when(self) -> str:
        """The date the document is about: its date of service, else the day it arrived."""
        return self.service_date or self.received.date().isoformat()


@dataclass(frozen=True)
class TypeGroup:
    type_display: str
    documents: list[ChartDocument]


@dataclass
class ChartEncounter:
    encounter_id: str
    identifier: str | None
    class_words: str
    admitted: datetime | None
    discharged: datetime | None
    attending: str | None
    service: str | None
    groups: list[TypeGroup] = field(default_factory=list)

    @property
    def document_count(self) -> int:
        return sum(len(g.documents) for g in self.groups)


@dataclass
class Chart:
    patient_id: str
    name: str
    birth_date: date | None
    age: int | None
    sex: str
    mrn: str
    indexed: bool
    encounters: list[ChartEncounter]
    unlinked: list[TypeGroup]
    timeline: list[ChartDocument]
    deficiencies: list[Any]


def _documents(conn: Connection, patient_id: str, limit: int) -> list[Any]:
    d = documents.c
    return list(conn.execute(
        sa.select(d.id, d.kind, d.status, d.type_display, d.service_date, d.created_at,
                  d.hint_encounter)
        .where(d.patient_id == patient_id)
        .order_by(sa.func.coalesce(d.service_date, "").desc(), d.created_at.desc()).limit(limit)))


def _groups(docs: list[ChartDocument]) -> list[TypeGroup]:
    by_type: OrderedDict[str, list[ChartDocument]] = OrderedDict()
    for doc in sorted(docs, key=lambda x: (x.type_display.lower(), _neg(x.when))):
        by_type.setdefault(doc.type_display, []).append(doc)
    return [TypeGroup(k, v) for k, v in by_type.items()]


def _neg(iso: str) -> str:
    """Sort key turning a YYYY-MM-DD ascending sort into newest first."""
    return "".join(chr(0x7F - ord(c)) for c in iso)


def load_chart(conn: Connection, patient_id: str, *, today: date, rules: dict | None = None,
               limit: int = 1000) -> Chart | None:
    """The chart of one patient, or None when neither the index nor a document knows the id."""
    p = patients_db.get_patient(conn, patient_id) if patients_db is not None else None
    rows = _documents(conn, patient_id, limit)
    if p is None and not rows:
        return None
    docs = {r.id: ChartDocument(doc_id=r.id, type_display=r.type_display or "Unclassified document",
                                service_date=(r.service_date or "")[:10], received=r.created_at,
                                status=STATUS_WORDS.get(r.status, r.status), kind=r.kind or "")
            for r in rows}
    encounters, linked = _encounters(conn, patient_id, rows, docs, today)
    unlinked = [docs[r.id] for r in rows if r.id not in linked]
    birth = date.fromisoformat(p["birth_date"]) if p and p.get("birth_date") else None
    deficiencies: list[Any] = []
    if rules is not None:
        deficiencies = open_deficiencies(conn, rules, patient_id=patient_id)
    return Chart(
        patient_id=patient_id,
        name=display_name(p["given"], p["family"]) if p else "Not in the patient index",
        birth_date=birth, age=age_on(birth, today), sex=sex_words(p.get("sex") if p else None),
        mrn=p["mrn"] if p else "", indexed=p is not None, encounters=encounters,
        unlinked=_groups(unlinked), timeline=list(docs.values()), deficiencies=deficiencies,
    )


def _encounters(conn: Connection, patient_id: str, rows: list[Any], docs: dict[str, ChartDocument],
                today: date) -> tuple[list[ChartEncounter], set[str]]:
    encs = list_encounters(conn, patient_id=patient_id)
    if not encs:
        return [], set()
    members: dict[str, list[ChartDocument]] = {e.encounter_id: [] for e in encs}
    for r in rows:
        enc_id = pick_encounter(encs, hint=r.hint_encounter, service_date=r.service_date, today=today)
        if enc_id in members:
            members[enc_id].append(docs[r.id])
    out = [ChartEncounter(encounter_id=e.encounter_id, identifier=e.identifier,
                          class_words=CLASS_WORDS.get(e.enc_class, e.enc_class),
                          admitted=e.admitted_at, discharged=e.discharged_at, attending=e.attending,
                          service=e.service, groups=_groups(members[e.encounter_id]))
           for e in sorted(encs, key=lambda e: e.admitted_at.timestamp() if e.admitted_at else 0.0,
                           reverse=True)]  # newest stay first
    return out, {d.doc_id for v in members.values() for d in v}


def long_date(value: date | datetime | str | None) -> str:
    """A date in words, "14 March 1961" (a YYYY-MM-DD string or a date; empty for None)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
        return f"{day.day} {day.strftime('%B %Y')}"
    return f"{value.day} {value.strftime('%B %Y')}"
