"""Hot folder for scanning stations: wait until a file is stable, upload it, and only after
the upload (and its event) is confirmed move it to done/; a file the store refuses goes to
failed/. Nothing is ever deleted."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from himflow.errors import HimflowError
from himflow.logs import log_event
from himflow.settings import Settings
from himflow.upload import upload_files

log = logging.getLogger("himflow.hotfolder")


def _candidates(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")
                  and not p.name.endswith((".part", ".tmp", ".crdownload")))


def watch(settings: Settings, folder: Path, *, patient: str | None = None, kind: str | None = None,
          interval_s: float = 1.0, passes: int | None = None) -> int:
    """Poll `folder` every `interval_s`; a file is taken when its size and mtime did not change
    between two looks. `passes` bounds the number of looks (None: forever)."""
    done, failed = folder / "done", folder / "failed"
    done.mkdir(parents=True, exist_ok=True)
    failed.mkdir(parents=True, exist_ok=True)
    seen: dict[Path, tuple[int, int]] = {}
    while True:
        for path in _candidates(folder):
            st = path.stat()
            sig = (st.st_size, st.st_mtime_ns)
            if seen.get(path) != sig:
                seen[path] = sig  # new or changed since the last look: not stable yet
                continue
            try:
                uploaded = upload_files(settings, [path], patient=patient, kind=kind)
            except HimflowError as e:
                if e.retryable:
                    log_event(log, "upload failed, will retry", level=logging.WARNING, reason=e.reason.value)
                    continue
                _move(path, failed)
                log_event(log, "upload refused", level=logging.WARNING, reason=e.reason.value)
                continue
            _move(path, done)
            seen.pop(path, None)
            log_event(log, "uploaded", doc_id=uploaded[0].doc_id)
        if passes is not None:
            passes -= 1
            if passes <= 0:
                return 0
        time.sleep(interval_s)


def _move(path: Path, target_dir: Path) -> Path:
    target = target_dir / path.name
    n = 1
    while target.exists():
        target = target_dir / f"{path.stem}.{n}{path.suffix}"
        n += 1
    shutil.move(str(path), target)
    return target
