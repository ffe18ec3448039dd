"""The desk's document viewer: a reviewer's rotation of a page (``web_page_rotations``),
shown by the desk; the stored original is never changed.

Revision ID: 0006_page_rotations
Revises: 0005_chart_audit
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_page_rotations"
down_revision = "0005_chart_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_page_rotations",
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("page", sa.Integer, primary_key=True),
        sa.Column("degrees", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("web_page_rotations")
