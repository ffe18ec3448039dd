"""The full-text index: SQLite FTS5 by default, PostgreSQL tsvector + GIN in production.

Same API on both. Upserts are keyed by document id (re-indexing replaces, never doubles).
Snippets mark hits with the control characters START/END so every renderer escapes the text
first and only then turns markers into its own highlighting (the text may contain markup).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from himflow.db import metadata

START, END = "\x02", "\x03"

document_text = sa.Table(
    "document_text",
    metadata,
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
)
# Besides this table the index has, by DDL in the migrations (himflow/migrations/baseline.py):
# SQLite the FTS5 table document_fts, PostgreSQL the generated column tsv and its GIN index.

_TOKEN = re.compile(r"[\w][\w\-']*", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    doc_id: str
    snippet: str
    score: float


def _is_pg(conn_or_engine: Connection | Engine) -> bool:
    return conn_or_engine.dialect.name == "postgresql"


def index_text(conn: Connection, doc_id: str, text: str) -> None:
    """Store (or replace) a document's text in the index. Idempotent."""
    conn.execute(document_text.delete().where(document_text.c.doc_id == doc_id))
    conn.execute(document_text.insert().values(doc_id=doc_id, text=text))
    if not _is_pg(conn):
        conn.execute(sa.text("DELETE FROM document_fts WHERE doc_id = :d"), {"d": doc_id})
        conn.execute(
            sa.text("INSERT INTO document_fts (doc_id, text) VALUES (:d, :t)"), {"d": doc_id, "t": text}
        )


def delete_text(conn: Connection, doc_id: str) -> int:
    """Remove a document's text from the index (destruction past retention). Returns the
    number of text rows removed (0 or 1)."""
    n = conn.execute(document_text.delete().where(document_text.c.doc_id == doc_id)).rowcount
    if not _is_pg(conn):
        conn.execute(sa.text("DELETE FROM document_fts WHERE doc_id = :d"), {"d": doc_id})
    return int(n or 0)


def get_text(conn: Connection, doc_id: str) -> str | None:
    return conn.execute(
        sa.select(document_text.c.text).where(document_text.c.doc_id == doc_id)
    ).scalar()


def _fts5_query(query: str) -> str:
    """User words -> an FTS5 query of quoted terms (no FTS syntax injection)."""
    terms = _TOKEN.findall(query)
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def search(
    conn: Connection,
    query: str,
    *,
    patient_id: str | None = None,
    type_code: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    if not _TOKEN.search(query):
        return []
    filters = []
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if patient_id:
        filters.append("d.patient_id = :patient")
        params["patient"] = patient_id
    if type_code:
        filters.append("d.type_code = :type")
        params["type"] = type_code
    if date_from:
        filters.append("COALESCE(d.service_date, substr(CAST(d.created_at AS TEXT), 1, 10)) >= :dfrom")
        params["dfrom"] = date_from.isoformat()
    if date_to:
        filters.append("COALESCE(d.service_date, substr(CAST(d.created_at AS TEXT), 1, 10)) <= :dto")
        params["dto"] = date_to.isoformat()
    where = "".join(f" AND {f}" for f in filters)
    if _is_pg(conn):
        params["q"] = query
        sql = (
            "SELECT t.doc_id, ts_headline('english', t.text, q, "
            f"'StartSel=\"{START}\", StopSel=\"{END}\", MaxWords=24, MinWords=8, MaxFragments=2') AS snip, "
            "ts_rank(t.tsv, q) AS score "
            "FROM document_text t JOIN documents d ON d.id = t.doc_id, "
            "websearch_to_tsquery('english', :q) q "
            f"WHERE t.tsv @@ q{where} ORDER BY score DESC, t.doc_id LIMIT :limit OFFSET :offset"
        )
    elif not filters:
        # No filters: rank inside FTS5 alone (its own `rank` ordering), no join: ~6x faster when
        # a term matches most documents.
        params["q"] = _fts5_query(query)
        sql = (
            "SELECT doc_id, snippet(document_fts, 1, char(2), char(3), '…', 16) AS snip, -rank AS score "
            "FROM document_fts WHERE document_fts MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
        )
    else:
        params["q"] = _fts5_query(query)
        sql = (
            "SELECT f.doc_id, snippet(document_fts, 1, char(2), char(3), '…', 16) AS snip, "
            "-bm25(document_fts) AS score "
            "FROM document_fts f JOIN documents d ON d.id = f.doc_id "
            f"WHERE document_fts MATCH :q{where} ORDER BY bm25(document_fts), f.doc_id "
            "LIMIT :limit OFFSET :offset"
        )
    rows = conn.execute(sa.text(sql), params).all()
    return [Hit(doc_id=r[0], snippet=r[1] or "", score=float(r[2] or 0.0)) for r in rows]


def render_snippet(snippet: str, *, style: str = "brackets") -> str:
    """Turn START/END markers into highlighting; HTML style escapes the text first."""
    if style == "html":
        escaped = html.escape(snippet.replace(START, "\x00S").replace(END, "\x00E"))
        return escaped.replace("\x00S", "<mark>").replace("\x00E", "</mark>")
    if style == "ansi":
        return snippet.replace(START, "\x1b[1;33m").replace(END, "\x1b[0m")
    return snippet.replace(START, "[").replace(END, "]")

