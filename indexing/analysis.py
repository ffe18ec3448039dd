"""Text -> what the document is, whose it is, and whether the machine may file it.

One decision path, an ordered list of steps over one working state; each step reads what the
steps before it found and may add reasons. Runs in a worker thread (it reads the patient
index and earlier claim checks), returns a frozen Analysis. Every reason that sends a
document to review is listed; nothing is auto-filed on partial evidence:

    find_duplicate      the same bytes seen before         -> duplicate-of:<id>
    check_text          no text at all                     -> text:empty
    classify_type       LOINC document type (a declared type wins)
    match_patient       upload / cover-sheet hints, then the text -> patient:hint-conflict
    apply_filing_rules  decision.decide: thresholds, misfile checks, quality, flags
    suggest_codes       ICD-10-CM hints for the reviewer (details only)
    find_rescan         the same sheets scanned again for this patient -> rescan-of:<id>
    settle_status       filed when no reason blocks; a dictation waits for its author

The pure parts live in their own modules (classify, patients, icd, decision, rescans).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from himflow import db
from indexing import doctypes
from indexing.classify import Classifier, ModelRegistry
from indexing.classify.classifier import Classification
from indexing.decision import Thresholds, decide
from indexing.learning import registry_dir
from indexing.patients import DocumentMatch, match_document
from indexing.rescans import is_rescan
from schemas.claims import ExtractedText, ScanText
from schemas.events import DocumentKind, DocumentStatus, PatientHints, TextExtracted
from schemas.reasons import AWAITING_SIGNATURE, UNSIGNED_DICTATION, blocking

LoadClaim = Callable[[str], ScanText | None]


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


@dataclass(frozen=True)
class Hints:
    """What people said about the document: the upload's metadata and its cover sheet."""

    mrn: str | None = None
    encounter: str | None = None
    author: str | None = None
    document_type: str | None = None
    coversheet_mrn: str | None = None
    coversheet_type: str | None = None

    @classmethod
    def of(cls, row: Any, claim: ExtractedText) -> Hints:
        sheet = claim.coversheet if isinstance(claim, ScanText) else None
        return cls(
            mrn=getattr(row, "hint_mrn", None), encounter=getattr(row, "hint_encounter", None),
            author=getattr(row, "hint_author", None), document_type=getattr(row, "hint_type", None),
            coversheet_mrn=sheet.mrn if sheet else None,
            coversheet_type=sheet.document_type if sheet else None,
        )


@dataclass
class Work:
    """The working state the steps pass along (one document, one thread)."""

    event: TextExtracted
    claim: ExtractedText
    row: Any  # the documents row (None before intake wrote one)
    engine: Engine
    settings: Any
    load_claim: LoadClaim | None
    hints: Hints
    text: str
    reasons: list[str] = field(default_factory=list)
    classification: Classification | None = None
    match: DocumentMatch | None = None
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    status: DocumentStatus = DocumentStatus.REVIEW


# ---- the classifier (loaded once per process and registry version) ---------------------------
_LOADED: dict[str, Any] = {}


def load_classifier(settings: Any = None) -> Any:
    """The active registry version for this data dir (the seed model when none is active).
    Workers pick up a newly activated or rolled-back version at their next document."""
    version = None
    registry = None
    if settings is not None:
        registry = ModelRegistry(registry_dir(settings))
        version = registry.active_version
    key = version or "seed"
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = registry.load(version) if version and registry else Classifier.load_default()
    return _LOADED[key]


def thresholds_from(settings: Any) -> Thresholds:
    values = dict(getattr(settings, "filing", {}) or {})
    for key, value in list(values.items()):
        if isinstance(value, str) and key in ("auto_file_methods", "ignored_flags", "always_review_types"):
            values[key] = tuple(x.strip() for x in value.split(",") if x.strip())
    return Thresholds.model_validate(values)


# ---- the steps, in order ----------------------------------------------------------------------
def find_duplicate(w: Work) -> None:
    """An earlier document (not a batch's child, not rejected) with the same bytes."""
    sha = getattr(w.row, "sha256", None)
    if w.row is None or getattr(w.row, "parent_id", None) is not None or not sha:
        return
    d = db.documents.c
    with w.engine.connect() as conn:
        first = conn.execute(
            sa.select(d.id).where(
                d.sha256 == sha, d.id != w.event.doc_id, d.parent_id.is_(None),
                d.status.notin_([DocumentStatus.REJECTED.value]),
            ).order_by(d.created_at).limit(1)
        ).scalar()
    if first:
        w.reasons.append(f"duplicate-of:{first}")


def check_text(w: Work) -> None:
    if not w.text.strip():
        w.reasons.append("text:empty")


def classify_type(w: Work) -> None:
    """The classifier's type, unless a person declared one (cover sheet or upload): it wins."""
    c = load_classifier(w.settings).classify(w.text)
    forced = w.hints.coversheet_type or w.hints.document_type
    known = doctypes.by_code(forced) if forced else None
    if known is not None:
        c = c.model_copy(update=dict(code=known.code, display=known.display, confidence=1.0, abstained=False,
                                     evidence=(*c.evidence, "declared")))
    w.classification = c


