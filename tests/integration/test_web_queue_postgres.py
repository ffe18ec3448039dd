"""The review queue's query (patient join, filters, sort, the one aggregate) and a bulk approve
on the machine's PostgreSQL server, as on SQLite in tests/unit/test_web_queue.py."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from himflow.db import make_engine, migrate, outbox
from himflow.settings import load_settings
from desk.db import audit_log
from tests.resources.desk_testkit import add_users, document_row, queue_doc_ids, seed_queue, signed_in

pytestmark = pytest.mark.integration


@pytest.fixture()
def pg_env(tmp_path, pg_url):
    from desk.app import create_app

    settings = load_settings(tmp_path, database_url=pg_url)
    engine = make_engine(settings.db_url)
    assert engine.dialect.name == "postgresql"
    migrate(engine)
    add_users(engine, rita="records-staff", sam="records-staff")
    seed_queue(engine)
    yield engine, create_app(settings, engine=engine, run_migrations=False)
    engine.dispose()


def test_queue_views_and_a_bulk_approve_on_postgresql(pg_env):
    engine, app = pg_env
    rita, csrf = signed_in(app, "rita")
    assert queue_doc_ids(rita.get("/queue").text) == ["d-station", "d-nobody", "d-web", "d-dictation"]
    assert queue_doc_ids(rita.get("/queue?sort=patient").text) == [
        "d-web", "d-dictation", "d-station", "d-nobody"]
    assert queue_doc_ids(rita.get("/queue?reason=coverage-low").text) == ["d-dictation"]
    page = rita.get("/queue?source=station&age=1d").text
    assert queue_doc_ids(page) == ["d-station", "d-nobody"] and "2 match these filters" in page
    assert "Zoe Zimmer" in page and "1990-12-01" in page and "Discharge summary" in page
    resp = rita.post("/queue/bulk", data={"csrf": csrf, "action": "approve",
                                          "pick.d-station": "1", "pick.d-nobody": "1"})
    assert resp.status_code == 200 and "Approved: 1 document" in resp.text
    assert "set the patient before approving" in resp.text
    assert document_row(engine, "d-station").status == "filed"
    assert document_row(engine, "d-nobody").status == "review"
    with engine.connect() as conn:
        events = conn.execute(sa.select(outbox.c.msg_key, outbox.c.value)).all()
        approvals = conn.execute(sa.select(audit_log.c.doc_id)
                                 .where(audit_log.c.action == "approve")).scalars().all()
    assert [(k, json.loads(v)["status"]) for k, v in events] == [("d-station", "filed")]
    assert approvals == ["d-station"]
