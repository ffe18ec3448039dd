"""Fault injection on the real embedded stack (`himflow up` as a subprocess, in a temp data dir)
while documents flow: kill -9 of every worker kind at random points, a broker crash, the object
store frozen for 30 s, the database locked. After each: every document final, indexed exactly
once, no DocumentReference published twice, nothing dead-lettered that should not be.

The random points come from HIMFLOW_FAULT_SEED (printed on failure) so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from himflow.app.roles import EMBEDDED_PROCESSES
from himflow.upload import upload_files, wait_final
from tests.faults.stackdriver import (
    StackProcess,
    document_references,
    doubled_references,
    exactly_once_report,
    patients_csv,
    summary_lines,
    synthetic_patients,
    wait_until,
)
from tests.resources.pages import born_digital_pdf, images_to_pdf, lines_of, render_page

pytestmark = [pytest.mark.faults, pytest.mark.integration, pytest.mark.slow]

# CI replays fixed seeds (one per run, chosen by the run's date so the list is walked over
# time; seeds that once failed stay on it); elsewhere a fresh random seed each run.
CI_SEEDS = (175107, 4242, 90210, 613, 777001)
SEED = int(os.environ.get("HIMFLOW_FAULT_SEED")
           or (CI_SEEDS[time.gmtime().tm_yday % len(CI_SEEDS)] if os.environ.get("CI") else random.randrange(1_000_000)))
PATIENTS = synthetic_patients(48, seed=7)
_NEXT_PATIENT = iter(range(10**6))  # a fresh patient per filed document (no "rescan-of" reviews)
WORKERS = tuple(EMBEDDED_PROCESSES)  # the stack's worker processes (every role runs in one of them)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("faults")
    s = StackProcess(base / "data")
    s.start()
    try:
        out = s.cli("patients", "import", str(patients_csv(base / "patients.csv", PATIENTS)))
        assert out.returncode == 0, out.stderr.decode()[-1000:]
        yield s
    finally:
        s.stop()


class Docs:
    """Uploads through the project's own way in and remembers what was uploaded."""

    def __init__(self, stack: StackProcess, tmp: Path, tag: str):
        self.stack, self.tmp, self.tag = stack, tmp, tag
        self.ids: list[str] = []
        self.filed_expected: set[str] = set()
        self.n = 0

    def filed(self, k: int) -> list[str]:
        out = []
        for _ in range(k):
            p = PATIENTS[next(_NEXT_PATIENT) % len(PATIENTS)]
            pdf = born_digital_pdf([summary_lines(p, tag=f"{self.tag}-{self.n}")], self.tmp / f"{self.tag}-{self.n}.pdf")
            self.n += 1
            (u,) = upload_files(self.stack.settings, [pdf], patient=p["mrn"])
            out.append(u.doc_id)
            self.filed_expected.add(u.doc_id)
        self.ids += out
        return out

    def unfiled(self, k: int) -> list[str]:
        pdfs = []
        for _ in range(k):
            pdfs.append(born_digital_pdf([lines_of(self.n, lines=8)], self.tmp / f"{self.tag}-{self.n}.pdf"))
            self.n += 1
        out = [u.doc_id for u in upload_files(self.stack.settings, pdfs)]
        self.ids += out
        return out

    def scanned(self, k: int) -> list[str]:
        pdfs = []
        for _ in range(k):
            img = render_page(lines_of(1000 + self.n, lines=6), dpi=150, font_pt=14)
            pdfs.append(images_to_pdf([img], self.tmp / f"{self.tag}-{self.n}-scan.pdf"))
            self.n += 1
        out = [u.doc_id for u in upload_files(self.stack.settings, pdfs)]
        self.ids += out
        return out


def assert_exactly_once(stack: StackProcess, docs: Docs, *, letters_before: int, timeout: float = 300) -> dict:
    settings = stack.settings
    records = wait_final(settings, docs.ids, timeout_s=timeout)
    stuck = {d: r["status"] for d, r in records.items() if r["status"] not in ("filed", "review")}
    assert stuck == {}, f"seed {SEED}: not final: {stuck}"
    report = exactly_once_report(settings, docs.ids)
    assert report["text_not_once"] == {} and report["fts_not_once"] == {}, f"seed {SEED}: {report}"
    assert report["indexed_not_once"] == {}, f"seed {SEED}: indexed twice: {report['indexed_not_once']}"
    assert len(report["dead_letters"]) == letters_before, f"seed {SEED}: dead letters {report['dead_letters']}"
    filed = {d for d, r in records.items() if r["status"] == "filed"}
    assert docs.filed_expected <= filed, f"seed {SEED}: expected filed: {docs.filed_expected - filed}"
    wait_until(lambda: stack.status()["outbox_pending"] == 0, timeout=60, what="outbox drained")
    refs = document_references(settings)
    assert doubled_references(refs) == {}, f"seed {SEED}: DocumentReference published twice"
    published = {r["id"] for r in refs}
    mine = {r["id"] for r in refs if any(d in r["id"] for d in docs.ids)}
    assert len(mine) == len(filed), f"seed {SEED}: {len(mine)} references for {len(filed)} filed documents"
    return {"records": records, "published": published}


