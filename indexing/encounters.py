"""Reading FHIR R4 ``Encounter`` resources (the import bundle, the ADT feed) into the patient
index's encounters (stored and looked up by himflow.encounters).

Ids travel in URLs and events, so a source id that carries the patient's MRN is replaced by
``enc-`` + random. Messages never carry PHI.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine

from himflow.encounters import ActClass, Encounter, new_encounter_id, upsert_encounter
from himflow.patients_db import id_contains_mrn

ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
# Other ActCode encounter classes folded into the three the rules know
_CLASS_ALIASES = {"ACUTE": "IMP", "NONAC": "IMP", "SS": "AMB", "HH": "AMB", "VR": "AMB", "OBSENC": "IMP",
                  "PRENC": "AMB", "FLD": "AMB"}


class EncounterError(ValueError):
    """An Encounter resource that cannot be used (message names the field, never a value)."""


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


def apply_adt(engine: Engine, payload: dict, *, patient_id: str, mrn: str) -> str:
    """An ADT-like encounter record (a FHIR Encounter dict, as in PatientUpserted.extra
    ["encounter"]) for a stored patient. Returns the stored encounter id."""
    enc = parse_fhir_encounter(payload, patient_id=patient_id, mrn=mrn)
    with engine.begin() as conn:
        return upsert_encounter(conn, enc, source="topic")
