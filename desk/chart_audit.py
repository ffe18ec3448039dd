"""Read models of the chart-audit pages (``routes_chart_audit``): who the patient of an
encounter is (name, MRN, date of birth from the patient index) and the encounter in words,
over ``chart.audit``'s checklist, samples and worklists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Connection

from chart.audit import AuditRecord, WorkItem
from desk.chart import CLASS_WORDS, display_name, long_date
from desk.patient_index import patients_db
from himflow.encounters import Encounter, get_encounter


@dataclass(frozen=True)
class PatientFacts:
    patient_id: str
    name: str
    mrn: str
    birth_date: date | None


def patient_facts(conn: Connection, patient_id: str | None, cache: dict[str, PatientFacts] | None = None
                  ) -> PatientFacts | None:
    if not patient_id:
        return None
    if cache is not None and patient_id in cache:
        return cache[patient_id]
    p = patients_db.get_patient(conn, patient_id) if patients_db is not None else None
    facts = (PatientFacts(patient_id=patient_id, name=display_name(p["given"], p["family"]), mrn=p["mrn"] or "",
                          birth_date=date.fromisoformat(p["birth_date"]) if p.get("birth_date") else None)
             if p else PatientFacts(patient_id=patient_id, name="Not in the patient index", mrn="", birth_date=None))
    if cache is not None:
        cache[patient_id] = facts
    return facts


def encounter_words(enc: Encounter | None) -> str:
    """"Inpatient stay V-1001, 3 May 2026 to 7 May 2026"."""
    if enc is None:
        return "Encounter no longer in the index"
    words = CLASS_WORDS.get(enc.enc_class, enc.enc_class)
    if enc.identifier:
        words += f" {enc.identifier}"
    if enc.admitted_at:
        words += f", {long_date(enc.admitted_at.date())}"
        if enc.discharged_at:
            words += f" to {long_date(enc.discharged_at.date())}"
    return words


@dataclass(frozen=True)
class WorkRow:
    encounter_id: str
    patient: PatientFacts | None
    encounter_words: str
    latest: AuditRecord | None


def work_rows(conn: Connection, items: list[WorkItem]) -> list[WorkRow]:
    cache: dict[str, PatientFacts] = {}
    return [WorkRow(encounter_id=i.encounter_id, patient=patient_facts(conn, i.patient_id, cache),
                    encounter_words=encounter_words(get_encounter(conn, i.encounter_id)), latest=i.latest)
            for i in items]


@dataclass(frozen=True)
class AuditRow:
    record: AuditRecord
    patient: PatientFacts | None
    encounter_words: str


def audit_rows(conn: Connection, records: list[AuditRecord]) -> list[AuditRow]:
    cache: dict[str, PatientFacts] = {}
    return [AuditRow(record=r, patient=patient_facts(conn, r.patient_id, cache),
                     encounter_words=encounter_words(get_encounter(conn, r.encounter_id))) for r in records]
