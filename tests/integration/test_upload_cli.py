"""`himflow upload` (the real CLI, a subprocess) tells the user when a file is not taken: bad
files are refused before anything is uploaded, and with --wait a document the workers reject
(here on real tansu + SeaweedFS) ends the command non-zero with its reason. A PDF only pypdf's
searchable-PDF step cannot read is rejected as corrupt at its first attempt."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from himflow import db
from himflow.commands.documents import EXIT_REFUSED, EXIT_REJECTED
from himflow.objectstore import ObjectStore
from himflow.settings import write_settings_file
from tests.resources.workers import workers
from tests.resources.badinputs import _zip_bytes, good_pdf_bytes, pdf_nested_arrays

pytestmark = pytest.mark.integration


def _cli(settings, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "himflow.cli", "upload", "--data-dir", str(settings.data_dir), *args],
                          check=False, capture_output=True, timeout=timeout, env=dict(os.environ))


def _objects(settings) -> list[str]:
    store = ObjectStore(settings.store)
    return [o.object_name for b in (settings.store.intake_bucket, settings.store.dictation_bucket)
            for o in store.client.list_objects(b, recursive=True)]


def test_empty_and_unsupported_files_are_refused_before_upload(spine_settings, tmp_path: Path):
    write_settings_file(spine_settings)
    empty, docx, good = tmp_path / "empty.pdf", tmp_path / "letter.docx", tmp_path / "ok.pdf"
    empty.write_bytes(b"")
    docx.write_bytes(_zip_bytes())
    good.write_bytes(good_pdf_bytes(tmp_path, 5))
    out = _cli(spine_settings, str(good), str(empty), str(docx))
    err = out.stderr.decode()
    assert out.returncode == EXIT_REFUSED, err
    assert "file 2 of 3 refused: empty-file" in err and "file 3 of 3 refused: unsupported-type" in err
    assert "nothing uploaded" in err and "Traceback" not in err
    assert _objects(spine_settings) == []  # all or nothing: the good file waits for a clean run


async def test_wait_exits_non_zero_with_the_reason_when_the_workers_reject(spine_settings, tmp_path: Path):
    settings = spine_settings
    settings.ocr_processes = 1
    write_settings_file(settings)
    nested, good = tmp_path / "nested.pdf", tmp_path / "ok.pdf"
    nested.write_bytes(pdf_nested_arrays())
    good.write_bytes(good_pdf_bytes(tmp_path, 6))
    async with workers(settings):
        out = await asyncio.to_thread(_cli, settings, str(good), str(nested), "--wait", "--json", "--timeout", "240")
    err = out.stderr.decode()
    assert out.returncode == EXIT_REJECTED, err
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(records) == 2 and records[0]["status"] in ("filed", "review"), (records, err)
    assert records[1]["status"] == "rejected" and records[1]["reasons"] == ["rejected:corrupt"]
    assert f"{records[1]['id']} rejected: corrupt" in err
    engine = db.make_engine(settings.db_url)
    with engine.connect() as conn:
        letters = conn.execute(sa.select(db.dead_letters.c.stage, db.dead_letters.c.reason,
                                         db.dead_letters.c.attempts, db.dead_letters.c.retryable)
                               .where(db.dead_letters.c.doc_id == records[1]["id"])).all()
    assert [tuple(r) for r in letters] == [("ocr", "corrupt", 1, False)]  # first attempt, not retried
