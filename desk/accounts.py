"""Running accounts: the one code path behind the administrators' browser page and
`himflow users ...`. Every change writes an audit row in the same transaction (the actor is
the signed-in administrator, or no user with the address ``cli`` for the command line).

One-time passwords (a new account without a password, a reset, the first administrator) are
returned to the caller to show once, and the account must change its password at its next
sign-in. The last active administrator cannot be deactivated or given another role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow.errors import RejectedInput
from desk import audit
from desk.auth import (
    SignInPolicy,
    User,
    add_user,
    check_password,
    clear_throttle,
    close_sessions_of,
    one_time_password,
    set_password,
    throttled_accounts,
)
from desk.db import ROLES, users

FIRST_ADMIN = "admin"
CLI_WHERE = audit.Where(ip="cli", user_agent="himflow users")

USER_ADD = "user-add"
USER_DEACTIVATE = "user-deactivate"
USER_ACTIVATE = "user-activate"
USER_UNLOCK = "user-unlock"
USER_RESET = "user-reset-password"
USER_ROLE = "user-role"
PASSWORD_CHANGE = "password-change"


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a signed-in user with the request's address, or the CLI."""

    user: User | None
    where: audit.Where


CLI = Actor(user=None, where=CLI_WHERE)


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    role: str
    active: bool
    created_at: datetime
    last_sign_in_at: datetime | None
    must_change_password: bool
    throttled_addresses: int  # addresses currently made to wait before trying this account


def list_accounts(conn: Connection, *, policy: SignInPolicy) -> list[Account]:
    throttled = throttled_accounts(conn, policy=policy)
    rows = conn.execute(sa.select(users).order_by(users.c.username))
    return [Account(id=r.id, username=r.username, role=r.role, active=bool(r.active),
                    created_at=r.created_at, last_sign_in_at=r.last_sign_in_at,
                    must_change_password=bool(r.must_change_password),
                    throttled_addresses=throttled.get(r.username.lower(), 0)) for r in rows]


def _row(conn: Connection, username: str):
    row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    if row is None:
        raise RejectedInput("no such account")
    return row


def _active_admins(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(users).where(
        users.c.role == "admin", users.c.active.is_(True))).scalar() or 0)


def _audit(conn: Connection, actor: Actor, action: str, detail: str) -> None:
    audit.record(conn, user=actor.user, action=action, where=actor.where, purpose="operations",
                 detail=detail)


def add_account(conn: Connection, *, actor: Actor, username: str, role: str,
                password: str | None = None) -> tuple[User, str | None]:
    """Create an account; without ``password`` a one-time password is made and returned."""
    once: str | None = None
    if not password:
        password = once = one_time_password()
    user = add_user(conn, username=username, role=role, password=password,
                    must_change=once is not None)
    _audit(conn, actor, USER_ADD, f"account {user.username} role {role}"
           + (" one-time password" if once else ""))
    return user, once


def deactivate(conn: Connection, *, actor: Actor, username: str) -> None:
    row = _row(conn, username)
    if actor.user is not None and actor.user.id == row.id:
        raise RejectedInput("you cannot deactivate your own account")
    if row.role == "admin" and row.active and _active_admins(conn) <= 1:
        raise RejectedInput("this is the last active administrator")
    conn.execute(users.update().where(users.c.id == row.id).values(active=False))
    close_sessions_of(conn, row.id)
    _audit(conn, actor, USER_DEACTIVATE, f"account {row.username}")


def activate(conn: Connection, *, actor: Actor, username: str) -> None:
    row = _row(conn, username)
    conn.execute(users.update().where(users.c.id == row.id).values(active=True))
    _audit(conn, actor, USER_ACTIVATE, f"account {row.username}")


def unlock(conn: Connection, *, actor: Actor, username: str) -> int:
    """Clear the account's sign-in throttle from every address; returns the failures cleared."""
    row = _row(conn, username)
    cleared = clear_throttle(conn, row.username)
    _audit(conn, actor, USER_UNLOCK, f"account {row.username} failures cleared {cleared}")
    return cleared


def reset_password(conn: Connection, *, actor: Actor, username: str) -> str:
    """A new one-time password (returned to show once); ends the account's sessions and
    clears its throttle; the account must change it at its next sign-in."""
    row = _row(conn, username)
    once = one_time_password()
    set_password(conn, row.id, once, must_change=True)
    close_sessions_of(conn, row.id)
    clear_throttle(conn, row.username)
    _audit(conn, actor, USER_RESET, f"account {row.username}")
    return once


def change_role(conn: Connection, *, actor: Actor, username: str, role: str) -> None:
    if role not in ROLES:
        raise RejectedInput(f"role must be one of {', '.join(ROLES)}")
    row = _row(conn, username)
    if row.role == role:
        return
    if row.role == "admin" and row.active and _active_admins(conn) <= 1:
        raise RejectedInput("this is the last active administrator")
    conn.execute(users.update().where(users.c.id == row.id).values(role=role))
    _audit(conn, actor, USER_ROLE, f"account {row.username} role {row.role} -> {role}")


def change_own_password(conn: Connection, *, actor: Actor, session_hash: str, current: str,
                        new: str) -> None:
    """The signed-in user's own change (also the forced one after a one-time password)."""
    user = actor.user
    if user is None or not check_password(conn, user.id, current):
        raise RejectedInput("the current password is wrong")
    if new == current:
        raise RejectedInput("choose a password different from the current one")
    set_password(conn, user.id, new, must_change=False)
    close_sessions_of(conn, user.id, keep=session_hash)
    _audit(conn, actor, PASSWORD_CHANGE, f"account {user.username}")


def ensure_first_admin(conn: Connection) -> str | None:
    """On a database with no account at all, create the administrator ``admin`` with a
    one-time password and return it (to be shown once); else None."""
    if conn.execute(sa.select(sa.func.count()).select_from(users)).scalar():
        return None
    _, once = add_account(conn, actor=Actor(user=None, where=audit.Where(ip="first-start",
                                                                         user_agent="himflow up")),
                          username=FIRST_ADMIN, role="admin")
    return once


def first_start_lines(engine, *, data_dir: str, ui_url: str, terminal: bool) -> list[str]:
    """What `himflow up` prints after its ready line about signing in. On a database without
    accounts this creates the administrator ``admin``; its one-time password is printed only
    to a terminal (never to a log or a redirected output: there the lines say how to get one
    with `himflow users reset`)."""
    with engine.begin() as conn:
        once = ensure_first_admin(conn)
    reset = f"himflow users reset {FIRST_ADMIN} --data-dir {data_dir}"
    if once is None:
        return [(f"himflow: sign in at {ui_url} (accounts: `himflow users add NAME --role ROLE "
                 f"--data-dir {data_dir}` or the Users page)")]
    if terminal:
        return [(f"himflow: first start: administrator '{FIRST_ADMIN}' created with the one-time "
                 f"password  {once}  (shown once; you choose your own at the first sign-in)"),
                (f"himflow: sign in at {ui_url} as {FIRST_ADMIN} with that password "
                 f"(lost it? `{reset}`)")]
    return [(f"himflow: first start: administrator '{FIRST_ADMIN}' created; its one-time password "
             "is not printed because the output is not a terminal"),
            (f"himflow: get one with `{reset}` on a terminal, then sign in at {ui_url} as "
             f"{FIRST_ADMIN}")]
