"""Accounts people can run: the administrators' Users page and `himflow users ...` (one code
path, every change audited), one-time passwords with a forced change, the first administrator
of a fresh data dir, and who may name an upload's author or read the audit log."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from himflow.db import upload_hints
from desk.app import SESSION_COOKIE
from desk.db import audit_log, users
from tests.resources.desk_testkit import add_users, make_env, session_csrf, sign_in

ROOT = Path(__file__).resolve().parents[2]
ONE_TIME = re.compile(r'id="one-time-password">([^<]+)<')


@pytest.fixture()
def env(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, ada="admin", rita="records-staff", phil="physician",
              scanner1="scanning-station", otto="auditor")
    return env


def _signed_in(env, name: str, password: str | None = None) -> tuple[TestClient, str]:
    c = TestClient(env.app, follow_redirects=False)
    resp = sign_in(c, name) if password is None else sign_in(c, name, password)
    assert resp.status_code == 303, resp.text
    return c, session_csrf(c, "/account/password" if password else "/")


def _user_id(env, name: str) -> int:
    with env.engine.connect() as conn:
        return conn.execute(sa.select(users.c.id).where(users.c.username == name)).scalar()


def _audit_actions(env) -> list[tuple[str, str | None, str]]:
    with env.engine.connect() as conn:
        return [(r.action, r.username, r.detail or "") for r in conn.execute(
            sa.select(audit_log).where(audit_log.c.action.like("user-%")
                                       | (audit_log.c.action == "password-change"))
            .order_by(audit_log.c.id))]


def test_admin_lists_users_with_role_state_and_last_sign_in(env):
    _signed_in(env, "rita")
    c, _ = _signed_in(env, "ada")
    page = c.get("/admin/users")
    assert page.status_code == 200
    row = re.search(r'<tr id="user-rita">(.*?)</tr>', page.text, re.DOTALL).group(1)
    assert 'value="records-staff" selected' in row and "active" in row and "never" not in row
    assert "never" in re.search(r'<tr id="user-phil">(.*?)</tr>', page.text, re.DOTALL).group(1)


def test_only_administrators_reach_the_users_page(env):
    for name in ("rita", "phil", "scanner1", "otto"):
        c, csrf = _signed_in(env, name)
        assert c.get("/admin/users").status_code == 403
        assert c.post(f"/admin/users/{_user_id(env, 'ada')}/deactivate",
                      data={"csrf": csrf}).status_code == 403


def test_a_user_added_in_the_browser_must_change_the_one_time_password(env):
    admin, csrf = _signed_in(env, "ada")
    page = admin.post("/admin/users", data={"csrf": csrf, "username": "nina", "role": "records-staff"})
    once = ONE_TIME.search(page.text).group(1)
    assert admin.get("/admin/users").text.count(once) == 0  # shown once
    nina = TestClient(env.app, follow_redirects=False)
    resp = sign_in(nina, "nina", once)
    assert resp.status_code == 303 and resp.headers["location"] == "/account/password"
    assert nina.get("/queue").headers["location"] == "/account/password"
    csrf = session_csrf(nina, "/account/password")
    assert nina.post("/search", data={"csrf": csrf, "q": "x"}).status_code == 403
    changed = nina.post("/account/password", data={
        "csrf": csrf, "current_password": once, "new_password": "nina-own-password-1",
        "again": "nina-own-password-1"})
    assert changed.status_code == 303
    assert nina.get("/queue").status_code == 200
    assert sign_in(TestClient(env.app, follow_redirects=False), "nina", "nina-own-password-1") \
        .headers["location"] == "/queue"
    actions = [a for a, _, _ in _audit_actions(env)]
    assert actions == ["user-add", "password-change"]


def test_deactivating_ends_the_sessions_and_the_sign_ins(env):
    rita, _ = _signed_in(env, "rita")
    admin, csrf = _signed_in(env, "ada")
    assert admin.post(f"/admin/users/{_user_id(env, 'rita')}/deactivate",
                      data={"csrf": csrf}).status_code == 303
    assert rita.get("/queue").status_code == 303  # back to sign-in
    assert sign_in(TestClient(env.app, follow_redirects=False), "rita").status_code == 401
    assert admin.post(f"/admin/users/{_user_id(env, 'rita')}/activate",
                      data={"csrf": csrf}).status_code == 303
    assert sign_in(TestClient(env.app, follow_redirects=False), "rita").status_code == 303
    assert [(a, u) for a, u, _ in _audit_actions(env)] == [("user-deactivate", "ada"),
                                                          ("user-activate", "ada")]


def test_reset_password_gives_a_one_time_password_and_ends_sessions(env):
    rita, _ = _signed_in(env, "rita")
    admin, csrf = _signed_in(env, "ada")
    page = admin.post(f"/admin/users/{_user_id(env, 'rita')}/reset", data={"csrf": csrf})
    once = ONE_TIME.search(page.text).group(1)
    assert rita.get("/queue").status_code == 303
    assert sign_in(TestClient(env.app, follow_redirects=False), "rita").status_code == 401
    resp = sign_in(TestClient(env.app, follow_redirects=False), "rita", once)
    assert resp.headers["location"] == "/account/password"


def test_role_change_applies_at_once_and_is_audited(env):
    rita, _ = _signed_in(env, "rita")
    assert rita.get("/queue").status_code == 200
    admin, csrf = _signed_in(env, "ada")
    assert admin.post(f"/admin/users/{_user_id(env, 'rita')}/role",
                      data={"csrf": csrf, "role": "auditor"}).status_code == 303
    assert rita.get("/queue").status_code == 403 and rita.get("/audit").status_code == 200
    assert _audit_actions(env)[-1][2] == "account rita role records-staff -> auditor"


def test_unlock_in_the_browser_clears_the_throttle(env):
    attacker = TestClient(env.app, follow_redirects=False)
    for _ in range(5):
        sign_in(attacker, "rita", "guess-guess-guess")
    assert sign_in(attacker, "rita").status_code == 429
    admin, csrf = _signed_in(env, "ada")
    row = re.search(r'<tr id="user-rita">(.*?)</tr>', admin.get("/admin/users").text, re.DOTALL).group(1)
    assert "throttled from 1 address" in row
    assert admin.post(f"/admin/users/{_user_id(env, 'rita')}/unlock",
                      data={"csrf": csrf}).status_code == 303
    assert sign_in(attacker, "rita").status_code == 303


def test_the_last_administrator_stays(env):
    admin, csrf = _signed_in(env, "ada")
    ada = _user_id(env, "ada")
    assert admin.post(f"/admin/users/{ada}/deactivate", data={"csrf": csrf}).status_code == 400
    assert admin.post(f"/admin/users/{ada}/role", data={"csrf": csrf, "role": "records-staff"}) \
        .status_code == 400
    assert admin.get("/admin/users").status_code == 200


# -- the command line ---------------------------------------------------------------------------
def _cli(data_dir: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "himflow.cli", "users", *args, "--data-dir",
                           str(data_dir)], input=stdin, capture_output=True, env=env, timeout=120, check=False,
                          stdin=None if stdin is not None else subprocess.DEVNULL)


def test_users_add_without_a_terminal_prints_a_one_time_password(tmp_path):
    done = _cli(tmp_path, "add", "nora", "--role", "physician")
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    once = re.search(rb"one-time password for nora: (\S+)", done.stdout).group(1).decode()
    env = make_env(tmp_path)
    resp = sign_in(TestClient(env.app, follow_redirects=False), "nora", once)
    assert resp.headers["location"] == "/account/password"


def test_users_add_with_an_empty_password_stdin_says_why(tmp_path):
    done = _cli(tmp_path, "add", "nora", "--role", "physician", "--password-stdin", stdin=b"")
    assert done.returncode == 2 and b"no password on standard input" in done.stderr
    assert b"Traceback" not in done.stderr


def test_users_cli_runs_accounts_and_audits_each_change(tmp_path):
    assert _cli(tmp_path, "add", "nora", "--role", "records-staff", "--password-stdin",
                stdin=b"a-long-password-1\n").returncode == 0
    assert _cli(tmp_path, "add", "ada", "--role", "admin", "--one-time-password").returncode == 0
    assert _cli(tmp_path, "role", "nora", "auditor").returncode == 0
    assert _cli(tmp_path, "unlock", "nora").returncode == 0
    reset = _cli(tmp_path, "reset", "nora")
    assert reset.returncode == 0 and b"one-time password for nora: " in reset.stdout
    assert _cli(tmp_path, "deactivate", "nora").returncode == 0
    last = _cli(tmp_path, "deactivate", "ada")
    assert last.returncode == 2 and b"last active administrator" in last.stderr
    listed = json.loads(_cli(tmp_path, "list", "--json").stdout)
    nora = next(u for u in listed if u["name"] == "nora")
    assert nora["role"] == "auditor" and nora["active"] is False and nora["must_change_password"]
    env = make_env(tmp_path)
    with env.engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log.c.action, audit_log.c.ip, audit_log.c.username)
                            .order_by(audit_log.c.id)).all()
    assert [r.action for r in rows] == ["user-add", "user-add", "user-role", "user-unlock",
                                        "user-reset-password", "user-deactivate"]
    assert {(r.ip, r.username) for r in rows} == {("cli", None)}


# -- the first start ----------------------------------------------------------------------------
def test_first_start_creates_an_administrator_with_a_one_time_password(tmp_path):
    from desk.accounts import first_start_lines

    env = make_env(tmp_path)
    lines = first_start_lines(env.engine, data_dir=str(tmp_path), ui_url="http://127.0.0.1:1/",
                              terminal=True)
    once = re.search(r"one-time password\s+(\S+)\s", lines[0]).group(1)
    assert "sign in at http://127.0.0.1:1/ as admin" in lines[1]
    resp = sign_in(TestClient(env.app, follow_redirects=False), "admin", once)
    assert resp.status_code == 303 and resp.headers["location"] == "/account/password"
    again = first_start_lines(env.engine, data_dir=str(tmp_path), ui_url="http://x/", terminal=True)
    assert once not in " ".join(again) and "himflow users add" in again[0]  # printed once


def test_first_start_without_a_terminal_prints_no_password(tmp_path):
    from desk.accounts import first_start_lines

    env = make_env(tmp_path)
    lines = first_start_lines(env.engine, data_dir=str(tmp_path), ui_url="http://x/",
                              terminal=False)
    text = " ".join(lines)
    assert "himflow users reset admin" in text and "password  " not in text
    with env.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == "admin")).first()
    assert row.role == "admin" and row.must_change_password


# -- role scoping -------------------------------------------------------------------------------
def test_only_the_physician_or_an_admin_names_an_uploads_author(env):
    for name in ("scanner1", "rita"):
        c, csrf = _signed_in(env, name)
        resp = c.post("/upload", data={"csrf": csrf, "author": "phil"},
                      files={"file": ("d.wav", b"RIFF....WAVE")})
        assert resp.status_code == 403, name
    with env.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(upload_hints)).scalar() == 0
    admin, csrf = _signed_in(env, "ada")
    not_a_physician = admin.post("/upload", data={"csrf": csrf, "author": "rita"},
                                 files={"file": ("d.wav", b"RIFF....WAVE")})
    assert not_a_physician.status_code == 400 and "active physician" in not_a_physician.text
    named = admin.post("/upload", data={"csrf": csrf, "author": "phil"})
    assert named.status_code == 400 and "choose a file" in named.text  # past the author check
    c, _ = _signed_in(env, "scanner1")
    assert 'name="author"' not in c.get("/upload").text


def test_the_audit_log_is_for_auditors_and_admins_only(env):
    for name, status in (("rita", 403), ("phil", 403), ("scanner1", 403), ("otto", 200),
                         ("ada", 200)):
        c, csrf = _signed_in(env, name)
        assert c.get("/audit").status_code == status, name
        assert c.post("/audit/export", data={"csrf": csrf}).status_code == status, name
    otto, _ = _signed_in(env, "otto")
    assert otto.get("/queue").status_code == 403 and otto.get("/search").status_code == 403
    assert SESSION_COOKIE in otto.cookies


def test_an_existing_database_gets_the_new_account_columns(tmp_path):
    """A web_users table from before last sign-in / forced change existed is upgraded in place."""
    from himflow.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "CREATE TABLE web_users (id INTEGER PRIMARY KEY, username VARCHAR(64) NOT NULL UNIQUE, "
            "role VARCHAR(32) NOT NULL, password_hash TEXT NOT NULL, active BOOLEAN NOT NULL, "
            "created_at DATETIME NOT NULL)"))
        conn.execute(sa.text("INSERT INTO web_users VALUES (1, 'rita', 'records-staff', 'x', 1, "
                             "'2026-01-01 00:00:00')"))
    migrate(engine)
    migrate(engine)  # idempotent
    with engine.connect() as conn:
        row = conn.execute(sa.select(users)).one()
    assert row.username == "rita" and row.must_change_password is False
    assert row.last_sign_in_at is None
