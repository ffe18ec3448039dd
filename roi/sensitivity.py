"""Sensitive records: documents whose content falls under 42 CFR Part 2 (substance-use
disorder treatment), HIV/STI results, behavioural health, reproductive health or genetic
testing, each label with the spans of text that made it (the evidence a person checks).

Labels become HL7 v3 codes for ``DocumentReference.meta.security`` (``security_codes``): the
confidentiality code R (restricted) plus the sensitivity codes of ActCode (ETH for Part 2 with
the 42CFRPart2 privacy-law code, HIV, STD, PSY, SEX, GDIS). The term lists, the
labelling and the codes are the spine's (``himflow.sensitivity``, which the publishing stage
uses for every DocumentReference); this module stores the labels release of information
decides packets by.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow.db import utcnow
from himflow.sensitivity import Label, classify, security_codes
from roi.tables import labels

def label_document(conn: Connection, doc_id: str, text: str) -> list[Label]:
    """Label (or relabel, when the text changed) one document; returns its labels."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    current = conn.execute(sa.select(labels.c.text_sha256).where(labels.c.doc_id == doc_id)).scalars().all()
    found = classify(text)
    if current and all(d == digest for d in current):
        return stored_labels(conn, doc_id)
    conn.execute(labels.delete().where(labels.c.doc_id == doc_id))
    now = utcnow()
    for lab in found:
        conn.execute(labels.insert().values(
            doc_id=doc_id, category=lab.category, text_sha256=digest, labelled_at=now,
            evidence=json.dumps([{"start": s, "end": e, "text": t} for s, e, t in lab.evidence])))
    if not found:  # remember that this text was read and found nothing
        conn.execute(labels.insert().values(doc_id=doc_id, category="none", text_sha256=digest,
                                            labelled_at=now, evidence="[]"))
    return found


def stored_labels(conn: Connection, doc_id: str) -> list[Label]:
    rows = conn.execute(sa.select(labels).where(labels.c.doc_id == doc_id, labels.c.category != "none")
                        .order_by(labels.c.category))
    return [Label(r.category, tuple((e["start"], e["end"], e["text"]) for e in json.loads(r.evidence)))
            for r in rows]


def security_labels_for(conn: Connection, doc_id: str, text: str | None = None) -> list[dict[str, Any]]:
    """What publishing puts in the DocumentReference's ``meta.security`` for this document.
    With ``text`` the document is (re)labelled first; without, the stored labels are used."""
    found = label_document(conn, doc_id, text) if text is not None else stored_labels(conn, doc_id)
    return security_codes([lab.category for lab in found])
