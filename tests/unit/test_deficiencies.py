"""Chart deficiencies (issue 15.2/15.3): missing and unsigned documents per encounter, delinquency
at the limit, the CLI over a real data dir (SQLite)."""

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, update

from chart.deficiencies import load_rules, open_deficiencies
from himflow import db
from himflow.encounters import Encounter, upsert_encounter

DISCHARGE = datetime(2026, 3, 5, 12, tzinfo=UTC)


def _setup(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'h.db'}")
    db.migrate(engine)
    with engine.begin() as c:
        upsert_encounter(c, Encounter(encounter_id="enc-a", identifier="V1", patient_id="pat-x", enc_class="IMP",
                                      admitted_at=DISCHARGE - timedelta(days=4), discharged_at=DISCHARGE,
                                      attending="dr-a"))
    return engine


def _doc(engine, doc_id, type_code, reasons, author="dr-b", hint="V1"):
    now = datetime.now(UTC)
    with engine.begin() as c:
        c.execute(insert(db.documents).values(id=doc_id, status="indexed", patient_id="pat-x", type_code=type_code,
                                              reasons=json.dumps(reasons), hint_author=author, hint_encounter=hint,
                                              created_at=now, updated_at=now))


def test_deficiencies_appear_clear_and_go_delinquent_at_the_limit(tmp_path):
    engine = _setup(tmp_path)
    rules = load_rules(None)
    at_13 = DISCHARGE + timedelta(days=13)
    with engine.connect() as c:
        found = open_deficiencies(c, rules, now=at_13)
    assert sorted((d.kind, d.type_code, d.delinquent) for d in found) == [
        ("missing", "18842-5", False), ("missing", "34117-2", True)]
    assert {d.physician for d in found} == {"dr-a"}
    _doc(engine, "d1", "18842-5", ["unsigned-dictation"])
    _doc(engine, "d2", "34117-2", [])  # a scanned H&P, nothing waiting for a signature
    with engine.connect() as c:
        found = open_deficiencies(c, rules, now=at_13)
        assert [(d.kind, d.doc_id, d.physician, d.age_days, d.delinquent) for d in found] == [
            ("unsigned", "d1", "dr-b", 13, False)]
        # exactly at the limit (14 days after discharge) it is delinquent
        assert open_deficiencies(c, rules, now=DISCHARGE + timedelta(days=14))[0].delinquent
        assert open_deficiencies(c, rules, now=at_13, physician="dr-a") == []
    with engine.begin() as c:
        c.execute(update(db.documents).where(db.documents.c.id == "d1").values(reasons=json.dumps(["signed"])))
    with engine.connect() as c:
        assert open_deficiencies(c, rules, now=at_13) == []


def test_rules_file_in_the_data_dir_overrides_a_class(tmp_path):
    (tmp_path / "chart-rules.json").write_text(json.dumps({"AMB": [{"type": "11506-3", "from": "admit", "days": 3}]}))
    rules = load_rules(tmp_path)
    assert rules["AMB"][0]["type"] == "11506-3" and rules["IMP"][0]["type"] == "18842-5"


def test_cli_lists_open_deficiencies_as_json(tmp_path):
    engine = _setup(tmp_path)
    engine.dispose()
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": str(root), "HIMFLOW_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin",
           "HIMFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}"}
    out = subprocess.run([sys.executable, "-m", "himflow.cli", "deficiencies", "--data-dir", str(tmp_path),
                          "--physician", "dr-a", "--json"], capture_output=True, text=True, env=env, check=True)
    rows = json.loads(out.stdout)
    assert sorted(r["type_code"] for r in rows) == ["18842-5", "34117-2"]
    assert all(r["kind"] == "missing" and r["delinquent"] for r in rows)


def test_cli_text_marks_delinquent_at_the_limit_and_open_before(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'h.db'}")
    db.migrate(engine)
    discharged = datetime.now(UTC) - timedelta(days=5, hours=1)
    with engine.begin() as c:  # H&P due 1 day after admission (9 days ago); summary 14 after discharge
        upsert_encounter(c, Encounter(encounter_id="enc-b", identifier="V2", patient_id="pat-y", enc_class="IMP",
                                      admitted_at=discharged - timedelta(days=4), discharged_at=discharged,
                                      attending="dr-c"))
    engine.dispose()
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": str(root), "HIMFLOW_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin",
           "HIMFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}"}
    out = subprocess.run([sys.executable, "-m", "himflow.cli", "deficiencies", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, env=env, check=True)
    lines = [line.split("\t") for line in out.stdout.splitlines()]
    assert [(f[2].split()[0], f[4], f[5]) for f in lines] == [("34117-2", "9d", "delinquent"),
                                                           ("18842-5", "5d", "open")]


def test_a_scan_with_an_empty_signature_line_is_unsigned_until_signed(tmp_path):
    engine = _setup(tmp_path)
    rules = load_rules(None)
    at_3 = DISCHARGE + timedelta(days=3)
    _doc(engine, "h1", "34117-2", ["flag:deskewed"], author=None)  # a signed scanned H&P
    _doc(engine, "s1", "18842-5", ["flag:signature-empty"], author=None)  # scanned, signature line empty
    with engine.connect() as c:
        found = open_deficiencies(c, rules, now=at_3)
    assert [(d.kind, d.doc_id, d.physician) for d in found] == [("unsigned", "s1", "dr-a")]  # the attending
    with engine.begin() as c:
        c.execute(update(db.documents).where(db.documents.c.id == "s1")
                  .values(reasons=json.dumps(["flag:signature-empty", "signed"])))
    with engine.connect() as c:
        assert open_deficiencies(c, rules, now=at_3) == []
