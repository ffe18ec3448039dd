"""Packets: the documents picked for a request (filed documents of the patient, by type and
date range, minus sensitive records the authorization does not name), their page images with
the proposed redaction boxes, and the released PDF.

``prepare_packet`` reads and proposes (OCR + detection, outside any transaction); people
review the boxes (``decide_box``, ``add_box``); ``roi.release`` turns the reviewed draft into
the PDF. A released packet, its pages and boxes never change again (triggers in roi.tables).
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from himflow.db import documents, utcnow
from himflow.errors import RejectedInput
from roi import chart_access, pages, sensitivity
from roi.chart_access import Actor
from roi.states import RefusedMove, State
from roi.tables import boxes, packet_pages, packets, requests
from roi import detect, ocr, scope

A_PREPARE, A_BOX = "roi-prepare", "roi-redaction"


@dataclass(frozen=True)
class Picked:
    doc_id: str
    type_code: str | None
    type_display: str | None
    service_date: str | None
    categories: tuple[str, ...]


def new_packet_id() -> str:
    return "pkt-" + base64.b32encode(secrets.token_bytes(10)).decode().rstrip("=").lower()


def draft_packet(conn: Connection, request_id: str) -> Any | None:
    """The request's packet being prepared (not yet released), or None."""
    return conn.execute(sa.select(packets).where(packets.c.request_id == request_id,
                                                 packets.c.status == "draft")
                        .order_by(packets.c.created_at.desc()).limit(1)).first()


def released_packet(conn: Connection, request_id: str) -> Any | None:
    return conn.execute(sa.select(packets).where(packets.c.request_id == request_id,
                                                 packets.c.status == "released")).first()


def candidate_documents(conn: Connection, req: Any) -> list[Any]:
    """Filed documents of the request's patient, in its types and dates (the current version
    of each: a corrected document is one row, its text the latest), oldest first."""
    d = documents.c
    served = sa.func.coalesce(d.service_date, sa.func.substr(sa.cast(d.created_at, sa.String), 1, 10))
    q = sa.select(documents).where(d.patient_id == req.patient_id, d.status == "filed")
    codes = json.loads(req.type_codes or "[]")
    if codes:
        q = q.where(d.type_code.in_(codes))
    if req.date_from:
        q = q.where(served >= req.date_from.isoformat())
    if req.date_to:
        q = q.where(served <= req.date_to.isoformat())
    return list(conn.execute(q.order_by(served, d.id)))


def pick(conn: Connection, req: Any) -> tuple[list[Picked], list[Picked]]:
    """(included, excluded): a document with a sensitive label the authorization does not
    name explicitly is left out."""
    covers = set(json.loads(req.authorization_covers or "[]"))
    included: list[Any] = []
    excluded: list[Any] = []
    for row in candidate_documents(conn, req):
        text = chart_access.document_text(conn, row.id) or ""
        cats = tuple(lab.category for lab in sensitivity.label_document(conn, row.id, text))
        p = Picked(row.id, row.type_code, row.type_display, row.service_date, cats)
        (excluded if set(cats) - covers else included).append(p)
    return included, excluded


