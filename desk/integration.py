"""Integration credentials: how an integration engine fetches what a DocumentReference links to.

The choice: a static bearer token per integration engine (``himflow record token create
NAME``), not signed expiring URLs. A hospital integration engine (Mirth Connect, Rhapsody,
Cloverleaf) sends a fixed ``Authorization: Bearer`` header on an HTTP sender channel with no
code; the URLs in a DocumentReference are stored in the chart and followed days or years
later, so a URL that expires would become a dead link in the record. A token can be revoked
at any time (``himflow record token revoke NAME``) without touching any published resource.

- Tokens are 256-bit random values shown once; the database keeps only their SHA-256.
- A token reads only what was published to the patient record (a publication exists for the
  document) and only these files: the original, the indexed text, the searchable PDF.
- Every fetch is audited (user ``integration:NAME``, role ``integration``, purpose
  ``integration``), like a person's read.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from himflow.db import utcnow
from himflow.errors import RejectedInput
from desk.db import integration_tokens

TOKEN_PREFIX = "hfi_"
ROLE = "integration"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")


@dataclass(frozen=True)
class Integrator:
    id: int
    name: str

    @property
    def username(self) -> str:
        return f"integration:{self.name}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(conn: Connection, name: str) -> str:
    """A new token for integration engine ``name``; the only time its value is visible."""
    if not _NAME.match(name):
        raise RejectedInput("token names are letters, digits, . _ - (up to 64)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with conn.begin_nested():
            conn.execute(integration_tokens.insert().values(
                name=name, token_hash=_hash(token), created_at=utcnow()))
    except IntegrityError:
        raise RejectedInput("a token with this name exists; revoke it or choose another name") from None
    return token


def revoke_token(conn: Connection, name: str) -> bool:
    """Revoke (not delete: the audit trail names it). Returns False when no active token."""
    return bool(conn.execute(
        integration_tokens.update()
        .where(integration_tokens.c.name == name, integration_tokens.c.revoked_at.is_(None))
        .values(revoked_at=utcnow(), name=f"{name[:40]}~revoked-{secrets.token_hex(4)}")
    ).rowcount)


def list_tokens(conn: Connection) -> list[sa.Row]:
    return list(conn.execute(
        sa.select(integration_tokens.c.name, integration_tokens.c.created_at,
                  integration_tokens.c.revoked_at, integration_tokens.c.last_used_at)
        .order_by(integration_tokens.c.id)))


def verify_token(conn: Connection, token: str | None) -> Integrator | None:
    """The integrator a bearer token belongs to, or None (unknown, malformed or revoked)."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 128:
        return None
    row = conn.execute(
        sa.select(integration_tokens.c.id, integration_tokens.c.name)
        .where(integration_tokens.c.token_hash == _hash(token),
               integration_tokens.c.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    conn.execute(integration_tokens.update().where(integration_tokens.c.id == row.id)
                 .values(last_used_at=utcnow()))
    return Integrator(id=row.id, name=row.name)


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None
