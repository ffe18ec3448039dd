"""The one place release of information reads another area: the patient index and the text
index (``indexing``, through their service functions) and the audit log (written by table
name, see below). Every other roi module goes through these functions, so a move of those
areas changes this file only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from himflow.patients_db import patient_id_for_mrn as lookup
from himflow.patients_db import get_patient
from himflow.text_index import get_text
from himflow.db import migrate


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user (with the request's address) or the command line."""

    username: str | None
    role: str | None
    user: Any = None  # the web session's User, when there is one
    ip: str = "cli"
    user_agent: str = "himflow roi"

    @property
    def name(self) -> str:
        return self.username or "cli"


CLI = Actor(username=None, role=None)


def web_actor(user: Any, where: Any) -> Actor:
    return Actor(username=user.username, role=user.role, user=user, ip=where.ip,
                 user_agent=where.user_agent)


# The project's append-only audit log (created with its triggers by the review UI's schema,
# desk/db.py). Written here by table name, the same row shape as the
# UI's audit.record(), so this stage does not import the UI layer.
_AUDIT_LOG = sa.table(
    "web_audit_log", sa.column("at", sa.DateTime(timezone=True)), sa.column("user_id", sa.Integer),
    *(sa.column(c, sa.String) for c in ("username", "role", "action", "doc_id", "patient_id", "purpose", "ip",
                                        "user_agent")), sa.column("detail", sa.Text))


def audit(conn: Connection, actor: Actor, action: str, *, patient_id: str | None = None,
          doc_id: str | None = None, detail: str = "") -> None:
    """One row in the project's audit log, in the caller's transaction (purpose: disclosure)."""
    user = actor.user
    conn.execute(_AUDIT_LOG.insert().values(
        at=datetime.now(UTC), user_id=getattr(user, "id", None), username=actor.username,
        role=actor.role, action=action[:48], doc_id=doc_id, patient_id=patient_id, purpose="disclosure",
        ip=actor.ip[:64], user_agent=actor.user_agent[:255], detail=detail[:2000]))


def patient_id_for_mrn(conn: Connection, mrn: str) -> str | None:
    return lookup(conn, mrn)


def patient(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """mrn, family, given, birth_date (ISO), sex; None when unknown."""

    return get_patient(conn, patient_id)


def patient_of_mrn_token(conn: Connection, token: str) -> str | None:
    """The patient whose MRN this token is (compared as letters and digits), else None."""
    return patient_id_for_mrn(conn, token)


def document_text(conn: Connection, doc_id: str) -> str | None:
    return get_text(conn, doc_id)


def create_schemas(engine: Any) -> None:
    """The tables roi reads (for commands run before the stack was ever migrated)."""

    migrate(engine)
