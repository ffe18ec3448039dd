"""The full-text index on SQLite FTS5 and on PostgreSQL (tsvector + GIN): same API, same
answers; re-indexing replaces; filters; snippets escape markup; query syntax is inert."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from himflow import db
from himflow import text_index as store

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'idx.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    e = db.make_engine(url)
    db.migrate(e)
    yield e
    e.dispose()


def _doc(conn, doc_id, text, **values):
    db.upsert_document(conn, doc_id, status="filed", **values)
    store.index_text(conn, doc_id, text)


def test_search_finds_stems_filters_and_replaces_on_reindex(engine):
    with engine.begin() as conn:
        _doc(conn, "a", "Discharge summary: pneumonia treated with ceftriaxone. <script>x</script>",
             patient_id="p1", type_code="18842-5", service_date="2026-11-01")
        _doc(conn, "b", "Progress note: the patient's pneumonia is improving.", patient_id="p2",
             type_code="11506-3", service_date="2026-11-10")
        _doc(conn, "c", "Radiology report: chest x-ray normal.", patient_id="p1", type_code="18748-4")
        store.index_text(conn, "c", "Radiology report: chest x-ray shows consolidation.")  # re-indexed
    with engine.connect() as conn:
        assert {h.doc_id for h in store.search(conn, "pneumonia")} == {"a", "b"}
        assert [h.doc_id for h in store.search(conn, "pneumonia", patient_id="p1")] == ["a"]
        assert [h.doc_id for h in store.search(conn, "pneumonia", type_code="11506-3")] == ["b"]
        assert [h.doc_id for h in store.search(conn, "pneumonia", date_from=date(2026, 11, 5))] == ["b"]
        assert [h.doc_id for h in store.search(conn, "pneumonia", date_to=date(2026, 11, 5))] == ["a"]
        assert [h.doc_id for h in store.search(conn, "consolidation")] == ["c"]
        assert store.search(conn, "normal") == []  # the old text is gone
        assert [h.doc_id for h in store.search(conn, "treated")] == ["a"]  # stemming: treat/treated
        hit = store.search(conn, "ceftriaxone")[0]
        html = store.render_snippet(hit.snippet, style="html")
        assert "<mark>ceftriaxone</mark>" in html and "<script>" not in html
        for hostile in ('" OR 1=1 --', "NEAR(a b)", "pneumonia*", "'; DROP TABLE documents; --", "***"):
            store.search(conn, hostile)  # never a syntax error
        assert conn.execute(sa.select(sa.func.count()).select_from(store.document_text)).scalar() == 3
