"""Ids and keys that several stages derive the same way. Pure functions, no I/O.

A document id is a hash of where the object was stored (no PHI); a document cut out of a
batch scan (by cover sheets at OCR, or by a reviewer) gets a hash of its root's id and its
pages, so the same page set always gets the same id. The upload id travels in the stored
object's metadata (never the patient hints themselves: those wait in the database).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

# Object metadata key (x-amz-meta-himflow-upload-id) that links a stored object to the hints
# its uploader gave (upload_hints table). Written by every way in, read by intake.
UPLOAD_ID_META = "himflow-upload-id"


def doc_id_for(bucket: str, key: str, version: str) -> str:
    """The document id: a hash of bucket + key + versionId (or eTag). Carries no PHI."""
    return hashlib.sha256(f"{bucket}\x00{key}\x00{version}".encode()).hexdigest()[:32]


def child_id(parent_id: str, pages: Iterable[int]) -> str:
    """The id of the document made of ``pages`` (1-based, in the original file) of ``parent_id``."""
    return hashlib.sha256(f"{parent_id}\x00{','.join(map(str, pages))}".encode()).hexdigest()[:32]
