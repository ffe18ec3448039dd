"""The physician's signature queue (issue 15.3): a read model for ``routes_signatures``.

One physician's open work, oldest first: the chart deficiencies they are responsible for
(``chart.deficiencies``: a required document missing, or there and not signed) and their own
dictations that wait for their signature but no rule requires (a progress note, a dictation
linked to no encounter). Each row: the patient (name and MRN from the patient index), the
document type in words, the encounter, the age in days, delinquent when the age reached the
rule's limit, and whether it can be signed from the queue (a dictation of theirs with a
transcript). The physician is the desk account's user name: the author of their dictations
and the attending's reference id on the Encounter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from desk.auth import User
from desk.chart import CLASS_WORDS, display_name, long_date
from desk.db import dictation_versions
from desk.patient_index import patients_db
from desk.queue import type_words
from himflow.db import documents
from schemas import dictation
from schemas.events import DocumentStatus
from himflow.encounters import get_encounter
from chart.deficiencies import open_deficiencies
from himflow.encounters import list_encounters, pick_encounter
from indexing.doctypes import load_doctypes

# A dictation with a transcript to sign: waiting for records staff, or filed (a signed one
# files final). Received / routed / extracted ones are still being transcribed.
SIGNABLE_STATUSES = (DocumentStatus.REVIEW.value, DocumentStatus.FILED.value)


@dataclass(frozen=True)
class QueueRow:
    kind: str  # missing | unsigned
    doc_id: str | None
    patient_id: str
    patient_name: str
    mrn: str
    type_words: str
    encounter_id: str | None
    encounter_words: str  # "Inpatient stay V-1001, 3 May 2026" / "Not linked to an encounter"
    age_days: int
    limit_days: int | None  # None: no chart rule requires it
    delinquent: bool
    signable: bool  # a dictation of this physician's, unsigned, with a transcript

    @property
    def problem(self) -> str:
        return "Missing" if self.kind == "missing" else "Not signed"


def _aware(v: datetime) -> datetime:
    return v if v.tzinfo else v.replace(tzinfo=UTC)


def _unsigned_own_dictations(conn: Connection, user: User) -> list[Any]:
    """This physician's dictations with a transcript whose latest version is not final."""
    latest = (sa.select(dictation_versions.c.doc_id, sa.func.max(dictation_versions.c.version).label("v"))
              .group_by(dictation_versions.c.doc_id).subquery())
    final = (sa.select(dictation_versions.c.doc_id)
             .join(latest, sa.and_(latest.c.doc_id == dictation_versions.c.doc_id,
                                   latest.c.v == dictation_versions.c.version))
             .where(dictation_versions.c.status == dictation.FINAL))
    d = documents.c
    return list(conn.execute(
        sa.select(d.id, d.patient_id, d.type_code, d.type_display, d.created_at, d.hint_encounter,
                  d.service_date)
        .where(d.kind == "dictation", d.hint_author == user.username, d.status.in_(SIGNABLE_STATUSES),
               d.id.not_in(final))))


def _patient(conn: Connection, patient_id: str | None, cache: dict[str, tuple[str, str]]) -> tuple[str, str]:
    if not patient_id:
        return "Patient not identified yet", ""
    if patient_id not in cache:
        p = patients_db.get_patient(conn, patient_id) if patients_db is not None else None
        cache[patient_id] = ((display_name(p["given"], p["family"]), p["mrn"] or "") if p
                             else ("Not in the patient index", ""))
    return cache[patient_id]


def _encounter_words(conn: Connection, encounter_id: str | None, cache: dict[str, str]) -> str:
    if not encounter_id:
        return "Not linked to an encounter"
    if encounter_id not in cache:
        e = get_encounter(conn, encounter_id)
        if e is None:
            cache[encounter_id] = encounter_id
        else:
            words = CLASS_WORDS.get(e.enc_class, e.enc_class)
            if e.identifier:
                words += f" {e.identifier}"
            if e.admitted_at:
                words += f", {long_date(e.admitted_at.date())}"
            cache[encounter_id] = words
    return cache[encounter_id]


