"""Chart completion: which deficiency reminders were sent (``chart_reminders``), so each
reminder age of each deficiency goes once.

Revision ID: 0004_chart_reminders
Revises: 0003_outbox_headers
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_chart_reminders"
down_revision = "0003_outbox_headers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chart_reminders",
        sa.Column("deficiency_key", sa.String(32), primary_key=True),
        sa.Column("reminder_age_days", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.String(32), nullable=False, unique=True),
        sa.Column("encounter_id", sa.String(64), nullable=False),
        sa.Column("physician", sa.String(128)),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("age_days", sa.Integer, nullable=False),
        sa.Column("delinquent", sa.Boolean, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_chart_reminders_encounter_id", "chart_reminders", ["encounter_id"])
    op.create_index("ix_chart_reminders_physician", "chart_reminders", ["physician"])


def downgrade() -> None:
    op.drop_index("ix_chart_reminders_physician", table_name="chart_reminders")
    op.drop_index("ix_chart_reminders_encounter_id", table_name="chart_reminders")
    op.drop_table("chart_reminders")
