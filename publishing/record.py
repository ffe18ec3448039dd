"""What the patient record should show: DocumentIndexed events -> FHIR R4 DocumentReference.

One path for everything that changes what the EHR should show: the machine's auto-filing,
a reviewer's approval or correction, a physician's signature, a rejection. For each document
the desired resource (patient, type, status, docStatus) is compared with the last one
published (table `record_publications`):

- nothing published yet and the document is filed            -> publish v1 (current, final)
- a dictation with a patient but not signed                  -> publish v1 as preliminary
- same patient and type, status moves (preliminary -> final) -> the same resource, updated
- the patient or type was corrected                          -> the previous resource is
  entered-in-error (a misfile) or superseded, and a new one (id doc.vN) `replaces` it
- a published document is rejected or sent back to review    -> entered-in-error
- the same state again (a redelivery)                        -> nothing: idempotent

Resources and their FHIR PUTs go through the outbox in the same transaction as the
publication record, so a crash never loses or doubles a publication.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from himflow import db
from himflow.errors import RejectedInput
from himflow.outbox import enqueue
from himflow.patients_db import get_patient
from publishing.publications import (
    document_pdf_key,
    keep_text,
    record_publications,
    renditions,
)
from himflow.text_index import get_text
from himflow.sensitivity import classify, security_codes
from publishing.fhir import TEXT_PLAIN, attachment, document_reference, entered_in_error, resource_id, superseded
from publishing.hl7 import mdm_t02
from schemas import topics
from schemas.dictation import only_signature_missing
from schemas.events import DocumentIndexed, DocumentKind, DocumentStatus
from schemas.reasons import UNSIGNED_DICTATION
import io
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from datetime import date

FHIR_PUT = "fhir:DocumentReference"

# Indexed text up to this size travels inline in the resource (and always by URL).
MAX_INLINE_TEXT_BYTES = 512 * 1024


@dataclass(frozen=True)
class Desired:
    patient_id: str
    type_code: str
    type_display: str
    doc_status: Literal["final", "preliminary"]
    encounter: str | None = None
    text_sha1: str | None = None  # the indexed text: a signed or edited transcript republishes


def desired_state(row: Any, *, text_sha1: str | None = None) -> Desired | None:
    """What the EHR should show for this document now; None = nothing (or retract).

    Filed documents are final. A dictation not yet signed is preliminary once nothing but its
    signature is missing (records staff approved it, or the machine had no blocking reason);
    while records staff still have to check it nothing is published, so their corrections
    are in the first publication."""
    if row.patient_id is None or row.type_code is None:
        return None
    status = row.status
    reasons = db.loads_list(row.reasons)

    def want(doc_status: Literal["final", "preliminary"]) -> Desired:
        return Desired(row.patient_id, row.type_code, row.type_display or row.type_code, doc_status,
                       row.hint_encounter, text_sha1)

    if status == DocumentStatus.FILED.value:
        return want("final")
    if (row.kind == DocumentKind.DICTATION.value and status == DocumentStatus.REVIEW.value
            and UNSIGNED_DICTATION in reasons and row.type_code != "unknown"
            and only_signature_missing(reasons)):
        return want("preliminary")
    return None


def _pages_pdf(store: Any, bucket: str, row: Any) -> bytes | None:
    """This document's pages cut from the batch's searchable PDF, stored once (later
    publications read the stored bytes, so size and hash never change)."""



    own = document_pdf_key(row)
    try:
        return store.get_bytes(bucket, own)
    except RejectedInput:
        pass  # not made yet
    pages = [int(p) for p in db.loads_list(row.pages)]
    if not pages:
        return None
    try:
        reader = PdfReader(io.BytesIO(store.get_bytes(bucket, renditions(row)["searchable_pdf"])))
        writer = PdfWriter()
        for number in pages:
            if 1 <= number <= len(reader.pages):
                writer.add_page(reader.pages[number - 1])
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError):
        return None  # the text still goes out
    body = out.getvalue()
    store.put_bytes(bucket, own, body, content_type="application/pdf")
    return body


def contents(conn: Connection, row: Any, *, base_url: str, doc_status: str,
             store: Any = None, derived_bucket: str | None = None) -> list[dict[str, Any]]:
    """The contents of a document's resource, each at a URL the integration routes serve
    (the review UI's integration routes):

    - the original (scan or audio) at ``/documents/<id>/original``, size and SHA-1 from intake;
    - the indexed text (for a dictation: its transcript, preliminary or signed) as
      ``text/plain; charset=utf-8``, inline and at ``/documents/<id>/text/<sha1>`` (that exact
      text, kept in ``record_texts``, even after a signature changed the document's text);
    - the searchable PDF at ``/documents/<id>/searchable.pdf`` when OCR made one.

    A document cut from a batch scan carries its text and a PDF of its own pages, not the
    batch's file: that holds other documents' pages (other patients')."""
    created = _aware(row.created_at)
    link = f"{base_url}/documents/{row.id}"
    dictation = row.kind == DocumentKind.DICTATION.value
    whole_file = not row.parent_id
    out: list[dict[str, Any]] = []
    if whole_file and row.bucket and row.object_key:
        sha1 = row.sha1 if row.sha1 and len(row.sha1) == 40 else None
        out.append(attachment(content_type=row.media_type or "application/octet-stream", url=f"{link}/original",
                              size=row.size if sha1 else None, sha1=sha1,
                              title="Dictation audio" if dictation else "Original", creation=created))
    text = get_text(conn, row.id) or ""
    raw = text.encode("utf-8")
    digest = hashlib.sha1(raw)
    keep_text(conn, row.id, digest.hexdigest(), text)
    if dictation:
        title = "Transcript (signed)" if doc_status == "final" else "Transcript (preliminary, not signed)"
    else:
        title = "Indexed text"
    inline = raw if len(raw) <= MAX_INLINE_TEXT_BYTES else None
    out.append(attachment(content_type=TEXT_PLAIN, url=f"{link}/text/{digest.hexdigest()}", data=inline,
                          size=len(raw), sha1=digest.digest(), title=title, creation=created))
    pdf_key = document_pdf_key(row)
    if pdf_key:
        body = None
        if store is not None and derived_bucket:
            body = store.get_bytes(derived_bucket, pdf_key) if whole_file else _pages_pdf(store, derived_bucket, row)
        if whole_file or body is not None:
            out.append(attachment(
                content_type="application/pdf", url=f"{link}/searchable.pdf",
                size=len(body) if body is not None else None,
                sha1=hashlib.sha1(body).digest() if body is not None else None,
                title="Searchable PDF" if whole_file else "Searchable PDF (this document's pages of the batch scan)",
                creation=created))
    return out


def _text_sha1(conn: Connection, doc_id: str) -> str:
    return hashlib.sha1((get_text(conn, doc_id) or "").encode("utf-8")).hexdigest()


def _fingerprint(d: Desired | None) -> str:
    return hashlib.sha256(json.dumps(d.__dict__ if d else None, sort_keys=True).encode()).hexdigest()[:32]


def plan(conn: Connection, doc_id: str, *, settings: Any, store: Any = None) -> list[dict[str, Any]]:
    """Work out and record the resources to send for one document (inside the caller's
    transaction). Returns them in the order they must reach the EHR. ``store`` (the object
    store) gives renditions their size and hash (the searchable PDF)."""
    row = db.get_document(conn, doc_id)
    if row is None:
        return []
    want = desired_state(row, text_sha1=_text_sha1(conn, doc_id))
    last = conn.execute(
        sa.select(record_publications).where(record_publications.c.doc_id == doc_id)
        .order_by(record_publications.c.version.desc()).limit(1)
    ).first()
    fp = _fingerprint(want)
    if last is not None and last.fingerprint == fp:
        return []  # already what the EHR shows (a redelivery)
    if last is None and want is None:
        return []
    out: list[dict[str, Any]] = []
    now = datetime.now(timezone.utc)
    version = 1 if last is None else last.version
    replaces = None
    if last is not None and last.status == "current":
        previous = json.loads(last.resource)
        same_subject = want is not None and want.patient_id == last.patient_id and want.type_code == last.type_code
        if not same_subject:
            # A correction: retract (wrong patient = misfile) or supersede (type corrected).
            if want is not None and want.patient_id == last.patient_id:
                retracted = superseded(previous)
            else:
                retracted = entered_in_error(previous)
            out.append(retracted)
            _record(conn, doc_id, last.version, last.resource_id, fp if want is None else "retracted",
                    last.patient_id, last.type_code, retracted, now)
            if want is not None:
                version = last.version + 1
                replaces = doc_id if last.version == 1 else f"{doc_id}.v{last.version}"
    elif last is not None and want is not None:
        # The last resource was retracted: a new one replaces it (never resurrect a retraction).
        version = last.version + 1
        replaces = doc_id if last.version == 1 else f"{doc_id}.v{last.version}"
    if want is None:
        return out
    key = doc_id if version == 1 else f"{doc_id}.v{version}"
    resource = document_reference(
        doc_id=key,
        patient_id=want.patient_id,
        type_code=want.type_code,
        type_display=want.type_display,
        date=_aware(row.created_at),
        attachments=contents(conn, row, base_url=_base_url(settings), doc_status=want.doc_status,
                             store=store,
                             derived_bucket=getattr(getattr(settings, "store", None), "derived_bucket", None)),
        doc_status=want.doc_status,
        authors=tuple(a for a in (row.hint_author,) if a),
        encounter_id=want.encounter,
        service_date=_date(row.service_date),
        replaces=replaces,
        security=security_codes([lab.category for lab in classify(get_text(conn, doc_id) or "")]),
    )
    assert resource["id"] == resource_id(key)
    out.append(resource)
    _record(conn, doc_id, version, resource["id"], fp, want.patient_id, want.type_code, resource, now)
    return out


def _record(conn: Connection, doc_id: str, version: int, rid: str, fp: str, patient: str | None,
            type_code: str | None, resource: dict[str, Any], now: datetime) -> None:
    values = dict(resource_id=rid, fingerprint=fp, patient_id=patient, type_code=type_code,
                  status=resource["status"], doc_status=resource.get("docStatus", "final"),
                  resource=json.dumps(resource), published_at=now)
    updated = conn.execute(
        record_publications.update()
        .where(record_publications.c.doc_id == doc_id, record_publications.c.version == version)
        .values(**values)
    ).rowcount
    if not updated:
        conn.execute(record_publications.insert().values(doc_id=doc_id, version=version, **values))


def publish_for(engine: Engine, event: DocumentIndexed, *, settings: Any, store: Any = None) -> int:
    """One transaction: plan the resources for this document and put them in the outbox.
    ``store`` (the object store) gives renditions their size and hash."""
    with engine.begin() as conn:
        resources = plan(conn, event.doc_id, settings=settings, store=store)
        for res in resources:
            value = json.dumps(res)
            enqueue(conn, topic=topics.PATIENT_RECORD, key=event.doc_id, value=value)
            if getattr(settings, "fhir_base_url", None):
                enqueue(conn, topic=FHIR_PUT, key=event.doc_id, value=value)
            if getattr(settings, "hl7_mdm", False):
                message = mdm_for(conn, event.doc_id, res)
                if message is not None:
                    enqueue(conn, topic=topics.PATIENT_RECORD_HL7, key=event.doc_id,
                               value=json.dumps({"resource_id": res["id"], "er7": message}))
        return len(resources)


def mdm_for(conn: Connection, doc_id: str, resource: dict[str, Any]) -> str | None:
    """The MDM^T02 twin of a DocumentReference: patient demographics from the patient index,
    the document text, its status (final, preliminary, entered-in-error)."""

    patient_id = resource["subject"]["reference"].split("/", 1)[1]
    patient = get_patient(conn, patient_id)
    row = db.get_document(conn, doc_id)
    if patient is None or row is None:
        return None
    status = "entered-in-error" if resource["status"] == "entered-in-error" else resource.get("docStatus", "final")
    coding = resource["type"]["coding"][0]
    try:
        return _mdm(mdm_t02, resource, patient, row, conn, doc_id, status, coding)
    except RejectedInput:
        return None  # e.g. text too large for one MDM: the FHIR resource still goes out


def _mdm(mdm_t02: Any, resource: dict[str, Any], patient: dict[str, Any], row: Any, conn: Connection,
         doc_id: str, status: str, coding: dict[str, Any]) -> str:

    return mdm_t02(
        doc_id=resource["id"], control_id=hashlib.sha256(json.dumps(resource, sort_keys=True).encode()).hexdigest()[:20],
        mrn=patient["mrn"], family=patient["family"], given=patient["given"] or "",
        birth_date=date.fromisoformat(patient["birth_date"]) if patient["birth_date"] else None,
        type_code=coding.get("code", ""), type_display=coding.get("display", ""),
        text=get_text(conn, doc_id) or "", created_at=_aware(row.created_at),
        doc_status=status if status in ("preliminary", "final", "entered-in-error") else "final",
        author=row.hint_author or "", encounter_id=row.hint_encounter or "",
    )


def _base_url(settings: Any) -> str:
    base = getattr(settings, "public_url", None) or f"http://{settings.web_host}:{settings.web_port}"
    return base.rstrip("/")


def _aware(t: datetime | None) -> datetime:
    t = t or datetime.now(timezone.utc)
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _date(value: str | None) -> Any:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
