"""The patient index table (its own MetaData: created by PatientIndex.create_schema()).

Works on SQLite and PostgreSQL. ``mrn_key`` / ``family_key`` / ``given_key`` are normalised
forms (upper-case alphanumerics; lower-case ASCII letters) used for exact MRN lookup and for
blocking candidate searches; the display forms are kept as given.

Connection-level helpers for other areas (CLI search, review UI): ``create_schema``,
``patient_id_for_mrn``, ``find_by_mrn``, ``get_patient``.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    func,
    or_,
    select,
)

metadata = MetaData()

patients_table = Table(
    "himflow_patients",
    metadata,
    Column("patient_id", String(64), primary_key=True),
    Column("mrn", String(64), nullable=False),
    Column("mrn_key", String(64), nullable=False, unique=True),
    Column("family", String(200), nullable=False),
    Column("given", String(200), nullable=False, default=""),
    Column("family_key", String(200), nullable=False),
    Column("given_key", String(200), nullable=False, default=""),
    Column("birth_date", Date, nullable=True),
    # blocking keys for typo-tolerant candidate search: a wrong year keeps month+day, a wrong
    # month or day keeps the year
    Column("birth_year", Integer, nullable=True),
    Column("birth_md", String(4), nullable=True),
    Column("sex", String(16), nullable=True),
    Column("source", String(32), nullable=False, default="import"),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_himflow_patients_birth_date", "birth_date"),
    Index("ix_himflow_patients_family_key", "family_key"),
    Index("ix_himflow_patients_given_year", "given_key", "birth_year"),
    Index("ix_himflow_patients_birth_md", "birth_md"),
)


def mrn_key(mrn: str) -> str:
    """MRN as compared: letters and digits only, upper case ("mr-00123" == "MR00123")."""
    return re.sub(r"[^0-9A-Za-z]", "", mrn).upper()


def create_schema(engine: Engine) -> None:
    """Idempotent (create-if-missing); called by `himflow migrate`."""
    metadata.create_all(engine)


def patient_id_for_mrn(conn: Connection, mrn: str) -> str | None:
    return conn.execute(
        select(patients_table.c.patient_id).where(patients_table.c.mrn_key == mrn_key(mrn))
    ).scalar_one_or_none()


def find_by_mrn(conn: Connection, term: str) -> list[str]:
    """Patient ids whose MRN or id equals what a person typed."""
    t = patients_table
    rows = conn.execute(select(t.c.patient_id).where(or_(t.c.mrn_key == mrn_key(term), t.c.patient_id == term)))
    return [r[0] for r in rows]


def get_patient(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """Demographics for display: mrn, family, given, birth_date (ISO), sex."""
    r = conn.execute(select(patients_table).where(patients_table.c.patient_id == patient_id)).first()
    if r is None:
        return None
    return {"patient_id": r.patient_id, "mrn": r.mrn, "family": r.family, "given": r.given,
            "birth_date": r.birth_date.isoformat() if r.birth_date else None, "sex": r.sex}
