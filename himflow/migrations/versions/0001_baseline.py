"""Baseline: the schema of release 0.1.0 (commit d5ea175), as `create_all` made it.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

from himflow.migrations import baseline

revision = baseline.REVISION
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    baseline.metadata().create_all(conn)
    baseline.create_ddl_objects(conn)


def downgrade() -> None:
    # Going below the baseline would drop every table (documents, the audit log): refused.
    raise NotImplementedError("the baseline revision is not downgraded (it would drop every table)")
