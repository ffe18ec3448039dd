"""The indexing decision for one document: type, patient, coding hints, filing, and the
patient-record resource.

Glue over the pure modules (classify, patients, icd, decision, fhir). Loads the classifier
once per process; matching reads the patient index in the database. Every reason that sends a
document to review is listed (decision.decide); nothing is auto-filed on partial evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from schemas.events import PatientHints, TextExtracted


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


_LOADED: dict[str, Any] = {}


def _classifier(settings: Any = None) -> Any:
    """The active registry version for this data dir (the seed model when none is active).
    Workers pick up a newly activated or rolled-back version at their next document."""
    from indexing.classify import Classifier, ModelRegistry
    from indexing.learning import registry_dir

    version = None
    registry = None
    if settings is not None:
        registry = ModelRegistry(registry_dir(settings))
        version = registry.active_version
    key = version or "seed"
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = registry.load(version) if version else Classifier.load_default()
    return _LOADED[key]


def _thresholds(settings: Any) -> Any:
    from indexing.decision import Thresholds

    values = dict(getattr(settings, "filing", {}) or {})
    for key, value in list(values.items()):
        if isinstance(value, str) and key in ("auto_file_methods", "ignored_flags", "always_review_types"):
            values[key] = tuple(x.strip() for x in value.split(",") if x.strip())
    return Thresholds.model_validate(values)


def _hints(hints: dict[str, Any]) -> tuple[PatientHints | None, list[str]]:
    """Upload metadata first, then the cover sheet; a disagreement between them is a reason."""
    reasons: list[str] = []
    upload, sheet = hints.get("mrn"), hints.get("coversheet_mrn")
    if upload and sheet and upload.strip().upper() != sheet.strip().upper():
        reasons.append("patient:hint-conflict")
    if upload:
        return PatientHints(mrn=upload, encounter=hints.get("encounter"), author=hints.get("author"),
                            source="upload"), reasons
    if sheet:
        return PatientHints(mrn=sheet, encounter=hints.get("encounter"), author=hints.get("author"),
                            source="coversheet"), reasons
    return None, reasons


def judge(*, text: str, hints: dict[str, Any], event: TextExtracted, engine: Engine, settings: Any) -> Verdict:
    from indexing import doctypes
    from indexing.decision import blocking, decide
    from indexing.icd import suggest
    from indexing.patients import match_document

    classification = _classifier(settings).classify(text)
    forced = hints.get("coversheet_type") or hints.get("document_type")
    known = doctypes.by_code(forced) if forced else None
    if known is not None:  # a person said what it is (cover sheet or upload): it wins
        classification = classification.model_copy(update=dict(
            code=known.code, display=known.display, confidence=1.0, abstained=False,
            evidence=(*classification.evidence, "declared"),
        ))
    patient_hints, hint_reasons = _hints(hints)
    match = match_document(text=text, hints=patient_hints, engine=engine)
    decision = decide(classification=classification, match=match, quality=event.confidence,
                      flags=event.flags, thresholds=_thresholds(settings))
    reasons = list(hint_reasons) + list(decision.reasons)
    if not text.strip():
        reasons.insert(0, "text:empty")
    suggestions = [s.model_dump(mode="json") for s in suggest(text)] if text.strip() else []
    return Verdict(
        auto_file=decision.auto_file and not blocking(hint_reasons) and bool(text.strip()),
        reasons=tuple(dict.fromkeys(reasons)),
        type_code=None if classification.abstained else classification.code,
        type_display=None if classification.abstained else classification.display,
        type_confidence=round(float(classification.confidence), 4),
        patient_id=match.patient_id,
        match_score=round(float(match.score), 4),
        service_date=match.service_date,
        details={
            "match_method": match.method,
            "alternatives": [list(a) for a in classification.alternatives][:3],
            "icd10cm_suggestions": suggestions,
            "model_version": getattr(classification, "model_version", None),
        },
    )