def prepare_packet(engine: Engine, store: Any, *, actor: Actor, request_id: str,
                   derived_bucket: str) -> dict[str, Any]:
    """Pick the documents, render their pages, propose redaction boxes; a new draft replaces
    the request's previous draft. The request must be in preparation."""

    with engine.begin() as conn:
        req = _request(conn, request_id)
        if req.state != State.IN_PREPARATION.value:
            raise RefusedMove("a packet is prepared while the request is in preparation")
        included, excluded = pick(conn, req)
        person = chart_access.patient(conn, req.patient_id) or {}
        rows = {r.id: r for r in candidate_documents(conn, req)}
        texts = {p.doc_id: chart_access.document_text(conn, p.doc_id) for p in included}
        in_scope = scope.scope_of_request(req)
    context = detect.PatientContext(family=person.get("family", ""), given=person.get("given", ""),
                                    mrn=person.get("mrn", ""),
                                    birth_date=date.fromisoformat(person["birth_date"]) if person.get("birth_date") else None)
    pid = new_packet_id()
    page_rows, box_rows, seq = [], [], 0

    def other_mrn(token: str) -> bool:
        with engine.connect() as c:
            found = chart_access.patient_of_mrn_token(c, token)
        return found is not None and found != req.patient_id

    for p in included:
        row = rows[p.doc_id]
        original = store.get_bytes(row.bucket, row.object_key) if row.bucket and row.object_key else b""
        for n, image in enumerate(pages.document_images(row, original, text=texts[p.doc_id]), start=1):
            seq += 1
            page = pages.to_letter(image)
            key = f"roi/pages/{pid}/{seq:05d}.png"
            store.put_bytes(derived_bucket, key, pages.png_bytes(page), content_type="image/png")
            page_rows.append(dict(packet_id=pid, seq=seq, doc_id=p.doc_id, doc_page=n, image_key=key,
                                  width=page.width, height=page.height))
            words = ocr.read_words(page)
            for f in detect.find(words.text, context, other_mrn=other_mrn):
                if not f.redact:
                    continue
                for x0, y0, x1, y1 in ocr.boxes_for(words, f.start, f.end):
                    box_rows.append(dict(packet_id=pid, seq=seq, x0=x0, y0=y0, x1=x1, y1=y1, entity=f.kind,
                                         text=f.text, score=f.score, origin="proposed", decision="proposed"))
            # minimum necessary: sections / entries of the page outside the request's dates or
            # sensitive content the authorization does not name (the reason is the box's text)
            # (one box over the whole section or entry: one decision for the reviewer)
            for sp in scope.find(words.text, in_scope):
                lines = ocr.boxes_for(words, sp.start, sp.end)
                if lines:
                    box_rows.append(dict(packet_id=pid, seq=seq, x0=min(b[0] for b in lines), y0=min(b[1] for b in lines),
                                         x1=max(b[2] for b in lines), y1=max(b[3] for b in lines), entity=sp.kind,
                                         text=sp.reason, score=None, origin="proposed", decision="proposed"))
    with engine.begin() as conn:
        req = _request(conn, request_id)
        if req.state != State.IN_PREPARATION.value:
            raise RefusedMove("the request moved on while its packet was being prepared")
        conn.execute(packets.update().where(packets.c.request_id == request_id, packets.c.status == "draft")
                     .values(status="discarded"))
        conn.execute(packets.insert().values(
            id=pid, request_id=request_id, status="draft", created_at=utcnow(),
            documents=json.dumps([p.__dict__ for p in included]),
            excluded=json.dumps([{"doc_id": p.doc_id, "categories": list(p.categories)} for p in excluded]),
            part2_notice=any("part2" in p.categories for p in included),
            bates_prefix=f"ROI-{pid[4:10].upper()}"))
        if page_rows:
            conn.execute(packet_pages.insert(), page_rows)
        if box_rows:
            conn.execute(boxes.insert(), box_rows)
        chart_access.audit(conn, actor, A_PREPARE, patient_id=req.patient_id,
                           detail=f"request {request_id}: packet {pid}, {len(included)} documents, "
                                  f"{len(excluded)} left out as sensitive, {len(box_rows)} boxes proposed")
        return packet_summary(conn, pid)


