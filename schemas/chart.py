"""Chart completion events (issue 15): the reminders a physician gets about their open chart
deficiencies. Facts, past tense; no PHI beyond opaque ids (patient, encounter, document) and
the LOINC document type, so a hospital can route them to mail or the EHR inbox and look the
patient up there."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import Field

from schemas.events import Event


def deficiency_key(*, encounter_id: str, kind: str, type_code: str, doc_id: str | None) -> str:
    """The stable identity of one deficiency: the same missing or unsigned document of the
    same encounter gets the same key on every pass (no PHI: a hash of opaque ids)."""
    raw = "\x00".join((encounter_id, kind, type_code, doc_id or ""))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def reminder_event_id(key: str, reminder_age_days: int) -> str:
    """The event id of the reminder for ``key`` at ``reminder_age_days``: the same on a rerun,
    so a consumer drops a duplicate by id."""
    return hashlib.sha256(f"{key}\x00reminder\x00{reminder_age_days}".encode()).hexdigest()[:32]


class ChartDeficiencyReminded(Event):
    """A physician was reminded of an open chart deficiency (a required document missing, or
    there but not signed by them) because it reached one of the reminder ages."""

    event_id: str = Field(min_length=32, max_length=32)  # reminder_event_id(deficiency_key, reminder_age_days)
    deficiency_key: str = Field(min_length=32, max_length=32)
    encounter_id: str
    patient_id: str
    kind: Literal["missing", "unsigned"]
    type_code: str  # LOINC document type the rule requires
    type_display: str
    doc_id: str | None = None  # the unsigned document (None: missing)
    physician: str | None = None  # who must complete it (the author, else the attending)
    age_days: int  # days since the rule's clock started (admission or discharge)
    limit_days: int
    delinquent: bool  # age_days >= limit_days: goes to the medical staff office
    reminder_age_days: int  # the reminder age this event is for (one of the configured ages or the limit)
