"""Child processes in their own process group, logged to a file, stopped as a group.

Policy: every child gets its own session (so Ctrl-C in the terminal reaches only the parent,
which then stops children in order), stdout+stderr appended to a log file, stdin closed.
On Linux the child is also asked to receive SIGTERM when the thread that started it dies
(PR_SET_PDEATHSIG), so a ``kill -9`` of ``himflow up`` does not leave servers holding the data
dir and ports. Caveat: that signal follows the *starting thread*; start children from a thread
that outlives them (the main thread, or the supervisor's monitor thread).
Stopping: SIGTERM to the whole group, wait up to ``timeout``, then SIGKILL the group.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

_PR_SET_PDEATHSIG = 1
MAX_LOG_BYTES = 20 * 1024 * 1024  # rotated (one .1 backup) when a child is (re)started


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # no libc/prctl (not Linux): best effort, never block the exec
        pass


def spawn(
    argv: Sequence[str],
    *,
    log_path: Path,
    env: Mapping[str, str] | None,
    cwd: Path | None = None,
    die_with_parent: bool = True,
    banner: str | None = None,
    umask: int = 0o077,
) -> subprocess.Popen[bytes]:
    """Start ``argv`` as the leader of a new process group; output appended to ``log_path``.

    ``umask`` 077 by default: what servers and workers write (documents, indexes) is the
    owner's only.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    rotate_log(log_path)
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "ab", buffering=0) as log:
        if banner:
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            log.write(f"--- {stamp} {banner}\n".encode())
        use_pdeathsig = die_with_parent and sys.platform.startswith("linux")
        return subprocess.Popen(  # argv built by us, never by a shell
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
            umask=umask,
            preexec_fn=_die_with_parent if use_pdeathsig else None,
        )


def rotate_log(log_path: Path, max_bytes: int = MAX_LOG_BYTES) -> None:
    """Move a log over ``max_bytes`` to ``NAME.1`` (replacing the previous backup)."""
    try:
        if log_path.stat().st_size > max_bytes:
            os.replace(log_path, log_path.with_name(log_path.name + ".1"))
    except FileNotFoundError:
        pass


def signal_group(pgid: int, sig: int) -> bool:
    """Send ``sig`` to process group ``pgid``; False when no process is left in it."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    return True


def group_alive(pgid: int) -> bool:
    return signal_group(pgid, 0)


def stop_group(proc: subprocess.Popen[bytes], *, timeout: float) -> int | None:
    """SIGTERM the child's group, wait up to ``timeout`` s, then SIGKILL it. Returns exit code."""
    pgid = proc.pid  # leader of its own session: pgid == pid
    signal_group(pgid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None and not group_alive(pgid):
            return proc.returncode
        time.sleep(0.05)
    signal_group(pgid, signal.SIGKILL)
    try:
        return proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not refused
        return None


def minimal_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A small environment for third-party servers: no inherited config-by-env surprises."""
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR"}}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    if extra:
        env.update(extra)
    return env
