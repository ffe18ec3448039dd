"""The filing decision: auto-file only when every check passes; otherwise review, every reason listed.

    decide(classification=c, match=m, quality=0.93, flags=("blank-page",), thresholds=Thresholds())

Checks: the type was not abstained and its confidence reaches ``min_type_confidence``; a
patient was matched, by an allowed method, with ``min_match_score``; the match has no misfile
reasons; OCR / transcript quality reaches ``min_quality``; no blocking flag is set (every
flag blocks unless listed in ``ignored_flags`` or classified informational in schemas.reasons). Thresholds
come from settings or ``HIMFLOW_FILING__*`` environment variables (``Thresholds.from_env()``).

What each reason means and whether it blocks filing is in schemas.reasons (every stage reads
it): ``blocking(reasons)``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from indexing.classify.classifier import Classification
from indexing.patients import PatientMatch
from schemas.reasons import blocking


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
