"""Helpers the desk's (review UI's) tests and bench/bench_web.py share: a migrated SQLite app,
users per role, signing in through the real form, and reading a page's CSRF token."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from himflow.db import documents, make_engine, migrate, utcnow
from himflow.settings import Settings, load_settings
from desk.auth import add_user

PASSWORD = "synthetic-pass-123"
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class WebEnv:
    settings: Settings
    engine: Engine
    app: Any


def make_env(data_dir: Path, *, store: Any = None, options: Any = None) -> WebEnv:
    from desk.app import create_app

    settings = load_settings(data_dir)
    engine = make_engine(settings.db_url)
    migrate(engine)
    app = create_app(settings, engine=engine, store=store, options=options, run_migrations=False)
    return WebEnv(settings=settings, engine=engine, app=app)


def add_users(engine: Engine, **name_to_role: str) -> None:
    with engine.begin() as conn:
        for name, role in name_to_role.items():
            add_user(conn, username=name, role=role, password=PASSWORD)


def csrf_of(html: str) -> str:
    m = CSRF_FIELD.search(html)
    if not m:
        raise AssertionError("no CSRF field on the page")
    return m.group(1)


def sign_in(client: Any, username: str, password: str = PASSWORD) -> Any:
    """Sign in through the form (GET for the token, POST the credentials)."""
    page = client.get("/login")
    return client.post("/login", data={"csrf": csrf_of(page.text), "username": username,
                                       "password": password}, follow_redirects=False)


def session_csrf(client: Any, path: str = "/") -> str:
    return csrf_of(client.get(path, follow_redirects=True).text)


def add_review_document(engine: Engine, doc_id: str, **values: Any) -> None:
    from himflow import text_index as store

    text = values.pop("text", "synthetic text about metformin")
    defaults = dict(kind="scan", status="review", type_code="11506-3", type_display="Progress note",
                    type_confidence=0.4, reasons='["low-type-confidence"]', flags="[]",
                    renditions="{}")
    defaults.update(values)
    now = utcnow()
    defaults.setdefault("created_at", now)
    defaults.setdefault("updated_at", defaults["created_at"])
    with engine.begin() as conn:
        conn.execute(documents.insert().values(id=doc_id, **defaults))
        store.index_text(conn, doc_id, text)


def signed_in(app: Any, username: str) -> tuple[Any, str]:
    """(a TestClient signed in as ``username``, its session's CSRF token)."""
    from starlette.testclient import TestClient

    client = TestClient(app, follow_redirects=False)
    assert sign_in(client, username).status_code == 303
    return client, session_csrf(client, "/")


def document_row(engine: Engine, doc_id: str) -> Any:
    import sqlalchemy as sa

    with engine.connect() as conn:
        return conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()


def add_patient(engine: Engine, patient_id: str, mrn: str, family: str, given: str, born: Any) -> None:
    """A patient in the patient index (synthetic)."""
    from himflow.patients_db import mrn_key, patients_table

    with engine.begin() as conn:
        conn.execute(patients_table.insert().values(
            patient_id=patient_id, mrn=mrn, mrn_key=mrn_key(mrn), family=family, given=given,
            family_key=family.lower(), given_key=given.lower(), birth_date=born, source="test",
            updated_at=utcnow()))


def seed_queue(engine: Engine) -> None:
    """The queue tests' documents: four in review from different sources, ages, types and
    patients (d-station, d-web, d-dictation, d-nobody), and one filed (d-filed)."""
    from datetime import date, timedelta

    now = utcnow()
    add_patient(engine, "pat-a", "MR-1001", "Abbott", "Alice", date(1961, 3, 14))
    add_patient(engine, "pat-z", "MR-2002", "Zimmer", "Zoe", date(1990, 12, 1))
    add_review_document(engine, "d-station", patient_id="pat-z", type_code="18842-5",
                        type_display=None, bucket="intake", object_key="2026/12/01/x.pdf",
                        service_date="2026-11-30", created_at=now - timedelta(days=5),
                        reasons='["patient:low-score"]')
    add_review_document(engine, "d-web", patient_id="pat-a", type_code="11488-4",
                        type_display="Consult note", bucket="intake", object_key="web/2026/12/02/y.pdf",
                        service_date="2026-12-01", created_at=now - timedelta(hours=3),
                        reasons='["low-type-confidence"]')
    add_review_document(engine, "d-dictation", kind="dictation", hint_author="phil",
                        patient_id="pat-a", type_code="11506-3", type_display="Progress note",
                        created_at=now - timedelta(minutes=20), reasons='["flag:coverage-low:0.91 uncovered 12.0-27.5s"]')
    add_review_document(engine, "d-nobody", hint_mrn="MR-7777", type_code="unknown",
                        type_display=None, created_at=now - timedelta(days=2),
                        reasons='["no-patient-match"]')
    add_review_document(engine, "d-filed", status="filed", patient_id="pat-a")


def queue_doc_ids(html: str) -> list[str]:
    """The document ids of the queue table's rows, in the page's order."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return re.findall(r'<tr data-doc="([^"]+)"', body)
