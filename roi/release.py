"""Releasing a request: the reviewed draft packet becomes one image-only PDF (cover letter,
page index, the documents with their boxes burned in, the 42 CFR 2.32 notice when Part 2
records go out; a Bates number on every page), stored in the object store with its SHA-256,
and the disclosure is recorded for the accounting. Refused unless the authorization was
checked and the quality check passed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from himflow.db import utcnow
from roi import chart_access, pages
from roi.chart_access import Actor
from roi.packets import draft_packet, packet_pages_of
from roi.pdfout import images_to_pdf
from roi.states import NOT_ACCOUNTED, RefusedMove, State
from roi.tables import boxes, disclosures, packets, request_events, requests

A_RELEASE, A_DOWNLOAD = "roi-release", "roi-packet-download"

# 42 CFR 2.32(a)(1), the notice that accompanies each disclosure of Part 2 records.
PART2_NOTICE = (
    "This record which has been disclosed to you is protected by Federal confidentiality rules "
    "(42 CFR part 2). These rules prohibit you from using or disclosing this record, or testimony "
    "that describes the information contained in this record, in any civil, criminal, "
    "administrative, or legislative proceedings by any Federal, State, or local authority, against "
    "the patient, unless authorized by the consent of the patient, except as provided at 42 CFR "
    "2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. In addition, the "
    "Federal rules prohibit you from making any other use or disclosure of this record unless at "
    "least one of the following applies: (i) further use or disclosure is expressly permitted by the "
    "written consent of the individual whose information is being disclosed in this record or as "
    "otherwise permitted by 42 CFR part 2; (ii) you are a covered entity or business associate and "
    "have received the record for treatment, payment, or health care operations; or (iii) you have "
    "received the record from a covered entity or business associate as permitted by 45 CFR part "
    "164, subparts A and E. A general authorization for the release of medical or other information "
    "is NOT sufficient to meet the required elements of written consent to further use or redisclose "
    "the record (see 42 CFR 2.31)."
)


@dataclass(frozen=True)
class Released:
    packet_id: str
    pdf: bytes
    sha256: str
    object_key: str
    page_count: int
    bates_first: str
    bates_last: str


def release(engine: Engine, store: Any, *, actor: Actor, request_id: str, derived_bucket: str,
            accept_proposed: bool = True, facility: str = "Health Information Management") -> Released:
    with engine.connect() as conn:
        req = conn.execute(sa.select(requests).where(requests.c.id == request_id)).first()
        if req is None:
            raise RefusedMove("no such request")
        if req.state != State.QUALITY_CHECKED.value:
            raise RefusedMove(f"the request is {req.state}: release needs the quality check passed")
        if req.authorization_checked_at is None:
            raise RefusedMove("the authorization was not checked")
        pk = draft_packet(conn, request_id)
        if pk is None:
            raise RefusedMove("no prepared packet")
        page_list = packet_pages_of(conn, pk.id)
        box_list = list(conn.execute(sa.select(boxes).where(boxes.c.packet_id == pk.id)))
        person = chart_access.patient(conn, req.patient_id) or {}
    burned = [b for b in box_list if b.decision == "accepted" or (accept_proposed and b.decision == "proposed")]
    docs = json.loads(pk.documents)
    doc_pages: list[Any] = []
    for pg in page_list:
        image = pages.from_png(store.get_bytes(derived_bucket, pg.image_key))
        doc_pages.append((pg, pages.burn(image, [(b.x0, b.y0, b.x1, b.y1) for b in burned if b.seq == pg.seq])))
    cover = pages.typed_pages([_cover_letter(req, person, docs, facility)], title="Release of information")
    notice = pages.typed_pages([PART2_NOTICE], title="Notice: 42 CFR part 2") if pk.part2_notice else []
    n_index = len(_index_pages(pk.bates_prefix, docs, page_list, first_doc_page=1))
    index = _index_pages(pk.bates_prefix, docs, page_list, first_doc_page=len(cover) + n_index + 1)
    ordered = cover + index + [img for _, img in doc_pages] + notice
    stamped = [pages.stamp_bates(img, _bates(pk.bates_prefix, i)) for i, img in enumerate(ordered, start=1)]
    pdf = images_to_pdf(stamped, dpi=pages.DPI)
    digest = hashlib.sha256(pdf).hexdigest()
    key = f"roi/packets/{pk.id}.pdf"
    store.put_bytes(derived_bucket, key, pdf, content_type="application/pdf")
    now = utcnow()
    first, last = _bates(pk.bates_prefix, 1), _bates(pk.bates_prefix, len(stamped))
    with engine.begin() as conn:
        fresh = conn.execute(sa.select(requests.c.state).where(requests.c.id == request_id)).scalar()
        if fresh != State.QUALITY_CHECKED.value:
            raise RefusedMove("the request changed while the packet was being built")
        for b in burned:
            if b.decision == "proposed":
                conn.execute(boxes.update().where(boxes.c.id == b.id).values(decision="accepted",
                                                                             decided_by=f"{actor.name} (as proposed)"))
        conn.execute(packets.update().where(packets.c.id == pk.id).values(
            status="released", bucket=derived_bucket, object_key=key, sha256=digest, size=len(pdf),
            page_count=len(stamped), released_at=now, released_by=actor.name))
        conn.execute(requests.update().where(requests.c.id == request_id).values(
            state=State.RELEASED.value, released_at=now, updated_at=now))
        conn.execute(request_events.insert().values(request_id=request_id, at=now, actor=actor.name,
                                                    action="released", from_state=fresh, to_state="released",
                                                    note=f"packet {pk.id} sha256 {digest}"))
        conn.execute(disclosures.insert().values(
            patient_id=req.patient_id, request_id=request_id, packet_id=pk.id, disclosed_at=now,
            recipient_name=req.requester_name, recipient_org=req.requester_org,
            recipient_address=req.requester_address, description=_description(docs, len(stamped), first, last),
            purpose=req.purpose, legal_basis=req.legal_basis,
            accountable=req.legal_basis not in NOT_ACCOUNTED, released_by=actor.name))
        chart_access.audit(conn, actor, A_RELEASE, patient_id=req.patient_id,
                           detail=f"request {request_id}: packet {pk.id} released, {len(stamped)} pages, "
                                  f"{len(burned)} boxes, sha256 {digest}")
    return Released(pk.id, pdf, digest, key, len(stamped), first, last)


def download_packet(engine: Engine, store: Any, *, actor: Actor, packet_id: str) -> bytes:
    """The released packet's bytes, checked against its hash; the download is audited."""
    with engine.begin() as conn:
        pk = conn.execute(sa.select(packets).where(packets.c.id == packet_id)).first()
        if pk is None or pk.status != "released":
            raise RefusedMove("only a released packet is downloaded")
        body = store.get_bytes(pk.bucket, pk.object_key)
        if hashlib.sha256(body).hexdigest() != pk.sha256:
            raise RefusedMove("the stored packet does not match its recorded hash")
        patient_id = conn.execute(sa.select(requests.c.patient_id).where(requests.c.id == pk.request_id)).scalar()
        chart_access.audit(conn, actor, A_DOWNLOAD, patient_id=patient_id,
                           detail=f"packet {packet_id} sha256 {pk.sha256}")
    return body


