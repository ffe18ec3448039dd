"""Local accounts, sign-in with lockout, sessions and CSRF tokens, and what each role may do.

- Passwords: argon2id (argon2-cffi defaults), rehashed on sign-in when the parameters change.
- Sessions: a random 256-bit cookie value; the database keeps only its SHA-256. Idle timeout and
  an absolute lifetime; signing out deletes the row.
- CSRF: a per-session random token that every form carries and every POST must return
  (compared in constant time). The sign-in form's token belongs to a server-side pre-session
  (single use, bound to the address it was issued to): a cookie/token pair made up or planted
  by someone else is refused.
- Throttling, per account *and* address: after ``free_attempts`` failures of one account from
  one address, that address waits ``base_delay_s`` doubled at each failure (up to
  ``max_delay_s``) before its next try; ``ip_limit`` failures from one address across all names
  stop that address for ``ip_window_minutes``. No one can lock a clerk out from elsewhere; an
  administrator can clear an account's throttle (``clear_throttle``).
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
from desk.db import ROLES, login_failures, login_presessions, sessions, users

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-real-password-" + secrets.token_hex(8))
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@\-]{0,63}$")
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 256

# What each role may do. Every route names one permission; admin may do everything.
PERMISSIONS: dict[str, frozenset[str]] = {
    "read_phi": frozenset({"records-staff", "admin"}),  # documents, search, patients
    "review": frozenset({"records-staff", "admin"}),  # queue, claim, correct, approve, reject
    "dictate": frozenset({"physician"}),  # own dictations: edit and sign
    "upload": frozenset({"scanning-station", "physician", "records-staff", "admin"}),
    # Name another physician as a file's author on upload (it lands in their dictation list).
    # A physician's own uploads are always theirs; nobody else but an administrator may
    # attribute authorship, and only to an active physician account.
    "attribute_authorship": frozenset({"admin"}),
    "audit": frozenset({"auditor", "admin"}),  # audit page, disclosure export
    "manage_users": frozenset({"admin"}),  # accounts: add, deactivate, unlock, reset, role
    "operations": frozenset({"records-staff", "admin"}),  # volumes, queue depth, dead letters
    "replay": frozenset({"admin"}),  # replay a dead letter
    "signed_in": frozenset(ROLES),  # home page, sign out
    # Release of information (roi/web): requests, packets, redaction review, accounting; only
    # the release-of-information role releases a packet (not even an administrator).
    "roi": frozenset({"release-of-information", "records-staff", "admin"}),
    "roi_release": frozenset({"release-of-information"}),
    # The department's reports (reports/web.py): counts, charts, CSV export.
    "reports": frozenset({"records-staff", "admin"}),
    # Chart audit (desk/routes_chart_audit.py): checklists, results, random samples.
    "chart_audit": frozenset({"records-staff", "admin"}),
    # Retention (chart/retention.py, /retention): records staff see what is past retention,
    # propose destructions and set legal holds; only an administrator approves a destruction
    # (another person than who proposed it) or releases a hold.
    "retention": frozenset({"records-staff", "admin"}),
    "retention_approve": frozenset({"admin"}),
}

# Why an access happens, recorded with every audit row (accounting of disclosures).
PURPOSE_BY_ROLE = {
    "records-staff": "operations",
    "admin": "operations",
    "physician": "treatment",
    "scanning-station": "intake",
    "auditor": "compliance",
    "release-of-information": "disclosure",
}


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    must_change_password: bool = False

    def may(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission] or (
            self.role == "admin" and permission not in ("dictate", "roi_release")
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
    free_attempts: int = 3  # failures of one account from one address before delays start
    base_delay_s: int = 2
    max_delay_s: int = 900
    window_minutes: int = 60  # failures older than this are forgotten
    ip_limit: int = 30  # failures from one address (any names) within ip_window_minutes
    ip_window_minutes: int = 15
    idle_minutes: int = 30
    max_hours: int = 12
    presession_minutes: int = 30  # how long a sign-in form stays valid


class SignInRefused(Exception):
    """Wrong name or password, or made to wait. ``locked`` says which (shown generically)."""

    def __init__(self, *, locked: bool, retry_after_s: int = 0):
        self.locked = locked
        self.retry_after_s = retry_after_s
        super().__init__("throttled" if locked else "invalid credentials")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens_match(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


# -- accounts ---------------------------------------------------------------------------------
def add_user(conn: Connection, *, username: str, role: str, password: str,
             must_change: bool = False) -> User:
    if not _USERNAME.match(username):
        raise RejectedInput("user name must be 1-64 letters, digits or ._@-")
    if role not in ROLES:
        raise RejectedInput(f"role must be one of {', '.join(ROLES)}")
    check_password_rules(password)
    try:
        key = conn.execute(
            users.insert().values(
                username=username, role=role, password_hash=_hasher.hash(password),
                active=True, created_at=utcnow(), must_change_password=must_change,
            )
        ).inserted_primary_key
    except IntegrityError as e:
        raise RejectedInput("a user with that name exists") from e
    if key is None:  # a single-row insert always reports its key; None would be a driver fault
        raise RuntimeError("the users insert returned no primary key")
    return User(id=int(key[0]), username=username, role=role, must_change_password=must_change)


def _user(row) -> User:
    return User(id=row.id, username=row.username, role=row.role,
                must_change_password=bool(row.must_change_password))


def list_users(conn: Connection) -> list[sa.Row]:
    return list(conn.execute(
        sa.select(users.c.id, users.c.username, users.c.role, users.c.active, users.c.created_at,
                  users.c.last_sign_in_at, users.c.must_change_password)
        .order_by(users.c.username)
    ))


def get_user(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(sa.select(users).where(users.c.id == user_id, users.c.active.is_(True))).first()
    return _user(row) if row else None


def get_user_by_name(conn: Connection, username: str) -> User | None:
    row = conn.execute(
        sa.select(users).where(users.c.username == username, users.c.active.is_(True))
    ).first()
    return _user(row) if row else None


# -- sign-in throttling -------------------------------------------------------------------------
def throttle_delay_s(failures: int, policy: SignInPolicy) -> int:
    """Seconds to wait after the last failure before the next try: none for the first
    ``free_attempts`` failures, then doubling from ``base_delay_s`` up to ``max_delay_s``."""
    if failures < policy.free_attempts:
        return 0
    return min(policy.base_delay_s * 2 ** (failures - policy.free_attempts), policy.max_delay_s)


def _pair_key(username: str, ip: str) -> str:
    return f"acct:{username.lower()[:64]}|{ip[:64]}"


def _failures(conn: Connection, key: str, since: datetime) -> tuple[int, datetime | None]:
    n, last = conn.execute(
        sa.select(sa.func.count(), sa.func.max(login_failures.c.at))
        .where(login_failures.c.key == key, login_failures.c.at >= since)
    ).one()
    return int(n or 0), (_aware(last) if last is not None else None)


def retry_after_s(conn: Connection, *, username: str, ip: str, policy: SignInPolicy) -> int:
    """Seconds before this address may try this account again (0: now). Throttles one
    account from one address (exponential delay) and one address across all names (a cap),
    so failures from elsewhere never stop a clerk at their own workstation."""
    now = utcnow()
    n, last = _failures(conn, _pair_key(username, ip), now - timedelta(minutes=policy.window_minutes))
    wait = 0.0
    if last is not None:
        wait = (last + timedelta(seconds=throttle_delay_s(n, policy)) - now).total_seconds()
    n_ip, last_ip = _failures(conn, f"ip:{ip[:64]}", now - timedelta(minutes=policy.ip_window_minutes))
    if n_ip >= policy.ip_limit and last_ip is not None:
        wait = max(wait, (last_ip + timedelta(minutes=policy.ip_window_minutes) - now).total_seconds())
    return max(int(wait + 0.999), 0)


def throttled_accounts(conn: Connection, *, policy: SignInPolicy) -> dict[str, int]:
    """Account name -> how many addresses are waiting before they may try it again."""
    now = utcnow()
    rows = conn.execute(
        sa.select(login_failures.c.key, sa.func.count(), sa.func.max(login_failures.c.at))
        .where(login_failures.c.key.startswith("acct:"),
               login_failures.c.at >= now - timedelta(minutes=policy.window_minutes))
        .group_by(login_failures.c.key)
    )
    out: dict[str, int] = {}
    for key, n, last in rows:
        if _aware(last) + timedelta(seconds=throttle_delay_s(int(n), policy)) > now:
            name = key[len("acct:"):].split("|", 1)[0]
            out[name] = out.get(name, 0) + 1
    return out


def clear_throttle(conn: Connection, username: str) -> int:
    """Forget the failed sign-ins of one account from every address (the admin unlock)."""
    return conn.execute(login_failures.delete().where(
        login_failures.c.key.startswith(f"acct:{username.lower()[:64]}|", autoescape=True)
    )).rowcount or 0


def verify_credentials(
    conn: Connection, *, username: str, password: str, ip: str, policy: SignInPolicy
) -> User:
    """The user when name and password match and this address is not made to wait."""
    row = _checked(conn, username=username, password=password, ip=ip, policy=policy)
    conn.execute(login_failures.delete().where(login_failures.c.key == _pair_key(username, ip)))
    values: dict = {"last_sign_in_at": utcnow()}
    if _hasher.check_needs_rehash(row.password_hash):
        values["password_hash"] = _hasher.hash(password)
    conn.execute(users.update().where(users.c.id == row.id).values(**values))
    return _user(row)


def reverify_password(conn: Connection, *, user: User, password: str, ip: str,
                      policy: SignInPolicy) -> None:
    """A signed-in user re-enters their password (signing a dictation): the same argon2 check
    and the same throttle as sign-in (a failure here counts as a failed sign-in of the account
    from this address, and waits count for both). Raises ``SignInRefused``."""
    row = _checked(conn, username=user.username, password=password, ip=ip, policy=policy)
    if row.id != user.id:  # a renamed account: the name now belongs to someone else
        raise SignInRefused(locked=False)
    conn.execute(login_failures.delete().where(login_failures.c.key == _pair_key(user.username, ip)))


def _checked(conn: Connection, *, username: str, password: str, ip: str, policy: SignInPolicy):
    """The active account's row when the password matches and the address may try; a failure
    is recorded (in the caller's transaction) and raised as ``SignInRefused``."""
    wait = retry_after_s(conn, username=username, ip=ip, policy=policy)
    if wait > 0:
        raise SignInRefused(locked=True, retry_after_s=wait)
    row = conn.execute(
        sa.select(users).where(users.c.username == username, users.c.active.is_(True))
    ).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok or row is None:  # ok is only True when the row was found
        now = utcnow()
        conn.execute(login_failures.insert(), [
            {"key": _pair_key(username, ip), "at": now},
            {"key": f"ip:{ip[:64]}", "at": now},
        ])
        raise SignInRefused(locked=False)
    return row


def check_password(conn: Connection, user_id: int, password: str) -> bool:
    row = conn.execute(sa.select(users.c.password_hash).where(users.c.id == user_id)).first()
    try:
        return row is not None and _hasher.verify(row.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def set_password(conn: Connection, user_id: int, password: str, *, must_change: bool) -> None:
    check_password_rules(password)
    conn.execute(users.update().where(users.c.id == user_id).values(
        password_hash=_hasher.hash(password), must_change_password=must_change))


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise RejectedInput(f"password must have at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise RejectedInput(f"password must have at most {MAX_PASSWORD_CHARS} characters")


def one_time_password() -> str:
    """A random password to hand over once (about 120 bits, no ambiguous characters)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    groups = ["".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4)]
    return "-".join(groups)


# -- sign-in pre-sessions (the sign-in form's CSRF token, kept on the server) -------------------
def open_presession(conn: Connection, *, ip: str, ttl_minutes: int) -> tuple[str, str]:
    """A new pre-session for the sign-in form: (cookie value, form token). Drops expired ones."""
    now = utcnow()
    conn.execute(login_presessions.delete().where(
        login_presessions.c.created_at < now - timedelta(minutes=ttl_minutes)))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    conn.execute(login_presessions.insert().values(
        token_hash=hash_token(token), csrf_token=csrf, ip=ip[:64], created_at=now))
    return token, csrf


def presession_csrf(conn: Connection, token: str | None, *, ip: str, ttl_minutes: int) -> str | None:
    """The form token of a live pre-session issued to this address, else None."""
    if not token or len(token) > 128:
        return None
    row = conn.execute(sa.select(login_presessions).where(
        login_presessions.c.token_hash == hash_token(token))).first()
    if row is None or row.ip != ip[:64]:
        return None
    if utcnow() - _aware(row.created_at) > timedelta(minutes=ttl_minutes):
        return None
    return row.csrf_token


def consume_presession(conn: Connection, token: str | None, csrf: str | None, *, ip: str,
                       ttl_minutes: int) -> bool:
    """True once for a server-issued pre-session whose form token matches, from its address."""
    expected = presession_csrf(conn, token, ip=ip, ttl_minutes=ttl_minutes)
    if expected is None or not tokens_match(csrf, expected):
        return False
    deleted = conn.execute(login_presessions.delete().where(
        login_presessions.c.token_hash == hash_token(str(token)))).rowcount
    return deleted == 1


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
        sa.select(sessions, users.c.username, users.c.role, users.c.active,
                  users.c.must_change_password)
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
        token_hash=th, user=User(id=row.user_id, username=row.username, role=row.role,
                                 must_change_password=bool(row.must_change_password)),
        csrf_token=row.csrf_token,
    )


def close_session(conn: Connection, token_hash: str) -> None:
    conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))


def close_sessions_of(conn: Connection, user_id: int, *, keep: str | None = None) -> None:
    """End every session of a user (deactivated, password reset), except ``keep``'s."""
    stmt = sessions.delete().where(sessions.c.user_id == user_id)
    if keep is not None:
        stmt = stmt.where(sessions.c.token_hash != keep)
    conn.execute(stmt)
