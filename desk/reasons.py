"""Plain words for the review reasons and flags the pipeline emits (one table, used by every page).

``plain(code)`` gives the words a records clerk reads; the raw code stays available as the
tooltip. Codes may carry a detail after a colon (``duplicate-of:<id>``, ``flag:deskewed``)."""

from __future__ import annotations

PLAIN: dict[str, str] = {
    "no-patient-match": "No patient matched: name or MRN not found on the page",
    "low-type-confidence": "Document type uncertain",
    "low-confidence": "Text recognition uncertain",
    "low-confidence-words": "Some words uncertain",
    "coverage-low": "Part of the speech is missing from the transcript",
    "no-text": "No text found",
    "no-speech": "No speech found in the recording",
    "empty-segment": "An empty part in the recording",
    "hallucination-suspected": "Transcript may contain invented text",
    "repetition-loop": "Transcript repeats itself",
    "blank-page": "A blank page",
    "cover-sheet": "A cover sheet",
    "low-resolution": "Scanned at low resolution",
    "orientation-unsure": "Page orientation uncertain",
    "page-unreadable": "A page could not be read",
    "ocr-timeout": "Text recognition took too long",
    "active-content-ignored": "Scripts in the file were ignored",
    "deskewed": "Pages were straightened (deskewed)",
    "rotated": "Pages were turned upright",
    "signature-empty": "A signature line on a page is empty (not signed)",
    "duplicate-of": "Possible duplicate of another document",
    "rescan-of": "A rescan of another document",
    # the filing rules' reasons (indexing/decision.py; schemas/reasons.py lists them)
    "patient:unmatched": "No patient matched",
    "patient:low-score": "Patient match uncertain",
    "patient:hint-conflict": "Patient on the page differs from the one given at upload",
    "patient:mrn-not-in-index": "MRN not found in the patient index",
    "patient:mrn-ambiguous": "MRN matches more than one patient",
    "patient:demographics-ambiguous": "Name and birth date match more than one patient",
    "patient:no-patient-name-found": "No patient name found on the page",
    "patient:no-confident-match": "No confident patient match",
    "type:abstained": "Document type not recognised",
    "type:low-confidence": "Document type uncertain",
    "type:always-review": "This document type is always reviewed",
    "misfile:mrn-mismatch": "MRN on the page differs from the patient's",
    "misfile:birth-date-mismatch": "Birth date on the page differs from the patient's",
    "misfile:name-mismatch": "Name on the page differs from the patient's",
    "quality:low": "Text quality low",
    "text:empty": "No text found",
    "unsigned-dictation": "Dictation not yet signed by its author",
    "signed": "Signed by its author, not yet checked",
    "urgent": "Marked urgent",
    "low-ocr-confidence": "Text recognition uncertain",
    "patient-conflict": "Conflicting patient details",
}


def plain(code: str) -> str:
    """Plain words for a reason or flag code; unknown codes are shown as they are."""
    base = code.removeprefix("flag:")
    if base in PLAIN:
        return PLAIN[base]
    key = base.split(":", 1)[0]
    return PLAIN.get(key, code)
