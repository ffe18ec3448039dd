"""Run the stack's workers as separate OS processes: restart on crash, stop cleanly.

Each child (a ChildSpec) runs in its own process group with stdout+stderr appended to
``DATA/logs/NAME.log``. A child that exits while the supervisor is running is restarted after
an exponential backoff (``BackoffPolicy``: initial * factor**n, capped; n resets once a child
has run ``stable_after_s``). A child that signals readiness does so by creating its
``ready_file`` (path also given to it as $HIMFLOW_READY_FILE; see ``notify_ready``); stale
ready files are deleted before every start. ``stop`` sends SIGTERM to every group, waits,
then SIGKILLs what is left. ``DATA/run/processes.json`` always holds the current table
(name, role, pid, restarts, state) for ``himflow status`` (``read_processes``).
``DataDirLock`` (fcntl on ``DATA/run/lock``) makes a second stack on the same data dir refuse.

Threading: children are spawned from the supervisor's monitor thread, which lives until
``stop``; children get SIGTERM if the supervisor process dies (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Protocol, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator

from himflow.embedded._process import group_alive, signal_group, spawn
from himflow.errors import HimflowError
from himflow.retry import Backoff

log = logging.getLogger(__name__)

READY_FILE_ENV = "HIMFLOW_READY_FILE"
CHILD_NAME_ENV = "HIMFLOW_CHILD_NAME"
PROCESSES_FILE = "processes.json"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

State = Literal["starting", "running", "backoff", "stopping", "stopped", "exited"]


class StackAlreadyRunning(HimflowError):
    """Another process holds the data dir's lock (a stack is already up on it)."""


class ChildrenNotReady(HimflowError):
    """``wait_ready`` timed out; ``names`` lists the children that never became ready."""

    def __init__(self, names: Sequence[str], *, crashing: bool = False):
        self.names = tuple(names)
        self.crashing = crashing
        what = "keep crashing before ready" if crashing else "not ready"
        super().__init__(f"{what}: {', '.join(self.names)} (see logs/NAME.log in the data dir)")