def _store_answers(stack: StackProcess) -> bool:
    from himflow.objectstore import ObjectStore

    try:
        return ObjectStore(stack.settings.store).client.bucket_exists(stack.settings.store.intake_bucket)
    except Exception:  # noqa: BLE001 - not up yet
        return False


def _letters(stack: StackProcess) -> int:
    return len(exactly_once_report(stack.settings, [])["dead_letters"])


def test_kill_9_of_each_worker_kind_at_random_points_loses_and_doubles_nothing(stack, tmp_path: Path):
    rng = random.Random(SEED)
    before = _letters(stack)
    docs = Docs(stack, tmp_path, "kill")
    docs.scanned(2)
    restarts_before = {n: p.get("restarts", 0) for n, p in stack.processes().items()}
    kills: dict[str, int] = {}
    for round_ in range(2):
        for role in rng.sample(WORKERS, len(WORKERS)):
            docs.filed(2)
            docs.unfiled(1)
            time.sleep(rng.uniform(0.05, 1.5))  # a random point in the flow
            old = stack.kill9(role)
            kills[role] = kills.get(role, 0) + 1
            stack.wait_running(role, not_pid=old)
    assert_exactly_once(stack, docs, letters_before=before)
    procs = stack.processes()
    for role, n in kills.items():
        assert procs[role]["restarts"] - restarts_before.get(role, 0) >= n, f"seed {SEED}: {procs[role]}"
        assert procs[role]["state"] == "running"


def test_a_broker_crash_mid_stream_loses_nothing(stack, tmp_path: Path):
    rng = random.Random(SEED + 1)
    before = _letters(stack)
    docs = Docs(stack, tmp_path, "broker")
    docs.filed(4)
    docs.unfiled(2)
    time.sleep(rng.uniform(0.1, 1.0))
    old = stack.kill9("tansu")
    stack.wait_running("tansu", not_pid=old, timeout=90)
    docs.filed(2)
    docs.unfiled(2)
    assert_exactly_once(stack, docs, letters_before=before)


def test_the_object_store_frozen_for_30_s_is_ridden_out_by_retries(stack, tmp_path: Path):
    before = _letters(stack)
    docs = Docs(stack, tmp_path, "store")
    docs.filed(4)
    docs.unfiled(2)
    docs.scanned(1)
    weed = stack.pid("seaweedfs")
    os.kill(weed, signal.SIGSTOP)
    try:
        time.sleep(30)
    finally:
        os.kill(weed, signal.SIGCONT)
    assert_exactly_once(stack, docs, letters_before=before)


def test_a_locked_database_is_waited_out(stack, tmp_path: Path):
    before = _letters(stack)
    docs = Docs(stack, tmp_path, "db")
    docs.filed(3)
    docs.unfiled(3)
    conn = sqlite3.connect(stack.data_dir / "himflow.db", timeout=30, isolation_level=None)
    try:
        conn.execute("BEGIN EXCLUSIVE")  # every other writer waits (busy timeout, then retries)
        time.sleep(8)
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    assert_exactly_once(stack, docs, letters_before=before)


def test_an_object_store_crash_is_restarted_and_loses_nothing(stack, tmp_path: Path):
    rng = random.Random(SEED + 2)
    before = _letters(stack)
    docs = Docs(stack, tmp_path, "weedkill")
    docs.filed(3)
    docs.unfiled(2)
    time.sleep(rng.uniform(0.1, 1.0))
    old = stack.kill9("seaweedfs")  # connections refused until the stack's watchdog restarts it
    stack.wait_running("seaweedfs", not_pid=old, timeout=90)
    wait_until(lambda: _store_answers(stack), timeout=60, what="the restarted store answers")
    docs.filed(2)
    assert_exactly_once(stack, docs, letters_before=before)
