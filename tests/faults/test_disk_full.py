"""The data dir's disk full: `himflow up` runs with its data dir on a small tmpfs of its own
(mounted here; needs root, else the test is skipped and says why). A filler file takes the last
byte; an upload then fails with a clear one-line error and a non-zero exit, status still answers,
nothing is half-done; once space returns the same upload goes through and every document ends
final, indexed once."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest

from himflow.upload import upload_files, wait_final
from tests.faults.stackdriver import StackProcess, exactly_once_report
from tests.resources.pages import born_digital_pdf, lines_of

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.slow]

SIZE = "384m"


@pytest.fixture
def small_disk(tmp_path: Path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(mnt)],
                          capture_output=True, timeout=30, check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root): " + done.stderr.decode(errors="replace")[-200:])
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=30, check=False)


def fill(path: Path) -> int:
    """Write zeros until the filesystem says ENOSPC; returns the bytes written."""
    n = 0
    chunk = b"\0" * (1 << 20)
    with open(path, "wb", buffering=0) as fh:
        try:
            while True:
                n += fh.write(chunk)
        except OSError as e:
            assert e.errno == errno.ENOSPC
        small = b"\0" * 4096
        try:
            while True:
                n += fh.write(small)
        except OSError as e:
            assert e.errno == errno.ENOSPC
    return n


def test_a_full_disk_gives_a_clear_error_and_everything_recovers_once_space_returns(small_disk: Path, tmp_path: Path):
    stack = StackProcess(small_disk / "data")
    stack.start()
    try:
        settings = stack.settings
        first = [born_digital_pdf([lines_of(i, lines=6)], tmp_path / f"a{i}.pdf") for i in range(2)]
        ids = [u.doc_id for u in upload_files(settings, first)]
        assert all(r["status"] in ("filed", "review") for r in wait_final(settings, ids, timeout_s=120).values())

        filler = small_disk / "filler"
        fill(filler)
        late = born_digital_pdf([lines_of(99, lines=6)], tmp_path / "late.pdf")
        out = stack.cli("upload", str(late), "--json", timeout=180)
        err = out.stderr.decode(errors="replace")
        assert out.returncode != 0
        assert "Traceback" not in err
        assert "disk" in err.lower() or "space" in err.lower(), err[-500:]
        status = stack.cli("status", "--json")  # reads still answer
        assert status.returncode == 0, status.stderr.decode()[-500:]

        os.unlink(filler)
        out = stack.cli("upload", str(late), "--json", timeout=180)
        assert out.returncode == 0, out.stderr.decode()[-1000:]
        ids.append(json.loads(out.stdout.decode().splitlines()[0])["id"])
        records = wait_final(settings, ids, timeout_s=180)
        assert all(r["status"] in ("filed", "review") for r in records.values()), records
        report = exactly_once_report(settings, ids)
        assert report["text_not_once"] == {} and report["indexed_not_once"] == {}
        assert report["dead_letters"] == []
    finally:
        stack.stop()
