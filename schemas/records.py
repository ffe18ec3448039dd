"""Records: what the index holds and what the CLI prints. Not events."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from schemas.events import DocumentKind, DocumentStatus


class DocumentRecord(BaseModel):
    """One document as `himflow upload --wait --json` and `himflow status DOC` print it."""

    model_config = ConfigDict(frozen=True)
    id: str
    kind: DocumentKind | None = None
    status: DocumentStatus
    media_type: str | None = None
    text: str | None = None
    text_length: int = 0
    type: str | None = None
    patient: str | None = None
    confidence: float | None = None
    reasons: list[str] = []
    parent_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class StageEntry(BaseModel):
    model_config = ConfigDict(frozen=True)
    at: datetime
    stage: str
    status: str
    detail: str = ""


class SearchHit(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    snippet: str
    score: float
    type: str | None = None
    patient: str | None = None
    status: DocumentStatus | None = None
