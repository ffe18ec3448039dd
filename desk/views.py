"""Read models for the pages: a document with its text, transcript words and page count;
patients; the documents a review reason names; rendering original pages as PNG for the viewer.

Object-store reads go through himflow.objectstore (errors already typed there). Page rendering
policy: pypdfium2 / Pillow, output capped at ``MAX_PAGE_PX`` wide so one request's CPU time is
bounded (~0.1-0.3 s a page); a page that cannot be rendered is a typed RejectedInput (400).
"""

from __future__ import annotations

import io
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from himflow.db import document_history, documents, loads_list
from himflow.errors import RejectedInput
from schemas.events import ReasonCode
from himflow import text_index
from himflow.errors import TransientError
from himflow.pdfium_lock import PDFIUM
from himflow import page_orientation
from desk.patient_index import patients_db
import pypdfium2 as pdfium
from PIL import Image

MAX_PAGE_PX = 1100
THUMB_PX = 150  # the viewer's strip of page thumbnails
_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float
    unsure: bool


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    words: tuple[Word, ...]
    text: str


@dataclass(frozen=True)
class DocumentView:
    row: Any
    reasons: tuple[str, ...]
    flags: tuple[str, ...]
    renditions: dict[str, str]
    pages: tuple[int, ...]  # page numbers within the source object
    text: str
    segments: tuple[Segment, ...]
    history: tuple[Any, ...]
    note: str  # shown when the store could not be read (never PHI)


def json_obj(value: str | None) -> dict[str, str]:
    try:
        data = json.loads(value) if value else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def parse_transcript(data: dict[str, Any], *, unsure_below: float) -> tuple[Segment, ...]:
    """Segments with word timings from the transcript JSON (transcription.transcript.Transcript)."""
    out = []
    for seg in data.get("segments") or ():
        words = tuple(
            Word(text=str(w.get("word", "")).strip(), start=float(w.get("start", 0.0)),
                 end=float(w.get("end", 0.0)),
                 unsure=bool(w.get("flagged")) or float(w.get("probability", 1.0)) < unsure_below)
            for w in seg.get("words") or () if str(w.get("word", "")).strip()
        )
        out.append(Segment(start=float(seg.get("start", 0.0)), end=float(seg.get("end", 0.0)),
                           words=words, text=str(seg.get("text", "")).strip()))
    return tuple(out)


def load_document(conn: Connection, doc_id: str) -> Any:
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
    if row is None:
        raise RejectedInput("no such document", reason=ReasonCode.OBJECT_MISSING)
    return row


def document_view(conn: Connection, row: Any, *, store: Any, derived_bucket: str,
                  unsure_below: float) -> DocumentView:

    text = text_index.get_text(conn, row.id) or ""
    history = tuple(conn.execute(
        sa.select(document_history).where(document_history.c.doc_id == row.id)
        .order_by(document_history.c.id)
    ))
    pages = tuple(int(p) for p in loads_list(row.pages))
    segments: tuple[Segment, ...] = ()
    note = ""
    if row.text_ref:
        try:
            data = json.loads(store.get_bytes(derived_bucket, row.text_ref))
            if row.kind == "dictation":
                segments = parse_transcript(data, unsure_below=unsure_below)
            elif not pages:
                pages = tuple(int(p.get("number", i + 1)) for i, p in enumerate(data.get("pages") or ()))
            text = text or str(data.get("text", ""))
        except (RejectedInput, ValueError, AttributeError):
            note = "The extraction result could not be read."
        except Exception as e:

            if not isinstance(e, TransientError):
                raise
            note = "The object store is unavailable; showing the indexed text only."
    return DocumentView(
        row=row, reasons=tuple(loads_list(row.reasons)), flags=tuple(loads_list(row.flags)),
        renditions=json_obj(row.renditions),
        pages=pages or tuple(range(1, text.count("\f") + 2)), text=text,
        segments=segments, history=history, note=note,
    )


# -- documents a reason names ----------------------------------------------------------------
RELATED_REASONS = ("duplicate-of", "rescan-of")  # reasons that carry another document's id


@dataclass(frozen=True)
class Related:
    reason: str  # duplicate-of | rescan-of
    doc_id: str
    exists: bool  # still stored (a link and a compare view are offered only then)


def related_ids(reasons: tuple[str, ...]) -> list[tuple[str, str]]:
    """(reason, other document id) for each ``duplicate-of:<id>`` / ``rescan-of:<id>``."""
    out = []
    for code in reasons:
        key, _, other = code.partition(":")
        if key in RELATED_REASONS and 0 < len(other) <= 64:
            out.append((key, other))
    return list(dict.fromkeys(out))


def related_documents(conn: Connection, reasons: tuple[str, ...]) -> list[Related]:
    pairs = related_ids(reasons)
    if not pairs:
        return []
    known = {r[0] for r in conn.execute(
        sa.select(documents.c.id).where(documents.c.id.in_([o for _, o in pairs])))}
    return [Related(reason=k, doc_id=o, exists=o in known) for k, o in pairs]


def relates(row: Any, other: Any) -> bool:
    """Whether one of the two documents names the other as its duplicate or rescan."""
    mine = {o for _, o in related_ids(tuple(loads_list(row.reasons)))}
    theirs = {o for _, o in related_ids(tuple(loads_list(other.reasons)))}
    return other.id in mine or row.id in theirs


