"""`himflow classify` / `himflow patients import` and the configurable LOINC type list."""

from __future__ import annotations

import json

import pytest

from himflow.cli import main
from himflow.errors import RejectedInput
from indexing.doctypes import DEFAULT_DOCTYPES, UNKNOWN, by_code, load_doctypes

ISSUE_CODES = ("18842-5", "11488-4", "34117-2", "11506-3", "28570-0", "11504-8", "18748-4", "11502-2",
               "11526-1", "34111-5", "57133-1", "59284-0", "64290-0", "57833-6", "42348-3", "101904-1")


def test_default_list_has_every_issue_type_with_title_keywords():
    assert tuple(d.code for d in DEFAULT_DOCTYPES) == ISSUE_CODES
    assert all(d.keywords and d.display for d in DEFAULT_DOCTYPES)
    assert by_code("unknown") is UNKNOWN and by_code("00000-0") is None
    assert by_code("11504-8").display == "Surgical operation note"


def test_override_file_changes_adds_and_removes(tmp_path):
    f = tmp_path / "t.json"
    f.write_text(json.dumps([{"code": "11506-3", "display": "Progress note (daily)"},
                             {"code": "X-1", "display": "Local form", "keywords": ["Local Form"]},
                             {"code": "64290-0", "remove": True}]))
    types = load_doctypes(f)
    codes = [d.code for d in types]
    assert "64290-0" not in codes and codes[-1] == "X-1"
    assert by_code("11506-3", types).display == "Progress note (daily)"
    assert by_code("11506-3", types).keywords == by_code("11506-3").keywords
    assert by_code("X-1", types).keywords == ("local form",)


@pytest.mark.parametrize("content", ["{}", "[{\"code\": \"X\"}]", "not json", "[{\"code\": \"\", \"display\": \"a\"}]"])
def test_bad_override_files_are_rejected(tmp_path, content):
    f = tmp_path / "t.json"
    f.write_text(content)
    with pytest.raises(RejectedInput):
        load_doctypes(f)


@pytest.fixture
def seed_cache(tmp_path_factory, monkeypatch):
    from indexing.classify import classifier as mod

    monkeypatch.setenv("HIMFLOW_MODEL_CACHE", str(tmp_path_factory.getbasetemp() / "model-cache"))
    mod._load_default_cached.cache_clear()
    yield
    mod._load_default_cached.cache_clear()


def test_classify_prints_one_json_line_per_file(tmp_path, capsys, seed_cache):
    op = tmp_path / "op.txt"
    op.write_text("OPERATIVE REPORT\nPreoperative Diagnosis: acute appendicitis.\nProcedure: laparoscopic "
                  "appendectomy.\nAnesthesia: general endotracheal.\nEstimated Blood Loss: minimal.")
    junk = tmp_path / "junk.txt"
    junk.write_text("zzqv xqkj wprt mnbv qwzx lkjh")
    assert main(["classify", str(op), str(junk), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["file"] for x in lines] == [str(op), str(junk)]
    assert lines[0]["type"] == {"code": "11504-8", "display": "Surgical operation note"}
    assert 0.5 < lines[0]["confidence"] <= 1.0
    assert all(set(a) == {"code", "display", "confidence"} for a in lines[0]["alternatives"])
    assert lines[1]["type"]["code"] == "unknown" and lines[1]["confidence"] == 0.0


def test_classify_reports_missing_files_and_fails(tmp_path, capsys, seed_cache):
    assert main(["classify", str(tmp_path / "nope.txt"), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {"file": str(tmp_path / "nope.txt"), "error": "unreadable"}


def test_patients_import_uses_the_stack_database(tmp_path, capsys):
    csv = tmp_path / "p.csv"
    csv.write_text("patient_id,mrn,family,given,birth_date\np1,100001,Kowalski,Olga,1956-03-14\n")
    data = tmp_path / "data"
    assert main(["patients", "import", str(csv), "--data-dir", str(data), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 1
    assert (data / "himflow.db").is_file()
    from indexing.patients import PatientIndex

    assert PatientIndex(f"sqlite:///{data / 'himflow.db'}").get_by_mrn("100001").patient_id == "p1"
    bad = tmp_path / "bad.csv"
    bad.write_text("patient_id,mrn,family\np2,,X\n")
    assert main(["patients", "import", str(bad), "--data-dir", str(data)]) == 1
    captured = capsys.readouterr()
    assert "row 1: mrn" in captured.err and "nothing imported" in captured.out
