"""Transcript lifecycle as a small pure model: preliminary -> (edits) -> final on the author's signature.

Every change makes a new immutable `TranscriptVersion`; earlier versions are kept in
`TranscriptRecord.versions`. A final transcript is not edited in place: `amend` opens a new
preliminary version (status "amended" until signed again), so what was signed stays on record.
The database layer stores these as rows; this module decides what is allowed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from himflow.errors import HimflowError
from schemas.events import ReasonCode
from transcription.transcript import Transcript

Status = Literal["preliminary", "final", "amended"]


class LifecycleError(HimflowError):
    """A change the lifecycle forbids (signing by someone else, editing a final version)."""

    retryable = False
    default_reason = ReasonCode.INTERNAL_ERROR


class TranscriptVersion(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int
    text: str
    status: Status
    changed_by: str  # user id (machine versions: "machine:<model>")
    changed_at: datetime
    change: Literal["machine", "edit", "sign", "amend"]
    signed_by: str | None = None


class TranscriptRecord(BaseModel):
    """One dictation's transcript with its full version history (oldest first)."""

    model_config = ConfigDict(frozen=True)

    dictation_id: str
    author: str  # the dictating physician: the only one who may sign
    versions: tuple[TranscriptVersion, ...]

    @property
    def current(self) -> TranscriptVersion:
        return self.versions[-1]

    @property
    def status(self) -> Status:
        return self.current.status


def _now(at: datetime | None) -> datetime:
    return at or datetime.now(UTC)


def start(
    *,
    dictation_id: str,
    author: str,
    transcript: Transcript,
    at: datetime | None = None,
) -> TranscriptRecord:
    """The machine's draft: version 1, preliminary."""
    v1 = TranscriptVersion(
        version=1,
        text=transcript.text,
        status="preliminary",
        changed_by=f"machine:{transcript.model}",
        changed_at=_now(at),
        change="machine",
    )
    return TranscriptRecord(dictation_id=dictation_id, author=author, versions=(v1,))


def _append(record: TranscriptRecord, version: TranscriptVersion) -> TranscriptRecord:
    return record.model_copy(update={"versions": (*record.versions, version)})


def edit(
    record: TranscriptRecord, *, text: str, editor: str, at: datetime | None = None
) -> TranscriptRecord:
    """A correction by a reviewer or the author. Not allowed on a final version: amend it."""
    cur = record.current
    if cur.status == "final":
        raise LifecycleError("a final transcript is not edited; amend it")
    if text == cur.text:
        return record
    return _append(
        record,
        TranscriptVersion(
            version=cur.version + 1,
            text=text,
            status=cur.status,
            changed_by=editor,
            changed_at=_now(at),
            change="edit",
        ),
    )


def sign(
    record: TranscriptRecord, *, signer: str, at: datetime | None = None
) -> TranscriptRecord:
    """The author signs the current text: it becomes final."""
    if signer != record.author:
        raise LifecycleError("only the dictating author may sign")
    cur = record.current
    if cur.status == "final":
        return record  # signing twice changes nothing (idempotent)
    return _append(
        record,
        TranscriptVersion(
            version=cur.version + 1,
            text=cur.text,
            status="final",
            changed_by=signer,
            changed_at=_now(at),
            change="sign",
            signed_by=signer,
        ),
    )


def amend(
    record: TranscriptRecord, *, text: str, editor: str, at: datetime | None = None
) -> TranscriptRecord:
    """Change a final transcript: a new "amended" version that needs the author's signature again."""
    cur = record.current
    if cur.status != "final":
        return edit(record, text=text, editor=editor, at=at)
    return _append(
        record,
        TranscriptVersion(
            version=cur.version + 1,
            text=text,
            status="amended",
            changed_by=editor,
            changed_at=_now(at),
            change="amend",
        ),
    )
