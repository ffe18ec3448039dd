"""One retry vocabulary (himflow.retry): bounded attempts, exponential backoff with a cap,
no sleep after the last attempt, permanent errors raised at once. The callers' policies are
tested where they live (test_fhir, test_supervisor, the stage policy's integration tests)."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from himflow.db import with_retries
from himflow.errors import DatabaseUnavailable
from himflow.retry import Backoff, retry_async, retry_call


def test_backoff_doubles_from_the_base_up_to_the_cap():
    b = Backoff(base_s=0.2, max_s=1.0)
    assert [b.delay(n) for n in range(1, 6)] == [0.2, 0.4, 0.8, 1.0, 1.0]
    assert Backoff(base_s=0.5, max_s=30.0, factor=3.0).delay(3) == 4.5


def test_jitter_keeps_the_delay_between_half_and_all_of_it():
    b = Backoff(base_s=1.0, max_s=30.0, jitter=True)
    assert b.delay(3, rand=lambda: 0.0) == 2.0 and b.delay(3, rand=lambda: 1.0) == 4.0


def test_retry_call_retries_transient_errors_and_never_sleeps_after_the_last_attempt():
    calls, sleeps = [], []

    def flaky():
        calls.append(1)
        raise TimeoutError

    with pytest.raises(TimeoutError):
        retry_call(flaky, attempts=3, backoff=Backoff(base_s=0.1, max_s=1.0), retry_on=(TimeoutError,),
                   sleep=sleeps.append)
    assert len(calls) == 3 and sleeps == [0.1, 0.2]


def test_a_permanent_error_is_raised_at_once():
    calls = []

    def broken():
        calls.append(1)
        raise ValueError("bad")

    with pytest.raises(ValueError):
        retry_call(broken, attempts=5, backoff=Backoff(base_s=0.1, max_s=1.0), retry_on=(TimeoutError,),
                   sleep=lambda s: None)
    assert len(calls) == 1


async def test_retry_async_returns_once_it_succeeds_and_may_take_the_servers_delay():
    answers, sleeps = [TimeoutError(), TimeoutError(), "ok"], []

    async def call():
        a = answers.pop(0)
        if isinstance(a, Exception):
            raise a
        return a

    async def sleep(s):
        sleeps.append(s)

    out = await retry_async(call, attempts=4, backoff=Backoff(base_s=0.1, max_s=1.0), retry_on=(TimeoutError,),
                            delay=lambda n, e: 7.0 if n == 1 else 0.1 * n, sleep=sleep)
    assert out == "ok" and sleeps == [7.0, 0.2]


def test_database_operations_retry_while_the_database_is_away_then_raise_a_typed_error():
    calls = []

    def locked():
        calls.append(1)
        raise OperationalError("UPDATE documents", {}, Exception("database is locked"))

    with pytest.raises(DatabaseUnavailable) as e:
        with_retries(locked, attempts=3, base_delay=0.001)
    assert len(calls) == 3 and e.value.retryable
