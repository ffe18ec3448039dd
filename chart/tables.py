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

CHART_TABLES = (reminders, audit_samples, audits)
