"""Patient search and the patient chart (issue 16.2): search by name (partial, accents and case
ignored), date of birth and MRN on SQLite and PostgreSQL; the chart's content in words; only
``read_phi`` roles see it; every search and chart view is audited; no PHI in the logs."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from desk import chart
from desk.db import audit_log
from himflow.db import utcnow
from himflow.encounters import Encounter, upsert_encounter
from indexing.patients import Patient, PatientIndex
from tests.resources.desk_testkit import (
    add_review_document,
    add_users,
    make_env,
    signed_in,
)

PATIENTS = [
    Patient(patient_id="pat-halvorsen", mrn="MR-0042", family="Halvorsen", given="Ingrid",
            birth_date=date(1961, 3, 14), sex="female"),
    Patient(patient_id="pat-halvard", mrn="MR-0043", family="Brekke", given="Halvard",
            birth_date=date(1975, 7, 1), sex="male"),
    Patient(patient_id="pat-nunez", mrn="MR-0044", family="Núñez", given="José",
            birth_date=date(1961, 3, 14), sex="male"),
]


def _load(engine) -> None:
    PatientIndex(engine).upsert_many(PATIENTS, source="test")


def _search(conn, **kw) -> list[str]:
    return [h.patient_id for h in chart.search_patients(conn, chart.Criteria(**kw))]


def _assert_search(engine) -> None:
    with engine.connect() as conn:
        for typed in ("halvorsen", "Halvór", "HALV", "halvorsen ingrid", "Halvorsen, Ingrid"):
            assert "pat-halvorsen" in _search(conn, name=typed), typed
        assert _search(conn, name="HALV") == ["pat-halvard", "pat-halvorsen"]  # family, given
        assert _search(conn, name="Halvorsen Ingrid") == ["pat-halvorsen"]
        assert _search(conn, name="nunez") == ["pat-nunez"] == _search(conn, name="NÚÑ")
        assert _search(conn, name="josé núñez") == ["pat-nunez"]
        assert _search(conn, name="orsen") == []  # names match from their start
        assert _search(conn, name="%") == [] and _search(conn, name="_") == []  # no wildcards
        assert _search(conn, birth_date=date(1961, 3, 14)) == ["pat-halvorsen", "pat-nunez"]
        assert _search(conn, name="halv", birth_date=date(1961, 3, 14)) == ["pat-halvorsen"]
        assert _search(conn, mrn="mr0042") == ["pat-halvorsen"] == _search(conn, mrn="MR-0042")
        assert _search(conn, mrn="MR-0042", name="brekke") == []
        assert _search(conn, mrn="MR-9999") == [] and _search(conn) == []


def test_search_by_name_birth_date_and_mrn_on_sqlite(tmp_path):
    env = make_env(tmp_path)
    _load(env.engine)
    _assert_search(env.engine)


@pytest.mark.integration
def test_search_by_name_birth_date_and_mrn_on_postgresql():
    engine = sa.create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test")
    schema = f"himflow_test_{uuid.uuid4().hex[:10]}"
    with engine.begin() as c:
        c.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        index = PatientIndex(engine, schema=schema)
        index.create_schema()
        index.upsert_many(PATIENTS, source="test")
        _assert_search(index.engine)
    finally:
        with engine.begin() as c:
            c.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture()
def env(tmp_path):
    env = make_env(tmp_path)
    _load(env.engine)
    add_users(env.engine, rita="records-staff", ada="admin", phil="physician", otto="auditor",
              scanner1="scanning-station", rose="release-of-information")
    now = utcnow()
    admitted = datetime(2026, 5, 3, 9, 30, tzinfo=UTC)
    with env.engine.begin() as conn:
        upsert_encounter(conn, Encounter(encounter_id="enc-stay1", identifier="V-1001",
                                         patient_id="pat-halvorsen", enc_class="IMP",
                                         admitted_at=admitted, discharged_at=admitted + timedelta(days=4),
                                         attending="dr-lund", service="Cardiology"), source="test")
    add_review_document(env.engine, "doc-hp", patient_id="pat-halvorsen", status="filed",
                        type_code="34117-2", type_display="History and physical note",
                        service_date="2026-05-03", reasons='["approved"]', created_at=now)
    add_review_document(env.engine, "doc-lab", patient_id="pat-halvorsen", status="filed",
                        type_code="11502-2", type_display="Laboratory report",
                        service_date="2026-05-05", reasons='["approved"]', created_at=now)
    add_review_document(env.engine, "doc-old", patient_id="pat-halvorsen", status="review",
                        type_code="11506-3", type_display="Progress note",
                        service_date="2024-01-10", created_at=now - timedelta(days=3))
    return env


def _audit(env, **where) -> list:
    with env.engine.connect() as conn:
        q = sa.select(audit_log).where(*(getattr(audit_log.c, k) == v for k, v in where.items()))
        return list(conn.execute(q.order_by(audit_log.c.id)))


def test_search_page_finds_halvorsen_by_any_spelling_and_audits(env, caplog):
    c, csrf = signed_in(env.app, "rita")
    form = c.get("/patients").text
    for field, label in (("name", "Name"), ("birth_date", "Date of birth"), ("mrn", "MRN")):
        assert f'<label for="{field}">{label}</label>' in form and f'id="{field}"' in form
    assert "<title>Find a patient" in form and "<h1>Find a patient</h1>" in form
    caplog.set_level(logging.DEBUG)
    for typed in ("halvorsen", "Halvór", "HALV"):
        page = c.post("/patients", data={"csrf": csrf, "name": typed})
        assert page.status_code == 200
        assert 'href="/patients/pat-halvorsen">Ingrid Halvorsen</a>' in page.text
        assert "14 March 1961" in page.text and "MR-0042" in page.text
    by_dob = c.post("/patients", data={"csrf": csrf, "birth_date": "1961-03-14"}).text
    assert "Ingrid Halvorsen" in by_dob and "José Núñez" in by_dob and "Halvard" not in by_dob
    by_mrn = c.post("/patients", data={"csrf": csrf, "mrn": "mr0042"})
    assert by_mrn.status_code == 303 and by_mrn.headers["location"] == "/patients/pat-halvorsen"
    none = c.post("/patients", data={"csrf": csrf, "name": "Zyxwv"}).text
    assert "0 patients found" in none and "No patient matches" in none
    assert c.post("/patients", data={"csrf": csrf}).status_code == 400
    assert c.post("/patients", data={"csrf": csrf, "birth_date": "14.03.1961"}).status_code == 400
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for phi in ("alvor", "ALV", "Halv", "Ingrid", "1961", "0042", "Zyxwv"):
        assert phi not in logged
    searches = _audit(env, action="search", username="rita")
    assert len(searches) == 6 and "name='Halvór'" in searches[1].detail
    assert "matches=2" in searches[2].detail  # HALV: Halvorsen and Halvard
    hits = _audit(env, action="search-hit", patient_id="pat-halvorsen")
    assert len(hits) == 5 and all(h.username == "rita" for h in hits)


def test_chart_shows_demographics_encounters_documents_deficiencies_timeline(env):
    c, _ = signed_in(env.app, "rita")
    page = c.get("/patients/pat-halvorsen")
    assert page.status_code == 200
    html = page.text
    assert "<title>Chart: Ingrid Halvorsen" in html and "<h1>Ingrid Halvorsen</h1>" in html
    age = chart.age_on(date(1961, 3, 14), date.today())
    assert "<dt>Name</dt><dd>Ingrid Halvorsen</dd>" in html
    assert f'<time datetime="1961-03-14">14 March 1961</time> (age {age})' in html
    assert "<dt>Sex</dt><dd>Female</dd>" in html and '<dd class="mono">MR-0042</dd>' in html
    for raw in ("family", "given", "birth_date", "IMP"):
        assert raw not in html
    # the encounter in words, with its documents grouped by type
    assert "Inpatient stay, 3 May 2026" in html and "V-1001" in html and "dr-lund" in html
    assert "2026-05-03 09:30" in html and "2026-05-07 09:30" in html and "Cardiology" in html
    enc = html.split('id="enc-1"')[1].split("</section>")[0]
    assert "<h4>History and physical note (1)</h4>" in enc and "<h4>Laboratory report (1)</h4>" in enc
    assert 'href="/documents/doc-hp"' in enc and 'href="/documents/doc-lab"' in enc
    assert "doc-old" not in enc
    unlinked = html.split('id="unlinked"')[1].split("</section>")[0]
    assert 'href="/documents/doc-old"' in unlinked and "10 January 2024" in unlinked
    # deficiencies: the inpatient stay has no discharge summary
    defs = html.split('id="deficiencies"')[1].split("</section>")[0]
    assert "Discharge summary" in defs and "Missing" in defs and "dr-lund" in defs
    assert "History and physical note" not in defs  # it is there (and not a dictation)
    # the timeline: newest date of service first, every document opens in the viewer
    timeline = html.split('id="timeline"')[1]
    order = [timeline.index(f'href="/documents/{d}"') for d in ("doc-lab", "doc-hp", "doc-old")]
    assert order == sorted(order) and "Timeline (3 documents)" in timeline
    assert c.get("/documents/doc-hp").status_code == 200
    views = _audit(env, action="view-patient", patient_id="pat-halvorsen")
    assert len(views) == 1 and views[0].username == "rita"
    assert views[0].detail == "chart: 3 documents, 1 encounters, 1 open deficiencies"


def test_chart_of_a_patient_known_only_from_documents_and_unknown_ids(env):
    add_review_document(env.engine, "doc-x", patient_id="P-only-docs", hint_mrn="X-1")
    c, csrf = signed_in(env.app, "ada")
    page = c.get("/patients/P-only-docs").text
    assert "Not in the patient index" in page and 'href="/documents/doc-x"' in page
    assert "No encounters recorded." in page
    assert c.get("/patients/pat-does-not-exist").status_code == 404
    assert not _audit(env, action="view-patient", patient_id="pat-does-not-exist")
    found = c.post("/patients", data={"csrf": csrf, "mrn": "X-1"})
    assert found.status_code == 303 and found.headers["location"] == "/patients/P-only-docs"


@pytest.mark.parametrize("user", ["phil", "otto", "scanner1", "rose"])
def test_only_roles_that_read_phi_see_search_and_chart(env, user):
    c, csrf = signed_in(env.app, user)
    for resp in (c.get("/patients"), c.get("/patients/pat-halvorsen"),
                 c.post("/patients", data={"csrf": csrf, "name": "halvorsen"})):
        assert resp.status_code in (302, 303, 403), resp.status_code
        assert "Halvorsen" not in resp.text and "MR-0042" not in resp.text
    assert not _audit(env, action="view-patient", patient_id="pat-halvorsen")
    assert not _audit(env, action="search-hit")


def test_signed_out_is_sent_to_sign_in(env):
    from starlette.testclient import TestClient

    c = TestClient(env.app, follow_redirects=False)
    resp = c.get("/patients/pat-halvorsen")
    assert resp.status_code in (302, 303) and "/login" in resp.headers["location"]
    assert "Halvorsen" not in resp.text
