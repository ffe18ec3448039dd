"""Engine process pools: tesseract and Whisper run in processes of their own, never in the
consumer's event loop. One policy for both:

- a process that dies (killed, out of memory) breaks the pool: ``replace_if_broken()`` (or
  ``run``) replaces it, so the retry and every later document get working processes;
- a call that exceeds its time limit (``run(..., timeout_s=)``) kills the pool's processes,
  replaces the pool and raises ``EngineTimeout``.

Only public ``concurrent.futures`` API: the pool's processes report their pids through the
initializer, so a hung engine can be killed without reading executor internals.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from himflow.errors import EngineTimeout, TransientError
from himflow.logs import log_event

log = logging.getLogger("himflow.engines")
T = TypeVar("T")


def _start(pids: Any, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    pids.put(os.getpid())
    if initializer is not None:
        initializer(*initargs)


def _noop() -> None:
    return None


class EnginePool:
    """A replaceable ProcessPoolExecutor of ``processes`` engine processes."""

    def __init__(self, name: str, *, processes: int, start_method: str,
                 initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()):
        self.name = name
        self.processes = max(1, processes)
        self._ctx = multiprocessing.get_context(start_method)
        self._initializer = initializer
        self._initargs = initargs
        self._lock = threading.Lock()
        self._pids: set[int] = set()
        self._pid_queue: Any = None
        self._executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        self._pid_queue = self._ctx.SimpleQueue()
        self._pids = set()
        return ProcessPoolExecutor(max_workers=self.processes, mp_context=self._ctx, initializer=_start,
                                   initargs=(self._pid_queue, self._initializer, self._initargs))

    @property
    def executor(self) -> Executor:
        """The current executor (for code that submits pages itself, from a worker thread)."""
        return self._executor

    def pids(self) -> set[int]:
        """The pids of the processes this pool started (the live ones and those that died)."""
        with self._lock:
            queue = self._pid_queue
            while not queue.empty():
                self._pids.add(queue.get())
            return set(self._pids)

    def is_broken(self) -> bool:
        try:
            self._executor.submit(_noop)
        except BrokenProcessPool:
            return True
        except RuntimeError:  # shut down
            return True
        return False

    def replace(self, *, kill: bool = False) -> None:
        """A fresh pool; ``kill``: the old processes are killed first (a hung engine)."""
        with self._lock:
            old, old_pids = self._executor, None
            if kill:
                queue = self._pid_queue
                while not queue.empty():
                    self._pids.add(queue.get())
                old_pids = set(self._pids)
            self._executor = self._new()
        for pid in old_pids or ():
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        old.shutdown(wait=False, cancel_futures=True)
        log_event(log, "engine pool replaced", level=logging.WARNING, engine=self.name, killed=bool(kill))

    def replace_if_broken(self) -> bool:
        if self.is_broken():
            self.replace()
            return True
        return False

    async def run(self, fn: Callable[..., T], *args: Any, timeout_s: float | None = None) -> T:
        """``fn(*args)`` in an engine process, from the event loop. Timeout -> the processes are
        killed, the pool replaced, EngineTimeout; a dead process -> the pool replaced,
        TransientError (the stage policy retries, bounded)."""
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(self._executor, fn, *args), timeout=timeout_s)
        except TimeoutError as e:
            self.replace(kill=True)
            raise EngineTimeout(f"{self.name} exceeded {timeout_s:.0f} s") from e
        except BrokenProcessPool as e:
            self.replace()
            raise TransientError(f"the {self.name} process died") from e

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
