"""`himflow retention` as a script uses it, against a real SeaweedFS and the data dir's SQLite:
what is due (JSON), a hold that makes destroy refuse, the release, the one-step destroy with a
named approver, and the certificate with the objects' SHA-256."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from himflow.settings import write_settings_file
from tests.resources.retention_chart import ADULT, CHILD, add_scan, make_chart, make_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def data_dir(tmp_path, seaweed):
    s = make_settings(tmp_path / "data", seaweed)
    write_settings_file(s)
    chart = make_chart(s)
    add_scan(chart, "d-old", patient_id=ADULT["patient_id"], text="old note", service_date="2010-04-29")
    add_scan(chart, "d-child", patient_id=CHILD["patient_id"], text="child note", service_date="2016-02-04")
    chart.engine.dispose()
    return s.data_dir, dict(chart.hashes)


def _run(data_dir, *args):
    env = dict(os.environ, HIMFLOW_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "himflow.cli", "retention", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=300, env=env)


def test_due_hold_refusal_release_and_destroy_from_the_command_line(data_dir):
    d, hashes = data_dir
    due = _run(d, "due", "--json")
    assert due.returncode == 0, due.stderr
    items = json.loads(due.stdout)
    assert [(i["doc_id"], i["retain_until"], i["legal_holds"]) for i in items] == [("d-old", "2020-05-01", [])]

    held = _run(d, "hold", "set", "--patient", ADULT["mrn"], "--by", "lena", "--reason", "litigation")
    assert held.returncode == 0, held.stderr
    hold_id = held.stdout.split("\t")[0]
    assert "InvalidRequest" in held.stdout  # himflow's default buckets: no object lock
    refused = _run(d, "destroy", "d-old", "--approve-by", "adam", "--reason", "past retention")
    assert refused.returncode == 2 and f"legal hold #{hold_id}" in refused.stderr
    assert json.loads(_run(d, "due", "--json").stdout)[0]["legal_holds"] == [int(hold_id)]

    assert _run(d, "hold", "release", hold_id, "--by", "adam", "--reason", "case closed").returncode == 0
    listed = json.loads(_run(d, "hold", "list", "--json").stdout)
    assert [(h["set_by"], h["released_by"], h["release_reason"]) for h in listed] == [("lena", "adam", "case closed")]
    assert _run(d, "destroy", "d-child", "--approve-by", "adam", "--reason", "x").returncode == 2  # not due
    done = _run(d, "destroy", "d-old", "--approve-by", "adam", "--reason", "past retention", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["destroyed"] == 4

    certs = json.loads(_run(d, "certificates", "--json").stdout)
    old = {(c["bucket"], c["object_key"]): c["sha256"] for c in certs if c["doc_id"] == "d-old"}
    assert old == {k: v for k, v in hashes.items() if "d-old" in k[1]}
    assert {(c["proposed_by"], c["approved_by"]) for c in certs} == {("adam", "adam")}
    assert all("one step" in c["reason"] for c in certs)
    assert json.loads(_run(d, "due", "--json").stdout) == []
