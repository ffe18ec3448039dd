"""`himflow dlq replay` reports what happened (real CLI, real workers on tansu + SeaweedFS): a
permanent failure whose cause has not changed fails again, stays open with its replay counted,
is not marked replayed, and the command exits non-zero saying so."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys

import pytest
import sqlalchemy as sa

from himflow import db
from himflow.deadletters import list_dead_letters
from himflow.settings import write_settings_file
from himflow.upload import upload_files, wait_final
from tests.resources.workers import workers

pytestmark = pytest.mark.integration


def _replay_cli(settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "himflow.cli", "dlq", "replay", "--data-dir", str(settings.data_dir),
                           "--json", "--timeout", "120", *args],
                          check=False, capture_output=True, timeout=300, env=dict(os.environ))


async def test_replaying_an_unchanged_permanent_failure_says_it_failed_again(spine_settings, tmp_path):
    settings = spine_settings
    settings.ocr_processes = 1
    write_settings_file(settings)
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + secrets.token_bytes(3000))
    async with workers(settings, roles=("intake", "ocr")):
        up = (await asyncio.to_thread(upload_files, settings, [corrupt]))[0]
        done = await asyncio.to_thread(wait_final, settings, [up.doc_id], timeout_s=120)
        assert done[up.doc_id]["status"] == "rejected"
        [letter] = await asyncio.to_thread(list_dead_letters, settings)
        assert (letter["stage"], letter["reason"]) == ("ocr", "corrupt")
        out = await asyncio.to_thread(_replay_cli, settings)
    assert out.returncode == 1, out.stderr.decode()
    [outcome] = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert (outcome["id"], outcome["outcome"], outcome["now"]) == (letter["id"], "failed-again", "corrupt")
    assert "0 went through, 1 still open" in out.stderr.decode()
    open_letters = await asyncio.to_thread(list_dead_letters, settings)  # not marked replayed
    assert [(x["id"], x["replay_count"], x["replayed_at"]) for x in open_letters] == [(letter["id"], 1, None)]
    engine = db.make_engine(settings.db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(db.dead_letters)).scalar() == 1
        outcome_col = conn.execute(sa.select(db.dead_letters.c.replay_outcome)).scalar()
        status = conn.execute(sa.select(db.documents.c.status).where(db.documents.c.id == up.doc_id)).scalar()
    assert outcome_col == "failed-again" and status == "rejected"


async def test_an_intake_rejection_replayed_unchanged_fails_again(spine_settings, tmp_path):
    """Intake dead-letters bad records itself (one per record) and then returns normally: the
    replay must still be answered failed-again, not succeeded."""
    from himflow.deadletters import replay

    settings = spine_settings
    text = tmp_path / "letter.pdf"
    text.write_bytes(b"Referral letter, plain text, not a scan.\n" * 20)
    async with workers(settings, roles=("intake",)):
        up = (await asyncio.to_thread(upload_files, settings, [text]))[0]
        for _ in range(200):
            letters = await asyncio.to_thread(list_dead_letters, settings)
            if letters:
                break
            await asyncio.sleep(0.1)
        assert [(x["stage"], x["reason"], x["doc_id"]) for x in letters] == [("intake", "unsupported-type", up.doc_id)]
        again = await asyncio.to_thread(replay, settings, wait_s=60)
        assert [(o.outcome, o.now) for o in again] == [("failed-again", "unsupported-type")]
        assert [x["replay_count"] for x in await asyncio.to_thread(list_dead_letters, settings)] == [1]
