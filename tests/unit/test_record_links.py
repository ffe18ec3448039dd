"""Who may follow the links of a published DocumentReference: an integration token (only for
published documents, audited per fetch, refused once revoked), signed-in records staff;
nobody else. The token is created and revoked with the CLI; only its hash is stored."""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from starlette.testclient import TestClient

from himflow.cli import main
from publishing.record import publish_for
from desk.db import audit_log, integration_tokens
from tests.resources.desk_testkit import add_review_document, add_users, make_env, sign_in
from schemas.events import DocumentIndexed, DocumentStatus

TEXT = "Discharge summary. Metformin 500 mg twice daily."


def _env(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, rita="records-staff", phil="physician")
    add_review_document(env.engine, "pub1", status="filed", patient_id="P1", reasons="[]", text=TEXT)
    add_review_document(env.engine, "unpub", status="review", patient_id="P2", text="not published")
    publish_for(env.engine, DocumentIndexed(doc_id="pub1", status=DocumentStatus.FILED), settings=env.settings)
    return env


def test_a_token_reads_published_texts_only_audited_and_not_after_revocation(tmp_path, capsys):
    env = _env(tmp_path)
    assert main(["record", "token", "create", "mirth-prod", "--data-dir", str(tmp_path)]) == 0
    token = capsys.readouterr().out.strip()
    with env.engine.connect() as conn:
        stored = conn.execute(sa.select(integration_tokens.c.token_hash)).scalar()
    assert stored == hashlib.sha256(token.encode()).hexdigest() and token not in stored

    c = TestClient(env.app, follow_redirects=False)
    auth = {"Authorization": f"Bearer {token}"}
    sha1 = hashlib.sha1(TEXT.encode()).hexdigest()
    r = c.get(f"/documents/pub1/text/{sha1}", headers=auth)
    assert r.status_code == 200 and r.text == TEXT
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.headers["content-disposition"].startswith("attachment")
    assert c.get("/documents/pub1/text/" + "0" * 40, headers=auth).status_code == 404
    assert c.get("/documents/unpub/text", headers=auth).status_code == 404  # never published
    assert c.get("/documents/pub1/original", headers=auth).status_code == 404  # no stored original
    none = c.get(f"/documents/pub1/text/{sha1}")
    assert none.status_code == 401 and none.headers["www-authenticate"].startswith("Bearer")
    assert c.get(f"/documents/pub1/text/{sha1}", headers={"Authorization": "Bearer hfi_nope"}).status_code == 401
    with env.engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log).where(audit_log.c.action == "integration-fetch")).all()
    assert [(r.username, r.role, r.doc_id, r.patient_id) for r in rows] == [
        ("integration:mirth-prod", "integration", "pub1", "P1")]

    assert main(["record", "token", "list", "--json", "--data-dir", str(tmp_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [t["name"] for t in listed] == ["mirth-prod"] and listed[0]["last_used_at"]
    assert main(["record", "token", "revoke", "mirth-prod", "--data-dir", str(tmp_path)]) == 0
    assert c.get(f"/documents/pub1/text/{sha1}", headers=auth).status_code == 401
    assert main(["record", "token", "revoke", "mirth-prod", "--data-dir", str(tmp_path)]) == 1


def test_signed_in_records_staff_may_follow_the_links_a_physician_may_not(tmp_path):
    env = _env(tmp_path)
    staff = TestClient(env.app, follow_redirects=False)
    assert sign_in(staff, "rita").status_code == 303
    r = staff.get("/documents/unpub/text")
    assert r.status_code == 200 and r.text == "not published"
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(audit_log).where(audit_log.c.action == "download",
                                                       audit_log.c.doc_id == "unpub")).first()
    doctor = TestClient(env.app, follow_redirects=False)
    assert sign_in(doctor, "phil").status_code == 303
    assert doctor.get("/documents/pub1/text").status_code == 403