def queue_rows(conn: Connection, user: User, *, rules: dict[str, list[dict]],
               now: datetime | None = None) -> list[QueueRow]:
    """The signature queue of ``user``, oldest first (delinquent before open at equal age)."""

    now = now or datetime.now(UTC)
    own = {r.id: r for r in _unsigned_own_dictations(conn, user)}
    patients: dict[str, tuple[str, str]] = {}
    encounters: dict[str, str] = {}
    rows: list[QueueRow] = []
    for d in open_deficiencies(conn, rules, now=now, physician=user.username):
        name, mrn = _patient(conn, d.patient_id, patients)
        rows.append(QueueRow(
            kind=d.kind, doc_id=d.doc_id, patient_id=d.patient_id, patient_name=name, mrn=mrn,
            type_words=d.type_display, encounter_id=d.encounter_id,
            encounter_words=_encounter_words(conn, d.encounter_id, encounters), age_days=d.age_days,
            limit_days=d.limit_days, delinquent=d.delinquent,
            signable=d.kind == "unsigned" and d.doc_id in own))
    listed = {r.doc_id for r in rows if r.doc_id}
    names = {t.code: t.display for t in load_doctypes()}
    today = now.date()
    stays: dict[str, list] = {}  # a patient's encounters, read once
    for doc_id, r in own.items():
        if doc_id in listed:
            continue
        if r.patient_id and r.patient_id not in stays:
            stays[r.patient_id] = list_encounters(conn, patient_id=r.patient_id)
        enc_id = (pick_encounter(stays[r.patient_id], hint=r.hint_encounter, service_date=r.service_date,
                                 today=today) if r.patient_id else None)
        name, mrn = _patient(conn, r.patient_id, patients)
        rows.append(QueueRow(
            kind="unsigned", doc_id=doc_id, patient_id=r.patient_id or "", patient_name=name, mrn=mrn,
            type_words=r.type_display or names.get(r.type_code or "", "Dictation (type not known yet)"),
            encounter_id=enc_id, encounter_words=_encounter_words(conn, enc_id, encounters),
            age_days=max(0, (now - _aware(r.created_at)).days), limit_days=None, delinquent=False,
            signable=True))
    return sorted(rows, key=lambda r: (-r.age_days, not r.delinquent, r.patient_name, r.doc_id or ""))


@dataclass(frozen=True)
class SignHeader:
    """What the sign screen names above the text: whose document, which, when and where."""

    patient_name: str
    mrn: str
    birth_date: str  # "14 March 1961", or ""
    type_words: str
    service_date: str  # in words, or "Not known"
    encounter_words: str


def sign_header(conn: Connection, row: Any, *, today: date | None = None) -> SignHeader:
    """The header of the dictation ``row`` (a documents row) for its author's sign screen."""
    name, mrn = _patient(conn, row.patient_id, {})
    p = patients_db.get_patient(conn, row.patient_id) if row.patient_id and patients_db is not None else None
    enc_id = None
    if row.patient_id:
        enc_id = pick_encounter(list_encounters(conn, patient_id=row.patient_id), hint=row.hint_encounter,
                                service_date=row.service_date, today=today or datetime.now(UTC).date())
    if enc_id:
        encounter = _encounter_words(conn, enc_id, {})
    elif row.hint_encounter:
        encounter = f"{row.hint_encounter} (given at upload, not found among the patient's encounters)"
    else:
        encounter = "Not linked to an encounter"
    return SignHeader(
        patient_name=name, mrn=mrn, birth_date=long_date(p["birth_date"]) if p and p.get("birth_date") else "",
        type_words=type_words(row.type_code, row.type_display),
        service_date=long_date(row.service_date) if row.service_date else "Not known",
        encounter_words=encounter)
