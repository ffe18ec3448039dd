"""Helpers the web UI's tests and benchmark share: a migrated SQLite app, users per role,
signing in through the real form, and reading a page's CSRF token."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from himflow.db import documents, make_engine, migrate, utcnow
from himflow.settings import Settings, load_settings
from indexing.web.auth import add_user

PASSWORD = "synthetic-pass-123"
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class WebEnv:
    settings: Settings
    engine: Engine
    app: Any


def make_env(data_dir: Path, *, store: Any = None, options: Any = None) -> WebEnv:
    from indexing.web.app import create_app

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
