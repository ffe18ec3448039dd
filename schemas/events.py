"""Events between himflow's workers. Facts, past tense; frozen; no document bytes or text
inside (claim checks point at objects in the derived bucket), so messages stay small."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    schema_version: Literal[1] = 1
    occurred_at: datetime = Field(default_factory=utcnow)


class DocumentKind(StrEnum):
    SCAN = "scan"
    DICTATION = "dictation"


class ObjectRef(BaseModel):
    """Where a stored object lives. Keys are ours (no PHI) or the station's (never logged)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    bucket: str
    key: str
    version_id: str = ""
    etag: str = ""
    size: int = 0


class PatientHints(BaseModel):
    """What the uploader or a cover sheet told us about whose document this is."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    mrn: str | None = None
    encounter: str | None = None
    author: str | None = None
    document_type: str | None = None  # LOINC code, when the cover sheet names it
    source: Literal["upload", "coversheet", "metadata", "none"] = "none"


class DocumentRouted(Event):
    """Intake accepted an object and routed it to OCR (scan) or transcription (dictation)."""

    doc_id: str
    kind: DocumentKind
    source: ObjectRef
    media_type: str  # sniffed from the bytes, not the name
    sha256: str
    hints: PatientHints = Field(default_factory=PatientHints)
    # For documents split out of a batch scan: the batch's doc id and the pages (1-based).
    parent_id: str | None = None
    pages: tuple[int, ...] = ()


class PageSummary(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    number: int
    source: Literal["text-layer", "ocr", "blank", "speech"]
    confidence: float  # 0..1
    chars: int
    rotation: int = 0
    flags: tuple[str, ...] = ()


class TextExtracted(Event):
    """OCR or transcription produced text. The text itself is in the derived bucket."""

    doc_id: str
    kind: DocumentKind
    text_ref: ObjectRef  # JSON result (pages/segments + text) in the derived bucket
    text_chars: int
    confidence: float
    pages: tuple[PageSummary, ...] = ()
    flags: tuple[str, ...] = ()
    engine: str = ""
    renditions: dict[str, ObjectRef] = Field(default_factory=dict)  # searchable PDF, VTT...


class DocumentStatus(StrEnum):
    RECEIVED = "received"
    ROUTED = "routed"
    EXTRACTED = "extracted"
    FILED = "filed"  # final: auto-filed or approved
    REVIEW = "review"  # final for the machine: waits for records staff
    REJECTED = "rejected"  # final: typed rejection, dead-lettered
    SPLIT = "split"  # final: a batch scan split into child documents by cover sheets

    @property
    def is_final(self) -> bool:
        return self in (
            DocumentStatus.FILED,
            DocumentStatus.REVIEW,
            DocumentStatus.REJECTED,
            DocumentStatus.SPLIT,
        )


class DocumentIndexed(Event):
    doc_id: str
    status: DocumentStatus
    type_code: str | None = None
    confidence: float = 0.0
    patient_id: str | None = None
    reasons: tuple[str, ...] = ()


class DeadLetter(Event):
    """A message a stage could not handle: permanent error or retries exhausted."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    stage: str
    reason: str  # a ReasonCode value
    retryable: bool
    attempts: int
    error_type: str
    detail: str = ""  # never PHI: built from reason codes and numbers, not input text
    doc_id: str | None = None
    topic: str
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    original: str  # the original message value (UTF-8, or base64 when prefixed "b64:")
    headers: dict[str, str] = Field(default_factory=dict)
    replay_of: str | None = None


class ReasonCode(StrEnum):
    """Why a message or document was not processed. Shown in status, DLQ and the queue."""

    MALFORMED_EVENT = "malformed-event"
    OVERSIZED_EVENT = "oversized-event"
    UNWATCHED_BUCKET = "unwatched-bucket"
    NOT_OBJECT_CREATED = "not-object-created"
    OBJECT_MISSING = "object-missing"
    EMPTY_FILE = "empty-file"
    TOO_LARGE = "too-large"
    UNSUPPORTED_TYPE = "unsupported-type"
    EXTENSION_MISMATCH = "extension-mismatch"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_MANY_PAGES = "too-many-pages"
    IMAGE_BOMB = "image-bomb"
    ACTIVE_CONTENT = "active-content"
    AUDIO_UNDECODABLE = "audio-undecodable"
    AUDIO_TOO_LONG = "audio-too-long"
    AUDIO_EMPTY = "audio-empty"
    ENGINE_TIMEOUT = "engine-timeout"
    ENGINE_FAILED = "engine-failed"
    STORE_UNAVAILABLE = "store-unavailable"
    DATABASE_UNAVAILABLE = "database-unavailable"
    BROKER_UNAVAILABLE = "broker-unavailable"
    RETRIES_EXHAUSTED = "retries-exhausted"
    FHIR_REJECTED = "fhir-rejected"
    INTERNAL_ERROR = "internal-error"


class PatientUpserted(Event):
    """A patient demographic record for the patient index (the patients topic)."""

    patient_id: str
    mrn: str
    family: str
    given: str = ""
    birth_date: str | None = None  # ISO date
    sex: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
