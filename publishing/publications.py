"""The patient record's publications, as tables: what was last sent per document
(``record_publications``) and every text that went out (``record_texts``), with the reads the
review UI's integration routes serve from them. Light to import (no FHIR models)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from himflow import db

record_publications = sa.Table(
    "record_publications",
    db.metadata,
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("resource_id", sa.String(64), nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("patient_id", sa.String(64)),
    sa.Column("type_code", sa.String(32)),
    sa.Column("status", sa.String(24), nullable=False),  # FHIR status of what we last sent
    sa.Column("doc_status", sa.String(24), nullable=False),
    sa.Column("resource", sa.Text, nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
)


# Every text that went out, content-addressed: the URL in a resource names the SHA-1 of its
# bytes, so the link serves exactly what the resource describes even after the document's
# text has changed (a signed transcript replaces the preliminary one).
record_texts = sa.Table(
    "record_texts",
    db.metadata,
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sa.Column("sha1", sa.String(40), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
)


def create_schema(engine: Engine) -> None:
    record_publications.create(engine, checkfirst=True)
    record_texts.create(engine, checkfirst=True)


def published_text(conn: Connection, doc_id: str, sha1: str) -> str | None:
    """A text as it was published (by the SHA-1 of its UTF-8 bytes), or None."""
    return conn.execute(sa.select(record_texts.c.text).where(
        record_texts.c.doc_id == doc_id, record_texts.c.sha1 == sha1)).scalar()


def keep_text(conn: Connection, doc_id: str, sha1: str, text: str) -> None:
    if published_text(conn, doc_id, sha1) is None:
        conn.execute(record_texts.insert().values(doc_id=doc_id, sha1=sha1, text=text,
                                                  published_at=datetime.now(timezone.utc)))


def document_pdf_key(row: Any) -> str | None:
    """The searchable PDF of this document: OCR's rendition, or for a document cut from a batch
    scan its own pages (``pdf/<id>.pages.pdf``, made at its first publication)."""
    key = renditions(row).get("searchable_pdf")
    if not key:
        return None
    return f"pdf/{row.id}.pages.pdf" if row.parent_id else key


def renditions(row: Any) -> dict[str, str]:
    try:
        value = json.loads(row.renditions or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
