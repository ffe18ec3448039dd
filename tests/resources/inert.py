"""Checking that a PDF is inert: every object in the file (reachable or not, read with pypdf)
and the raw bytes are free of the names that start scripts, actions, embedded files or media."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from tests.resources.badinputs import ACTIVE_PDF_NAMES


def _all_objects(reader: PdfReader) -> list[object]:
    """Every object in the file, reachable or not (the xref table), resolved."""
    out = []
    for gen_map in (reader.xref or {}).values():
        for num in gen_map:
            try:
                out.append(reader.get_object(IndirectObject(num, 0, reader)))
            except Exception:  # noqa: BLE001, S112 - an unreadable slot is not active content
                continue
    out.append(reader.trailer["/Root"].get_object())
    return out


def _names_in(obj: object, seen: set[int] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return set()
    seen.add(id(obj))
    found: set[str] = set()
    if isinstance(obj, DictionaryObject):
        for k, v in obj.items():
            found.add(str(k))
            if isinstance(v, (DictionaryObject, ArrayObject)):
                found |= _names_in(v, seen)
            elif str(v).startswith("/"):
                found.add(str(v))
    elif isinstance(obj, ArrayObject):
        for v in obj:
            if isinstance(v, (DictionaryObject, ArrayObject)):
                found |= _names_in(v, seen)
            elif str(v).startswith("/"):
                found.add(str(v))
    return found


def active_names(pdf: bytes) -> set[str]:
    """The active-content names found in any object of ``pdf``."""
    names: set[str] = set()
    for obj in _all_objects(PdfReader(io.BytesIO(pdf))):
        names |= _names_in(obj)
    return names & set(ACTIVE_PDF_NAMES)


def assert_inert(pdf: bytes) -> None:
    names = active_names(pdf)
    assert not names, sorted(names)
    assert not any(n.encode() in pdf for n in ACTIVE_PDF_NAMES)
