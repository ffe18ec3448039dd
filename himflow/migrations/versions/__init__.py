"""Alembic revisions (Alembic itself skips this file). One file per schema change."""
