"""Reminders of open chart deficiencies (issue 15.3): at configured ages and at the
delinquency limit, one event per deficiency per age on ``himflow.chart-reminders.v1``, so a
hospital routes them to mail or the EHR inbox.

A pass (``remind``) reads the open deficiencies (``chart.deficiencies``), and for each one
whose age reached a reminder age not yet recorded in ``chart_reminders`` writes the row and
the event to the outbox in one transaction: the spine's relay delivers it, a rerun or a
second process finds the row and sends nothing (the row's primary key decides a race). When
several ages are due at once (the schedule was not running, a new rule) only the latest is
sent; the earlier ones are recorded as passed. A deficiency is delinquent from its limit on
(age >= limit days), in the event as on the signature page and in ``himflow deficiencies``.

The ages: ``Settings.chart_reminder_days`` (``HIMFLOW_CHART_REMINDER_DAYS='[3, 7]'``, the
default) plus each rule's limit. The pass runs with the reconciler's schedule
(``himflow reconcile --every``; the Kubernetes CronJob) and from tests through ``remind``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from chart.deficiencies import Deficiency, load_rules, open_deficiencies
from chart.tables import reminders
from himflow import db
from himflow.logs import log_event
from himflow.outbox import enqueue
from himflow.settings import Settings
from schemas import topics
from schemas.chart import ChartDeficiencyReminded, deficiency_key, reminder_event_id

log = logging.getLogger("himflow.chart.reminders")

DEFAULT_DAYS: tuple[int, ...] = (3, 7)
SENT = "sent"
PASSED = "passed"


def reminder_ages(days: Iterable[int], limit_days: int) -> tuple[int, ...]:
    """The ages (days) at which a deficiency with this limit is reminded: the configured
    days and the limit itself, ascending, each once."""
    return tuple(sorted({int(d) for d in days if int(d) >= 0} | {int(limit_days)}))


def key_of(d: Deficiency) -> str:
    return deficiency_key(encounter_id=d.encounter_id, kind=d.kind, type_code=d.type_code, doc_id=d.doc_id)


@dataclass
class ReminderPass:
    sent: list[ChartDeficiencyReminded] = field(default_factory=list)
    passed: int = 0  # earlier ages recorded without an event (a later one was due)


def _recorded(conn: Connection, keys: list[str]) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for i in range(0, len(keys), 500):
        for r in conn.execute(sa.select(reminders.c.deficiency_key, reminders.c.reminder_age_days)
                              .where(reminders.c.deficiency_key.in_(keys[i:i + 500]))):
            out.setdefault(r.deficiency_key, set()).add(int(r.reminder_age_days))
    return out


def _record(conn: Connection, d: Deficiency, key: str, age: int, *, outcome: str, now: datetime) -> bool:
    """Insert the row of (key, age); False when it is there already (another pass won)."""
    try:
        with conn.begin_nested():
            conn.execute(reminders.insert().values(
                deficiency_key=key, reminder_age_days=age, event_id=reminder_event_id(key, age),
                encounter_id=d.encounter_id, physician=d.physician, outcome=outcome, age_days=d.age_days,
                delinquent=d.delinquent, decided_at=now))
    except IntegrityError:
        return False
    return True


def event_for(d: Deficiency, *, reminder_age_days: int, now: datetime) -> ChartDeficiencyReminded:
    key = key_of(d)
    return ChartDeficiencyReminded(
        event_id=reminder_event_id(key, reminder_age_days), deficiency_key=key, occurred_at=now,
        encounter_id=d.encounter_id, patient_id=d.patient_id, kind=d.kind,
        type_code=d.type_code, type_display=d.type_display, doc_id=d.doc_id, physician=d.physician,
        age_days=d.age_days, limit_days=d.limit_days, delinquent=d.delinquent,
        reminder_age_days=reminder_age_days)


def remind(conn: Connection, rules: dict[str, list[dict]], *, days: Iterable[int] = DEFAULT_DAYS,
           now: datetime | None = None) -> ReminderPass:
    """One reminder pass in the caller's transaction: the events go to the outbox with their
    rows, so they are delivered once the transaction commits, and only then."""
    now = now or datetime.now(UTC)
    days = tuple(days)
    found = open_deficiencies(conn, rules, now=now)
    recorded = _recorded(conn, [key_of(d) for d in found])
    result = ReminderPass()
    for d in found:
        key = key_of(d)
        reached = [a for a in reminder_ages(days, d.limit_days) if a <= d.age_days]
        if not reached:
            continue
        done = recorded.get(key, set())
        latest = reached[-1]
        for age in reached[:-1]:
            if age not in done and _record(conn, d, key, age, outcome=PASSED, now=now):
                result.passed += 1
        if latest in done or not _record(conn, d, key, latest, outcome=SENT, now=now):
            continue
        event = event_for(d, reminder_age_days=latest, now=now)
        enqueue(conn, topic=topics.CHART_REMINDERS, key=key, value=event.model_dump_json())
        result.sent.append(event)
    return result


def run_reminder_pass(settings: Settings, *, now: datetime | None = None) -> ReminderPass:
    """The scheduled pass over the settings' database (``himflow reconcile`` runs it)."""
    engine = db.make_engine(settings.db_url)
    try:
        with engine.begin() as conn:
            result = remind(conn, load_rules(settings.data_dir), days=settings.chart_reminder_days, now=now)
    finally:
        engine.dispose()
    if result.sent or result.passed:
        log_event(log, "chart deficiency reminders", sent=len(result.sent), passed=result.passed,
                  delinquent=sum(e.delinquent for e in result.sent))
    return result


def declare(router) -> None:
    """Declare the reminders' topic for the AsyncAPI document (the outbox relay publishes)."""
    router.publisher(topics.CHART_REMINDERS, title="chart-reminders/chart", schema=ChartDeficiencyReminded,
                     description="A physician's open chart deficiency reached a reminder age "
                                 "(configured days and the delinquency limit); one event per "
                                 "deficiency and age, event_id stable across reruns.")
