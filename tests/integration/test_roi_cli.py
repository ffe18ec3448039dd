"""`himflow roi request|advance|release|accounting` as a script uses them, against a real
SeaweedFS and the data dir's SQLite: a request through every state to a released packet, a
refused move, and the accounting as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from himflow.settings import load_settings, write_settings_file
from tests.resources.roi_chart import PATIENT, add_filed_document, make_chart
from tests.integration.test_roi_packets import NOTE

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def data_dir(tmp_path, seaweed):
    from himflow.objectstore import ObjectStore

    d = tmp_path / "data"
    s = load_settings(d)
    s.store.endpoint, s.store.access_key = seaweed.endpoint, seaweed.access_key
    s.store.secret_key = type(s.store.secret_key)(seaweed.secret_key)
    write_settings_file(s)
    s = load_settings(d)
    store = ObjectStore(s.store)
    store.ensure_buckets()
    chart = make_chart(s.db_url, tmp_path, store=store, bucket=s.store.intake_bucket)
    add_filed_document(chart, "d" * 64, NOTE, service_date="2025-09-22")
    chart.engine.dispose()
    return d


def _roi(data_dir, *args, check=True):
    env = dict(os.environ, HIMFLOW_DATA_DIR=str(data_dir))
    out = subprocess.run([sys.executable, "-m", "himflow.cli", "roi", *args, "--data-dir", str(data_dir)],
                         capture_output=True, text=True, timeout=300, env=env)
    if check:
        assert out.returncode == 0, out.stderr[-2000:]
    return out


def test_a_request_scripted_from_received_to_released(data_dir, tmp_path):
    form = tmp_path / "authorization.pdf"
    form.write_bytes(b"%PDF-1.4 synthetic signed authorization")
    req = json.loads(_roi(data_dir, "request", "--patient", PATIENT["mrn"], "--requester", "Dana Brooks",
                          "--requester-type", "court-order", "--purpose", "subpoena duces tecum",
                          "--authorization", str(form), "--signed", "--expires", "2099-01-01",
                          "--types", "11506-3", "--from", "2025-01-01", "--to", "2025-12-31", "--json").stdout)
    rid = req["id"]
    assert req["state"] == "received" and req["legal_basis"] == "judicial" and req["type_codes"] == ["11506-3"]
    refused = _roi(data_dir, "advance", rid, "--to", "quality-checked", check=False)
    assert refused.returncode == 2 and "not allowed" in refused.stderr
    early = _roi(data_dir, "release", rid, "-o", str(tmp_path / "early.pdf"), check=False)
    assert early.returncode == 2 and not (tmp_path / "early.pdf").exists()
    for state in ("authorization-checked", "in-preparation", "quality-checked"):
        moved = _roi(data_dir, "advance", rid, "--to", state, "--json")
        assert json.loads(moved.stdout)["state"] == state
    out = json.loads(_roi(data_dir, "release", rid, "-o", str(tmp_path / "packet.pdf"), "--json").stdout)
    assert out["pages"] == 3 and (tmp_path / "packet.pdf").read_bytes()[:5] == b"%PDF-"
    import hashlib
    assert hashlib.sha256((tmp_path / "packet.pdf").read_bytes()).hexdigest() == out["sha256"]
    again = _roi(data_dir, "release", rid, "-o", str(tmp_path / "again.pdf"), check=False)
    assert again.returncode == 2  # released is final
    acc = json.loads(_roi(data_dir, "accounting", "--patient", PATIENT["mrn"], "--json").stdout)
    assert [d["request_id"] for d in acc["disclosures"]] == [rid]
    assert acc["disclosures"][0]["recipient"] == "Dana Brooks"
    letter = _roi(data_dir, "accounting", "--patient", PATIENT["mrn"], "--letter").stdout
    assert "Dear Alice Whitcombe" in letter and "subpoena" in letter
