"""Where an upload is: from its reference (the document id `himflow upload` prints and the
desk's upload page shows; the upload id of the hints row is accepted too) to the stage of the
file and, for a batch split by cover sheets, of each document made from it.

Facts only, no PHI: ids, stage, kind, sizes, times, reason codes. Who may see the file's name
and which reasons is the caller's business (the desk shows a scanning station no review
reasons; `himflow status` prints no file name)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow import db
from schemas.events import DocumentStatus

# The stage an uploader reads, from a document's status (routed is still "received").
STAGE_BY_STATUS = {
    DocumentStatus.RECEIVED.value: "received",
    DocumentStatus.ROUTED.value: "received",
    DocumentStatus.EXTRACTED.value: "extracted",
    DocumentStatus.FILED.value: "filed",
    DocumentStatus.REVIEW.value: "review",
    DocumentStatus.REJECTED.value: "rejected",
    DocumentStatus.SPLIT.value: "split",
}
FINAL_STAGES = frozenset({"filed", "review", "rejected"})


@dataclass(frozen=True)
class DocumentStage:
    doc_id: str
    stage: str  # received | extracted | filed | review | rejected | split
    kind: str | None
    pages: tuple[int, ...]  # a split part: its pages in the uploaded file
    reasons: tuple[str, ...]  # review reasons (codes); empty unless in review
    rejection: str | None  # the reason code of a rejection (a ReasonCode value)
    updated_at: datetime | None
    hint_author: str | None  # whose dictation it is (the desk's link to /dictations)

    @property
    def final(self) -> bool:
        return self.stage in FINAL_STAGES


@dataclass(frozen=True)
class UploadStatus:
    reference: str  # the document id of the uploaded file
    upload_id: str
    file_name: str | None
    size: int | None
    uploaded_by: str | None
    uploaded_at: datetime
    kind: str | None
    document: DocumentStage | None  # None: stored and announced, intake has not taken it yet
    parts: tuple[DocumentStage, ...]  # a split batch's documents, in page order

    @property
    def files(self) -> tuple[DocumentStage, ...]:
        """What the uploader follows: the file itself, or the documents a split made of it."""
        if self.document is None:
            return ()
        return self.parts if self.document.stage == "split" else (self.document,)

    @property
    def stage(self) -> str:
        """One word for the whole upload: received until intake has it, then the file's stage;
        a split batch is final once every part is."""
        if self.document is None:
            return "received"
        if self.document.stage != "split":
            return self.document.stage
        if not self.parts or not all(p.final for p in self.parts):
            return "extracted"
        return "done"

    @property
    def final(self) -> bool:
        return self.stage in FINAL_STAGES or self.stage == "done"


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _rejection(reasons: list[str], letter: str | None) -> str | None:
    for r in reasons:
        if r.startswith("rejected:"):
            return r.removeprefix("rejected:")
    return letter or "rejected"


def _stage(row: sa.Row, letters: dict[str, str]) -> DocumentStage:
    stage = STAGE_BY_STATUS.get(row.status, "received")
    reasons = db.loads_list(row.reasons)
    pages = tuple(int(p) for p in db.loads_list(row.pages)) if row.pages else ()
    return DocumentStage(
        doc_id=row.id, stage=stage, kind=row.kind, pages=pages,
        reasons=tuple(reasons) if stage == "review" else (),
        rejection=_rejection(reasons, letters.get(row.id)) if stage == "rejected" else None,
        updated_at=_aware(row.updated_at), hint_author=row.hint_author)


def find_upload(conn: Connection, reference: str) -> UploadStatus | None:
    """The upload a reference names (its document id, or the upload id), else None."""
    reference = reference.strip()[:64]
    if not reference:
        return None
    h = db.upload_hints
    hint = conn.execute(sa.select(h).where(sa.or_(h.c.doc_id == reference, h.c.upload_id == reference))
                        .order_by(h.c.created_at.desc()).limit(1)).first()
    if hint is None or not hint.doc_id:
        return None
    d = db.documents
    cols = (d.c.id, d.c.status, d.c.kind, d.c.reasons, d.c.pages, d.c.updated_at, d.c.hint_author)
    row = conn.execute(sa.select(*cols).where(d.c.id == hint.doc_id)).first()
    children = list(conn.execute(sa.select(*cols).where(d.c.parent_id == hint.doc_id)
                                 .order_by(d.c.created_at, d.c.id))) if row is not None else []
    ids = [hint.doc_id, *(c.id for c in children)]
    letters = dict(conn.execute(
        sa.select(db.dead_letters.c.doc_id, db.dead_letters.c.reason)
        .where(db.dead_letters.c.doc_id.in_(ids)).order_by(db.dead_letters.c.id)).all())
    parts = sorted((_stage(c, letters) for c in children), key=lambda s: (s.pages or (0,), s.doc_id))
    return UploadStatus(
        reference=hint.doc_id, upload_id=hint.upload_id, file_name=hint.file_name, size=hint.size,
        uploaded_by=hint.uploaded_by, uploaded_at=_aware(hint.created_at) or db.utcnow(), kind=hint.kind,
        document=_stage(row, letters) if row is not None else None, parts=tuple(parts))
