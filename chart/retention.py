"""The retention schedule: how long each document type is kept, and which documents are past it.

Configuration, like the deficiency rules: ``DEFAULT_SCHEDULE`` below, overridden by
``<data dir>/retention-rules.json`` (same shape; ``types`` entries merge over the defaults).
The defaults are placeholders, not law: a hospital must set them from its state's
medical-records retention statute and its own policy (docs/retention.md).

    {"age_of_majority": 18,
     "default": {"adult_years": 10, "minor_years_after_majority": 10},
     "types": {"18842-5": {"adult_years": 10, "minor_years_after_majority": 10},
               "11504-8": {"permanent": true}}}

A document's clock starts at its patient's last encounter (the latest discharge, else
admission, in the patient index); a patient without encounters: the latest date of service
(else receipt) among their documents. Adult: kept ``adult_years`` after that day. A patient
who was a minor on that day: kept until the later of that and ``age_of_majority +
minor_years_after_majority`` years after birth. Not computed (never due): a document without a
patient, a patient without a known date of birth (a minor cannot be ruled out), a type marked
``permanent``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, func, select

from himflow.db import documents
from himflow.encounters import list_encounters
from himflow.patients_db import get_patient

SCHEDULE_FILE = "retention-rules.json"
DEFAULT_SCHEDULE: dict = {
    "age_of_majority": 18,
    "default": {"adult_years": 10, "minor_years_after_majority": 10},
    "types": {},
}


class TypeRule(BaseModel):
    model_config = ConfigDict(frozen=True)
    adult_years: int = 10
    minor_years_after_majority: int = 10
    permanent: bool = False


class Schedule(BaseModel):
    model_config = ConfigDict(frozen=True)
    age_of_majority: int = 18
    default: TypeRule = TypeRule()
    types: dict[str, TypeRule] = {}

    def rule_for(self, type_code: str | None) -> TypeRule:
        return self.types.get(type_code or "", self.default)


def load_schedule(data_dir: Path | str | None) -> Schedule:
    raw = json.loads(json.dumps(DEFAULT_SCHEDULE))
    path = Path(data_dir) / SCHEDULE_FILE if data_dir is not None else None
    if path is not None and path.is_file():
        own = json.loads(path.read_text())
        types = {**raw["types"], **own.pop("types", {})}
        raw.update(own)
        raw["types"] = types
    return Schedule.model_validate(raw)


class RetentionDate(BaseModel):
    """When a document may be destroyed (``retain_until``: None = not computable / permanent)."""

    model_config = ConfigDict(frozen=True)
    doc_id: str
    patient_id: str | None
    type_code: str | None
    type_display: str | None
    service_date: str | None
    last_encounter_on: date | None
    minor: bool
    retain_until: date | None
    rule: str  # in words, for the list and the certificate


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def last_encounter_day(conn: Connection, patient_id: str) -> date | None:
    """The patient's last encounter day (discharge, else admission); without encounters the
    latest date of service, else of receipt, among their documents."""
    days = [at.date() for e in list_encounters(conn, patient_id=patient_id)
            if (at := e.discharged_at or e.admitted_at) is not None]
    if days:
        return max(days)
    row = conn.execute(select(func.max(documents.c.service_date), func.max(documents.c.created_at))
                       .where(documents.c.patient_id == patient_id)).one()
    if row[0]:
        return date.fromisoformat(row[0])
    return row[1].date() if row[1] is not None else None


def retention_date(schedule: Schedule, *, type_code: str | None, last_encounter: date | None,
                   birth_date: date | None) -> tuple[date | None, bool, str]:
    """(retain until, minor at the last encounter, the rule in words)."""
    rule = schedule.rule_for(type_code)
    named = f"type {type_code}" if type_code in schedule.types else "default"
    if rule.permanent:
        return None, False, f"{named}: kept permanently"
    if last_encounter is None:
        return None, False, "no encounter or document date: not computed"
    if birth_date is None:
        return None, False, "date of birth unknown (a minor cannot be ruled out): not computed"
    adult_end = add_years(last_encounter, rule.adult_years)
    majority = add_years(birth_date, schedule.age_of_majority)
    if last_encounter < majority:
        minor_end = add_years(majority, rule.minor_years_after_majority)
        return max(adult_end, minor_end), True, (
            f"{named}: minor at the last encounter: the later of {rule.adult_years} years after it "
            f"and age {schedule.age_of_majority} + {rule.minor_years_after_majority} years")
    return adult_end, False, f"{named}: {rule.adult_years} years after the last encounter"


def _patient_facts(conn: Connection, patient_id: str) -> tuple[date | None, date | None]:
    """(last encounter day, date of birth) of a patient."""
    person = get_patient(conn, patient_id)
    born = date.fromisoformat(person["birth_date"]) if person and person.get("birth_date") else None
    return last_encounter_day(conn, patient_id), born


def document_retention(conn: Connection, schedule: Schedule, row, *,
                       facts: dict[str, tuple[date | None, date | None]] | None = None) -> RetentionDate:
    """The retention date of one document row (``documents``); ``facts`` caches each
    patient's (last encounter, birth date) across calls."""
    last = born = None
    if row.patient_id:
        cache = facts if facts is not None else {}
        if row.patient_id not in cache:
            cache[row.patient_id] = _patient_facts(conn, row.patient_id)
        last, born = cache[row.patient_id]
        until, minor, words = retention_date(schedule, type_code=row.type_code, last_encounter=last,
                                             birth_date=born)
    else:
        until, minor, words = None, False, "no patient: not computed"
    return RetentionDate(doc_id=row.id, patient_id=row.patient_id, type_code=row.type_code,
                         type_display=row.type_display, service_date=row.service_date,
                         last_encounter_on=last, minor=minor, retain_until=until, rule=words)


def documents_past_retention(conn: Connection, schedule: Schedule, *, today: date) -> list[RetentionDate]:
    """Every document with a patient whose retention date has passed, oldest due first.
    (The batch container of a split scan is not a document of its own: its pages are its
    children's.)"""
    rows = conn.execute(select(documents).where(documents.c.patient_id.is_not(None),
                                                documents.c.status != "split")
                        .order_by(documents.c.id)).all()
    facts: dict[str, tuple[date | None, date | None]] = {}
    out = [r for r in (document_retention(conn, schedule, row, facts=facts) for row in rows)
           if r.retain_until is not None and r.retain_until < today]
    return sorted(out, key=lambda r: (r.retain_until, r.doc_id))
