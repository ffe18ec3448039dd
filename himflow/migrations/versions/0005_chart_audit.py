"""Chart audit (issue 15.4): random samples of encounters (``chart_audit_samples``) and the
audits records staff recorded (``chart_audits``).

Revision ID: 0005_chart_audit
Revises: 0004_chart_reminders
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_chart_audit"
down_revision = "0004_chart_reminders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chart_audit_samples",
        sa.Column("sample_id", sa.String(40), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("enc_class", sa.String(8), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("requested", sa.Integer, nullable=False),
        sa.Column("population", sa.Integer, nullable=False),
        sa.Column("population_digest", sa.String(64), nullable=False),
        sa.Column("encounter_ids", sa.Text, nullable=False),
    )
    op.create_table(
        "chart_audits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("encounter_id", sa.String(64), nullable=False),
        sa.Column("patient_id", sa.String(64), nullable=False),
        sa.Column("sample_id", sa.String(40)),
        sa.Column("auditor", sa.String(64), nullable=False),
        sa.Column("audited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result", sa.String(8), nullable=False),
        sa.Column("checklist", sa.Text, nullable=False),
        sa.Column("findings", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
    )
    op.create_index("ix_chart_audits_encounter_id", "chart_audits", ["encounter_id"])
    op.create_index("ix_chart_audits_sample_id", "chart_audits", ["sample_id"])


def downgrade() -> None:
    op.drop_index("ix_chart_audits_sample_id", table_name="chart_audits")
    op.drop_index("ix_chart_audits_encounter_id", table_name="chart_audits")
    op.drop_table("chart_audits")
    op.drop_table("chart_audit_samples")
