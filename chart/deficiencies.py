"""Deficiency rules per encounter class and the open deficiencies of each encounter.

Rules are configuration: ``DEFAULT_RULES`` below, overridden per class by
``<data dir>/chart-rules.json`` (same shape). A rule names a required LOINC document type and
the days allowed, counted from admission (``from: admit``) or discharge (``from: discharge``).
A required document that is not in the encounter is *missing* (responsible: the attending);
one that is there but not signed (a dictation whose author has not signed, a scan with an empty
signature line) is *unsigned*
(responsible: its author, else the attending). Age is counted from the rule's start; past the
limit a deficiency is delinquent. Computed from the tables, so it is the same whenever it runs.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, select

from himflow.db import documents
from himflow.encounters import Encounter, list_encounters, pick_encounter
from schemas.reasons import AWAITING_SIGNATURE, SIGNATURE_EMPTY, SIGNED, UNSIGNED_DICTATION

DEFAULT_RULES: dict[str, list[dict]] = {
    "IMP": [{"type": "18842-5", "display": "Discharge summary", "from": "discharge", "days": 14},
            {"type": "34117-2", "display": "History and physical note", "from": "admit", "days": 1}],
    "EMER": [{"type": "34111-5", "display": "Emergency department note", "from": "discharge", "days": 2}],
    "AMB": [],
}
RULES_FILE = "chart-rules.json"
# A document is unsigned while it carries one of these: a dictation its author has not signed,
# or a scan with a signature line that has nothing on it (intake/ocr/signature.py).
UNSIGNED_REASONS = (UNSIGNED_DICTATION, AWAITING_SIGNATURE, f"flag:{SIGNATURE_EMPTY}")


def load_rules(data_dir: Path | str | None) -> dict[str, list[dict]]:
    rules = {k: list(v) for k, v in DEFAULT_RULES.items()}
    if data_dir is not None and (Path(data_dir) / RULES_FILE).is_file():
        rules.update(json.loads((Path(data_dir) / RULES_FILE).read_text()))
    return rules


class Deficiency(BaseModel):
    model_config = ConfigDict(frozen=True)
    encounter_id: str
    patient_id: str
    kind: str  # missing | unsigned
    type_code: str
    type_display: str
    doc_id: str | None
    physician: str | None
    age_days: int
    limit_days: int
    delinquent: bool


def _reasons(raw: str | None) -> list[str]:
    try:
        v = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(x) for x in v] if isinstance(v, list) else []


def open_deficiencies(conn: Connection, rules: dict[str, list[dict]], *, now: datetime | None = None,
                      physician: str | None = None, patient_id: str | None = None) -> list[Deficiency]:
    now = now or datetime.now(UTC)
    out: list[Deficiency] = []
    encounters = list_encounters(conn, patient_id=patient_id)
    by_patient: dict[str, list[Encounter]] = {}
    for enc in encounters:
        by_patient.setdefault(enc.patient_id, []).append(enc)
    for enc in encounters:
        docs = encounter_documents(conn, enc, by_patient[enc.patient_id])
        for rule in rules.get(enc.enc_class, []):
            start = enc.discharged_at if rule.get("from") == "discharge" else enc.admitted_at
            if start is None or start > now:
                continue  # not discharged yet: the clock has not started
            age = (now - start).days
            limit = int(rule["days"])
            found = [d for d in docs if d.type_code == rule["type"]]
            if not found:
                out.append(Deficiency(encounter_id=enc.encounter_id, patient_id=enc.patient_id, kind="missing",
                                      type_code=rule["type"], type_display=rule.get("display", rule["type"]),
                                      doc_id=None, physician=enc.attending, age_days=age, limit_days=limit,
                                      delinquent=age >= limit))
                continue
            for d in found:
                if not awaits_signature(d.reasons):
                    continue
                out.append(Deficiency(encounter_id=enc.encounter_id, patient_id=enc.patient_id, kind="unsigned",
                                      type_code=rule["type"], type_display=rule.get("display", rule["type"]),
                                      doc_id=d.id, physician=d.hint_author or enc.attending, age_days=age,
                                      limit_days=limit, delinquent=age >= limit))
    if physician:
        out = [d for d in out if d.physician == physician]
    return sorted(out, key=lambda d: -d.age_days)


def awaits_signature(raw_reasons: str | None) -> bool:
    """Whether a document with these review reasons waits for a signature (an unsigned
    dictation, a scan with an empty signature line): the *unsigned* deficiency."""
    reasons = _reasons(raw_reasons)
    return SIGNED not in reasons and any(r in reasons for r in UNSIGNED_REASONS)


def encounter_documents(conn: Connection, enc: Encounter, patient_encounters: list[Encounter]) -> list:
    """The documents linked to ``enc`` (``himflow.encounters.pick_encounter`` over the
    patient's encounters): rows of id, type_code, type_display, status, reasons, hint_author,
    hint_encounter, service_date, created_at."""
    rows = conn.execute(select(documents.c.id, documents.c.type_code, documents.c.type_display, documents.c.status,
                               documents.c.reasons, documents.c.hint_author, documents.c.hint_encounter,
                               documents.c.service_date, documents.c.created_at)
                        .where(documents.c.patient_id == enc.patient_id)).all()
    return [r for r in rows if pick_encounter(patient_encounters, hint=r.hint_encounter,
                                              service_date=r.service_date) == enc.encounter_id]