# -- contracts --------------------------------------------------------------------------------
class ChildSpec(BaseModel):
    """One supervised command. ``env`` is added on top of the supervisor's environment."""

    model_config = ConfigDict(frozen=True)

    name: str
    argv: tuple[str, ...]
    env: dict[str, str] = Field(default_factory=dict)
    ready_file: Path | None = None
    role: str = ""
    cwd: Path | None = None
    inherit_env: bool = True

    @field_validator("name")
    @classmethod
    def _safe_name(cls, v: str) -> str:
        if not _NAME_RE.match(v):
            raise ValueError("child name must be [A-Za-z0-9_.-], at most 64 chars")
        return v

    @field_validator("argv")
    @classmethod
    def _non_empty(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError("argv must not be empty")
        return v


class BackoffPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    initial_s: float = 0.5
    factor: float = 2.0
    max_s: float = 30.0
    stable_after_s: float = 30.0

    def delay(self, consecutive_failures: int) -> float:
        """The wait before the next start: ``initial_s`` after a first short-lived run."""
        return Backoff(base_s=self.initial_s, max_s=self.max_s, factor=self.factor).delay(
            max(0, consecutive_failures) + 1)


class ProcessInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    role: str
    pid: int | None
    restarts: int = 0
    state: State
    started_at: float | None = None  # epoch seconds of the current run
    last_exit_code: int | None = None
    log: str | None = None
    supervised: bool = True  # False: started by the stack itself (weed, tansu), not restarted


class ProcessTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    supervisor_pid: int
    updated_at: float
    processes: tuple[ProcessInfo, ...]


class ExternalProcess(Protocol):
    """Anything with a pid and a liveness flag (SeaweedFS, Tansu)."""

    @property
    def pid(self) -> int | None: ...

    @property
    def running(self) -> bool: ...


def read_processes(data_dir: Path) -> ProcessTable | None:
    """The table last written by a supervisor on ``data_dir`` (None when never written)."""
    path = Path(data_dir) / "run" / PROCESSES_FILE
    try:
        return ProcessTable.model_validate_json(path.read_text())
    except FileNotFoundError:
        return None


def notify_ready() -> None:
    """For children: create $HIMFLOW_READY_FILE (no-op when not supervised)."""
    path = os.environ.get(READY_FILE_ENV)
    if not path:
        return
    target = Path(path)
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    tmp.write_text(str(os.getpid()))
    os.replace(tmp, target)


# -- the data dir lock ------------------------------------------------------------------------
class DataDirLock:
    """An exclusive fcntl lock on ``DATA/run/lock``, released when the holder exits or dies."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / "run" / "lock"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> Self:
        if self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise StackAlreadyRunning(f"data dir in use by pid {holder}") from e
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @staticmethod
    def holder(data_dir: Path) -> int | None:
        """PID of the process holding ``data_dir``'s lock (a running stack), or None."""
        path = Path(data_dir) / "run" / "lock"
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                text = os.pread(fd, 32, 0).decode(errors="replace").strip()
                return int(text) if text.isdigit() else -1
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


# -- the supervisor ---------------------------------------------------------------------------
class _Child:
    def __init__(self, spec: ChildSpec, log_path: Path) -> None:
        self.spec = spec
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self.state: State = "starting"
        self.restarts = 0
        self.failures = 0  # consecutive short-lived runs, drives the backoff
        self.started_mono = 0.0
        self.started_at: float | None = None
        self.next_start = 0.0
        self.last_exit_code: int | None = None

    def info(self) -> ProcessInfo:
        return ProcessInfo(
            name=self.spec.name,
            role=self.spec.role or self.spec.name,
            pid=self.proc.pid if self.proc is not None and self.state in {"starting", "running", "stopping"} else None,
            restarts=self.restarts,
            state=self.state,
            started_at=self.started_at,
            last_exit_code=self.last_exit_code,
            log=str(self.log_path),
        )


class Supervisor:
    """Starts, watches and stops the stack's child processes. One per data dir."""

    def __init__(
        self,
        data_dir: Path,
        specs: Sequence[ChildSpec] = (),
        *,
        backoff: BackoffPolicy | None = None,
        lock: DataDirLock | None = None,
        poll_interval_s: float = 0.1,
        die_with_parent: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        names = [s.name for s in specs]
        if len(set(names)) != len(names):
            raise ValueError("child names must be unique")
        self.data_dir = Path(data_dir)
        self.backoff = backoff or BackoffPolicy()
        self.poll_interval_s = poll_interval_s
        self.die_with_parent = die_with_parent
        self._clock = clock  # schedules restarts and measures runs (a test moves it by hand)
        self._own_lock = lock is None
        self._lock = lock or DataDirLock(self.data_dir)
        self._children = [_Child(s, self.data_dir / "logs" / f"{s.name}.log") for s in specs]
        self._externals: list[tuple[str, str, ExternalProcess]] = []
        self._mutex = threading.RLock()
        self._halt = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_table: tuple[ProcessInfo, ...] | None = None
        self._started = False

    # -- public surface -------------------------------------------------------------------
    @property
    def processes_path(self) -> Path:
        return self.data_dir / "run" / PROCESSES_FILE

    def add_external(self, name: str, role: str, process: ExternalProcess) -> None:
        """List a process the stack started itself (weed, tansu) in processes.json."""
        with self._mutex:
            self._externals.append((name, role, process))
        if self._started:
            self._write_table()

    def snapshot(self) -> tuple[ProcessInfo, ...]:
        with self._mutex:
            rows = [c.info() for c in self._children]
            for name, role, proc in self._externals:
                rows.append(ProcessInfo(
                    name=name, role=role, pid=proc.pid, state="running" if proc.running else "exited",
                    supervised=False,
                ))
        return tuple(rows)

    def start(self) -> None:
        """Take the data dir lock (unless given one) and start every child."""
        if self._started:
            return
        self._lock.acquire()
        (self.data_dir / "logs").mkdir(parents=True, exist_ok=True)
        self._halt.clear()
        self._started = True
        self._thread = threading.Thread(target=self._monitor, name="himflow-supervisor", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float, *, max_restarts: int | None = None) -> None:
        """Block until every child with a ready_file has created it.

        Raises ChildrenNotReady on timeout, or as soon as a child that is not ready yet has
        been restarted more than ``max_restarts`` times (a worker that cannot start).
        """
        deadline = time.monotonic() + timeout
        while True:
            pending = self._not_ready()
            if not pending:
                return
            if max_restarts is not None:
                broken = [r.name for r in self.snapshot() if r.name in pending and r.restarts > max_restarts]
                if broken:
                    raise ChildrenNotReady(broken, crashing=True)
            if time.monotonic() >= deadline or self._halt.is_set():
                raise ChildrenNotReady(pending)
            time.sleep(0.05)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM every child's group, wait up to ``timeout`` s, SIGKILL the rest."""
        if not self._started:
            return
        self._halt.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        with self._mutex:
            live = [c for c in self._children if c.proc is not None]
            for c in self._children:
                c.state = "stopping" if c.proc is not None else "stopped"
            for c in live:
                signal_group(c.proc.pid, signal.SIGTERM)  # type: ignore[union-attr]
        self._write_table()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and any(self._group_running(c) for c in live):
            time.sleep(0.05)
        for c in live:
            assert c.proc is not None
            if self._group_running(c):
                log.warning("child %s did not stop within %.1fs; killing its group", c.spec.name, timeout)
                signal_group(c.proc.pid, signal.SIGKILL)
            try:
                c.last_exit_code = c.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:  # pragma: no cover
                pass
        with self._mutex:
            for c in self._children:
                c.state = "stopped"
                self._remove_ready_file(c)
        self._write_table()
        self._started = False
        if self._own_lock:
            self._lock.release()

    def run_forever(self, stop_event: threading.Event, *, stop_timeout: float = 10.0) -> None:
        """Block until ``stop_event`` is set (e.g. by a SIGINT/SIGTERM handler), then stop."""
        try:
            while not stop_event.wait(0.2):
                pass
        finally:
            self.stop(timeout=stop_timeout)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the monitor thread ---------------------------------------------------------------
    def _monitor(self) -> None:
        while not self._halt.is_set():
            try:
                self._tick()
            except Exception:
                log.exception("supervisor tick failed")
            self._halt.wait(self.poll_interval_s)

    def _tick(self) -> None:
        now = self._clock()
        with self._mutex:
            for c in self._children:
                if self._halt.is_set():
                    return
                if c.proc is None:
                    if now >= c.next_start:
                        self._spawn(c)
                    continue
                code = c.proc.poll()
                if code is None:
                    if c.state == "starting" and self._ready(c):
                        c.state = "running"
                    continue
                self._on_exit(c, code, now)
        self._write_table()

    def _spawn(self, c: _Child) -> None:
        self._remove_ready_file(c)
        env = dict(os.environ) if c.spec.inherit_env else {}
        env.update(c.spec.env)
        env[CHILD_NAME_ENV] = c.spec.name
        if c.spec.ready_file is not None:
            env[READY_FILE_ENV] = str(c.spec.ready_file)
            c.spec.ready_file.parent.mkdir(parents=True, exist_ok=True)
        else:
            env.pop(READY_FILE_ENV, None)
        try:
            c.proc = spawn(
                c.spec.argv, log_path=c.log_path, env=env, cwd=c.spec.cwd,
                die_with_parent=self.die_with_parent,
                banner=f"start {c.spec.name} (restart {c.restarts})",
            )
        except OSError as e:
            log.error("child %s could not start (%s)", c.spec.name, type(e).__name__)
            c.proc = None
            self._schedule_restart(c, self._clock(), ran_s=0.0)
            return
        c.started_mono = self._clock()
        c.started_at = time.time()
        c.state = "starting" if c.spec.ready_file is not None else "running"
        log.info("child %s started (pid %d)", c.spec.name, c.proc.pid)

    def _on_exit(self, c: _Child, code: int, now: float) -> None:
        assert c.proc is not None
        c.last_exit_code = code
        signal_group(c.proc.pid, signal.SIGKILL)  # orphans of the dead leader, if any
        c.proc = None
        self._remove_ready_file(c)
        ran_s = now - c.started_mono
        log.warning("child %s exited with code %s after %.1fs", c.spec.name, code, ran_s)
        self._schedule_restart(c, now, ran_s=ran_s)

    def _schedule_restart(self, c: _Child, now: float, *, ran_s: float) -> None:
        if ran_s >= self.backoff.stable_after_s:
            c.failures = 0
        delay = self.backoff.delay(c.failures)
        c.failures += 1
        c.restarts += 1
        c.next_start = now + delay
        c.state = "backoff"
        log.info("child %s restarts in %.2fs", c.spec.name, delay)

    # -- helpers --------------------------------------------------------------------------
    @staticmethod
    def _ready(c: _Child) -> bool:
        return c.spec.ready_file is None or c.spec.ready_file.exists()

    def _not_ready(self) -> list[str]:
        with self._mutex:
            return [
                c.spec.name for c in self._children
                if c.spec.ready_file is not None and not (c.state == "running" and self._ready(c))
            ]

    @staticmethod
    def _remove_ready_file(c: _Child) -> None:
        if c.spec.ready_file is not None:
            c.spec.ready_file.unlink(missing_ok=True)

    @staticmethod
    def _group_running(c: _Child) -> bool:
        if c.proc is None:
            return False
        c.proc.poll()  # reap the leader so a zombie does not count as alive
        return group_alive(c.proc.pid)

    def _write_table(self) -> None:
        rows = self.snapshot()
        with self._mutex:
            if rows == self._last_table:
                return
            self._last_table = rows
            table = ProcessTable(supervisor_pid=os.getpid(), updated_at=time.time(), processes=rows)
            path = self.processes_path
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(table.model_dump_json(indent=2))
            os.replace(tmp, path)


def install_signal_handlers(stop_event: threading.Event) -> Callable[[], None]:
    """SIGINT/SIGTERM set ``stop_event`` (main thread only). Returns a function restoring the old ones."""
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def _handler(signum: int, _frame: object) -> None:
        log.info("signal %d received; stopping", signum)
        stop_event.set()

    for sig in previous:
        signal.signal(sig, _handler)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore
