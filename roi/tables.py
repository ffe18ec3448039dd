"""The release-of-information tables, on the project's one MetaData (``himflow.db.metadata``).

Nothing here is ever deleted: requests, their history, packets and disclosures are records a
privacy officer must be able to show years later. ``guard_statements`` (run by migration 0002_roi) adds triggers on SQLite and
PostgreSQL that refuse DELETE on every table, any UPDATE of the history and the disclosures
(append-only), and any UPDATE of a packet, its pages or its boxes once it was released.
"""

from __future__ import annotations

import sqlalchemy as sa

from himflow.db import metadata

requests = sa.Table(
    "roi_requests",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),  # roi-<random>: opaque, travels in URLs
    sa.Column("patient_id", sa.String(64), nullable=False, index=True),
    sa.Column("state", sa.String(32), nullable=False, index=True),
    sa.Column("state_reason", sa.Text),  # why denied / cancelled
    sa.Column("requester_name", sa.String(200), nullable=False),
    sa.Column("requester_org", sa.String(200)),
    sa.Column("requester_address", sa.Text),
    sa.Column("requester_type", sa.String(32), nullable=False),
    sa.Column("purpose", sa.Text, nullable=False),
    # treatment | payment | operations | individual | authorization | judicial | law-enforcement
    # | public-health | required-by-law | other: decides whether 164.528 counts the disclosure
    sa.Column("legal_basis", sa.String(32), nullable=False),
    sa.Column("date_from", sa.Date),
    sa.Column("date_to", sa.Date),
    sa.Column("type_codes", sa.Text, nullable=False, default="[]"),  # JSON list of LOINC codes; [] = all
    # The authorization document: stored in the object store (opaque key), its hash, what a
    # person checked on it.
    sa.Column("authorization_key", sa.Text),
    sa.Column("authorization_sha256", sa.String(64)),
    sa.Column("authorization_expires", sa.Date),
    sa.Column("authorization_signed", sa.Boolean),
    sa.Column("authorization_covers", sa.Text, nullable=False, default="[]"),  # JSON: sensitive categories named explicitly
    sa.Column("authorization_checked_by", sa.String(64)),
    sa.Column("authorization_checked_at", sa.DateTime(timezone=True)),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("extended_at", sa.DateTime(timezone=True)),  # once only (164.524(b)(2))
    sa.Column("extension_reason", sa.Text),
    sa.Column("fee_cents", sa.Integer),
    sa.Column("fee_note", sa.Text),
    sa.Column("qc_by", sa.String(64)),
    sa.Column("released_at", sa.DateTime(timezone=True)),
    sa.Column("created_by", sa.String(64)),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

request_events = sa.Table(
    "roi_request_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("request_id", sa.String(40), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(64)),
    sa.Column("action", sa.String(32), nullable=False),  # created | advanced | extended | fee | ...
    sa.Column("from_state", sa.String(32)),
    sa.Column("to_state", sa.String(32)),
    sa.Column("note", sa.Text),
)

