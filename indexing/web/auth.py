"""Local accounts, sign-in with lockout, sessions and CSRF tokens, and what each role may do.

- Passwords: argon2id (argon2-cffi defaults), rehashed on sign-in when the parameters change.
- Sessions: a random 256-bit cookie value; the database keeps only its SHA-256. Idle timeout and
  an absolute lifetime; signing out deletes the row.
- CSRF: a per-session random token that every form carries and every POST must return
  (compared in constant time). The sign-in form uses a double-submit cookie instead.
- Lockout: ``lockout_threshold`` failures for one user name within ``lockout_minutes`` lock that
  name for the window; ``ip_limit`` failures from one address rate-limit that address.
  Unknown names are hashed against a dummy hash so timing does not reveal which names exist.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from himflow.db import utcnow
from himflow.errors import RejectedInput
from indexing.web.db import ROLES, login_failures, sessions, users

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-real-password-" + secrets.token_hex(8))
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@\-]{0,63}$")
MIN_PASSWORD_CHARS = 10

# What each role may do. Every route names one permission; admin may do everything.
PERMISSIONS: dict[str, frozenset[str]] = {
    "read_phi": frozenset({"records-staff", "admin"}),  # documents, search, patients
    "review": frozenset({"records-staff", "admin"}),  # queue, claim, correct, approve, reject
    "dictate": frozenset({"physician"}),  # own dictations: edit and sign
    "upload": frozenset({"scanning-station", "physician", "records-staff", "admin"}),
    "audit": frozenset({"records-staff", "admin"}),  # audit page, disclosure export
    "operations": frozenset({"records-staff", "admin"}),  # volumes, queue depth, dead letters
    "replay": frozenset({"admin"}),  # replay a dead letter
    "signed_in": frozenset(ROLES),  # home page, sign out
}

# Why an access happens, recorded with every audit row (accounting of disclosures).
PURPOSE_BY_ROLE = {
    "records-staff": "operations",
    "admin": "operations",
    "physician": "treatment",
    "scanning-station": "intake",
}


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str

    def may(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission] or (
            self.role == "admin" and permission != "dictate"
        )

    @property
    def purpose(self) -> str:
        return PURPOSE_BY_ROLE.get(self.role, "operations")


@dataclass(frozen=True)
class Session:
    token_hash: str
    user: User
    csrf_token: str


@dataclass(frozen=True)
class SignInPolicy:
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    ip_limit: int = 30
    idle_minutes: int = 30
    max_hours: int = 12


class SignInRefused(Exception):
    """Wrong name or password, or locked out. ``locked`` says which (shown generically)."""

    def __init__(self, *, locked: bool):
        self.locked = locked
        super().__init__("locked" if locked else "invalid credentials")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens_match(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


# -- accounts ---------------------------------------------------------------------------------
def add_user(conn: Connection, *, username: str, role: str, password: str) -> User:
    if not _USERNAME.match(username):
        raise RejectedInput("user name must be 1-64 letters, digits or ._@-")
    if role not in ROLES:
        raise RejectedInput(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise RejectedInput(f"password must have at least {MIN_PASSWORD_CHARS} characters")
    try:
        uid = conn.execute(
            users.insert().values(
                username=username, role=role, password_hash=_hasher.hash(password),
                active=True, created_at=utcnow(),
            )
        ).inserted_primary_key[0]
    except IntegrityError as e:
        raise RejectedInput("a user with that name exists") from e
    return User(id=int(uid), username=username, role=role)


def list_users(conn: Connection) -> list[sa.Row]:
    return list(conn.execute(
        sa.select(users.c.id, users.c.username, users.c.role, users.c.active, users.c.created_at)
        .order_by(users.c.username)
    ))


def get_user(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(sa.select(users).where(users.c.id == user_id, users.c.active.is_(True))).first()
    return User(id=row.id, username=row.username, role=row.role) if row else None


def get_user_by_name(conn: Connection, username: str) -> User | None:
    row = conn.execute(
        sa.select(users).where(users.c.username == username, users.c.active.is_(True))
    ).first()
    return User(id=row.id, username=row.username, role=row.role) if row else None


# -- sign-in -----------------------------------------------------------------------------------
def _failures_since(conn: Connection, key: str, since: datetime) -> int:
    return int(conn.execute(
        sa.select(sa.func.count()).select_from(login_failures)
        .where(login_failures.c.key == key, login_failures.c.at >= since)
    ).scalar() or 0)


def is_locked(conn: Connection, *, username: str, ip: str, policy: SignInPolicy) -> bool:
    since = utcnow() - timedelta(minutes=policy.lockout_minutes)
    return (
        _failures_since(conn, f"user:{username.lower()}", since) >= policy.lockout_threshold
        or _failures_since(conn, f"ip:{ip}", since) >= policy.ip_limit
    )


def verify_credentials(
    conn: Connection, *, username: str, password: str, ip: str, policy: SignInPolicy
) -> User:
    """The user when name and password match and neither name nor address is locked out."""
    if is_locked(conn, username=username, ip=ip, policy=policy):
        raise SignInRefused(locked=True)
    row = conn.execute(
        sa.select(users).where(users.c.username == username, users.c.active.is_(True))
    ).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        now = utcnow()
        conn.execute(login_failures.insert(), [
            {"key": f"user:{username.lower()[:190]}", "at": now},
            {"key": f"ip:{ip[:190]}", "at": now},
        ])
        raise SignInRefused(locked=False)
    conn.execute(login_failures.delete().where(login_failures.c.key == f"user:{username.lower()}"))
    if _hasher.check_needs_rehash(row.password_hash):
        conn.execute(users.update().where(users.c.id == row.id)
                     .values(password_hash=_hasher.hash(password)))
    return User(id=row.id, username=row.username, role=row.role)


# -- sessions ----------------------------------------------------------------------------------
def open_session(conn: Connection, user: User, *, ip: str) -> tuple[str, Session]:
    """A new session; returns the cookie value (shown once) and the session."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    conn.execute(sessions.insert().values(
        token_hash=hash_token(token), user_id=user.id, csrf_token=csrf,
        created_at=now, last_seen=now, ip=ip[:64],
    ))
    return token, Session(token_hash=hash_token(token), user=user, csrf_token=csrf)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def load_session(conn: Connection, token: str | None, *, policy: SignInPolicy) -> Session | None:
    if not token or len(token) > 128:
        return None
    th = hash_token(token)
    row = conn.execute(
        sa.select(sessions, users.c.username, users.c.role, users.c.active)
        .join(users, users.c.id == sessions.c.user_id)
        .where(sessions.c.token_hash == th)
    ).first()
    if row is None:
        return None
    now = utcnow()
    expired = (
        not row.active
        or now - _aware(row.last_seen) > timedelta(minutes=policy.idle_minutes)
        or now - _aware(row.created_at) > timedelta(hours=policy.max_hours)
    )
    if expired:
        conn.execute(sessions.delete().where(sessions.c.token_hash == th))
        return None
    if now - _aware(row.last_seen) > timedelta(seconds=60):  # cheap sliding expiry
        conn.execute(sessions.update().where(sessions.c.token_hash == th).values(last_seen=now))
    return Session(
        token_hash=th, user=User(id=row.user_id, username=row.username, role=row.role),
        csrf_token=row.csrf_token,
    )


def close_session(conn: Connection, token_hash: str) -> None:
    conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))
