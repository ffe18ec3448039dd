"""`himflow up` in a temp dir, driven only through the CLI, as a user would.

Uploads a born-digital PDF carrying synthetic PHI, waits for it, finds its text with
`himflow search`, checks `himflow status`, stops the stack with SIGTERM, starts it again on
the same data dir and finds everything still there; a second stack runs side by side.
Finally greps every log line the stacks wrote for the synthetic PHI.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from himflow.app.roles import EMBEDDED_PROCESSES
from tests.faults.stackdriver import StackProcess, patients_csv
from tests.resources.pages import born_digital_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

PHI = {"name": "Quixley", "given": "Marthenia", "mrn": "MRN-774411", "dob": "1937-04-19"}
LINES = [
    "DISCHARGE SUMMARY",
    f"Patient: {PHI['given']} {PHI['name']}   MRN: {PHI['mrn']}   DOB: {PHI['dob']}",
    "Admitted with pneumonia, treated with ceftriaxone and azithromycin.",
    "Discharged home in stable condition.",
]


def _pids_alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            os.kill(pid, 0)
            alive.append(pid)
        except ProcessLookupError:
            pass
    return alive


def test_up_upload_search_restart_and_side_by_side(tmp_path: Path):
    data = tmp_path / "stack-a"
    other = tmp_path / "stack-b"
    pdf = born_digital_pdf([LINES], tmp_path / f"{PHI['name']}_{PHI['given']}_{PHI['mrn']}.pdf")
    a = StackProcess(data, log=tmp_path / "a.log")
    line = a.start()
    assert re.search(r"http://127\.0\.0\.1:\d+/", line), line
    try:
        who = [{"id": "pt-e2e-1", "mrn": PHI["mrn"], "family": PHI["name"], "given": PHI["given"], "dob": PHI["dob"]}]
        imported = a.cli("patients", "import", str(patients_csv(tmp_path / "patients.csv", who)))
        assert imported.returncode == 0, imported.stderr.decode()[-1000:]
        up = a.cli("upload", str(pdf), "--patient", PHI["mrn"], "--wait", "--json")
        assert up.returncode == 0, up.stderr.decode()[-2000:]
        rec = json.loads(up.stdout.decode().splitlines()[0])
        # a clean born-digital discharge summary with the patient's MRN: nothing blocks filing
        assert rec["status"] == "filed", rec["reasons"]
        assert rec["kind"] == "scan" and "ceftriaxone" in rec["text"]
        doc_id = rec["id"]

        found = a.cli("search", "ceftriaxone", "--json")
        assert found.returncode == 0
        assert [json.loads(x)["id"] for x in found.stdout.decode().splitlines()] == [doc_id]

        st = a.cli("status", "--json")
        report = json.loads(st.stdout)
        roles = {p["name"] for p in report["processes"]}
        assert set(EMBEDDED_PROCESSES) | {"web"} <= roles
        pids = [p["pid"] for p in report["processes"] if p.get("pid")]
        assert sum(report["documents"].values()) == 1

        hist = json.loads(a.cli("status", doc_id, "--json").stdout)
        assert [h["stage"] for h in hist["history"]][:3] == ["intake", "ocr", "indexing"]

        # A second stack on another data dir, side by side.
        b = StackProcess(other, log=tmp_path / "b.log")
        b.start()
        try:
            assert json.loads(b.cli("status", "--json").stdout)["documents"] == {}
        finally:
            assert b.stop() == 0
    finally:
        code = a.stop()
    assert code == 0
    time.sleep(0.5)
    assert _pids_alive(pids) == []

    # Again on the same data dir: objects, events, offsets and the index are all still there.
    a2 = StackProcess(data, log=tmp_path / "a2.log")
    a2.start()
    try:
        found = a2.cli("search", "azithromycin", "--json")
        assert [json.loads(x)["id"] for x in found.stdout.decode().splitlines()] == [doc_id]
        again = json.loads(a2.cli("status", doc_id, "--json").stdout)
        assert len(again["history"]) == len(hist["history"])  # nothing re-processed after restart
        rec2 = json.loads(a2.cli("upload", str(pdf), "--wait", "--json").stdout.decode().splitlines()[0])
        assert rec2["id"] != doc_id and rec2["status"] == "review"  # a duplicate waits for a person
        assert any(r.startswith("duplicate-of:") for r in rec2["reasons"])  # same bytes, flagged
    finally:
        assert a2.stop() == 0

    # No PHI in any log line any process wrote.
    logs = [tmp_path / "a.log", tmp_path / "b.log", tmp_path / "a2.log",
            *sorted((data / "logs").glob("*.log")), *sorted((other / "logs").glob("*.log"))]
    assert len(logs) > 5
    for path in logs:
        text = path.read_text(errors="replace")
        for value in (PHI["name"], PHI["given"], PHI["mrn"], PHI["dob"], "774411"):
            assert value not in text, f"PHI value found in {path.name}"
