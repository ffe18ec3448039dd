"""Outbox rows carry message headers (a dead-letter replay's ``himflow-replay-of``), so a
replay written through the outbox (the review UI, ``himflow dlq replay``, a sink's pseudo-topic)
is answered by the stage like one published directly.

Revision ID: 0003_outbox_headers
Revises: 0002_roi
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox_headers"
down_revision = "0002_roi"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("headers", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("outbox", "headers")
