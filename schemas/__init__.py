"""Contracts only: pydantic models of every event, claim check (claims) and record, the ids
stages derive alike (ids), what reasons mean (reasons, dictation), and topic names. No I/O;
imports nothing of ours."""

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
