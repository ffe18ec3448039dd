"""The patient index tables, shared by every area that names a patient, on the shared MetaData
(``himflow migrate`` creates them). Indexing fills it (indexing.patients: imports, the patients
topic, matching); the review desk, publishing, chart, roi and the CLI read it.

Works on SQLite and PostgreSQL. ``mrn_key`` / ``family_key`` / ``given_key`` are normalised
forms (upper-case alphanumerics; lower-case ASCII letters) used for exact MRN lookup and for
blocking candidate searches; the display forms are kept as given.

Connection-level helpers for those readers:
``patient_id_for_mrn``, ``find_by_mrn``, ``get_patient``, ``former_ids``.

Patient ids travel (URLs, events, the FHIR subject reference, the audit log), so they are
opaque: ``new_patient_id()`` (``pat-`` + 26 random base32 characters) for every patient the
source did not give an id, or gave one that contains the MRN. The MRN lives in ``mrn`` only.
Ids replaced by a migration stay resolvable in ``himflow_patient_former_ids`` (an audit row
written under a former id still answers a query for the patient).
"""

from __future__ import annotations

import base64
import re
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    func,
    inspect,
    or_,
    select,
    text,
    update,
)

from himflow.db import metadata  # the one MetaData (himflow.schema_registry)

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


# Former patient ids (ids that carried the MRN, replaced by an opaque one): the mapping a
# privacy officer needs to read audit rows and published resources written before the change.
former_ids_table = Table(
    "himflow_patient_former_ids",
    metadata,
    Column("former_id", String(64), primary_key=True),
    Column("patient_id", String(64), nullable=False, index=True),
    Column("reason", String(32), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

# Encounters (issue 15): one row per hospital stay / visit, from FHIR R4 Encounter resources in
# the import bundle or from the ADT feed. ``encounter_id`` is opaque (``enc-`` + random) unless
# the source gave one without the MRN; ``identifier`` is the visit number as the hospital
# writes it (what ``--encounter`` and a cover sheet carry). ``enc_class``: IMP | AMB | EMER
# (v3 ActCode).
encounters_table = Table(
    "himflow_encounters",
    metadata,
    Column("encounter_id", String(64), primary_key=True),
    Column("identifier", String(64), nullable=True, index=True),
    Column("patient_id", String(64), nullable=False, index=True),
    Column("enc_class", String(8), nullable=False),
    Column("admitted_at", DateTime(timezone=True), nullable=True),
    Column("discharged_at", DateTime(timezone=True), nullable=True),
    Column("attending", String(128), nullable=True),
    Column("service", String(64), nullable=True),
    Column("source", String(32), nullable=False, default="import"),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


MIN_MRN_IN_ID = 4  # an id containing the MRN's letters/digits (this long or more) carries PHI


def mrn_key(mrn: str) -> str:
    """MRN as compared: letters and digits only, upper case ("mr-00123" == "MR00123")."""
    return re.sub(r"[^0-9A-Za-z]", "", mrn).upper()


def id_contains_mrn(patient_id: str, mrn: str) -> bool:
    """True when the id carries the MRN (compared as letters and digits, any case)."""
    key = mrn_key(mrn)
    if not key:
        return False
    flat = mrn_key(patient_id)
    return flat == key or flat == "MRN" + key or (len(key) >= MIN_MRN_IN_ID and key in flat)


def new_patient_id(mrn: str = "") -> str:
    """``pat-`` + 26 characters of base32 (128 random bits); never contains ``mrn``."""
    while True:
        pid = "pat-" + base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=").lower()
        if not (mrn_key(mrn) and mrn_key(mrn) in mrn_key(pid)):
            return pid


PATIENT_TABLES = (patients_table, former_ids_table, encounters_table)


def after_migrate(conn: Connection) -> None:
    """Run after every ``himflow migrate``: gives every patient whose id carries the MRN an
    opaque id (``migrate_patient_ids``). Idempotent."""
    migrate_patient_ids(conn)


def migrate_patient_ids(conn: Connection, *, schema: str | None = None) -> int:
    """Replace every patient id that carries the MRN (``mrn-<MRN>`` from earlier imports, or a
    source id equal to the MRN) by a new opaque id, and move what refers to it: documents,
    the publication ledger (so the next publication updates the same DocumentReference
    instead of retracting it as a misfile), resources still waiting in the outbox. The audit
    log is append-only and keeps the former id; the former -> new mapping is kept. Idempotent;
    returns the number of patients given a new id."""
    t = patients_table
    rows = [(r.patient_id, r.mrn) for r in conn.execute(select(t.c.patient_id, t.c.mrn))
            if id_contains_mrn(r.patient_id, r.mrn)]
    if not rows:
        return 0
    tables = set(inspect(conn).get_table_names(schema=schema))
    prefix = f'"{schema}".' if schema else ""
    now = datetime.now(UTC)
    for old, mrn in rows:
        new = new_patient_id(mrn)
        conn.execute(update(t).where(t.c.patient_id == old).values(patient_id=new))
        conn.execute(former_ids_table.insert().values(former_id=old, patient_id=new,
                                                      reason="id-carried-mrn", changed_at=now))
        for table in ("documents", "record_publications"):
            if table in tables:
                conn.execute(text(f"UPDATE {prefix}{table} SET patient_id = :new WHERE patient_id = :old"),
                             {"new": new, "old": old})
        if "outbox" in tables:
            conn.execute(
                text(f"UPDATE {prefix}outbox SET value = REPLACE(value, :old, :new) "
                     "WHERE published_at IS NULL AND value LIKE :like"),
                {"old": f'"Patient/{old}"', "new": f'"Patient/{new}"', "like": f'%"Patient/{old}"%'})
    return len(rows)


def former_ids(conn: Connection, patient_id: str) -> list[str]:
    """Ids this patient had before (audit rows and published resources may carry them)."""
    f = former_ids_table
    return list(conn.execute(select(f.c.former_id).where(f.c.patient_id == patient_id)).scalars())


def patient_id_for_mrn(conn: Connection, mrn: str) -> str | None:
    return conn.execute(
        select(patients_table.c.patient_id).where(patients_table.c.mrn_key == mrn_key(mrn))
    ).scalar_one_or_none()


def find_by_mrn(conn: Connection, term: str) -> list[str]:
    """Patient ids whose MRN, id or former id equals what a person typed."""
    t, f = patients_table, former_ids_table
    rows = conn.execute(select(t.c.patient_id).where(or_(t.c.mrn_key == mrn_key(term), t.c.patient_id == term)))
    found = [r[0] for r in rows]
    found += [r[0] for r in conn.execute(select(f.c.patient_id).where(f.c.former_id == term))]
    return list(dict.fromkeys(found))


def get_patient(conn: Connection, patient_id: str) -> dict[str, Any] | None:
    """Demographics for display: mrn, family, given, birth_date (ISO), sex."""
    r = conn.execute(select(patients_table).where(patients_table.c.patient_id == patient_id)).first()
    if r is None:
        return None
    return {"patient_id": r.patient_id, "mrn": r.mrn, "family": r.family, "given": r.given,
            "birth_date": r.birth_date.isoformat() if r.birth_date else None, "sex": r.sex}
