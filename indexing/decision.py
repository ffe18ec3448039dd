"""The filing decision: auto-file only when every check passes; otherwise review, every reason listed.

    decide(classification=c, match=m, quality=0.93, flags=("blank-page",), thresholds=Thresholds())

Checks: the type was not abstained and its confidence reaches ``min_type_confidence``; a
patient was matched, by an allowed method, with ``min_match_score``; the match has no misfile
reasons; OCR / transcript quality reaches ``min_quality``; no blocking flag is set (every
flag blocks unless listed in ``ignored_flags`` or classified informational below). Thresholds
come from settings or ``HIMFLOW_FILING__*`` environment variables (``Thresholds.from_env()``).

Every reason has a severity (``severity(reason)``): *blocking* reasons send a document to a
person; *informational* ones are kept and shown (the page was deskewed) but do not stop
filing. Only the flags listed in ``INFORMATIONAL_FLAGS`` are informational; every other reason
and every flag not known here is blocking, so a new flag is safe until someone classifies it.
"""

from __future__ import annotations

import os
from typing import Iterable

from pydantic import BaseModel, ConfigDict, Field

from indexing.classify.classifier import Classification
from indexing.patients import PatientMatch

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
# unsigned-dictation (a dictation is final only when signed: desk/review.py).


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


class Thresholds(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    min_type_confidence: float = Field(default=0.85, ge=0.0, le=1.0)
    min_match_score: float = Field(default=0.9, ge=0.0, le=1.0)
    min_quality: float = Field(default=0.8, ge=0.0, le=1.0)
    auto_file_methods: tuple[str, ...] = ("upload", "coversheet", "mrn", "demographics")
    ignored_flags: tuple[str, ...] = ()
    # Types that always go to a person (e.g. advance directives, release-of-information requests).
    always_review_types: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Thresholds":
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, field in cls.model_fields.items():
            raw = env.get(f"HIMFLOW_FILING__{name.upper()}")
            if raw is None:
                continue
            values[name] = tuple(x.strip() for x in raw.split(",") if x.strip()) if field.annotation is not float else raw
        return cls.model_validate(values)


class FilingDecision(BaseModel):
    model_config = ConfigDict(frozen=True)
    auto_file: bool
    reasons: tuple[str, ...] = ()  # every reason, informational ones included

    @property
    def blocking_reasons(self) -> tuple[str, ...]:
        return blocking(self.reasons)


def decide(*, classification: Classification, match: PatientMatch, quality: float,
           flags: Iterable[str] = (), thresholds: Thresholds | None = None) -> FilingDecision:
    th = thresholds or Thresholds()
    reasons: list[str] = []
    if classification.abstained:
        reasons.append("type:abstained")
    elif classification.confidence < th.min_type_confidence:
        reasons.append("type:low-confidence")
    if classification.code in th.always_review_types:
        reasons.append("type:always-review")
    if match.patient_id is None:
        reasons.append("patient:unmatched")
    else:
        if match.method not in th.auto_file_methods:
            reasons.append(f"patient:method-{match.method}-needs-review")
        if match.score < th.min_match_score:
            reasons.append("patient:low-score")
    reasons.extend(r if r.startswith("misfile:") else f"patient:{r}" for r in match.reasons
                   if r.startswith("misfile:") or match.patient_id is None)
    if not (quality >= th.min_quality):  # also catches NaN
        reasons.append("quality:low")
    reasons.extend(f"flag:{f}" for f in flags if f not in th.ignored_flags)
    unique = tuple(dict.fromkeys(reasons))
    return FilingDecision(auto_file=not blocking(unique), reasons=unique)