packets = sa.Table(
    "roi_packets",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("request_id", sa.String(40), nullable=False, index=True),
    sa.Column("status", sa.String(16), nullable=False),  # draft | released | discarded
    sa.Column("documents", sa.Text, nullable=False),  # JSON [{doc_id, type_code, service_date, pages}]
    sa.Column("excluded", sa.Text, nullable=False, default="[]"),  # JSON [{doc_id, categories}]
    sa.Column("part2_notice", sa.Boolean, nullable=False, default=False),
    sa.Column("bucket", sa.String(255)),
    sa.Column("object_key", sa.Text),
    sa.Column("sha256", sa.String(64)),
    sa.Column("size", sa.BigInteger),
    sa.Column("page_count", sa.Integer),
    sa.Column("bates_prefix", sa.String(32)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("released_at", sa.DateTime(timezone=True)),
    sa.Column("released_by", sa.String(64)),
)

packet_pages = sa.Table(
    "roi_packet_pages",
    metadata,
    sa.Column("packet_id", sa.String(40), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),  # 1-based page of the documents part
    sa.Column("doc_id", sa.String(64), nullable=False),
    sa.Column("doc_page", sa.Integer, nullable=False),
    sa.Column("image_key", sa.Text, nullable=False),  # the page image (PNG) in the derived bucket
    sa.Column("width", sa.Integer, nullable=False),
    sa.Column("height", sa.Integer, nullable=False),
)

boxes = sa.Table(
    "roi_redaction_boxes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("packet_id", sa.String(40), nullable=False, index=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("x0", sa.Integer, nullable=False),
    sa.Column("y0", sa.Integer, nullable=False),
    sa.Column("x1", sa.Integer, nullable=False),
    sa.Column("y1", sa.Integer, nullable=False),
    sa.Column("entity", sa.String(32), nullable=False),  # name | date | phone | mrn | ... | manual
    sa.Column("text", sa.Text),  # what the box covers (shown to the reviewer; never released)
    sa.Column("score", sa.Float),
    sa.Column("origin", sa.String(16), nullable=False),  # proposed | added
    sa.Column("decision", sa.String(16), nullable=False),  # proposed | accepted | removed
    sa.Column("decided_by", sa.String(64)),
)

labels = sa.Table(
    "roi_sensitivity_labels",
    metadata,
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sa.Column("category", sa.String(24), primary_key=True),  # part2 | hiv-sti | behavioral | reproductive | genetic
    sa.Column("evidence", sa.Text, nullable=False),  # JSON [{start, end, text}]
    sa.Column("text_sha256", sa.String(64), nullable=False),  # the text the label was read from
    sa.Column("labelled_at", sa.DateTime(timezone=True), nullable=False),
)

disclosures = sa.Table(
    "roi_disclosures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("patient_id", sa.String(64), nullable=False, index=True),
    sa.Column("request_id", sa.String(40), nullable=False, index=True),
    sa.Column("packet_id", sa.String(40)),
    sa.Column("disclosed_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("recipient_name", sa.String(200), nullable=False),
    sa.Column("recipient_org", sa.String(200)),
    sa.Column("recipient_address", sa.Text),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("purpose", sa.Text, nullable=False),
    sa.Column("legal_basis", sa.String(32), nullable=False),
    sa.Column("accountable", sa.Boolean, nullable=False),  # counted in a 164.528 accounting
    sa.Column("released_by", sa.String(64)),
)

ROI_TABLES = (requests, request_events, packets, packet_pages, boxes, labels, disclosures)

# (table, what is refused, condition on OLD or None)
_GUARDS = (
    ("roi_requests", "DELETE", None),
    ("roi_request_events", "UPDATE", None), ("roi_request_events", "DELETE", None),
    ("roi_disclosures", "UPDATE", None), ("roi_disclosures", "DELETE", None),
    ("roi_packets", "DELETE", None),
    ("roi_packets", "UPDATE", "OLD.status = 'released'"),
    ("roi_packet_pages", "DELETE", None),
    ("roi_packet_pages", "UPDATE", "(SELECT status FROM roi_packets p WHERE p.id = OLD.packet_id) = 'released'"),
    ("roi_redaction_boxes", "DELETE", None),
    ("roi_redaction_boxes", "UPDATE", "(SELECT status FROM roi_packets p WHERE p.id = OLD.packet_id) = 'released'"),
)


def _sqlite_triggers() -> list[str]:
    out = []
    for table, op, cond in _GUARDS:
        when = f" WHEN {cond}" if cond else ""
        out.append(f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table}{when} "
                   f"BEGIN SELECT RAISE(ABORT, '{table}: {op.lower()} refused (release of information record)'); END")
    return out


def _pg_triggers() -> list[str]:
    out = [("CREATE OR REPLACE FUNCTION roi_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '%: % refused (release of information record)', TG_TABLE_NAME, TG_OP; END $$")]
    for table, op, cond in _GUARDS:
        name = f"{table}_no_{op.lower()}"
        when = f" WHEN ({cond})" if cond else ""
        if cond and "SELECT" in cond:
            # PostgreSQL trigger WHEN clauses may not hold sub-queries: check in the body.
            fn = f"{name}_fn"
            out.append(f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       f"IF {cond} THEN RAISE EXCEPTION '%: % refused (release of information record)', "
                       f"TG_TABLE_NAME, TG_OP; END IF; RETURN NEW; END $$")
            out.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            out.append(f"CREATE TRIGGER {name} BEFORE {op} ON {table} FOR EACH ROW EXECUTE FUNCTION {fn}()")
            continue
        out.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        level = "ROW" if cond else "STATEMENT"
        out.append(f"CREATE TRIGGER {name} BEFORE {op} ON {table} FOR EACH {level}{when} "
                   "EXECUTE FUNCTION roi_refuse_change()")
    for table in ("roi_requests", "roi_request_events", "roi_disclosures", "roi_packets",
                  "roi_packet_pages", "roi_redaction_boxes"):
        out.append(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        out.append(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION roi_refuse_change()")
    return out


def guard_statements(dialect: str) -> list[str]:
    """The triggers that refuse deleting or rewriting the records (migration 0002_roi)."""
    return _pg_triggers() if dialect == "postgresql" else _sqlite_triggers()
