"""Every object a document has in the store, found two ways: what its row records (the
original, the text claim check, the renditions) and what the derived bucket holds under the
document's own keys (``ocr/<id>.json``, ``asr/<id>.json|vtt|txt``, ``pdf/<id>.pdf``, the
published page PDF ``pdf/<id>.pages.pdf`` of a document cut from a batch). Derived keys carry
only the document id (no PHI), so a listing by prefix finds those the row does not name.

An object another live document also has (the scanned batch file and its searchable PDF are
shared by every document cut from it) is *shared*: destroying one document keeps it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from himflow.db import documents
from schemas.claims import SCAN_TEXT_PREFIX, TRANSCRIPT_PREFIX

PDF_PREFIX = "pdf/"


@dataclass(frozen=True)
class StoredObject:
    role: str  # original | text | searchable_pdf | vtt | txt | audio | derived
    bucket: str
    key: str
    version_id: str = ""


def _renditions(row: Any) -> dict[str, str]:
    try:
        value = json.loads(row.renditions or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def recorded_objects(row: Any, *, derived_bucket: str) -> list[StoredObject]:
    """The objects the document row names."""
    out: list[StoredObject] = []
    if row.bucket and row.object_key:
        out.append(StoredObject("original", row.bucket, row.object_key, row.version_id or ""))
    if row.text_ref:
        out.append(StoredObject("text", derived_bucket, row.text_ref))
    for name, key in sorted(_renditions(row).items()):
        if name == "audio":  # a dictation's source: the original itself
            if key != row.object_key and row.bucket:
                out.append(StoredObject("audio", row.bucket, key))
            continue
        out.append(StoredObject(name, derived_bucket, key))
    return out


def own_derived_prefixes(doc_id: str) -> tuple[str, ...]:
    return (f"{SCAN_TEXT_PREFIX}{doc_id}.", f"{TRANSCRIPT_PREFIX}{doc_id}.", f"{PDF_PREFIX}{doc_id}.")


def find_objects(store: Any, row: Any, *, derived_bucket: str) -> list[StoredObject]:
    """Recorded objects plus whatever the derived bucket holds under the document's own keys."""
    found = recorded_objects(row, derived_bucket=derived_bucket)
    seen = {(o.bucket, o.key) for o in found}
    for prefix in own_derived_prefixes(row.id):
        for info in store.list_keys(derived_bucket, prefix=prefix):
            if (derived_bucket, info.key) not in seen:
                seen.add((derived_bucket, info.key))
                found.append(StoredObject("derived", derived_bucket, info.key))
    return found


def sharing_documents(conn: Connection, obj: StoredObject, *, doc_id: str, derived_bucket: str) -> list[str]:
    """Other live documents that have the same object (a batch's children share its file and
    its searchable PDF). A split batch's own row is a container, not a document: not counted."""
    d = documents.c
    conds = [sa.and_(d.bucket == obj.bucket, d.object_key == obj.key)]
    if obj.bucket == derived_bucket:
        conds += [d.text_ref == obj.key, d.renditions.like(f'%"{obj.key}"%')]
    return list(conn.execute(sa.select(d.id).where(d.id != doc_id, d.status != "split", sa.or_(*conds))
                             .order_by(d.id)).scalars())
