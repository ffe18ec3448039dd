"""What the reasons on a document mean: the vocabulary every stage reads in
``DocumentIndexed.reasons`` and the documents row (review desk, publishing, chart), and which
of them stop the machine from filing. No I/O.

Every reason has a severity (``severity(reason)``): *blocking* reasons send a document to a
person; *informational* ones are kept and shown (the page was deskewed) but do not stop
filing. Only the flags listed in ``INFORMATIONAL_FLAGS`` are informational; every other reason
and every flag not known here is blocking, so a new flag is safe until someone classifies it.

A dictation is preliminary until its author signs it (schemas.dictation): while it waits it
carries ``UNSIGNED_DICTATION``, with ``AWAITING_SIGNATURE`` once nothing but the signature is
missing, and ``SIGNED`` once signed while records staff still have to check it.
"""

from __future__ import annotations

from collections.abc import Iterable

UNKNOWN_TYPE_CODE = "unknown"  # the document type could not be told (indexing/doctypes.py)

BLOCKING = "blocking"
INFORMATIONAL = "informational"

# Flags the pipeline sets that describe what was done or seen, not a doubt about the result.
# Whether the text itself is good enough is judged by the quality check (min_quality) and by
# the blocking flags (low-confidence, no-text, orientation-unsure, ...).
INFORMATIONAL_FLAGS: dict[str, str] = {
    # intake/ocr/models.py
    "deskewed": "the page was straightened before OCR",
    "rotated": "the page was turned upright (orientation detected with confidence)",
    "blank": "a blank page inside the document (left out of the text)",
    "cover-sheet": "a barcode cover sheet (used to split the batch, not part of the record)",
    "low-resolution": "a low-resolution image (phone photo): upsampled; its text quality is checked",
    "repaired": "the PDF needed a lenient read; its text was extracted",
    "active-content-ignored": "scripts/actions in the PDF were not run and are not carried on",
    # a chart deficiency (chart/deficiencies.py: the document is unsigned), not a doubt about
    # the text or the patient, so it does not stop filing
    "signature-empty": "a signature line on a page has no signature next to it",
    # transcription/transcript.py: the author reads and signs every dictation, unsure words
    # highlighted; a signature is required anyway.
    "low-confidence-words": "some words are highlighted as unsure for the signing author",
}
# Blocking flags, listed so the classification is complete and reviewable (anything else,
# known or not, blocks as well).
BLOCKING_FLAGS: dict[str, str] = {
    "low-confidence": "OCR confidence below the threshold",
    "no-text": "no text was read",
    "ocr-timeout": "OCR did not finish on a page",
    "page-unreadable": "a page could not be read",
    "orientation-unsure": "the page orientation is uncertain",
    "empty-segment": "a cover sheet with no pages after it",
    "no-speech": "no speech was heard",
    "repetition-loop": "a repetition loop was detected in the transcript",
    "hallucination-suspected": "text where no speech was heard",
    "coverage-low": "voiced audio not covered by the transcript (any flag starting coverage-low)",
}


# Reasons other than flags, all blocking (listed for review; ``severity`` blocks anything that
# is not an informational flag): type:abstained, type:low-confidence, type:always-review,
# patient:unmatched, patient:method-*-needs-review, patient:low-score, patient:hint-conflict,
# patient:<match reason> (mrn-not-in-index, mrn-ambiguous, demographics-ambiguous,
# no-patient-name-found, no-confident-match), misfile:mrn-mismatch, misfile:birth-date-mismatch,
# misfile:name-mismatch, quality:low, text:empty, duplicate-of:<id>, rescan-of:<id>,
# unsigned-dictation, awaiting-signature, signed (a dictation is final only when signed).


def flag_severity(flag: str) -> str:
    """A pipeline flag's severity; unknown flags block."""
    if flag.startswith("coverage-low"):
        return BLOCKING
    return INFORMATIONAL if flag in INFORMATIONAL_FLAGS else BLOCKING


def severity(reason: str) -> str:
    """A filing reason's severity: ``flag:<name>`` follows ``flag_severity``; every other
    reason (type, patient, misfile, quality, duplicate, rescan, unsigned, unknown) blocks."""
    if reason.startswith("flag:"):
        return flag_severity(reason[5:])
    return BLOCKING


def blocking(reasons: Iterable[str]) -> tuple[str, ...]:
    """The reasons that stop auto-filing."""
    return tuple(r for r in reasons if severity(r) == BLOCKING)


# The reasons a dictation carries while it waits for (or has just had) its author's signature.
UNSIGNED_DICTATION = "unsigned-dictation"
AWAITING_SIGNATURE = "awaiting-signature"
SIGNED = "signed"
SIGNATURE_EMPTY = "signature-empty"  # a page flag (flag:signature-empty): a scan not signed
SIGNATURE_REASONS: tuple[str, ...] = (UNSIGNED_DICTATION, AWAITING_SIGNATURE, SIGNED)
