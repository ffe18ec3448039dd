"""Extraction quality in counts on each document (the reports' per-page low-confidence share and
unsure words per minute): ``ocr_pages``, ``low_confidence_pages``, ``audio_seconds``,
``unsure_words``, written by the indexing stage (indexing/quality.py). Rows indexed before this
revision keep NULL there and are left out of those two figures.

Revision ID: 0008_extraction_quality
Revises: 0007_retention
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_extraction_quality"
down_revision = "0007_retention"
branch_labels = None
depends_on = None

_COLUMNS = (("ocr_pages", sa.Integer), ("low_confidence_pages", sa.Integer), ("audio_seconds", sa.Float),
            ("unsure_words", sa.Integer))


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
