"""Retention and legal hold (issue 15.5): legal holds on patients and encounters
(``chart_legal_holds``), proposed destructions and their certificates
(``chart_destructions``) and the objects each destroyed with their SHA-256
(``chart_destroyed_objects``).

Revision ID: 0007_retention
Revises: 0006_page_rotations
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_retention"
down_revision = "0006_page_rotations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chart_legal_holds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("patient_id", sa.String(64), nullable=False),
        sa.Column("encounter_id", sa.String(64)),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("set_by", sa.String(128), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_by", sa.String(128)),
        sa.Column("released_at", sa.DateTime(timezone=True)),
        sa.Column("release_reason", sa.Text),
        sa.Column("store_lock", sa.Text),
    )
    op.create_index("ix_chart_legal_holds_patient_id", "chart_legal_holds", ["patient_id"])
    op.create_index("ix_chart_legal_holds_encounter_id", "chart_legal_holds", ["encounter_id"])
    op.create_table(
        "chart_destructions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("type_code", sa.String(32)),
        sa.Column("type_display", sa.String(128)),
        sa.Column("patient_id", sa.String(64)),
        sa.Column("encounter_id", sa.String(64)),
        sa.Column("service_date", sa.String(10)),
        sa.Column("received_at", sa.DateTime(timezone=True)),
        sa.Column("last_encounter_on", sa.String(10)),
        sa.Column("retain_until", sa.String(10)),
        sa.Column("rule", sa.Text),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("proposed_by", sa.String(128), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(128)),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
        sa.Column("destroyed_at", sa.DateTime(timezone=True)),
        sa.Column("cancelled_by", sa.String(128)),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_chart_destructions_doc_id", "chart_destructions", ["doc_id"])
    op.create_index("ix_chart_destructions_state", "chart_destructions", ["state"])
    op.create_index("ix_chart_destructions_patient_id", "chart_destructions", ["patient_id"])
    op.create_table(
        "chart_destroyed_objects",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("destruction_id", sa.String(40), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("bucket", sa.String(255), nullable=False),
        sa.Column("object_key", sa.Text, nullable=False),
        sa.Column("size", sa.BigInteger),
        sa.Column("sha256", sa.String(64)),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_chart_destroyed_objects_destruction_id", "chart_destroyed_objects", ["destruction_id"])


def downgrade() -> None:
    op.drop_index("ix_chart_destroyed_objects_destruction_id", table_name="chart_destroyed_objects")
    op.drop_table("chart_destroyed_objects")
    for ix in ("patient_id", "state", "doc_id"):
        op.drop_index(f"ix_chart_destructions_{ix}", table_name="chart_destructions")
    op.drop_table("chart_destructions")
    op.drop_index("ix_chart_legal_holds_encounter_id", table_name="chart_legal_holds")
    op.drop_index("ix_chart_legal_holds_patient_id", table_name="chart_legal_holds")
    op.drop_table("chart_legal_holds")
