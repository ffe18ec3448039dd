"""Drive a real `himflow up` (a subprocess in its own session) for fault injection: find the
pids it supervises, kill or stop them, upload documents through the project's own API, and
check the exactly-once facts (rows, text index, history, DocumentReferences on the topic)."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from himflow import db
from himflow.broker import aiokafka_kwargs
from himflow.settings import BrokerSettings, Settings, load_settings
from schemas import topics

FINAL = ("filed", "review", "rejected", "split")


class StackProcess:
    def __init__(self, data_dir: Path, *, env: dict[str, str] | None = None, log: Path | None = None):
        self.data_dir = data_dir
        self.log = log or data_dir.parent / f"{data_dir.name}.up.log"
        self.env = {**os.environ, "HIMFLOW_OCR_PROCESSES": "1", "HIMFLOW_WHISPER_MODEL": "tiny.en", **(env or {})}
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 180) -> str:
        self.fh = open(self.log, "ab")  # noqa: SIM115 - open for the stack's lifetime
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "himflow.cli", "up", "--data-dir", str(self.data_dir)],
            stdout=subprocess.PIPE, stderr=self.fh, start_new_session=True, env=self.env,
        )
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline().decode()
            if not line:
                if self.proc.poll() is not None:
                    raise AssertionError(f"himflow up exited {self.proc.returncode}: {self.log.read_text()[-3000:]}")
                continue
            self.fh.write(line.encode())  # everything the stack prints is kept with its log
            if "ready" in line:
                return line
        raise AssertionError("himflow up did not print ready in time")

    def stop(self, timeout: float = 90) -> int | None:
        if self.proc is None:
            return None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            return self.proc.wait(timeout=10)
        finally:
            try:
                if self.proc.stdout is not None:
                    self.fh.write(self.proc.stdout.read())
                self.fh.close()
            except OSError:  # the log's disk may be the one a test filled
                pass


    @property
    def settings(self) -> Settings:
        return load_settings(self.data_dir)

    def processes(self) -> dict[str, dict]:
        data = json.loads((self.data_dir / "run" / "processes.json").read_text())
        return {p["name"]: p for p in data["processes"]}

    def pid(self, name: str) -> int:
        pid = self.processes()[name].get("pid")
        assert pid, f"{name} has no pid"
        return int(pid)

    def kill9(self, name: str) -> int:
        pid = self.pid(name)
        os.kill(pid, signal.SIGKILL)
        return pid

    def wait_running(self, name: str, *, not_pid: int | None = None, timeout: float = 120) -> int:
        """Until ``name`` runs (ready, for workers) under a pid other than ``not_pid``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            p = self.processes().get(name, {})
            ready = not p.get("supervised", True) or (self.data_dir / "run" / f"{name}.ready").exists() \
                or name in ("reconciler",)
            if p.get("pid") and p.get("pid") != not_pid and p.get("state") == "running" and ready:
                return int(p["pid"])
            time.sleep(0.2)
        raise AssertionError(f"{name} not running again within {timeout}s: {self.processes().get(name)}")

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """Run `himflow ARGS --data-dir DIR` as a user would; its stderr is kept with the log."""
        out = subprocess.run([sys.executable, "-m", "himflow.cli", *args, "--data-dir", str(self.data_dir)],
                             capture_output=True, timeout=timeout, env=self.env, check=False)
        try:
            with open(self.log, "ab") as fh:
                fh.write(out.stderr)
        except OSError:  # the log's disk may be the one a test filled
            pass
        return out

    def status(self) -> dict:
        out = self.cli("status", "--json")
        assert out.returncode == 0, out.stderr.decode()[-2000:]
        return json.loads(out.stdout)


def patients_csv(path: Path, patients: list[dict]) -> Path:
    lines = ["patient_id,mrn,family,given,birth_date"]
    lines += [f"{p['id']},{p['mrn']},{p['family']},{p['given']},{p['dob']}" for p in patients]
    path.write_text("\n".join(lines) + "\n")
    return path


