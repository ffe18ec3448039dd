"""A dictation's sign-off, the one rule for it (the review desk applies it; indexing, publishing
and chart read the reasons it leaves). No I/O.

A transcript is preliminary until its author signs it:
- only the dictating author saves or signs it; every save is a new version, earlier ones kept;
- a signed (final) version is never changed again (an addendum would be a new document);
- records staff's approval of an unsigned dictation does not file it: it waits for the
  author's signature (``AWAITING_SIGNATURE``), published as preliminary meanwhile;
- the signature files it final once nothing but the signature was missing; otherwise it stays
  in the records queue, marked ``SIGNED``, and their approval files it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from schemas.events import DocumentStatus
from schemas.reasons import AWAITING_SIGNATURE, SIGNATURE_REASONS, SIGNED, UNSIGNED_DICTATION, blocking

VersionStatus = Literal["preliminary", "final"]
PRELIMINARY: VersionStatus = "preliminary"
FINAL: VersionStatus = "final"
MAX_TRANSCRIPT_CHARS = 200_000


class SignOffRefused(ValueError):
    """A save or signature the rule forbids; the message is for the person (no PHI)."""


def next_version(*, kind: str | None, author: str | None, editor: str, latest_version: int,
                 latest_status: str | None, text: str, sign: bool) -> tuple[int, VersionStatus]:
    """The number and status of the transcript version ``editor`` saves (or signs)."""
    if kind != "dictation" or not author or editor != author:
        raise SignOffRefused("not your dictation")
    if latest_status == FINAL:
        raise SignOffRefused("this dictation is signed; it can no longer be changed")
    if len(text) > MAX_TRANSCRIPT_CHARS:
        raise SignOffRefused("transcript too long")
    return latest_version + 1, FINAL if sign else PRELIMINARY


def only_signature_missing(reasons: Iterable[str]) -> bool:
    """Nothing but the author's signature stands between this dictation and filing: records
    staff approved it, or no other reason blocks."""
    reasons = list(reasons)
    return AWAITING_SIGNATURE in reasons or not blocking(r for r in reasons if r not in SIGNATURE_REASONS)


def approval_waits_for_signature(*, kind: str | None, signed: bool) -> bool:
    """Whether records staff's approval leaves the document waiting for its author."""
    return kind == "dictation" and not signed


REASONS_AFTER_APPROVAL: tuple[str, ...] = (UNSIGNED_DICTATION, AWAITING_SIGNATURE)


def files_on_signature(*, status: str, patient_id: str | None, type_code: str | None,
                       reasons: Iterable[str]) -> bool:
    """Whether the author's signature files the dictation final now."""
    return (status == DocumentStatus.REVIEW.value and bool(patient_id)
            and type_code not in (None, "", "unknown") and only_signature_missing(reasons))


def reasons_when_signed(reasons: Iterable[str]) -> list[str]:
    """A signed dictation still waiting for records staff: its other reasons, marked SIGNED."""
    return [*(r for r in reasons if r not in SIGNATURE_REASONS), SIGNED]
