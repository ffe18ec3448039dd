"""The one place release of information reads another area: the patient index, the text
index and the audit log (all in ``indexing`` today; the web part moves to ``desk``). Every
other roi module goes through these functions, so a move changes this file only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection


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


def audit(conn: Connection, actor: Actor, action: str, *, patient_id: str | None = None,
          doc_id: str | None = None, detail: str = "") -> None:
    """One row in the project's append-only audit log, in the caller's transaction."""
    from indexing.web import audit as web_audit

    web_audit.record(conn, user=actor.user, action=action,
                     where=web_audit.Where(ip=actor.ip, user_agent=actor.user_agent),
                     doc_id=doc_id, patient_id=patient_id, purpose="disclosure", detail=detail)


def patient_id_for_mrn(conn: Connection, mrn: str) -> str | None:
    from indexing.patients_db import patient_id_for_mrn as lookup

    return lookup(conn, mrn)


def patient(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """mrn, family, given, birth_date (ISO), sex; None when unknown."""
    from indexing.patients_db import get_patient

    return get_patient(conn, patient_id)


def patient_of_mrn_token(conn: Connection, token: str) -> str | None:
    """The patient whose MRN this token is (compared as letters and digits), else None."""
    return patient_id_for_mrn(conn, token)


def document_text(conn: Connection, doc_id: str) -> str | None:
    from indexing.store import get_text

    return get_text(conn, doc_id)


def create_schemas(engine: Any) -> None:
    """The tables roi reads (for commands run before the stack was ever migrated)."""
    from himflow.db import migrate

    migrate(engine)
