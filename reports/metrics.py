"""The department's figures as Prometheus metrics (text exposition format 0.0.4), for ``/metrics``.

Counters are totals since the database began (Prometheus takes rates itself); gauges are today's
state. Labels carry no PHI: kinds, sources, statuses, reasons, deficiency kinds. Each scrape reads
the tables (a handful of GROUP BY queries and today's deficiencies), like the reports page does.

    himflow_documents_received_total{kind,source}      counter  documents received (a split batch
                                                                counts as its documents)
    himflow_documents_decided_total{decision}           counter  the indexing stage's decisions per
                                                                document: auto_filed / to_review
    himflow_documents{status}                           gauge    documents by status now
    himflow_review_backlog_documents{reason}            gauge    what waits for a person, by reason
    himflow_deficiencies_open{kind,delinquent}          gauge    open chart deficiencies
    himflow_roi_requests_received_total                 counter  release-of-information requests
    himflow_roi_requests_released_total                 counter  ... released
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chart.deficiencies import open_deficiencies
from desk.queue import source_expr
from himflow.db import document_history, documents
from reports.queries import Period, backlog
from roi.states import State
from roi.tables import requests as roi_requests
from schemas.events import DocumentStatus

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _label(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _family(name: str, kind: str, help_: str, samples: Iterable[tuple[dict[str, str], float]]) -> list[str]:
    lines = [f"# HELP {name} {help_}", f"# TYPE {name} {kind}"]
    for labels, value in samples:
        tag = ",".join(f'{k}="{_label(v)}"' for k, v in sorted(labels.items()))
        lines.append(f"{name}{{{tag}}} {value:g}" if tag else f"{name} {value:g}")
    return lines


def exposition(conn: Connection, *, rules: dict[str, list[dict]], now: datetime | None = None) -> str:
    d = documents.c
    received = conn.execute(
        sa.select(d.kind, source_expr().label("source"), sa.func.count())
        .where(d.status != DocumentStatus.SPLIT.value).group_by(d.kind, "source")).all()
    decided = conn.execute(
        sa.select(document_history.c.status, sa.func.count(sa.distinct(document_history.c.doc_id)))
        .where(document_history.c.stage == "indexing",
               document_history.c.status.in_((DocumentStatus.FILED.value, DocumentStatus.REVIEW.value)))
        .group_by(document_history.c.status)).all()
    by_status = conn.execute(sa.select(d.status, sa.func.count()).group_by(d.status)).all()
    today = (now.date() if now else None)
    queue = backlog(conn, Period.last_days(1, today=today), now=now)
    deficiencies = Counter((x.kind, "yes" if x.delinquent else "no")
                           for x in open_deficiencies(conn, rules, now=now))
    roi_got = conn.execute(sa.select(sa.func.count()).select_from(roi_requests)).scalar_one()
    roi_rel = conn.execute(sa.select(sa.func.count()).select_from(roi_requests)
                           .where(roi_requests.c.state == State.RELEASED.value)).scalar_one()
    decision = {DocumentStatus.FILED.value: "auto_filed", DocumentStatus.REVIEW.value: "to_review"}
    out: list[str] = []
    out += _family("himflow_documents_received_total", "counter", "Documents received, by kind and source.",
                   (({"kind": k or "unknown", "source": s}, n) for k, s, n in received))
    out += _family("himflow_documents_decided_total", "counter",
                   "The indexing stage's filing decisions (each document once per decision).",
                   (({"decision": decision[st]}, n) for st, n in decided))
    out += _family("himflow_documents", "gauge", "Documents by status now.",
                   (({"status": st}, n) for st, n in by_status))
    out += _family("himflow_review_backlog_documents", "gauge",
                   "Documents waiting for a person, by reason (a document with two reasons counts under each).",
                   (({"reason": r.reason}, r.documents) for r in queue))
    out += _family("himflow_deficiencies_open", "gauge", "Open chart deficiencies by kind and delinquency.",
                   (({"kind": k, "delinquent": dq}, n) for (k, dq), n in sorted(deficiencies.items())))
    out += _family("himflow_roi_requests_received_total", "counter", "Release-of-information requests received.",
                   [({}, roi_got)])
    out += _family("himflow_roi_requests_released_total", "counter", "Release-of-information requests released.",
                   [({}, roi_rel)])
    return "\n".join(out) + "\n"
