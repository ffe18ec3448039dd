"""Uploads answer: the upload's hints row names the document it became (``doc_id``), the
file's name and size as uploaded, and who uploaded it (``uploaded_by``, the desk account; empty
for the CLI and the hot folder). The web upload's status page and `himflow status <reference>`
read them.

Revision ID: 0009_upload_references
Revises: 0008_extraction_quality
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_upload_references"
down_revision = "0008_extraction_quality"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("upload_hints") as batch:
        batch.add_column(sa.Column("doc_id", sa.String(64)))
        batch.add_column(sa.Column("file_name", sa.String(255)))
        batch.add_column(sa.Column("size", sa.BigInteger))
        batch.add_column(sa.Column("uploaded_by", sa.String(64)))
    op.create_index("ix_upload_hints_doc_id", "upload_hints", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_upload_hints_doc_id", table_name="upload_hints")
    with op.batch_alter_table("upload_hints") as batch:
        for name in ("uploaded_by", "size", "file_name", "doc_id"):
            batch.drop_column(name)
