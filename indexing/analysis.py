"""Text -> what the document is, whose it is, and whether the machine may file it.

Glue over the pure indexing modules (classify, identifiers, patients, icd, decision, fhir):
runs in a worker thread, reads the patient index, returns a frozen Analysis. Every reason
that sends a document to review is listed.
"""

from __future__ import annotations

from collections.abc import Callable
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


def _same_patient_scans(engine: Engine, doc_id: str, *, patient_id: str | None, mrn: str | None,
                        limit: int = 20) -> list[sa.Row]:
    conds = []
    if patient_id:
        conds.append(db.documents.c.patient_id == patient_id)
    if mrn:
        conds.append(db.documents.c.hint_mrn == mrn)
    if not conds:
        return []
    with engine.connect() as conn:
        return conn.execute(
            sa.select(db.documents.c.id, db.documents.c.text_ref).where(
                sa.or_(*conds), db.documents.c.id != doc_id, db.documents.c.kind == DocumentKind.SCAN.value,
                db.documents.c.text_ref.is_not(None),
                db.documents.c.status.notin_([DocumentStatus.REJECTED.value, DocumentStatus.SPLIT.value]),
            ).order_by(db.documents.c.created_at.desc()).limit(limit)
        ).all()


def _rescan_of(payload: dict[str, Any], candidates: list[sa.Row],
               load_payload: Callable[[str], dict[str, Any] | None]) -> str | None:
    """The earlier document of the same patient whose pages this scan repeats (perceptual page
    hashes plus word overlap), if any."""
    from intake.ocr import OcrResult, PageText
    from intake.ocr.duplicates import is_rescan

    def as_result(p: dict[str, Any]) -> OcrResult:
        pages = tuple(PageText.model_validate(x) for x in p.get("pages", []))
        return OcrResult(media_type=p.get("media_type") or "application/pdf", pages=pages, text="", confidence=0.0)

    new = as_result(payload)
    if not new.pages:
        return None
    for cand in candidates:
        old = load_payload(cand.text_ref)
        if old and is_rescan(new, as_result(old)):
            return cand.id
    return None


def analyse(*, event: TextExtracted, payload: dict[str, Any], row: Any, engine: Engine, settings: Any,
            load_payload: Callable[[str], dict[str, Any] | None] | None = None) -> Analysis:
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
    if event.kind is DocumentKind.SCAN and load_payload is not None and not any(
            r.startswith("duplicate-of:") for r in reasons):
        candidates = _same_patient_scans(engine, event.doc_id, patient_id=verdict.patient_id,
                                         mrn=hints.get("mrn") or hints.get("coversheet_mrn"))
        earlier = _rescan_of(payload, candidates, load_payload) if candidates else None
        if earlier:
            reasons.append(f"rescan-of:{earlier}")
    from indexing.decision import blocking

    auto_file = verdict.auto_file and not blocking(reasons)
    status = DocumentStatus.FILED if auto_file else DocumentStatus.REVIEW
    if event.kind is DocumentKind.DICTATION:
        # A transcript is preliminary until its author signs it: never auto-filed as final.
        # When nothing else needs a person, it goes straight to its author's signature list
        # (published as preliminary); otherwise records staff check it first, and nothing is
        # published until they have (so their corrections are in the first publication).
        status = DocumentStatus.REVIEW
        if "unsigned-dictation" not in reasons:
            reasons.append("unsigned-dictation")
        if auto_file:
            reasons.append("awaiting-signature")
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
