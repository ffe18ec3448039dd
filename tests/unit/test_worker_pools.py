"""Engine process pools (himflow/engines.py), the one policy for tesseract and Whisper: a killed
engine process breaks a pool and the pool is replaced, so the retry (and every later document)
gets working processes; a call over its time limit kills the engine and a fresh one serves on."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from himflow.engines import EnginePool
from himflow.errors import EngineTimeout, TransientError
from intake.ocr_handler import make_pool


def _pid() -> int:
    return os.getpid()


def _sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_a_broken_ocr_pool_is_replaced_and_a_healthy_one_kept():
    pool = make_pool(1)
    healthy = pool.executor
    child = healthy.submit(_pid).result(timeout=60)
    assert pool.replace_if_broken() is False
    assert pool.executor is healthy  # nothing wrong: kept
    assert pool.pids() == {child}

    os.kill(child, signal.SIGKILL)
    time.sleep(0.5)
    with pytest.raises(BrokenProcessPool):
        healthy.submit(_pid).result(timeout=60)
    assert pool.replace_if_broken() is True
    fresh = pool.executor
    assert fresh is not healthy
    assert fresh.submit(_pid).result(timeout=60) != child
    pool.close()


async def test_a_call_over_its_limit_kills_the_engine_and_a_fresh_one_serves_on():
    pool = EnginePool("test-engine", processes=1, start_method="spawn")
    first = await pool.run(_pid)
    with pytest.raises(EngineTimeout):
        await pool.run(_sleep, 60, timeout_s=0.5)
    for _ in range(100):  # the hung process was killed, not left behind
        try:
            os.kill(first, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the timed-out engine process is still alive")
    assert await pool.run(_pid) != first
    pool.close()


async def test_a_dead_engine_process_is_a_transient_error_and_the_pool_is_replaced():
    pool = EnginePool("test-engine", processes=1, start_method="spawn")
    child = await pool.run(_pid)
    old = pool.executor
    with pytest.raises(TransientError):
        await pool.run(os.kill, child, signal.SIGKILL)
    assert pool.executor is not old
    assert await pool.run(_pid) != child
    pool.close()
