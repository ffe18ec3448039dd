"""The audit trail: every view, download, search and change of patient data, append-only.

Who (user id, name, role), what (action, document, patient), when (UTC), from where (address,
user agent) and why (purpose). ``disclosures`` answers "who saw this patient's records" and
``to_csv`` exports it (the export is itself audited by the caller).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow.db import documents, utcnow
from desk.auth import User
from desk.db import audit_log
from desk.patient_index import patients_db

# Actions (stable strings; the audit page filters on them).
VIEW_QUEUE = "view-queue"
VIEW_DOCUMENT = "view-document"
VIEW_ORIGINAL = "view-original"
DOWNLOAD = "download"
SEARCH = "search"
VIEW_PATIENT = "view-patient"
CLAIM = "claim"
ASSIGN = "assign"  # a document given to another reviewer
RELEASE = "release"
CORRECT = "correct"
APPROVE = "approve"
REJECT = "reject"
SPLIT = "split-pages"
MERGE = "merge-pages"
ROTATE_PAGE = "rotate-page"  # a reviewer turned a page (desk/rotations.py)
EDIT_DICTATION = "edit-dictation"
SIGN_DICTATION = "sign-dictation"
UPLOAD = "upload"
VIEW_UPLOAD = "view-upload"  # an upload's status page (no PHI: stages, sizes, times)
VIEW_AUDIT = "view-audit"
EXPORT_AUDIT = "export-audit"
VIEW_OPERATIONS = "view-operations"
REPLAY = "replay-dead-letter"
SIGN_IN = "sign-in"
SIGN_IN_FAILED = "sign-in-failed"
SIGN_REAUTH_FAILED = "sign-reauth-failed"  # signing refused: wrong password re-entered, or throttled
SIGN_OUT = "sign-out"
VIEW_CHART_AUDIT = "view-chart-audit"  # an encounter's audit checklist, a sample's worklist
RECORD_CHART_AUDIT = "record-chart-audit"
SAMPLE_CHART_AUDIT = "sample-chart-audit"  # a random sample of encounters drawn

PHI_ACTIONS = (VIEW_DOCUMENT, VIEW_ORIGINAL, DOWNLOAD, VIEW_PATIENT, CORRECT, APPROVE, REJECT,
               EDIT_DICTATION, SIGN_DICTATION, CLAIM, SEARCH, VIEW_CHART_AUDIT, RECORD_CHART_AUDIT,
               ROTATE_PAGE)


@dataclass(frozen=True)
class Where:
    ip: str
    user_agent: str


def record(
    conn: Connection,
    *,
    user: User | None,
    action: str,
    where: Where,
    doc_id: str | None = None,
    patient_id: str | None = None,
    purpose: str | None = None,
    detail: str = "",
) -> None:
    """Append one audit row, inside the caller's transaction (so a change and its audit row
    commit together, and a read is only served once its audit row is written)."""
    conn.execute(audit_log.insert().values(
        at=utcnow(),
        user_id=user.id if user else None,
        username=user.username if user else None,
        role=user.role if user else None,
        action=action,
        doc_id=doc_id,
        patient_id=patient_id,
        purpose=purpose or (user.purpose if user else None),
        ip=where.ip[:64],
        user_agent=where.user_agent[:255],
        detail=detail[:2000],
    ))


def record_many(conn: Connection, rows: Iterable[dict]) -> None:
    rows = list(rows)
    if rows:
        conn.execute(audit_log.insert(), rows)


def query(
    conn: Connection,
    *,
    patient_id: str | None = None,
    doc_id: str | None = None,
    username: str | None = None,
    action: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 200,
) -> list[sa.Row]:
    """Audit rows, newest first. A patient filter also finds accesses recorded by document
    (the document's current patient), so a later correction does not hide earlier reads, and
    rows written under the patient's former ids (ids that carried the MRN, since migrated)."""
    q = sa.select(audit_log)
    if patient_id:
        docs_of_patient = sa.select(documents.c.id).where(documents.c.patient_id == patient_id)
        ids = [patient_id, *_former_ids(conn, patient_id)]
        q = q.where(sa.or_(audit_log.c.patient_id.in_(ids),
                           audit_log.c.doc_id.in_(docs_of_patient)))
    if doc_id:
        q = q.where(audit_log.c.doc_id == doc_id)
    if username:
        q = q.where(audit_log.c.username == username)
    if action:
        q = q.where(audit_log.c.action == action)
    if date_from:
        q = q.where(audit_log.c.at >= datetime.combine(date_from, datetime.min.time(), UTC))
    if date_to:
        q = q.where(audit_log.c.at < datetime.combine(date_to + timedelta(days=1),
                                                      datetime.min.time(), UTC))
    return list(conn.execute(q.order_by(audit_log.c.id.desc()).limit(limit)))


def _former_ids(conn: Connection, patient_id: str) -> list[str]:
    return patients_db.former_ids(conn, patient_id) if patients_db is not None else []


CSV_COLUMNS = ("at", "username", "role", "action", "doc_id", "patient_id", "purpose", "ip",
               "user_agent", "detail")


def to_csv(rows: Iterable[sa.Row]) -> str:
    """CSV of audit rows. Cells that a spreadsheet would run as a formula are prefixed with '."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        cells = []
        for col in CSV_COLUMNS:
            v = getattr(r, col)
            s = v.isoformat() if isinstance(v, datetime) else ("" if v is None else str(v))
            if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
                s = "'" + s
            cells.append(s)
        writer.writerow(cells)
    return out.getvalue()
