"""Typed errors with a retryable flag, shared by every stage.

Convert library errors once, at the boundary, into one of these (``raise ... from e``).
Messages must never carry PHI: build them from reason codes and numbers, never from input
text, file names or object keys chosen by users.
"""

from __future__ import annotations

from schemas.events import ReasonCode


class HimflowError(Exception):
    """Base class. ``retryable`` decides between retry-with-backoff and dead letter."""

    retryable: bool = False
    default_reason: ReasonCode = ReasonCode.INTERNAL_ERROR

    def __init__(self, detail: str = "", *, reason: ReasonCode | None = None):
        self.reason = reason or self.default_reason
        self.detail = detail
        super().__init__(f"{self.reason.value}: {detail}" if detail else self.reason.value)


class RejectedInput(HimflowError):
    """The input itself is bad (corrupt, encrypted, too large, wrong type). Permanent."""

    retryable = False
    default_reason = ReasonCode.CORRUPT


class MalformedEvent(RejectedInput):
    default_reason = ReasonCode.MALFORMED_EVENT


class EngineTimeout(HimflowError):
    """An engine (tesseract, ffmpeg, whisper) exceeded its time limit."""

    retryable = False
    default_reason = ReasonCode.ENGINE_TIMEOUT


class EngineFailed(HimflowError):
    retryable = False
    default_reason = ReasonCode.ENGINE_FAILED


class TransientError(HimflowError):
    """Infrastructure hiccup (store, database, broker): retry with backoff, bounded."""

    retryable = True
    default_reason = ReasonCode.INTERNAL_ERROR


class StoreUnavailable(TransientError):
    default_reason = ReasonCode.STORE_UNAVAILABLE


class DatabaseUnavailable(TransientError):
    default_reason = ReasonCode.DATABASE_UNAVAILABLE


class BrokerUnavailable(TransientError):
    default_reason = ReasonCode.BROKER_UNAVAILABLE
