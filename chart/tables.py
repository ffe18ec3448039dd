"""The chart area's tables, on the project's one MetaData (``himflow.db.metadata``).

``chart_reminders``: one row per deficiency and reminder age whose reminder was decided, so
each goes once however often the pass runs. The row and the outbox event are written in one
transaction; the primary key makes a second pass (or a second process) skip it.

``chart_audit_samples``: a random sample of encounters for a quality audit (``chart.audit``):
what was asked (class, discharge period, size, seed), the population it was drawn from (size
and a digest of its ids) and the encounters drawn, so the sample can be drawn again and
checked. ``chart_audits``: one row per audit a records clerk recorded: the encounter, who,
when, the checklist as it was answered (JSON), the findings (JSON), notes, pass or fail, and
the sample it was done for (if any).

``chart_legal_holds``: a legal hold on a patient or on one encounter (who set it, why, when;
who released it, why, when). An active hold (not released) blocks destruction and every edit
of the documents it covers (chart/holds.py). ``store_lock``: what the object store answered
when asked to put its own legal hold on the objects (JSON counts per answer).

``chart_destructions``: a proposed destruction of one document past retention and, once an
administrator approved it and the content is gone, its destruction certificate (what the
document was, whose, its dates, the rule that made it due, who proposed, who approved, when).
``chart_destroyed_objects``: every object of a destroyed document with its SHA-256 taken
just before the delete, and what became of it (chart/destruction.py).
"""

from __future__ import annotations

import sqlalchemy as sa

from himflow.db import metadata

reminders = sa.Table(
    "chart_reminders",
    metadata,
    sa.Column("deficiency_key", sa.String(32), primary_key=True),  # schemas.chart.deficiency_key
    sa.Column("reminder_age_days", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.String(32), nullable=False, unique=True),
    sa.Column("encounter_id", sa.String(64), nullable=False, index=True),
    sa.Column("physician", sa.String(128), index=True),
    # sent: an event went to the outbox; passed: a later age was already due when this one
    # was first seen (the stack was down, the rule changed): recorded, not sent
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("age_days", sa.Integer, nullable=False),
    sa.Column("delinquent", sa.Boolean, nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
)

audit_samples = sa.Table(
    "chart_audit_samples",
    metadata,
    sa.Column("sample_id", sa.String(40), primary_key=True),  # opaque: "cas-" + random
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(64), nullable=False),
    sa.Column("enc_class", sa.String(8), nullable=False),
    sa.Column("period_start", sa.Date, nullable=False),  # discharge dates, inclusive
    sa.Column("period_end", sa.Date, nullable=False),
    sa.Column("seed", sa.BigInteger, nullable=False),
    sa.Column("requested", sa.Integer, nullable=False),
    sa.Column("population", sa.Integer, nullable=False),
    sa.Column("population_digest", sa.String(64), nullable=False),  # SHA-256 of the sorted ids
    sa.Column("encounter_ids", sa.Text, nullable=False),  # JSON list, in draw order
)

audits = sa.Table(
    "chart_audits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("encounter_id", sa.String(64), nullable=False, index=True),
    sa.Column("patient_id", sa.String(64), nullable=False),
    sa.Column("sample_id", sa.String(40), index=True),  # None: an audit outside a sample
    sa.Column("auditor", sa.String(64), nullable=False),
    sa.Column("audited_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("result", sa.String(8), nullable=False),  # pass | fail
    sa.Column("checklist", sa.Text, nullable=False),  # JSON: documents and checks as answered
    sa.Column("findings", sa.Text, nullable=False),  # JSON list of {"code", "label"}
    sa.Column("notes", sa.Text, nullable=False, default=""),
)


legal_holds = sa.Table(
    "chart_legal_holds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("scope", sa.String(16), nullable=False),  # patient | encounter
    sa.Column("patient_id", sa.String(64), nullable=False, index=True),
    sa.Column("encounter_id", sa.String(64), index=True),  # scope encounter only
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("set_by", sa.String(128), nullable=False),
    sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("released_by", sa.String(128)),
    sa.Column("released_at", sa.DateTime(timezone=True)),
    sa.Column("release_reason", sa.Text),
    sa.Column("store_lock", sa.Text),
)

destructions = sa.Table(
    "chart_destructions",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),  # dst-... (the certificate's number)
    sa.Column("doc_id", sa.String(64), nullable=False, index=True),
    # proposed -> destroying (approved, objects being deleted) -> destroyed; or cancelled
    sa.Column("state", sa.String(16), nullable=False, index=True),
    sa.Column("type_code", sa.String(32)),
    sa.Column("type_display", sa.String(128)),
    sa.Column("patient_id", sa.String(64), index=True),
    sa.Column("encounter_id", sa.String(64)),
    sa.Column("service_date", sa.String(10)),
    sa.Column("received_at", sa.DateTime(timezone=True)),
    sa.Column("last_encounter_on", sa.String(10)),
    sa.Column("retain_until", sa.String(10)),
    sa.Column("rule", sa.Text),  # the retention rule that made it due, in words
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("proposed_by", sa.String(128), nullable=False),
    sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("approved_by", sa.String(128)),
    sa.Column("approved_at", sa.DateTime(timezone=True)),
    sa.Column("destroyed_at", sa.DateTime(timezone=True)),
    sa.Column("cancelled_by", sa.String(128)),
    sa.Column("cancelled_at", sa.DateTime(timezone=True)),
)

destroyed_objects = sa.Table(
    "chart_destroyed_objects",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("destruction_id", sa.String(40), nullable=False, index=True),
    sa.Column("role", sa.String(32), nullable=False),  # original, text, searchable_pdf, vtt, ...
    sa.Column("bucket", sa.String(255), nullable=False),
    sa.Column("object_key", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger),
    sa.Column("sha256", sa.String(64)),
    # pending (hashed, not deleted yet) | destroyed | absent (not in the store when looked for)
    # | kept-shared (another live document has the same object: a batch's original)
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("note", sa.Text),
)

CHART_TABLES = (reminders, audit_samples, audits, legal_holds, destructions, destroyed_objects)
