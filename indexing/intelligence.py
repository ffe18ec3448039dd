"""The indexing decision for one document: type, patient, filing, patient-record resource.

Loads the classifier once per process. Patient matching reads the patient index in the
database. Returns a Verdict; `analysis.analyse` adds document-level reasons (quality flags,
duplicates, dictation sign-off).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Engine

from schemas.events import TextExtracted


@dataclass(frozen=True)
class Verdict:
    auto_file: bool
    reasons: tuple[str, ...]
    type_code: str | None
    type_display: str | None
    type_confidence: float
    patient_id: str | None
    match_score: float
    service_date: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _classifier() -> Any:
    from indexing.classify import Classifier

    return Classifier.load_default()


def judge(*, text: str, hints: dict[str, Any], event: TextExtracted, engine: Engine, settings: Any) -> Verdict:
    reasons: list[str] = []
    type_code = type_display = None
    type_confidence = 0.0
    forced_type = hints.get("coversheet_type") or hints.get("document_type")
    if text.strip():
        c = _classifier().classify(text)
        type_code, type_display, type_confidence = c.code, c.display, c.confidence
        if c.abstained:
            reasons.append("type-uncertain")
    else:
        reasons.append("type-uncertain")
    if forced_type:
        from indexing import doctypes

        known = doctypes.by_code(forced_type)
        if known is not None:
            type_code, type_display, type_confidence = known.code, known.display, 1.0
            reasons = [r for r in reasons if r != "type-uncertain"]

    patient_id, match_score, service_date, details = None, 0.0, None, {}
    try:
        from indexing.matching import match_document

        m = match_document(text=text, hints=hints, engine=engine)
        patient_id, match_score, service_date = m.patient_id, m.score, m.service_date
        reasons.extend(m.reasons)
        details["match_method"] = m.method
    except ModuleNotFoundError as e:
        if e.name != "indexing.matching":
            raise
        if hints.get("mrn"):
            patient_id, match_score = None, 0.0
        reasons.append("patient-unmatched")
    if patient_id is None and "patient-unmatched" not in reasons:
        reasons.append("patient-unmatched")
    return Verdict(
        auto_file=not reasons,
        reasons=tuple(reasons),
        type_code=type_code,
        type_display=type_display,
        type_confidence=round(type_confidence, 4),
        patient_id=patient_id,
        match_score=round(match_score, 4),
        service_date=service_date,
        details=details,
    )


def document_reference(*, event: TextExtracted, verdict: Verdict, row: Any, settings: Any) -> dict[str, Any] | None:
    try:
        from indexing.publishing import reference_for
    except ModuleNotFoundError as e:
        if e.name != "indexing.publishing":
            raise
        return None
    return reference_for(event=event, verdict=verdict, row=row, settings=settings)
