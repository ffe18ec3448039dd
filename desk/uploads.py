"""What an uploader is told about an upload: the status page's and its JSON's read model.

Built on ``himflow.upload_status`` (the same answer `himflow status <reference>` gives). Who
may see an upload: the account that uploaded it, and roles that read patient data. What each
sees: everyone the non-PHI facts (file name as they uploaded it, size, stage, times, and for a
rejected file what went wrong and what to do); a reader also the link to each document and the
review reasons in words; a physician the link to a dictation of theirs. Never a patient, a
type or a word of text: a scanning station reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Connection

from desk.auth import User
from desk.reasons import plain
from himflow.errors import RejectedInput
from himflow.upload_status import DocumentStage, UploadStatus, find_upload
from schemas.events import ReasonCode

STAGE_WORDS = {
    "received": "Received",
    "extracted": "Text extracted",
    "filed": "Filed",
    "review": "In review",
    "rejected": "Rejected",
    "split": "Split into documents",
    "done": "Done",
}

_RESEND = ("Nothing to do on your side: the operations team sees it among the dead letters and "
           "can process it again. Do not upload it a second time.")
# Why a file was rejected (the pipeline's reason codes) and what the uploader can do.
REJECTION_ADVICE: dict[str, tuple[str, str]] = {
    ReasonCode.EMPTY_FILE: ("The file was empty.", "Scan the document again and upload the new file."),
    ReasonCode.TOO_LARGE: ("The file is larger than the system accepts.",
                           "Scan fewer pages per file (or at 300 dpi) and upload the parts."),
    ReasonCode.UNSUPPORTED_TYPE: ("This kind of file is not accepted.",
                                  ("Save it as PDF, TIFF, PNG or JPEG (dictations: wav, mp3, m4a, "
                                   "flac, ogg, webm) and upload that.")),
    ReasonCode.EXTENSION_MISMATCH: (("The file's contents do not match the ending of its name "
                                     "(for example a .pdf that is not a PDF)."),
                                    "Export or scan it again in the format its name says, and upload that."),
    ReasonCode.ENCRYPTED: ("The PDF is protected by a password.",
                           "Save an unprotected copy (print it to a new PDF) and upload that."),
    ReasonCode.CORRUPT: ("The file is damaged and cannot be opened.",
                         "Scan or export it again and upload the new file."),
    ReasonCode.TOO_MANY_PAGES: ("The file has more pages than one upload may have.",
                                "Split the batch into smaller files and upload them."),
    ReasonCode.IMAGE_BOMB: ("The image is far larger in pixels than a scanned page.",
                            "Scan it again at a normal resolution (300 dpi)."),
    ReasonCode.ACTIVE_CONTENT: ("The file contains scripts or embedded programs.",
                                "Print it to a plain PDF and upload that."),
    ReasonCode.AUDIO_UNDECODABLE: ("The recording cannot be played.",
                                   "Export the dictation from the recorder again and upload that."),
    ReasonCode.AUDIO_TOO_LONG: ("The recording is longer than the system accepts.",
                                "Split it into shorter recordings and upload them."),
    ReasonCode.AUDIO_EMPTY: ("The recording has no sound.", "Check the recorder and dictate again."),
    ReasonCode.OBJECT_MISSING: ("The file was gone from storage before it could be read.",
                                "Upload it again."),
    ReasonCode.ENGINE_TIMEOUT: ("Reading the file took too long.", _RESEND),
    ReasonCode.ENGINE_FAILED: ("The text recognition failed on this file.", _RESEND),
    ReasonCode.RETRIES_EXHAUSTED: ("A part of the system was unavailable for too long.", _RESEND),
    ReasonCode.STORE_UNAVAILABLE: ("The file store was unavailable.", _RESEND),
    ReasonCode.DATABASE_UNAVAILABLE: ("The database was unavailable.", _RESEND),
    ReasonCode.BROKER_UNAVAILABLE: ("The message broker was unavailable.", _RESEND),
    ReasonCode.INTERNAL_ERROR: ("The system failed on this file.", _RESEND),
}
_UNKNOWN = ("The file could not be processed.",
            "Ask the records office; they see the reason on the operations page.")


def rejection_words(code: str | None) -> tuple[str, str]:
    """(what happened, what to do) in plain words for a rejection reason code."""
    return REJECTION_ADVICE.get(code or "", _UNKNOWN)


@dataclass(frozen=True)
class FileView:
    doc_id: str
    stage: str
    stage_words: str
    final: bool
    pages: str  # "pages 1-3" of a split part, else ""
    updated_at: datetime | None
    link: str | None  # the document for those who may read it
    reasons: tuple[str, ...]  # review reasons in words, readers only
    problem: str | None  # a rejection: what happened
    advice: str | None  # and what to do

    def as_json(self) -> dict:
        return {"id": self.doc_id, "stage": self.stage, "stage_words": self.stage_words,
                "final": self.final, "pages": self.pages,
                "updated_at": self.updated_at.isoformat() if self.updated_at else None,
                "link": self.link, "reasons": list(self.reasons), "problem": self.problem,
                "advice": self.advice}


@dataclass(frozen=True)
class UploadView:
    reference: str
    file_name: str | None
    size: int | None
    uploaded_by: str | None
    uploaded_at: datetime
    stage: str
    stage_words: str
    final: bool
    files: tuple[FileView, ...]

    def as_json(self) -> dict:
        """What the page's script polls: no file name (the page has it), nothing about a patient."""
        return {"reference": self.reference, "stage": self.stage, "stage_words": self.stage_words,
                "final": self.final, "files": [f.as_json() for f in self.files]}


