"""The schema of release 0.1.0 (commit d5ea175, the last one before Alembic), frozen.

Revision ``0001_baseline`` creates exactly this on an empty database, and ``himflow migrate``
brings a database made by an earlier release's ``create_all`` up to it before stamping it
(``runner.adopt``). Never edit this file to change the schema: write a new revision. The live
table definitions are in the owners' modules (``himflow.schema_registry``); the test
``tests/integration/test_migrations.py`` checks that head and those definitions agree.

Besides the tables, the baseline has objects SQLAlchemy's MetaData cannot describe on both
engines (``DDL_OBJECTS``): the FTS5 index (SQLite), the tsvector column and its GIN index
(PostgreSQL), and the triggers that make the audit log append-only.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

REVISION = "0001_baseline"


def metadata() -> sa.MetaData:
    """A fresh MetaData holding the baseline tables (a new one per call: callers may bind it)."""
    m = sa.MetaData()
    _spine(m)
    _index(m)
    _patients(m)
    _publishing(m)
    _web(m)
    return m


def _spine(m: sa.MetaData) -> None:
    documents = sa.Table(
        "documents", m,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("media_type", sa.String(64)),
        sa.Column("bucket", sa.String(255)),
        sa.Column("object_key", sa.Text),
        sa.Column("version_id", sa.String(255)),
        sa.Column("etag", sa.String(255)),
        sa.Column("size", sa.BigInteger),
        sa.Column("sha256", sa.String(64), index=True),
        sa.Column("sha1", sa.String(40)),
        sa.Column("parent_id", sa.String(64), index=True),
        sa.Column("pages", sa.Text),
        sa.Column("hint_mrn", sa.String(64)),
        sa.Column("hint_encounter", sa.String(64)),
        sa.Column("hint_author", sa.String(128)),
        sa.Column("hint_type", sa.String(32)),
        sa.Column("text_ref", sa.Text),
        sa.Column("text_chars", sa.Integer),
        sa.Column("confidence", sa.Float),
        sa.Column("flags", sa.Text),
        sa.Column("renditions", sa.Text),
        sa.Column("type_code", sa.String(32), index=True),
        sa.Column("type_display", sa.String(128)),
        sa.Column("type_confidence", sa.Float),
        sa.Column("patient_id", sa.String(64), index=True),
        sa.Column("match_score", sa.Float),
        sa.Column("reasons", sa.Text),
        sa.Column("service_date", sa.String(10)),
        sa.Column("details", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    # the review queue's order (owned by the web UI, on the spine's table)
    sa.Index("ix_web_documents_status_created", documents.c.status, documents.c.created_at)
    sa.Table(
        "document_history", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(64), nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text),
    )
    sa.Table(
        "dead_letters", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False, index=True),
        sa.Column("retryable", sa.Boolean, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("error_type", sa.String(128)),
        sa.Column("detail", sa.Text),
        sa.Column("doc_id", sa.String(64), index=True),
        sa.Column("topic", sa.String(255), nullable=False),
        sa.Column("partition", sa.Integer),
        sa.Column("offset", sa.BigInteger),
        sa.Column("msg_key", sa.Text),
        sa.Column("original", sa.Text, nullable=False),
        sa.Column("replayed_at", sa.DateTime(timezone=True)),
        sa.Column("replay_count", sa.Integer, nullable=False),
        sa.Column("replay_outcome", sa.String(32)),
        sa.Column("dedupe_key", sa.String(255), nullable=False, unique=True),
    )
    sa.Table(
        "upload_hints", m,
        sa.Column("upload_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16)),
        sa.Column("mrn", sa.String(64)),
        sa.Column("encounter", sa.String(64)),
        sa.Column("author", sa.String(128)),
        sa.Column("document_type", sa.String(32)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "stage_counters", m,
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("outcome", sa.String(32), primary_key=True),
        sa.Column("reason", sa.String(64), primary_key=True),
        sa.Column("count", sa.BigInteger, nullable=False),
    )
    sa.Table(
        "outbox", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("topic", sa.String(255), nullable=False),
        sa.Column("msg_key", sa.String(255)),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), index=True),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
    )


def _index(m: sa.MetaData) -> None:
    sa.Table(
        "document_text", m,
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )


def _patients(m: sa.MetaData) -> None:
    sa.Table(
        "himflow_patients", m,
        sa.Column("patient_id", sa.String(64), primary_key=True),
        sa.Column("mrn", sa.String(64), nullable=False),
        sa.Column("mrn_key", sa.String(64), nullable=False, unique=True),
        sa.Column("family", sa.String(200), nullable=False),
        sa.Column("given", sa.String(200), nullable=False),
        sa.Column("family_key", sa.String(200), nullable=False),
        sa.Column("given_key", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=True),
        sa.Column("birth_year", sa.Integer, nullable=True),
        sa.Column("birth_md", sa.String(4), nullable=True),
        sa.Column("sex", sa.String(16), nullable=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Index("ix_himflow_patients_birth_date", "birth_date"),
        sa.Index("ix_himflow_patients_family_key", "family_key"),
        sa.Index("ix_himflow_patients_given_year", "given_key", "birth_year"),
        sa.Index("ix_himflow_patients_birth_md", "birth_md"),
    )
    sa.Table(
        "himflow_patient_former_ids", m,
        sa.Column("former_id", sa.String(64), primary_key=True),
        sa.Column("patient_id", sa.String(64), nullable=False, index=True),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "himflow_encounters", m,
        sa.Column("encounter_id", sa.String(64), primary_key=True),
        sa.Column("identifier", sa.String(64), nullable=True, index=True),
        sa.Column("patient_id", sa.String(64), nullable=False, index=True),
        sa.Column("enc_class", sa.String(8), nullable=False),
        sa.Column("admitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("discharged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attending", sa.String(128), nullable=True),
        sa.Column("service", sa.String(64), nullable=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )


def _publishing(m: sa.MetaData) -> None:
    sa.Table(
        "record_publications", m,
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("resource_id", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("patient_id", sa.String(64)),
        sa.Column("type_code", sa.String(32)),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("doc_status", sa.String(24), nullable=False),
        sa.Column("resource", sa.Text, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "record_texts", m,
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("sha1", sa.String(40), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    )


def _web(m: sa.MetaData) -> None:
    sa.Table(
        "web_users", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(timezone=True)),
        sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    sa.Table(
        "web_sessions", m,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False, index=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ip", sa.String(64)),
    )
    sa.Table(
        "web_login_failures", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    sa.Table(
        "web_audit_log", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("user_id", sa.Integer),
        sa.Column("username", sa.String(64)),
        sa.Column("role", sa.String(32)),
        sa.Column("action", sa.String(48), nullable=False, index=True),
        sa.Column("doc_id", sa.String(64), index=True),
        sa.Column("patient_id", sa.String(64), index=True),
        sa.Column("purpose", sa.String(48)),
        sa.Column("ip", sa.String(64)),
        sa.Column("user_agent", sa.String(255)),
        sa.Column("detail", sa.Text),
    )
    sa.Table(
        "web_review_claims", m,
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False, index=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "web_dictation_versions", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(64), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("doc_id", "version", name="uq_dictation_version"),
    )
    sa.Table(
        "web_oidc_states", m,
        sa.Column("state_hash", sa.String(64), primary_key=True),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("verifier", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "web_login_presessions", m,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    sa.Table(
        "web_integration_tokens", m,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
    )


# ---- objects outside the MetaData (made by DDL, per engine) ------------------------------------
FTS_TABLE = "document_fts"  # SQLite FTS5; its shadow tables are document_fts_*
TSV_COLUMN = ("document_text", "tsv")  # PostgreSQL generated tsvector
TSV_INDEX = "ix_document_text_tsv"

_SQLITE_DDL = (
    ("CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5("
     "doc_id UNINDEXED, text, tokenize='porter unicode61')"),
    ("CREATE TRIGGER IF NOT EXISTS web_audit_no_update BEFORE UPDATE ON web_audit_log "
     "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"),
    ("CREATE TRIGGER IF NOT EXISTS web_audit_no_delete BEFORE DELETE ON web_audit_log "
     "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"),
)
_PG_DDL = (
    ("ALTER TABLE document_text ADD COLUMN IF NOT EXISTS tsv tsvector "
     "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED"),
    "CREATE INDEX IF NOT EXISTS ix_document_text_tsv ON document_text USING GIN (tsv)",
    ("CREATE OR REPLACE FUNCTION web_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
     "$$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$"),
    "DROP TRIGGER IF EXISTS web_audit_no_change ON web_audit_log",
    ("CREATE TRIGGER web_audit_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON web_audit_log "
     "FOR EACH STATEMENT EXECUTE FUNCTION web_audit_append_only()"),
)


def create_ddl_objects(conn: Connection) -> None:
    """The full-text index and the audit log's triggers, for this engine. Idempotent."""
    for stmt in _PG_DDL if conn.dialect.name == "postgresql" else _SQLITE_DDL:
        conn.execute(sa.text(stmt))


def is_ddl_object(name: str | None, type_: str, parent: str | None = None) -> bool:
    """True for an object the DDL above makes (left out when comparing with a MetaData)."""
    if type_ == "table":
        return name == FTS_TABLE or bool(name and name.startswith(FTS_TABLE + "_"))
    if type_ == "column":
        return (parent, name) == TSV_COLUMN
    if type_ == "index":
        return name == TSV_INDEX
    return False
