"""Chart deficiency reminders (issue 15.3): one event per deficiency per reminder age (the
configured days and the delinquency limit) through the outbox, each once however often the
pass runs, delinquent from the limit on and not before; a late first pass sends only the
latest due age. SQLite."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from chart.reminders import PASSED, SENT, remind, reminder_ages, run_reminder_pass
from chart.tables import reminders
from himflow import db
from himflow.encounters import Encounter, upsert_encounter
from himflow.settings import Settings
from schemas import topics
from schemas.chart import ChartDeficiencyReminded, deficiency_key, reminder_event_id

DISCHARGE = datetime(2026, 3, 5, 12, tzinfo=UTC)
RULES = {"IMP": [{"type": "18842-5", "display": "Discharge summary", "from": "discharge", "days": 14}]}


@pytest.fixture()
def engine(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'himflow.db'}")
    db.migrate(engine)
    with engine.begin() as c:
        upsert_encounter(c, Encounter(encounter_id="enc-a", identifier="V1", patient_id="pat-x", enc_class="IMP",
                                      admitted_at=DISCHARGE - timedelta(days=4), discharged_at=DISCHARGE,
                                      attending="dr-a"))
    yield engine
    engine.dispose()


def _pass(engine, day: int, days=(3, 7)):
    with engine.begin() as conn:
        return remind(conn, RULES, days=days, now=DISCHARGE + timedelta(days=day, hours=1))


def _events(engine) -> list[ChartDeficiencyReminded]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(db.outbox).order_by(db.outbox.c.id)).all()
    assert {r.topic for r in rows} <= {topics.CHART_REMINDERS}
    return [ChartDeficiencyReminded.model_validate_json(r.value) for r in rows]


def test_each_reminder_age_is_sent_once_and_delinquent_at_the_limit_not_before(engine):
    sent_on = {}
    for day in range(0, 21):
        for _ in range(2):  # the schedule runs more often than daily: the second pass sends nothing
            result = _pass(engine, day)
            if result.sent:
                sent_on[day] = result.sent
    assert {d: [e.reminder_age_days for e in evs] for d, evs in sent_on.items()} == {3: [3], 7: [7], 14: [14]}
    events = _events(engine)
    assert [(e.reminder_age_days, e.age_days, e.delinquent) for e in events] == [
        (3, 3, False), (7, 7, False), (14, 14, True)]
    key = deficiency_key(encounter_id="enc-a", kind="missing", type_code="18842-5", doc_id=None)
    assert {e.deficiency_key for e in events} == {key}
    assert [e.event_id for e in events] == [reminder_event_id(key, a) for a in (3, 7, 14)]
    e = events[0]
    assert (e.encounter_id, e.patient_id, e.kind, e.type_code, e.physician, e.limit_days) == (
        "enc-a", "pat-x", "missing", "18842-5", "dr-a", 14)
    with engine.connect() as conn:
        keys = conn.execute(sa.select(db.outbox.c.msg_key)).scalars().all()
        outcomes = conn.execute(sa.select(reminders.c.reminder_age_days, reminders.c.outcome,
                                          reminders.c.delinquent)
                                .order_by(reminders.c.reminder_age_days)).all()
    assert set(keys) == {key}  # one key per deficiency: its reminders stay in order
    assert [tuple(o) for o in outcomes] == [(3, SENT, False), (7, SENT, False), (14, SENT, True)]
    # the day before the limit it is open, on the limit delinquent
    assert not _pass_found(engine, 13).delinquent and _pass_found(engine, 14).delinquent


def _pass_found(engine, day):
    from chart.deficiencies import open_deficiencies

    with engine.connect() as conn:
        (d,) = open_deficiencies(conn, RULES, now=DISCHARGE + timedelta(days=day, hours=1))
    return d


def test_a_late_first_pass_sends_only_the_latest_due_age(engine):
    result = _pass(engine, 9)  # the schedule was not running on days 3..8
    assert [e.reminder_age_days for e in result.sent] == [7] and result.passed == 1
    assert _pass(engine, 10).sent == []
    assert [e.reminder_age_days for e in _pass(engine, 30).sent] == [14]
    with engine.connect() as conn:
        outcomes = dict(conn.execute(sa.select(reminders.c.reminder_age_days, reminders.c.outcome)).all())
    assert outcomes == {3: PASSED, 7: SENT, 14: SENT}
    assert [e.reminder_age_days for e in _events(engine)] == [7, 14]


def test_an_unsigned_document_is_reminded_to_its_author_and_a_signature_stops_reminders(engine):
    now = datetime.now(UTC)
    with engine.begin() as c:
        c.execute(db.documents.insert().values(
            id="d1", status="review", kind="dictation", patient_id="pat-x", type_code="18842-5",
            reasons=json.dumps(["unsigned-dictation"]), hint_author="dr-b", hint_encounter="V1",
            created_at=now, updated_at=now))
    (event,) = _pass(engine, 3).sent
    assert (event.kind, event.doc_id, event.physician) == ("unsigned", "d1", "dr-b")
    with engine.begin() as c:
        c.execute(db.documents.update().where(db.documents.c.id == "d1").values(reasons=json.dumps(["signed"])))
    assert _pass(engine, 7).sent == [] and _pass(engine, 14).sent == []


def test_a_restart_never_sends_a_reminder_twice_and_the_ages_come_from_the_settings(tmp_path, engine, monkeypatch):
    monkeypatch.setenv("HIMFLOW_CHART_REMINDER_DAYS", "[5]")
    (tmp_path / "chart-rules.json").write_text(json.dumps(RULES))  # the data dir's rules: one required document
    settings = Settings(data_dir=tmp_path, database_url=str(engine.url))
    assert settings.chart_reminder_days == [5]
    at = DISCHARGE + timedelta(days=5, hours=2)
    assert [e.reminder_age_days for e in run_reminder_pass(settings, now=at).sent] == [5]
    assert run_reminder_pass(settings, now=at).sent == []  # a new process, a new engine: the table remembers
    assert len(_events(engine)) == 1


def test_reminder_ages_are_the_configured_days_and_the_limit():
    assert reminder_ages((3, 7), 14) == (3, 7, 14)
    assert reminder_ages((7, 3, 7), 2) == (2, 3, 7)  # past the limit reminders go on (delinquent)
    assert reminder_ages((), 1) == (1,)
    assert Settings().chart_reminder_days == [3, 7]
