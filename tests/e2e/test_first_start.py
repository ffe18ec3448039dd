"""The first start of `himflow up` on a fresh data dir, on a terminal (a pty), as a newcomer
would run it: the ready line is followed by the administrator's one-time password and how to
sign in; the password is in no file the stack wrote (logs, settings, run files), signing in
with it lands on the password change; a second start prints no password."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.resources.desk_testkit import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
ROOT = Path(__file__).resolve().parents[2]


def _up_on_a_terminal(data_dir: Path, *, until: str, timeout: float = 180) -> tuple[subprocess.Popen, str]:
    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "himflow.cli", "up", "--data-dir", str(data_dir)],
                            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    out = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not re.search(until, out):
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                out += os.read(master, 65536).decode(errors="replace")
            except OSError:
                break
        elif proc.poll() is not None:
            break
    proc._pty_master = master  # type: ignore[attr-defined]
    assert re.search(until, out), out[-3000:]
    return proc, out


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    os.close(proc._pty_master)  # type: ignore[attr-defined]


def test_first_start_prints_a_one_time_admin_password_on_the_terminal_only(tmp_path):
    data_dir = tmp_path / "data"
    proc, out = _up_on_a_terminal(data_dir, until=r"sign in at \S+ as admin")
    try:
        once = re.search(r"one-time password\s+(\S+)\s", out).group(1)
        url = re.search(r"review UI at (http://\S+?)/? ", out).group(1)
        for path in data_dir.rglob("*"):
            if path.is_file():
                assert once.encode() not in path.read_bytes(), path  # not in logs or settings
        with httpx.Client(base_url=url) as c:
            resp = sign_in(c, "admin", once)
            assert resp.status_code == 303 and resp.headers["location"] == "/account/password"
    finally:
        _stop(proc)
    proc, out = _up_on_a_terminal(data_dir, until=r"himflow: sign in at ")
    try:
        assert "one-time password" not in out and "himflow users add" in out
    finally:
        _stop(proc)
