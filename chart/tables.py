"""The chart area's tables, on the project's one MetaData (``himflow.db.metadata``).

``chart_reminders``: one row per deficiency and reminder age whose reminder was decided, so
each goes once however often the pass runs. The row and the outbox event are written in one
transaction; the primary key makes a second pass (or a second process) skip it.
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

CHART_TABLES = (reminders,)