def _bates(prefix: str, n: int) -> str:
    return f"{prefix}-{n:06d}"


def _cover_letter(req: Any, person: dict[str, Any], docs: list[dict[str, Any]], facility: str) -> str:
    to = "\n".join(x for x in (req.requester_name, req.requester_org, req.requester_address) if x)
    name = f"{person.get('given', '')} {person.get('family', '')}".strip()
    span = ""
    if req.date_from or req.date_to:
        span = f" for dates of service {req.date_from or '...'} to {req.date_to or '...'}"
    return (f"{facility}\nDate: {utcnow().date().isoformat()}\n\nTo:\n{to}\n\n"
            f"Re: records of {name} (date of birth {person.get('birth_date') or 'on file'})\n"
            f"Request reference: {req.id}, received {req.received_at.date().isoformat()}\n"
            f"Purpose stated: {req.purpose}\n\n"
            f"Enclosed are copies of {len(docs)} document(s){span}, as listed in the page index. "
            "Information about other persons and information outside the scope of the request has been "
            "blacked out. This information has been disclosed to you from records protected by federal "
            "and state privacy law; do not disclose it further except as the law permits.\n"
            + (f"\nFee: ${req.fee_cents / 100:.2f}{' (' + req.fee_note + ')' if req.fee_note else ''}\n"
               if req.fee_cents else ""))


def _index_pages(prefix: str, docs: list[dict[str, Any]], page_list: list[Any], *,
                 first_doc_page: int) -> list[Any]:
    lines = ["Document | date of service | pages (Bates)"]
    n = first_doc_page
    for d in docs:
        count = sum(1 for p in page_list if p.doc_id == d["doc_id"])
        lines.append(f"{d.get('type_display') or d.get('type_code') or 'Document'} | {d.get('service_date') or '-'} | "
                     f"{_bates(prefix, n)} - {_bates(prefix, n + count - 1)}")
        n += count
    return pages.typed_pages(["\n".join(lines)], title="Page index")


def _description(docs: list[dict[str, Any]], n_pages: int, first: str, last: str) -> str:
    types = sorted({d.get("type_display") or d.get("type_code") or "document" for d in docs})
    dates = sorted(d["service_date"] for d in docs if d.get("service_date"))
    when = f", dates of service {dates[0]} to {dates[-1]}" if dates else ""
    return f"{len(docs)} document(s) ({', '.join(types)}){when}; {n_pages} pages, {first} to {last}"
