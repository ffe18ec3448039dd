"""Sign-in, sessions, cookies, CSRF, lockout and the append-only audit log, over HTTP."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from starlette.testclient import TestClient

from desk.app import CSP, SESSION_COOKIE, WebOptions
from desk.db import audit_log, users
from tests.resources.desk_testkit import (
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


def _from(env, ip: str) -> TestClient:
    """A client whose requests reach the app from ``ip``."""
    app = env.app

    async def from_ip(scope, receive, send):
        if scope["type"] == "http":
            scope = dict(scope, client=(ip, 50000))
        await app(scope, receive, send)

    return TestClient(from_ip, follow_redirects=False)


def test_repeated_failures_make_that_address_wait_even_for_the_right_password(env):
    c = _client(env)
    for _ in range(3):
        assert sign_in(c, "rita", "guess-guess-guess").status_code == 401
    locked = sign_in(c, "rita")
    assert locked.status_code == 429 and SESSION_COOKIE not in locked.headers.get("set-cookie", "")
    assert int(locked.headers["retry-after"]) >= 1
    assert sign_in(_client(env), "sam").status_code == 303  # other accounts unaffected
    with env.engine.connect() as conn:
        actions = conn.execute(sa.select(audit_log.c.action)).scalars().all()
    assert actions.count("sign-in-failed") == 4


def test_failures_from_another_address_do_not_lock_the_clerk_out(env):
    attacker, workstation = _from(env, "192.0.2.66"), _from(env, "192.0.2.10")
    for _ in range(12):
        assert sign_in(attacker, "rita", "guess-guess-guess").status_code in (401, 429)
    assert sign_in(attacker, "rita").status_code == 429  # the attacker's address waits
    assert sign_in(workstation, "rita").status_code == 303  # rita at her desk does not


def test_the_wait_doubles_with_each_failure_up_to_the_maximum():
    from desk.auth import SignInPolicy, throttle_delay_s

    policy = SignInPolicy(free_attempts=3, base_delay_s=2, max_delay_s=900)
    assert [throttle_delay_s(n, policy) for n in range(8)] == [0, 0, 0, 2, 4, 8, 16, 32]
    assert throttle_delay_s(30, policy) == 900


def test_the_wait_ends_and_the_right_password_works_again(env):
    from datetime import timedelta

    from himflow.db import utcnow
    from desk.db import login_failures

    c = _from(env, "192.0.2.20")
    for _ in range(4):
        sign_in(c, "rita", "guess-guess-guess")
    assert sign_in(c, "rita").status_code == 429
    with env.engine.begin() as conn:  # as if the delay (2 s doubled once: 4 s) had passed
        conn.execute(login_failures.update().values(at=utcnow() - timedelta(seconds=10)))
    assert sign_in(c, "rita").status_code == 303


def test_an_administrator_unlocks_an_account_for_every_address(env):
    from desk import accounts

    c = _from(env, "192.0.2.30")
    for _ in range(6):
        sign_in(c, "rita", "guess-guess-guess")
    assert sign_in(c, "rita").status_code == 429
    with env.engine.begin() as conn:
        assert accounts.list_accounts(conn, policy=env.app.state.web.options.policy)[0] \
            .throttled_addresses == 1
        assert accounts.unlock(conn, actor=accounts.CLI, username="rita") > 0
    assert sign_in(c, "rita").status_code == 303


def test_session_cookie_lives_as_long_as_the_idle_timeout(env):
    c = _client(env)
    resp = sign_in(c, "rita")
    cookie = next(h for h in resp.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert "Max-Age=1800" in cookie  # 30 min idle, not the 12 h absolute lifetime
    page = c.get("/queue")  # activity slides it, like the server side
    again = next(h for h in page.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE))
    assert "Max-Age=1800" in again


def test_a_planted_sign_in_cookie_and_token_pair_is_refused(env):
    from desk.app import LOGIN_CSRF_COOKIE

    planted = TestClient(env.app, follow_redirects=False, cookies={LOGIN_CSRF_COOKIE: "made-up"})
    resp = planted.post("/login", data={"csrf": "made-up", "username": "rita",
                                        "password": "synthetic-pass-123"})
    assert resp.status_code == 403 and SESSION_COOKIE not in resp.headers.get("set-cookie", "")


def test_a_sign_in_form_issued_to_another_address_is_refused(env):
    import re

    from desk.app import LOGIN_CSRF_COOKIE

    attacker = _from(env, "192.0.2.40")
    page = attacker.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    victim = _from(env, "192.0.2.41")
    victim.cookies.set(LOGIN_CSRF_COOKIE, attacker.cookies[LOGIN_CSRF_COOKIE], path="/login")
    resp = victim.post("/login", data={"csrf": token, "username": "rita",
                                       "password": "synthetic-pass-123"})
    assert resp.status_code == 403


def test_a_sign_in_form_is_good_once(env):
    import re

    c = _client(env)
    page = c.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    data = {"csrf": token, "username": "rita", "password": "guess-guess-guess"}
    assert c.post("/login", data=data).status_code == 401
    assert c.post("/login", data=data).status_code == 403  # replayed form


def test_an_unknown_patient_id_is_404_and_audits_no_patient_view(env):
    c = _client(env)
    sign_in(c, "rita")
    assert c.get("/patients/P-does-not-exist").status_code == 404
    with env.engine.connect() as conn:
        actions = conn.execute(sa.select(audit_log.c.action)).scalars().all()
    assert "view-patient" not in actions
    add_review_document(env.engine, "docp", patient_id="P-known")
    assert c.get("/patients/P-known").status_code == 200


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
