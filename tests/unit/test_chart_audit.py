"""Chart audit (issue 15.4): an encounter's checklist follows its documents as they arrive and
are signed; a recorded audit keeps the checklist as answered; random samples are drawn again
from their seed; the worklist and summary count the latest audit of each encounter; the desk's
pages audit every patient shown and every result recorded; the CLI draws and lists samples.
Real SQLite database, the desk over HTTP (TestClient)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from chart import audit as chart_audit
from chart.deficiencies import load_rules
from chart.tables import audit_samples, audits
from desk.db import audit_log
from himflow.encounters import Encounter, upsert_encounter
from himflow.errors import RejectedInput
from tests.resources.desk_testkit import add_patient, add_review_document, add_users, make_env, signed_in

UNSIGNED = '["unsigned-dictation", "awaiting-signature"]'
DISCHARGED = datetime(2026, 5, 7, 11, tzinfo=UTC)
CHECKS = chart_audit.load_checks(None)
ALL_YES = {c["key"]: "yes" for c in CHECKS}


@pytest.fixture()
def env(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, rita="records-staff", ada="admin", phil="physician", otto="auditor")
    add_patient(env.engine, "pat-a", "MR-1001", "Abbott", "Alice", date(1961, 3, 14))
    with env.engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-a", identifier="V-1001", patient_id="pat-a",
                                         enc_class="IMP", admitted_at=DISCHARGED - timedelta(days=4),
                                         discharged_at=DISCHARGED, attending="phil"), source="test")
    return env


def _checklist(env, encounter_id="enc-a"):
    with env.engine.connect() as conn:
        return chart_audit.checklist(conn, encounter_id, rules=load_rules(None), checks=CHECKS)


def _statuses(env) -> dict[str, str]:
    return {r.type_code: r.status for r in _checklist(env).required}


def test_checklist_follows_documents_as_they_arrive_and_are_signed(env):
    assert _statuses(env) == {"18842-5": "missing", "34117-2": "missing"}
    # a scanned H&P arrives: present, nothing waits for a signature
    add_review_document(env.engine, "d-hp", status="filed", patient_id="pat-a", type_code="34117-2",
                        type_display="History and physical note", hint_encounter="V-1001", reasons='["approved"]')
    assert _statuses(env) == {"18842-5": "missing", "34117-2": "present"}
    # the dictated discharge summary arrives, not signed yet
    add_review_document(env.engine, "d-ds", kind="dictation", hint_author="phil", patient_id="pat-a",
                        type_code="18842-5", type_display="Discharge summary", hint_encounter="V-1001",
                        reasons=UNSIGNED, text="Discharge summary. Admitted with pneumonia.")
    cl = _checklist(env)
    assert {r.type_code: (r.status, r.doc_ids) for r in cl.required} == {
        "18842-5": ("unsigned", ("d-ds",)), "34117-2": ("present", ("d-hp",))}
    assert {d.doc_id: d.awaiting_signature for d in cl.linked} == {"d-hp": False, "d-ds": True}
    assert next(r for r in cl.required if r.type_code == "18842-5").delinquent  # 14 days past discharge
    # the physician signs it from the signature queue (the desk's real signing path)
    client, csrf = signed_in(env.app, "phil")
    assert client.post("/signatures/d-ds/sign", data={"csrf": csrf}).status_code == 303
    assert _statuses(env) == {"18842-5": "present", "34117-2": "present"}


def test_a_document_of_another_encounter_does_not_count(env):
    with env.engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-b", identifier="V-1002", patient_id="pat-a",
                                         enc_class="IMP", admitted_at=DISCHARGED + timedelta(days=30),
                                         discharged_at=DISCHARGED + timedelta(days=33)), source="test")
    add_review_document(env.engine, "d-other", status="filed", patient_id="pat-a", type_code="34117-2",
                        hint_encounter="V-1002", reasons='["approved"]')
    assert _statuses(env)["34117-2"] == "missing"
    assert [d.doc_id for d in _checklist(env, "enc-b").linked] == ["d-other"]
    assert _checklist(env, "enc-nope") is None


def test_recorded_audit_is_stored_with_the_checklist_as_answered(env):
    cl = _checklist(env)
    answers = dict(ALL_YES, legible="no", encounter="na")
    with env.engine.begin() as conn:
        rec = chart_audit.record_audit(conn, cl, answers=answers, result="fail", auditor="rita",
                                       notes="Second page faint.", extra_findings=["Wrong date on page 2", " "])
    assert [f.code for f in rec.findings] == ["missing:18842-5", "missing:34117-2", "check:legible", "note"]
    # a document arriving later does not rewrite the audit
    add_review_document(env.engine, "d-hp", status="filed", patient_id="pat-a", type_code="34117-2",
                        hint_encounter="V-1001", reasons='["approved"]')
    with env.engine.connect() as conn:
        row = conn.execute(sa.select(audits)).one()
        stored = chart_audit.list_audits(conn, encounter_id="enc-a")
    assert (row.encounter_id, row.patient_id, row.auditor, row.result, row.notes, row.sample_id) == (
        "enc-a", "pat-a", "rita", "fail", "Second page faint.", None)
    answered = json.loads(row.checklist)
    assert [(d["type"], d["status"]) for d in answered["documents"]] == [("18842-5", "missing"), ("34117-2", "missing")]
    assert {c["key"]: c["answer"] for c in answered["checks"]} == answers
    assert json.loads(row.findings)[-1] == {"code": "note", "label": "Wrong date on page 2"}
    assert [(a.id, a.result, len(a.findings)) for a in stored] == [(rec.id, "fail", 4)]


def test_an_audit_is_refused_unanswered_or_failed_without_findings(env):
    add_review_document(env.engine, "d-hp", status="filed", patient_id="pat-a", type_code="34117-2",
                        hint_encounter="V-1001", reasons='["approved"]')
    add_review_document(env.engine, "d-ds", status="filed", patient_id="pat-a", type_code="18842-5",
                        hint_encounter="V-1001", reasons='["approved"]')
    cl = _checklist(env)
    with env.engine.begin() as conn:
        with pytest.raises(RejectedInput, match="answer every check"):
            chart_audit.record_audit(conn, cl, answers={"legible": "yes"}, result="pass", auditor="rita")
        with pytest.raises(RejectedInput, match="at least one finding"):
            chart_audit.record_audit(conn, cl, answers=ALL_YES, result="fail", auditor="rita")
        with pytest.raises(RejectedInput, match="pass or fail"):
            chart_audit.record_audit(conn, cl, answers=ALL_YES, result="maybe", auditor="rita")
        with pytest.raises(RejectedInput, match="not in that sample"):
            chart_audit.record_audit(conn, cl, answers=ALL_YES, result="pass", auditor="rita", sample_id="cas-none")
        ok = chart_audit.record_audit(conn, cl, answers=ALL_YES, result="pass", auditor="rita")
    assert ok.findings == [] and ok.result == "pass"
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(audits)).scalar_one() == 1


def _many_encounters(env, count=30):
    with env.engine.begin() as conn:
        for i in range(count):
            upsert_encounter(conn, Encounter(
                encounter_id=f"enc-s{i:02d}", identifier=f"V-2{i:03d}", patient_id="pat-a",
                enc_class="IMP" if i % 3 else "EMER", admitted_at=DISCHARGED - timedelta(days=2),
                discharged_at=DISCHARGED + timedelta(days=i)), source="test")


def test_a_sample_is_drawn_again_from_its_seed(env):
    _many_encounters(env)
    start, end = date(2026, 5, 8), date(2026, 5, 31)  # discharges +1 .. +24 days: excludes enc-a (+0)
    with env.engine.begin() as conn:
        pool = chart_audit.candidates(conn, enc_class="IMP", start=start, end=end)
        first = chart_audit.create_sample(conn, enc_class="IMP", start=start, end=end, n=5, seed=1234,
                                          created_by="rita")
        second = chart_audit.create_sample(conn, enc_class="IMP", start=start, end=end, n=5, seed=1234,
                                           created_by="ada")
        other = chart_audit.create_sample(conn, enc_class="IMP", start=start, end=end, n=5, seed=99,
                                          created_by="rita")
        unseeded = chart_audit.create_sample(conn, enc_class="IMP", start=start, end=end, n=5, created_by="rita")
    assert "enc-a" not in pool and all(int(e[-2:]) % 3 for e in pool)  # the class and the period
    assert len(pool) == 16 and first.population == 16
    assert len(first.encounter_ids) == 5 and set(first.encounter_ids) <= set(pool)
    assert second.encounter_ids == first.encounter_ids and other.encounter_ids != first.encounter_ids
    # the draw is the seed's ranking of the ids, whatever order they come in
    assert tuple(chart_audit.draw(list(reversed(pool)), 5, 1234)) == first.encounter_ids
    with env.engine.connect() as conn:
        stored = chart_audit.get_sample(conn, unseeded.sample_id)
        row = conn.execute(sa.select(audit_samples).where(audit_samples.c.sample_id == first.sample_id)).one()
        assert stored == unseeded and chart_audit.redraw(conn, stored).same_sample  # its seed was stored
        again = chart_audit.redraw(conn, chart_audit.get_sample(conn, first.sample_id))
    assert (row.seed, row.requested, row.population, json.loads(row.encounter_ids)) == (
        1234, 5, 16, list(first.encounter_ids))
    assert again.same_sample and again.same_population
    # a new discharge in the period changes the population: the redraw says so
    with env.engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-late", patient_id="pat-a", enc_class="IMP",
                                         admitted_at=DISCHARGED, discharged_at=DISCHARGED + timedelta(days=5)),
                         source="test")
        assert not chart_audit.redraw(conn, first).same_population


def test_a_sample_larger_than_its_population_takes_all_and_bad_requests_are_refused(env):
    _many_encounters(env, 6)
    with env.engine.begin() as conn:
        s = chart_audit.create_sample(conn, enc_class="EMER", start=date(2026, 5, 1), end=date(2026, 6, 30), n=10,
                                      seed=7, created_by="rita")
        assert sorted(s.encounter_ids) == ["enc-s00", "enc-s03"]
        for kwargs, message in (({"enc_class": "XYZ"}, "class"), ({"n": 0}, "1 to"),
                                ({"start": date(2026, 7, 1)}, "after the last")):
            args = dict(enc_class="IMP", start=date(2026, 5, 1), end=date(2026, 6, 30), n=3, created_by="rita")
            with pytest.raises(RejectedInput, match=message):
                chart_audit.create_sample(conn, **(args | kwargs))


def test_worklist_and_summary_count_the_latest_audit_of_each_encounter(env):
    _many_encounters(env, 9)
    with env.engine.begin() as conn:
        s = chart_audit.create_sample(conn, enc_class="IMP", start=date(2026, 5, 1), end=date(2026, 6, 30), n=4,
                                      seed=5, created_by="rita")
        rules = load_rules(None)
        a, b, c = s.encounter_ids[:3]
        for enc_id, result, answers in ((a, "fail", dict(ALL_YES, legible="no")), (b, "fail", ALL_YES),
                                        (a, "fail", dict(ALL_YES, identification="no")), (c, "pass", ALL_YES)):
            cl = chart_audit.checklist(conn, enc_id, rules=rules, checks=CHECKS)
            chart_audit.record_audit(conn, cl, answers=answers, result=result, auditor="rita", sample_id=s.sample_id)
        cl = chart_audit.checklist(conn, s.encounter_ids[3], rules=rules, checks=CHECKS)
        chart_audit.record_audit(conn, cl, answers=ALL_YES, result="pass", auditor="rita")  # not for the sample
        items = chart_audit.worklist(conn, s)
    assert [i.encounter_id for i in items] == list(s.encounter_ids)
    assert [i.latest.result if i.latest else None for i in items] == ["fail", "fail", "pass", None]
    summary = chart_audit.summarize(items)
    assert (summary.total, summary.audited, summary.passed, summary.failed, summary.remaining) == (4, 3, 1, 2, 1)
    # every encounter misses both documents; a's latest audit replaced its legibility finding
    assert summary.common_findings == [("Discharge summary missing", 3), ("History and physical note missing", 3),
                                       ("No: Patient identification (name and MRN) on every page", 1)]


def _actions(env, username):
    with env.engine.connect() as conn:
        return [(r.action, r.patient_id, r.detail) for r in conn.execute(
            sa.select(audit_log).where(audit_log.c.username == username).order_by(audit_log.c.id))]


def test_clerk_records_an_audit_over_http_and_every_step_is_in_the_audit_log(env):
    _many_encounters(env, 3)
    client, csrf = signed_in(env.app, "rita")
    page = client.get("/patients/pat-a")
    assert 'href="/chart-audit/encounters/enc-a"' in page.text
    r = client.post("/chart-audit/samples", data={"csrf": csrf, "class": "IMP", "from": "2026-05-01",
                                                  "to": "2026-06-30", "n": "2", "seed": "42"})
    assert r.status_code == 303
    sample_url = r.headers["location"]
    sample_id = sample_url.rsplit("/", 1)[1]
    worklist = client.get(sample_url)
    assert worklist.status_code == 200 and "Alice Abbott" in worklist.text and "To do" in worklist.text
    with env.engine.connect() as conn:
        sample = chart_audit.get_sample(conn, sample_id)
    assert sample.seed == 42 and sample.created_by == "rita"
    enc_id = sample.encounter_ids[0]
    form = client.get(f"/chart-audit/encounters/{enc_id}?sample={sample_id}")
    assert form.status_code == 200 and 'data-status="missing"' in form.text
    # unanswered checks: refused, the page again with the answers given
    data = {"csrf": csrf, "sample": sample_id, "result": "fail", "check-legible": "no", "notes": "faint"}
    refused = client.post(f"/chart-audit/encounters/{enc_id}", data=data)
    assert refused.status_code == 400 and "answer every check" in refused.text and "faint" in refused.text
    data |= {f"check-{k}": "yes" for k in ALL_YES if k != "legible"}
    r = client.post(f"/chart-audit/encounters/{enc_id}", data=data)
    assert r.status_code == 303 and r.headers["location"].startswith(sample_url)
    done = client.get(r.headers["location"])
    assert "Recorded: Alice Abbott, fail" in done.text and 'data-figure="audited">1 of 2' in done.text
    assert "No: Every page legible: 1 encounter" in done.text
    with env.engine.connect() as conn:
        row = conn.execute(sa.select(audits)).one()
    assert (row.encounter_id, row.sample_id, row.auditor, row.result) == (enc_id, sample_id, "rita", "fail")
    actions = [(a, p) for a, p, _ in _actions(env, "rita")]
    assert [a for a in actions if a[0].endswith("chart-audit")] == [
        ("sample-chart-audit", None), ("view-chart-audit", "pat-a"), ("view-chart-audit", "pat-a"),
        ("view-chart-audit", "pat-a"), ("record-chart-audit", "pat-a"), ("view-chart-audit", "pat-a")]
    recorded = [d for a, _, d in _actions(env, "rita") if a == "record-chart-audit"]
    assert recorded == [f"chart audit {row.id} of encounter {enc_id}: fail, 3 findings, sample {sample_id}"]


def test_only_records_staff_and_admins_reach_the_chart_audit(env):
    for name, status in (("rita", 200), ("ada", 200), ("phil", 403), ("otto", 403)):
        client, _ = signed_in(env.app, name)
        assert client.get("/chart-audit").status_code == status, name
        assert client.get("/chart-audit/encounters/enc-a").status_code == status, name
    client, csrf = signed_in(env.app, "phil")
    r = client.post("/chart-audit/encounters/enc-a", data={"csrf": csrf, "result": "pass", **{
        f"check-{k}": v for k, v in ALL_YES.items()}})
    assert r.status_code == 403
    client, _ = signed_in(env.app, "rita")
    assert client.get("/chart-audit/encounters/enc-nope").status_code == 404
    assert client.get("/chart-audit/samples/cas-nope").status_code == 404
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(audits)).scalar_one() == 0


def _cli(tmp_path, *args):
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": str(root), "HIMFLOW_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "himflow.cli", "chart-audit", *args, "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, env=env, check=True)


def test_cli_draws_a_seeded_sample_and_lists_it(env, tmp_path):
    _many_encounters(env, 12)
    env.engine.dispose()
    out = _cli(tmp_path, "sample", "--from", "2026-05-01", "--to", "2026-06-30", "--class", "IMP", "-n", "3",
               "--seed", "77")
    drawn = out.stdout.split()
    assert len(drawn) == 3 and "seed 77" in out.stderr
    again = json.loads(_cli(tmp_path, "sample", "--from", "2026-05-01", "--to", "2026-06-30", "--class", "IMP",
                            "-n", "3", "--seed", "77", "--json").stdout)
    assert [e["encounter_id"] for e in again["encounters"]] == drawn and again["population"] == 9
    listed = json.loads(_cli(tmp_path, "list", "--json").stdout)
    assert len(listed) == 2 and {s["seed"] for s in listed} == {77}
    assert all([e["encounter_id"] for e in s["encounters"]] == drawn for s in listed)
    assert all((s["audited"], s["passed"], s["failed"]) == (0, 0, 0) for s in listed)
    text = _cli(tmp_path, "list").stdout.splitlines()
    assert len(text) == 2 and all("0/3 audited" in line for line in text)