def may_see(user: User, upload: UploadStatus) -> bool:
    return upload.uploaded_by == user.username or user.may("read_phi")


def _link(user: User, doc: DocumentStage) -> str | None:
    if doc.stage in ("received", "rejected"):
        return None  # nothing to read yet, or nothing that was read
    if user.may("read_phi"):
        return f"/documents/{doc.doc_id}"
    if user.may("dictate") and doc.kind == "dictation" and doc.hint_author == user.username:
        return f"/dictations/{doc.doc_id}"
    return None


def _pages(pages: tuple[int, ...]) -> str:
    if not pages:
        return ""
    lo, hi = min(pages), max(pages)
    return f"page {lo}" if lo == hi else f"pages {lo}-{hi}"


def _file(user: User, doc: DocumentStage) -> FileView:
    problem, advice = rejection_words(doc.rejection) if doc.stage == "rejected" else (None, None)
    return FileView(
        doc_id=doc.doc_id, stage=doc.stage, stage_words=STAGE_WORDS.get(doc.stage, doc.stage),
        final=doc.final, pages=_pages(doc.pages), updated_at=doc.updated_at, link=_link(user, doc),
        reasons=tuple(plain(r) for r in doc.reasons) if user.may("read_phi") else (),
        problem=problem, advice=advice)


def upload_view(conn: Connection, reference: str, user: User) -> UploadView:
    """The upload as ``user`` may see it; one they may not see answers like a missing one."""
    upload = find_upload(conn, reference)
    if upload is None or not may_see(user, upload):
        raise RejectedInput("no such upload", reason=ReasonCode.OBJECT_MISSING)
    if upload.document is None:  # stored and announced; intake has not written its row yet
        files: tuple[FileView, ...] = (FileView(doc_id=upload.reference, stage="received", stage_words=STAGE_WORDS["received"],
                          final=False, pages="", updated_at=upload.uploaded_at, link=None,
                          reasons=(), problem=None, advice=None),)
    else:
        files = tuple(_file(user, d) for d in upload.files)
        if not files:  # split, the parts not written yet
            files = (_file(user, upload.document),)
    return UploadView(reference=upload.reference, file_name=upload.file_name, size=upload.size,
                      uploaded_by=upload.uploaded_by, uploaded_at=upload.uploaded_at,
                      stage=upload.stage, stage_words=STAGE_WORDS.get(upload.stage, upload.stage),
                      final=upload.final, files=files)
