"""Contracts only: pydantic models of every event and record, and topic names. No I/O."""

from schemas import topics
from schemas.events import (
    DeadLetter,
    DocumentIndexed,
    DocumentKind,
    DocumentRouted,
    DocumentStatus,
    ObjectRef,
    PageSummary,
    PatientHints,
    PatientUpserted,
    ReasonCode,
    TextExtracted,
)
from schemas.records import DocumentRecord, SearchHit, StageEntry
from schemas.s3event import S3EventNotification, S3Record, object_created_event

__all__ = [
    "topics",
    "DeadLetter",
    "DocumentIndexed",
    "DocumentKind",
    "DocumentRouted",
    "DocumentStatus",
    "ObjectRef",
    "PageSummary",
    "PatientHints",
    "PatientUpserted",
    "ReasonCode",
    "TextExtracted",
    "DocumentRecord",
    "SearchHit",
    "StageEntry",
    "S3EventNotification",
    "S3Record",
    "object_created_event",
]
