"""Extraction quality of one document in counts, from its claim check, for the documents row.

A scan: the pages OCR read (``source == "ocr"``; text-layer and blank pages are not OCR's to
doubt) and those it flagged ``low-confidence`` (intake's own page threshold). A dictation: the
audio's seconds and its unsure words: words flagged for the signing author plus the placeholders
that stand for voiced audio without trustworthy text (each counts as one). The reports divide:
low-confidence pages / OCR'd pages, unsure words / audio minutes.
"""

from __future__ import annotations

from schemas.claims import DictationTranscript, ExtractedText, ScanText

LOW_CONFIDENCE = "low-confidence"  # intake/ocr/models.py's page flag


def extraction_counts(payload: ExtractedText) -> dict[str, int | float | None]:
    if isinstance(payload, ScanText):
        ocr = [p for p in payload.pages if p.source == "ocr"]
        return {"ocr_pages": len(ocr), "low_confidence_pages": sum(LOW_CONFIDENCE in p.flags for p in ocr),
                "audio_seconds": None, "unsure_words": None}
    if isinstance(payload, DictationTranscript):
        unsure = sum(1 for s in payload.segments if s.placeholder)
        unsure += sum(1 for s in payload.segments if not s.placeholder for w in s.words if w.flagged)
        return {"ocr_pages": None, "low_confidence_pages": None,
                "audio_seconds": round(float(payload.duration), 3), "unsure_words": unsure}
    return {}
