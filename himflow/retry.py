"""Retries, one vocabulary for every caller (database, stage policy, FHIR server, supervisor).

    backoff = Backoff(base_s=0.2, max_s=5.0)          # 0.2, 0.4, 0.8 ... capped at 5 s
    retry_call(fn, attempts=8, backoff=backoff, retry_on=is_transient)
    await retry_async(put, attempts=4, backoff=backoff, retry_on=(Unavailable,))

Attempts are bounded; the last error is raised as it came (the caller turns it into its own
typed error); nothing sleeps after the last attempt. ``jitter`` spreads the delay over 50-100 %
of its value so workers that failed together do not come back together.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
RetryOn = tuple[type[BaseException], ...] | Callable[[BaseException], bool]


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff: ``base_s * factor ** (n - 1)`` before retry ``n``, capped at ``max_s``."""

    base_s: float
    max_s: float
    factor: float = 2.0
    jitter: bool = False

    def delay(self, n: int, *, rand: Callable[[], float] = random.random) -> float:
        """The wait before retry ``n`` (1 = the first retry)."""
        d = float(min(self.max_s, self.base_s * self.factor ** max(0, n - 1)))
        return d * (0.5 + rand() / 2) if self.jitter else d


def _retryable(exc: BaseException, retry_on: RetryOn) -> bool:
    return isinstance(exc, retry_on) if isinstance(retry_on, tuple) else retry_on(exc)


def retry_call(fn: Callable[[], T], *, attempts: int, backoff: Backoff, retry_on: RetryOn,
               sleep: Callable[[float], None] = time.sleep) -> T:
    """``fn()``, again after ``backoff`` while it raises a retryable error, at most ``attempts`` times."""
    if attempts < 1:
        raise ValueError("attempts must be >= 1")
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception as e:
            if attempt == attempts or not _retryable(e, retry_on):
                raise
        sleep(backoff.delay(attempt))
    raise AssertionError("unreachable")


async def retry_async(fn: Callable[[], Awaitable[T]], *, attempts: int, backoff: Backoff, retry_on: RetryOn,
                      delay: Callable[[int, BaseException], float] | None = None,
                      sleep: Callable[[float], Awaitable[None]] | None = None) -> T:
    """The same for a coroutine (``sleep`` defaults to asyncio.sleep). ``delay(n, error)`` may
    replace the backoff (a server's Retry-After)."""
    if sleep is None:
        import asyncio  # here for start-up cost: the supervisor and CLI import this module, not asyncio

        sleep = asyncio.sleep
    if attempts < 1:
        raise ValueError("attempts must be >= 1")
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except Exception as e:
            if attempt == attempts or not _retryable(e, retry_on):
                raise
            wait = delay(attempt, e) if delay is not None else backoff.delay(attempt)
        await sleep(wait)
    raise AssertionError("unreachable")
