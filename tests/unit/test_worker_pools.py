"""A killed engine process breaks a process pool; the OCR worker replaces the pool so the
retry (and every later document) gets working processes."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import pytest

from intake.ocr import make_pool
from intake.ocr_handler import _renew_pool_if_broken


def _pid() -> int:
    return os.getpid()


def test_a_broken_ocr_pool_is_replaced_and_a_healthy_one_kept():
    deps = SimpleNamespace(state={"pool": make_pool(1)}, settings=SimpleNamespace(ocr_processes=1))
    healthy = deps.state["pool"]
    child = healthy.submit(_pid).result(timeout=60)
    _renew_pool_if_broken(deps)
    assert deps.state["pool"] is healthy  # nothing wrong: kept

    os.kill(child, signal.SIGKILL)
    time.sleep(0.5)
    with pytest.raises(BrokenProcessPool):
        healthy.submit(_pid).result(timeout=60)
    _renew_pool_if_broken(deps)
    fresh = deps.state["pool"]
    assert fresh is not healthy
    assert fresh.submit(_pid).result(timeout=60) != child
    fresh.shutdown()
