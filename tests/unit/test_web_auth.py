"""Sign-in, sessions, cookies, CSRF, lockout and the append-only audit log, over HTTP."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from starlette.testclient import TestClient

from indexing.web.app import CSP, SESSION_COOKIE, WebOptions
from indexing.web.db import audit_log, users
from indexing.web.testkit import (
    add_review_document,
    add_users,
    make_env,
    session_csrf,
    sign_in,
)


@pytest.fixture()
def env(tmp_path):
    env = make_env(tmp_path, options=WebOptions(throttle_free_attempts=3, ip_failure_limit=100))
    add_users(env.engine, rita="records-staff", sam="records-staff")
    return env


def _client(env):
    return TestClient(env.app, follow_redirects=False)


def test_sign_in_sets_an_httponly_samesite_session_cookie(env):
    resp = sign_in(_client(env), "rita")
    assert resp.status_code == 303 and resp.headers["location"] == "/queue"
    cookie = next(h for h in resp.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie


def test_cookie_is_secure_when_configured_for_tls(tmp_path):
    env = make_env(tmp_path, options=WebOptions(cookie_secure=True))
    add_users(env.engine, rita="records-staff")
    resp = sign_in(TestClient(env.app, base_url="https://testserver", follow_redirects=False), "rita")
    cookie = next(h for h in resp.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert "Secure" in cookie


def test_passwords_are_stored_as_argon2id_hashes(env):
    with env.engine.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash)).scalars().all()
    assert stored and all(h.startswith("$argon2id$") for h in stored)


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(env):
    c = _client(env)
    wrong_pw = sign_in(c, "rita", "not-the-password")
    unknown = sign_in(c, "nobody", "not-the-password")
    assert wrong_pw.status_code == unknown.status_code == 401
    assert "Wrong user name or password" in wrong_pw.text and "Wrong user name or password" in unknown.text


def test_repeated_failures_lock_the_account_even_for_the_right_password(env):
    c = _client(env)
    for _ in range(3):
        assert sign_in(c, "rita", "guess-guess-guess").status_code == 401
    locked = sign_in(c, "rita")
    assert locked.status_code == 429 and SESSION_COOKIE not in locked.headers.get("set-cookie", "")
    assert sign_in(_client(env), "sam").status_code == 303  # other accounts unaffected
    with env.engine.connect() as conn:
        actions = conn.execute(sa.select(audit_log.c.action)).scalars().all()
    assert actions.count("sign-in-failed") == 4


def test_sign_in_form_without_its_csrf_token_is_refused(env):
    c = _client(env)
    c.get("/login")
    resp = c.post("/login", data={"csrf": "forged", "username": "rita", "password": "synthetic-pass-123"})
    assert resp.status_code == 403 and SESSION_COOKIE not in resp.headers.get("set-cookie", "")


def test_post_without_the_session_csrf_token_changes_nothing(env):
    add_review_document(env.engine, "doc1", patient_id="P1")
    c = _client(env)
    sign_in(c, "rita")
    for data in ({}, {"csrf": "wrong"}):
        resp = c.post("/documents/doc1/approve", data=data)
        assert resp.status_code == 403
    with env.engine.connect() as conn:
        status = conn.execute(sa.text("SELECT status FROM documents WHERE id='doc1'")).scalar()
    assert status == "review"
    assert c.post("/documents/doc1/approve", data={"csrf": session_csrf(c, "/queue")}).status_code == 303


def test_signing_out_ends_the_session_on_the_server(env):
    c = _client(env)
    sign_in(c, "rita")
    token = c.cookies.get(SESSION_COOKIE)
    assert c.post("/logout", data={"csrf": session_csrf(c, "/queue")}).status_code == 303
    replay = TestClient(env.app, follow_redirects=False, cookies={SESSION_COOKIE: token})
    assert replay.get("/queue").status_code == 303


def test_every_page_carries_the_security_headers(env):
    c = _client(env)
    for resp in (c.get("/login"), c.get("/queue")):
        assert resp.headers["content-security-policy"] == CSP
        assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["cache-control"] == "no-store"


def test_audit_log_refuses_updates_and_deletes(env):
    sign_in(_client(env), "rita")
    for stmt in (audit_log.update().values(username="someone-else"), audit_log.delete()):
        with pytest.raises(DBAPIError), env.engine.begin() as conn:
            conn.execute(stmt)
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(audit_log.c.username)).scalars().all() == ["rita"]


def test_users_cli_adds_and_lists_accounts(tmp_path, monkeypatch, capsys):
    import io
    import json

    from himflow.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password-1\n"))
    assert main(["users", "add", "nora", "--role", "physician", "--password-stdin",
                 "--data-dir", str(tmp_path)]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "add", "olga", "--role", "admin", "--password-stdin",
                 "--data-dir", str(tmp_path)]) == 2
    capsys.readouterr()
    assert main(["users", "list", "--json", "--data-dir", str(tmp_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(u["name"], u["role"]) for u in listed] == [("nora", "physician")]