def _patient_hints(w: Work) -> PatientHints | None:
    """Upload metadata first, then the cover sheet; a disagreement between them is a reason."""
    upload, sheet = w.hints.mrn, w.hints.coversheet_mrn
    if upload and sheet and upload.strip().upper() != sheet.strip().upper():
        w.reasons.append("patient:hint-conflict")
    if upload:
        return PatientHints(mrn=upload, encounter=w.hints.encounter, author=w.hints.author, source="upload")
    if sheet:
        return PatientHints(mrn=sheet, encounter=w.hints.encounter, author=w.hints.author, source="coversheet")
    return None


def match_patient(w: Work) -> None:
    w.match = match_document(text=w.text, hints=_patient_hints(w), engine=w.engine)


def apply_filing_rules(w: Work) -> None:
    assert w.classification is not None and w.match is not None
    decision = decide(classification=w.classification, match=w.match, quality=w.event.confidence,
                      flags=w.event.flags, thresholds=thresholds_from(w.settings))
    w.reasons.extend(decision.reasons)


def suggest_codes(w: Work) -> None:
    # Imported here for start-up cost: simple_icd_10_cm reads its tables at import (~4.5 s on
    # this machine); the worker pays it with its first document, not at start.
    from indexing.icd import suggest

    if w.text.strip():
        w.suggestions = [s.model_dump(mode="json") for s in suggest(w.text)]


def _same_patient_scans(w: Work, *, limit: int = 20) -> list[sa.Row]:
    d = db.documents.c
    patient_id = w.match.patient_id if w.match else None
    mrn = w.hints.mrn or w.hints.coversheet_mrn
    conds = [c for c in ((d.patient_id == patient_id) if patient_id else None,
                         (d.hint_mrn == mrn) if mrn else None) if c is not None]
    if not conds:
        return []
    with w.engine.connect() as conn:
        return list(conn.execute(
            sa.select(d.id, d.text_ref).where(
                sa.or_(*conds), d.id != w.event.doc_id, d.kind == DocumentKind.SCAN.value, d.text_ref.is_not(None),
                d.status.notin_([DocumentStatus.REJECTED.value, DocumentStatus.SPLIT.value]),
            ).order_by(d.created_at.desc()).limit(limit)
        ).all())


def find_rescan(w: Work) -> None:
    """The earlier scan of the same patient whose pages this scan repeats (perceptual page
    hashes plus word overlap), if any. Not looked for when the bytes are a known duplicate."""
    if (w.event.kind is not DocumentKind.SCAN or w.load_claim is None or not isinstance(w.claim, ScanText)
            or not w.claim.pages or any(r.startswith("duplicate-of:") for r in w.reasons)):
        return
    for cand in _same_patient_scans(w):
        old = w.load_claim(cand.text_ref)
        if old is not None and is_rescan(w.claim, old):
            w.reasons.append(f"rescan-of:{cand.id}")
            return


def settle_status(w: Work) -> None:
    """Filed when no reason blocks, else review. A transcript is preliminary until its author
    signs it, so a dictation is never filed here: when nothing else needs a person it goes
    straight to its author's signature list (published as preliminary); otherwise records
    staff check it first, and nothing is published until they have (so their corrections are
    in the first publication)."""
    auto_file = not blocking(w.reasons)
    w.status = DocumentStatus.FILED if auto_file else DocumentStatus.REVIEW
    if w.event.kind is DocumentKind.DICTATION:
        w.status = DocumentStatus.REVIEW
        w.reasons.append(UNSIGNED_DICTATION)
        if auto_file:
            w.reasons.append(AWAITING_SIGNATURE)


STEPS: tuple[Callable[[Work], None], ...] = (
    find_duplicate, check_text, classify_type, match_patient, apply_filing_rules, suggest_codes,
    find_rescan, settle_status,
)


def analyse(*, event: TextExtracted, claim: ExtractedText, row: Any, engine: Engine, settings: Any,
            load_claim: LoadClaim | None = None) -> Analysis:
    """Run the steps over one document's claim check (``claim``, parsed from text_ref);
    ``load_claim(text_ref)`` reads an earlier scan's claim check (None when it is gone)."""
    w = Work(event=event, claim=claim, row=row, engine=engine, settings=settings, load_claim=load_claim,
             hints=Hints.of(row, claim), text=claim.text or "")
    for step in STEPS:
        step(w)
    c, m = w.classification, w.match
    assert c is not None and m is not None
    return Analysis(
        status=w.status,
        type_code=None if c.abstained else c.code,
        type_display=None if c.abstained else c.display,
        type_confidence=round(float(c.confidence), 4),
        patient_id=m.patient_id,
        match_score=round(float(m.score), 4),
        reasons=tuple(dict.fromkeys(w.reasons)),
        service_date=m.service_date,
        details={
            "match_method": m.method,
            "alternatives": [list(a) for a in c.alternatives][:3],
            "icd10cm_suggestions": w.suggestions,
            "model_version": getattr(c, "model_version", None),
        },
    )
