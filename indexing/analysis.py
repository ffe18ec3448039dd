"""Text -> what the document is, whose it is, and whether the machine may file it.

Glue over the pure indexing modules (classify, identifiers, patients, icd, decision, fhir):
runs in a worker thread, reads the patient index, returns a frozen Analysis. Every reason
that sends a document to review is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from himflow import db
from schemas.events import DocumentKind, DocumentStatus, TextExtracted


@dataclass(frozen=True)
class Analysis:
    status: DocumentStatus
    type_code: str | None
    type_display: str | None
    type_confidence: float
    patient_id: str | None
    match_score: float
    reasons: tuple[str, ...]
    service_date: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def _duplicates(engine: Engine, doc_id: str, sha256: str | None) -> list[str]:
    if not sha256:
        return []
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(db.documents.c.id).where(
                db.documents.c.sha256 == sha256,
                db.documents.c.id != doc_id,
                db.documents.c.parent_id.is_(None),
                db.documents.c.status.notin_([DocumentStatus.REJECTED.value]),
            ).order_by(db.documents.c.created_at).limit(3)
        ).all()
    return [r.id for r in rows]


def analyse(*, event: TextExtracted, payload: dict[str, Any], row: Any, engine: Engine, settings: Any) -> Analysis:
    from indexing import intelligence

    text: str = payload.get("text", "") or ""
    reasons: list[str] = []
    sha = getattr(row, "sha256", None) if row is not None else None
    if row is not None and getattr(row, "parent_id", None) is None:
        dups = _duplicates(engine, event.doc_id, sha)
        if dups:
            reasons.append(f"duplicate-of:{dups[0]}")
    coversheet = payload.get("coversheet") or {}
    hints = {
        "mrn": getattr(row, "hint_mrn", None) if row is not None else None,
        "encounter": getattr(row, "hint_encounter", None) if row is not None else None,
        "author": getattr(row, "hint_author", None) if row is not None else None,
        "document_type": getattr(row, "hint_type", None) if row is not None else None,
        "coversheet_mrn": coversheet.get("mrn"),
        "coversheet_type": coversheet.get("document_type"),
    }
    verdict = intelligence.judge(text=text, hints=hints, event=event, engine=engine, settings=settings)
    reasons.extend(verdict.reasons)
    auto_file = verdict.auto_file and not reasons
    status = DocumentStatus.FILED if auto_file else DocumentStatus.REVIEW
    if event.kind is DocumentKind.DICTATION:
        # A transcript is preliminary until its author signs it: never auto-filed as final.
        status = DocumentStatus.REVIEW
        if "unsigned-dictation" not in reasons:
            reasons.append("unsigned-dictation")
    return Analysis(
        status=status,
        type_code=verdict.type_code,
        type_display=verdict.type_display,
        type_confidence=verdict.type_confidence,
        patient_id=verdict.patient_id,
        match_score=verdict.match_score,
        reasons=tuple(dict.fromkeys(reasons)),
        service_date=verdict.service_date,
        details=verdict.details,
    )
