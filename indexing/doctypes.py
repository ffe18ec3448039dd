"""Document types as LOINC document codes, with the title keywords that name them.

The list is configurable: a JSON file named by ``HIMFLOW_DOCTYPES_FILE`` (or passed to
:func:`load_doctypes`) adds types or overrides the display / keywords of existing ones::

    [{"code": "34133-9", "display": "Summary of episode note", "keywords": ["episode summary"]},
     {"code": "59284-0", "remove": true}]

``UNKNOWN`` is what the classifier answers when it abstains.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from himflow.errors import RejectedInput
from schemas.events import ReasonCode
from schemas.reasons import UNKNOWN_TYPE_CODE

ENV_DOCTYPES_FILE = "HIMFLOW_DOCTYPES_FILE"
LOINC_SYSTEM = "http://loinc.org"


class DocType(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str = Field(min_length=1, max_length=32)
    display: str = Field(min_length=1, max_length=200)
    # Lower-case phrases that, found in a title or section heading, name this type.
    keywords: tuple[str, ...] = ()


UNKNOWN = DocType(code=UNKNOWN_TYPE_CODE, display="Unknown document type")


def _t(code: str, display: str, *keywords: str) -> DocType:
    return DocType(code=code, display=display, keywords=tuple(keywords))


DEFAULT_DOCTYPES: tuple[DocType, ...] = (
    _t("18842-5", "Discharge summary", "discharge summary", "discharge summaries",
       "discharge note", "hospital course summary"),
    _t("11488-4", "Consult note", "consultation", "consult", "consult note", "consultation note",
       "consultation report", "reason for consultation"),
    _t("34117-2", "History and physical note", "history and physical", "h&p",
       "history & physical", "admission history"),
    _t("11506-3", "Progress note", "progress note", "daily progress", "soap note",
       "interval note", "follow-up visit"),
    _t("28570-0", "Procedure note", "procedure note", "procedure report", "bedside procedure",
       "endoscopy", "colonoscopy", "bronchoscopy", "cardiac catheterization"),
    _t("11504-8", "Surgical operation note", "operative report", "operative note",
       "operation report", "surgical report", "op note"),
    _t("18748-4", "Diagnostic imaging study", "radiology report", "imaging report", "ct scan",
       "mri", "x-ray", "ultrasound", "radiograph", "echocardiogram", "mammogram"),
    _t("11502-2", "Laboratory report", "laboratory report", "lab report", "laboratory results",
       "lab results", "chemistry panel", "complete blood count"),
    _t("11526-1", "Pathology study", "pathology report", "surgical pathology", "cytology report",
       "gross description", "microscopic description"),
    _t("34111-5", "Emergency department note", "emergency department", "ed note",
       "emergency room", "er visit", "triage note", "ed provider note"),
    _t("57133-1", "Referral note", "referral", "referral letter", "referral request",
       "reason for referral"),
    _t("59284-0", "Consent document", "consent", "informed consent", "consent form",
       "authorization for treatment"),
    _t("64290-0", "Health insurance card", "insurance card", "member id", "member card",
       "health plan", "subscriber"),
    _t("57833-6", "Prescription for medication", "prescription", "rx", "refills",
       "dispense", "sig"),
    _t("42348-3", "Advance directive", "advance directive", "living will",
       "health care proxy", "durable power of attorney for health care", "polst", "dnr"),
    _t("101904-1", "Release of information request",
       "release of information", "authorization to release", "records request",
       "request for medical records", "authorization for disclosure", "hipaa authorization"),
)


class DoctypeFileEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str = Field(min_length=1, max_length=32)
    display: str | None = Field(default=None, max_length=200)
    keywords: tuple[str, ...] | None = None
    remove: bool = False


def _read_overrides(path: Path) -> list[DoctypeFileEntry]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, list):
            raise ValueError("top level must be a list")
        return [DoctypeFileEntry.model_validate(item) for item in raw]
    except (OSError, ValueError, ValidationError) as e:
        raise RejectedInput("doctypes file unreadable or invalid", reason=ReasonCode.CORRUPT) from e


def merge_doctypes(
    base: tuple[DocType, ...], overrides: list[DoctypeFileEntry]
) -> tuple[DocType, ...]:
    by_code = {d.code: d for d in base}
    order = [d.code for d in base]
    for o in overrides:
        if o.remove:
            by_code.pop(o.code, None)
            continue
        old = by_code.get(o.code)
        display = o.display or (old.display if old else None)
        if display is None:
            raise RejectedInput("doctypes file: a new type needs a display", reason=ReasonCode.CORRUPT)
        keywords = tuple(k.lower() for k in o.keywords) if o.keywords is not None else (
            old.keywords if old else ()
        )
        by_code[o.code] = DocType(code=o.code, display=display, keywords=keywords)
        if o.code not in order:
            order.append(o.code)
    return tuple(by_code[c] for c in order if c in by_code)


def load_doctypes(path: Path | str | None = None) -> tuple[DocType, ...]:
    """The default list, overlaid with ``path`` or ``$HIMFLOW_DOCTYPES_FILE`` when set."""
    chosen = path if path is not None else os.environ.get(ENV_DOCTYPES_FILE) or None
    if chosen is None:
        return DEFAULT_DOCTYPES
    return merge_doctypes(DEFAULT_DOCTYPES, _read_overrides(Path(chosen)))


@lru_cache(maxsize=8)
def _index(types: tuple[DocType, ...]) -> dict[str, DocType]:
    return {d.code: d for d in types}


def by_code(code: str, types: tuple[DocType, ...] | None = None) -> DocType | None:
    """The configured type with this LOINC code (``UNKNOWN`` for "unknown"), else None."""
    if code == UNKNOWN.code:
        return UNKNOWN
    return _index(types if types is not None else load_doctypes()).get(code)