# -- patients --------------------------------------------------------------------------------
@dataclass(frozen=True)
class PatientView:
    patient_id: str
    label: str  # name / MRN from the patient index when present
    details: dict[str, str]
    indexed: bool = False  # the patient index knows this id


def _patients_db():
    """The patient index module (``desk.patient_index``), or None while that area is absent."""

    return patients_db


def patient_view(conn: Connection, patient_id: str) -> PatientView:
    """From the patient index when it knows the patient, else from documents."""
    pdb = _patients_db()
    p = pdb.get_patient(conn, patient_id) if pdb is not None else None
    if p is not None:
        details = {k: str(p[k]) for k in ("mrn", "family", "given", "birth_date", "sex") if p.get(k)}
        label = " ".join(x for x in (details.get("given"), details.get("family")) if x)
        return PatientView(patient_id=patient_id, label=label or patient_id, details=details,
                           indexed=True)
    mrns = [r[0] for r in conn.execute(
        sa.select(documents.c.hint_mrn).where(documents.c.patient_id == patient_id,
                                               documents.c.hint_mrn.is_not(None)).distinct().limit(5))]
    return PatientView(patient_id=patient_id, label=patient_id,
                       details={"mrn (from documents)": ", ".join(mrns)} if mrns else {})


def find_patient_ids(conn: Connection, term: str) -> list[str]:
    """Patient ids for an MRN or patient id typed by a person."""
    pdb = _patients_db()
    found: list[str] = list(pdb.find_by_mrn(conn, term)) if pdb is not None else []
    rows = conn.execute(
        sa.select(documents.c.patient_id).where(
            documents.c.patient_id.is_not(None),
            sa.or_(documents.c.patient_id == term, documents.c.hint_mrn == term),
        ).distinct().limit(20)
    )
    found += [r[0] for r in rows]
    return list(dict.fromkeys(found))


def resolve_patient(conn: Connection, typed: str) -> str:
    """The patient id for what a reviewer typed (a patient id or an MRN).

    With a patient index: it must name a known patient (RejectedInput otherwise). Without one
    (index not populated): taken as given."""
    pdb = _patients_db()
    if pdb is None:
        return typed
    if pdb.get_patient(conn, typed) is not None:
        return typed
    by_mrn = pdb.patient_id_for_mrn(conn, typed)
    if by_mrn:
        return by_mrn
    index_empty = conn.execute(sa.select(sa.func.count()).select_from(pdb.patients_table)).scalar() == 0
    if index_empty:
        return typed
    raise RejectedInput("no patient with that id or MRN in the patient index")


def patient_documents(conn: Connection, patient_id: str, *, limit: int = 500) -> list[Any]:
    return list(conn.execute(
        sa.select(documents.c.id, documents.c.kind, documents.c.status, documents.c.type_display,
                  documents.c.service_date, documents.c.created_at)
        .where(documents.c.patient_id == patient_id)
        .order_by(documents.c.created_at.desc()).limit(limit)
    ))


# -- original pages --------------------------------------------------------------------------
class _ByteCache:
    """A small LRU of recently read originals, so paging through a scan reads it once."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str], load) -> bytes:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        data = load()
        with self.lock:
            if len(data) <= self.limit // 4:
                self.items[key] = data
                self.size += len(data)
                while self.size > self.limit:
                    _, old = self.items.popitem(last=False)
                    self.size -= len(old)
        return data


_cache = _ByteCache(_CACHE_BYTES)


def page_source(row: Any, renditions: dict[str, str], derived_bucket: str) -> tuple[str, str, str]:
    """(bucket, key, media type) to render pages from: the searchable PDF when there is one."""
    if renditions.get("searchable_pdf"):
        return derived_bucket, renditions["searchable_pdf"], "application/pdf"
    if not row.bucket or not row.object_key:
        raise RejectedInput("this document has no stored original", reason=ReasonCode.OBJECT_MISSING)
    return row.bucket, row.object_key, row.media_type or ""


def render_page_png(store: Any, *, bucket: str, key: str, media_type: str, page: int,
                    turn: int = 0, max_px: int = MAX_PAGE_PX) -> bytes:
    """PNG of one page (1-based, within the source object), upright as its EXIF orientation
    says (as OCR read it), then turned ``turn`` degrees clockwise (a reviewer's rotation),
    at most ``max_px`` wide (``THUMB_PX`` for the viewer's thumbnails)."""
    data = _cache.get((bucket, key), lambda: store.get_bytes(bucket, key))
    try:
        if media_type == "application/pdf" or data[:5] == b"%PDF-":
            with PDFIUM:  # requests are served in threads
                pdf = pdfium.PdfDocument(data)
                try:
                    if not 1 <= page <= len(pdf):
                        raise RejectedInput("no such page", reason=ReasonCode.OBJECT_MISSING)
                    p = pdf[page - 1]
                    width = p.get_width() or 612
                    image = p.render(scale=min(2.0, max_px / width)).to_pil().copy()
                finally:
                    pdf.close()
        else:
            img = Image.open(io.BytesIO(data))
            n = getattr(img, "n_frames", 1)
            if not 1 <= page <= n:
                raise RejectedInput("no such page", reason=ReasonCode.OBJECT_MISSING)
            img.seek(page - 1)
            image = page_orientation.upright(img)
            image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
            image.thumbnail((max_px, max_px * 2))
        image = page_orientation.turn_clockwise(image, turn)
    except RejectedInput:
        raise
    except Exception as e:
        raise RejectedInput("the original could not be rendered", reason=ReasonCode.CORRUPT) from e
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
