"""What the desk's browser tests share: `himflow web` as a subprocess on a loopback port over
a data dir, and a headless Debian chromium driven by Playwright (1366x768)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from himflow.db import make_engine, migrate
from himflow.settings import Settings, load_settings, write_settings_file

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"


@contextlib.contextmanager
def desk_web(root: Path, seed: Callable[[Any], None], *,
             settings: Settings | None = None,
             env: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """A migrated data dir under ``root``, ``seed(engine)`` run on it, then `himflow web` on
    it until the block ends. Yields the URL, the engine and the server's log path.
    ``settings``: written into the data dir (its database, store and broker: a test's real
    SeaweedFS and tansu), so the server works on what the test's workers work on. ``env``:
    extra environment of the server (``HIMFLOW_WEB_*`` options)."""
    data_dir = root / "data"
    data_dir.mkdir()
    if settings is not None:
        write_settings_file(settings.model_copy(update={"data_dir": data_dir}))
    engine = make_engine(load_settings(data_dir).db_url)
    migrate(engine)
    seed(engine)
    ready = root / "ready"
    env = dict(os.environ, HIMFLOW_DATA_DIR=str(data_dir), **(env or {}))
    with open(root / "web.log", "wb") as web_log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "himflow.cli", "web", "--data-dir", str(data_dir), "--port", "0",
             "--ready-file", str(ready)],
            env=env, stdout=subprocess.DEVNULL, stderr=web_log, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert proc.poll() is None, (root / "web.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "web server did not become ready"
            time.sleep(0.1)
        yield {"url": ready.read_text().strip(), "engine": engine, "log": root / "web.log"}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        engine.dispose()


@contextlib.contextmanager
def chromium(playwright_sync: Any, profile: Path, **launch: Any) -> Iterator[Any]:
    """A persistent headless chromium context (``launch``: extra launch options)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1366, "height": 768}, **launch)
        ctx.set_default_timeout(15_000)
        yield ctx
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)