def synthetic_patients(n: int, seed: int = 0) -> list[dict]:
    families = ["Wexford", "Tallis", "Ambrose", "Corriveau", "Lindqvist", "Okonkwo", "Halloran", "Petrakis",
                "Vasquez", "Moreau", "Brennagh", "Ishikawa"]
    givens = ["Orla", "Bruno", "Cecily", "Dario", "Elske", "Fintan", "Greta", "Hollis", "Ines", "Jorah",
              "Kerensa", "Lucan"]
    out = []
    for i in range(n):
        out.append({"id": f"pt-{seed}{i:03d}", "mrn": f"MRN-{seed}{770100 + i}", "family": families[i % len(families)],
                        "given": givens[(i * 7) % len(givens)], "dob": date(1940 + (i * 3) % 60, 1 + i % 12, 1 + i % 28)
                        .isoformat()})
    return out


def summary_lines(p: dict, *, tag: str) -> list[str]:
    y, m, d = p["dob"].split("-")
    return [
        "DISCHARGE SUMMARY",
        f"Patient Name: {p['family']}, {p['given']}",
        f"MRN: {p['mrn']}",
        f"DOB: {m}/{d}/{y}",
        "Date of Service: 11/20/2026",
        f"Hospital course: admitted with community acquired pneumonia, treated with ceftriaxone. Ref {tag}.",
        "Discharge diagnoses: pneumonia. Type 2 diabetes mellitus.",
        "Discharge medications: metformin 500 mg twice daily.",
        "Follow up with primary care in one week.",
        "Electronically signed by: Dr. Ana Ruiz",
    ]


def exactly_once_report(settings: Settings, doc_ids: list[str]) -> dict:
    """Per-document counts that must all be 1 (text rows, FTS rows, indexing outcomes)."""
    engine = db.make_engine(settings.db_url)
    ids = list(doc_ids)
    with engine.connect() as conn:
        statuses = dict(conn.execute(sa.select(db.documents.c.id, db.documents.c.status)
                                     .where(db.documents.c.id.in_(ids))).all())
        text_rows = Counter(conn.execute(sa.text("SELECT doc_id FROM document_text")).scalars())
        fts_rows = Counter(conn.execute(sa.text("SELECT doc_id FROM document_fts")).scalars()) \
            if engine.dialect.name == "sqlite" else text_rows
        indexed = Counter(r.doc_id for r in conn.execute(
            sa.select(db.document_history.c.doc_id).where(db.document_history.c.stage == "indexing",
                                                          db.document_history.c.status.in_(("filed", "review")))))
        letters = conn.execute(sa.select(db.dead_letters.c.stage, db.dead_letters.c.reason)).all()
    engine.dispose()
    return {
        "statuses": statuses,
        "not_final": [d for d in ids if statuses.get(d) not in FINAL],
        "text_not_once": {d: text_rows[d] for d in ids if text_rows[d] != 1},
        "fts_not_once": {d: fts_rows[d] for d in ids if fts_rows[d] != 1},
        "indexed_not_once": {d: indexed[d] for d in ids if indexed[d] != 1},
        "dead_letters": [tuple(x) for x in letters],
    }


async def _read_topic(broker: BrokerSettings, topic: str, *, idle_s: float = 3.0, timeout_s: float = 60) -> list:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(topic, **aiokafka_kwargs(broker), auto_offset_reset="earliest",
                                group_id="t-read-" + secrets.token_hex(3), session_timeout_ms=2000,
                                fetch_max_wait_ms=20, enable_auto_commit=False)
    await consumer.start()
    out: list = []
    try:
        deadline = time.monotonic() + timeout_s
        last = time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - last < idle_s:
            batch = await consumer.getmany(timeout_ms=300)
            got = [r for rs in batch.values() for r in rs]
            if got:
                last = time.monotonic()
                out += got
    finally:
        await consumer.stop()
    return out


def document_references(settings: Settings) -> list[dict]:
    records = asyncio.run(_read_topic(settings.broker, topics.PATIENT_RECORD))
    return [json.loads(r.value) for r in records]


def doubled_references(refs: list[dict]) -> dict[str, int]:
    """Resource ids published more than once with the same content (a real double)."""
    seen = Counter((r["id"], json.dumps(r, sort_keys=True)) for r in refs)
    return {rid: n for (rid, _), n in seen.items() if n > 1}


def wait_until(pred, *, timeout: float, every: float = 0.5, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"{what} not reached within {timeout}s")