def packet_summary(conn: Connection, packet_id: str) -> dict[str, Any]:
    pk = conn.execute(sa.select(packets).where(packets.c.id == packet_id)).first()
    if pk is None:
        raise RejectedInput("no such packet")
    n_pages = conn.execute(sa.select(sa.func.count()).select_from(packet_pages)
                           .where(packet_pages.c.packet_id == packet_id)).scalar()
    counts: dict[str, int] = dict(conn.execute(sa.select(boxes.c.decision, sa.func.count()).where(boxes.c.packet_id == packet_id)
                               .group_by(boxes.c.decision)).all())
    return {"id": pk.id, "request_id": pk.request_id, "status": pk.status,
            "documents": json.loads(pk.documents), "excluded": json.loads(pk.excluded),
            "part2_notice": bool(pk.part2_notice), "pages": int(n_pages or 0), "boxes": counts,
            "sha256": pk.sha256, "object_key": pk.object_key, "page_count": pk.page_count,
            "released_at": pk.released_at.isoformat() if pk.released_at else None}


def page_boxes(conn: Connection, packet_id: str, seq: int) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(boxes).where(boxes.c.packet_id == packet_id, boxes.c.seq == seq)
                        .order_by(boxes.c.id))
    return [dict(r._mapping) for r in rows]


def packet_pages_of(conn: Connection, packet_id: str) -> list[Any]:
    return list(conn.execute(sa.select(packet_pages).where(packet_pages.c.packet_id == packet_id)
                             .order_by(packet_pages.c.seq)))


def decide_box(conn: Connection, *, actor: Actor, box_id: int, decision: str) -> None:
    """A reviewer accepts or removes one proposed (or added) box."""
    if decision not in ("accepted", "removed"):
        raise RejectedInput("a box is accepted or removed")
    box = conn.execute(sa.select(boxes).where(boxes.c.id == box_id)).first()
    if box is None:
        raise RejectedInput("no such box")
    req = _editable(conn, box.packet_id)
    conn.execute(boxes.update().where(boxes.c.id == box_id).values(decision=decision, decided_by=actor.name))
    chart_access.audit(conn, actor, A_BOX, patient_id=req.patient_id,
                       detail=f"packet {box.packet_id} page {box.seq}: box {box_id} {decision}")


def add_box(conn: Connection, *, actor: Actor, packet_id: str, seq: int,
            box: tuple[int, int, int, int]) -> int:
    """A reviewer draws a box of their own (accepted as drawn)."""
    req = _editable(conn, packet_id)
    page = conn.execute(sa.select(packet_pages).where(packet_pages.c.packet_id == packet_id,
                                                      packet_pages.c.seq == seq)).first()
    if page is None:
        raise RejectedInput("no such page in the packet")
    x0, y0, x1, y1 = (int(v) for v in box)
    x0, x1 = sorted((max(0, x0), min(page.width, x1)))
    y0, y1 = sorted((max(0, y0), min(page.height, y1)))
    if x1 - x0 < 2 or y1 - y0 < 2:
        raise RejectedInput("a box needs some width and height")
    new_id = conn.execute(boxes.insert().values(packet_id=packet_id, seq=seq, x0=x0, y0=y0, x1=x1, y1=y1,
                                                entity="manual", text=None, score=None, origin="added",
                                                decision="accepted", decided_by=actor.name)).inserted_primary_key[0]  # type: ignore[index]
    chart_access.audit(conn, actor, A_BOX, patient_id=req.patient_id,
                       detail=f"packet {packet_id} page {seq}: box {new_id} added")
    return int(new_id)


def _editable(conn: Connection, packet_id: str) -> Any:
    pk = conn.execute(sa.select(packets).where(packets.c.id == packet_id)).first()
    if pk is None or pk.status != "draft":
        raise RefusedMove("only a draft packet's boxes change (a released packet is final)")
    req = _request(conn, pk.request_id)
    if req.state not in (State.IN_PREPARATION.value, State.QUALITY_CHECKED.value):
        raise RefusedMove("boxes change while the request is in preparation or quality check")
    return req


def _request(conn: Connection, request_id: str) -> Any:
    req = conn.execute(sa.select(requests).where(requests.c.id == request_id)).first()
    if req is None:
        raise RejectedInput("no such request")
    return req
