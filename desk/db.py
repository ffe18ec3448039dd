"""The web UI's own tables: users, sessions, failed sign-ins, the audit log (append-only),
review claims and dictation versions. SQLAlchemy Core on the shared metadata, so one
`himflow migrate` (Alembic, himflow/migrations) creates them on SQLite and PostgreSQL alike.

The audit log refuses UPDATE and DELETE at the database level (triggers on both engines, made
by the migrations), so even a bug in this package cannot rewrite who saw what.
"""

from __future__ import annotations

import sqlalchemy as sa

from himflow.db import documents, metadata
from desk.roles import ROLES  # noqa: F401  (re-exported: the accounts' roles)

users = sa.Table(
    "web_users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_sign_in_at", sa.DateTime(timezone=True)),
    # Set for one-time passwords (first administrator, reset, added without a password): the
    # session may only change the password until it is changed.
    sa.Column("must_change_password", sa.Boolean, nullable=False, default=False,
              server_default=sa.false()),
)

sessions = sa.Table(
    "web_sessions",
    metadata,
    # SHA-256 of the cookie value: a copy of this table does not let anyone sign in.
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, nullable=False, index=True),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ip", sa.String(64)),
)

login_failures = sa.Table(
    "web_login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # "acct:NAME|ADDR" (one account from one address) or "ip:ADDR" (any name from one address)
    sa.Column("key", sa.String(200), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
)

audit_log = sa.Table(
    "web_audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("user_id", sa.Integer),
    sa.Column("username", sa.String(64)),  # denormalised: the record outlives renames
    sa.Column("role", sa.String(32)),
    sa.Column("action", sa.String(48), nullable=False, index=True),
    sa.Column("doc_id", sa.String(64), index=True),
    sa.Column("patient_id", sa.String(64), index=True),
    sa.Column("purpose", sa.String(48)),  # why: review, treatment, operations, disclosure...
    sa.Column("ip", sa.String(64)),
    sa.Column("user_agent", sa.String(255)),
    sa.Column("detail", sa.Text),
)

review_claims = sa.Table(
    "web_review_claims",
    metadata,
    sa.Column("doc_id", sa.String(64), primary_key=True),  # one claim per document
    sa.Column("user_id", sa.Integer, nullable=False, index=True),
    sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

dictation_versions = sa.Table(
    "web_dictation_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # preliminary | final
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("user_id", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("doc_id", "version", name="uq_dictation_version"),
)

# OIDC sign-in attempts in flight (state -> nonce + PKCE verifier), single use, 10 minutes.
oidc_states = sa.Table(
    "web_oidc_states",
    metadata,
    sa.Column("state_hash", sa.String(64), primary_key=True),
    sa.Column("nonce", sa.String(64), nullable=False),
    sa.Column("verifier", sa.String(128), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Sign-in pre-sessions: GET /login issues one (cookie -> its hash here, with the form's token
# and the address it was issued to); POST /login must return both, from that address, once.
login_presessions = sa.Table(
    "web_login_presessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("ip", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

# Integration credentials: a static bearer token per integration engine (Mirth, Rhapsody...),
# for fetching the attachments of published DocumentReferences. Only the SHA-256 of the token
# is kept; every fetch is audited under the token's name (desk/integration.py).
integration_tokens = sa.Table(
    "web_integration_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
    sa.Column("last_used_at", sa.DateTime(timezone=True)),
)

# A reviewer's rotation of a page (desk/rotations.py): how the desk shows the page, clockwise
# degrees from the upright original (EXIF honoured). The stored original is never changed;
# each change is also a document_history row and an audit row. The page is the page number
# within the document's source file (what row.pages lists), so a split keeps the rotations of
# the pages that stay.
page_rotations = sa.Table(
    "web_page_rotations",
    metadata,
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sa.Column("page", sa.Integer, primary_key=True),
    sa.Column("degrees", sa.Integer, nullable=False),  # 0, 90, 180, 270
    sa.Column("user_id", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


WEB_TABLES = (users, sessions, login_failures, audit_log, review_claims, dictation_versions,
              oidc_states, login_presessions, integration_tokens, page_rotations)

# The queue's depth/age and its oldest-first order read documents by (status, created_at);
# with this index they are index-only instead of reading every queued row (41 -> 2 ms at
# 10,000 queued documents). Named web_* because this area owns it, on the spine's table.
queue_index = sa.Index("ix_web_documents_status_created", documents.c.status, documents.c.created_at)
