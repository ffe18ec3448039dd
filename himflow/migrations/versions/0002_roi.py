"""Release of information: requests, their history, packets, pages, redaction boxes,
disclosures, and the guards that refuse deleting or rewriting them.

Revision ID: 0002_roi
Revises: 0001_baseline
Create Date: 2026-12-02

The tables come from roi.tables as they are at this revision; a later change to them needs
its own revision (the autogenerate test in tests/integration/test_migrations.py fails until
it exists).
"""

from __future__ import annotations

import importlib

from alembic import op

revision = "0002_roi"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = importlib.import_module("roi.tables")  # by name: the spine does not import a stage
    conn = op.get_bind()
    tables.metadata.create_all(conn, tables=list(tables.ROI_TABLES))
    for stmt in tables.guard_statements(conn.dialect.name):
        op.execute(stmt)


def downgrade() -> None:
    # Dropping them would destroy the accounting of disclosures (kept six years): refused.
    raise NotImplementedError("release-of-information records are not dropped")
