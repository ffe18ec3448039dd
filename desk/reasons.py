"""Plain words for the review reasons and flags the pipeline emits (one table, used by every page).

``plain(code)`` gives the words a records clerk reads; the raw code stays available as the
tooltip. Codes may carry a detail after a colon (``duplicate-of:<id>``, ``flag:deskewed``)."""

from __future__ import annotations

PLAIN: dict[str, str] = {
    "no-patient-match": "No patient matched: name or MRN not found on the page",
    "low-type-confidence": "Document type uncertain",
    "low-confidence": "Text recognition uncertain",
    "low-confidence-words": "Some words uncertain",
    "coverage-low": "Little of the page could be read",
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
    "duplicate-of": "Possible duplicate of another document",
    "rescan-of": "A rescan of another document",
}


def plain(code: str) -> str:
    """Plain words for a reason or flag code; unknown codes are shown as they are."""
    base = code.removeprefix("flag:")
    key = base.split(":", 1)[0]
    return PLAIN.get(key, code)
