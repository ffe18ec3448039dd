"""Release of information end to end on a real SeaweedFS and SQLite: documents picked by the
rules (filed only, the patient's, in range), Part 2 records left out without an explicit
authorization and released with the 42 CFR 2.32 notice with one, proposed and reviewed
redaction boxes burned into image-only pages (re-OCR and text extraction of the released PDF
find none of the redacted strings), the packet stored with its hash and immutable, and the
accounting of disclosures."""

from __future__ import annotations

import io
import secrets
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from roi import accounting, packets, release
from roi import requests as rq
from roi.chart_access import CLI
from roi.tables import boxes, packets as packets_table
from tests.resources.roi_chart import OTHER, PATIENT, add_filed_document, make_chart

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NOTE = ["PROGRESS NOTE - Brightwater Regional Medical Center",
        "Patient: Alice Whitcombe    MRN: QA7731045    DOB: 03/14/1961",
        "Seen 09/22/2025 by Dr. Samuel Okafor for type 2 diabetes.",
        "Emergency contact: sister Renata Pruitt, phone (555) 201-4433",
        "Sister's email: renata.pruitt88@mailbox-example.com",
        "Shared room with patient Bernard Okonkwo, MRN QB2209981.",
        "Assessment: hypertension controlled; continue lisinopril 10 mg daily.",
        "Plan: metformin 500 mg twice daily, recheck HbA1c in three months."]
PART2 = ["OPIOID TREATMENT PROGRAM NOTE",
         "Patient: Alice Whitcombe    MRN: QA7731045",
         "Methadone maintenance dose 60 mg; opioid use disorder in remission.",
         "Counselling session attended 09/25/2025."]


@pytest.fixture
def chart(tmp_path, seaweed):
    from himflow.objectstore import ObjectStore
    from himflow.settings import Settings

    s = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'h.db'}")
    s.store.endpoint, s.store.access_key = seaweed.endpoint, seaweed.access_key
    s.store.secret_key = SecretStr(seaweed.secret_key)
    tag = secrets.token_hex(3)
    s.store.intake_bucket, s.store.derived_bucket = f"intake-{tag}", f"derived-{tag}"
    store = ObjectStore(s.store)
    store.ensure_buckets(s.store.intake_bucket, s.store.derived_bucket)
    c = make_chart(s.db_url, tmp_path, store=store, bucket=s.store.intake_bucket)
    c.derived = s.store.derived_bucket
    add_filed_document(c, "d" * 64, NOTE, service_date="2025-09-22")
    add_filed_document(c, "e" * 64, PART2, type_code="11506-3", service_date="2025-09-25")
    add_filed_document(c, "f" * 64, ["PROGRESS NOTE", "Patient: Alice Whitcombe", "awaiting review"],
                       status="review", service_date="2025-09-23")
    add_filed_document(c, "0" * 64, ["PROGRESS NOTE", "Patient: Bernard Okonkwo"], service_date="2025-09-22",
                       patient_id=OTHER["patient_id"])
    add_filed_document(c, "1" * 64, ["PROGRESS NOTE 2019", "Patient: Alice Whitcombe"], service_date="2019-01-05")
    yield c
    c.engine.dispose()


def _request(chart, *, covers=(), requester_type="attorney", basis=None):
    auth = rq.Authorization(content=b"%PDF-1.4 signed authorization", signed=True,
                            expires=date.today() + timedelta(days=60), covers=tuple(covers))
    with chart.engine.begin() as conn:
        req = rq.create_request(conn, actor=CLI, patient_id=PATIENT["patient_id"], requester_name="Dana Brooks",
                                requester_org="Brooks & Hale LLP", requester_address="12 Court Sq, Dayton, OH",
                                requester_type=requester_type, purpose="personal injury claim",
                                date_from=date(2025, 1, 1), date_to=date(2025, 12, 31), legal_basis=basis,
                                store=chart.store, bucket=chart.derived, authorization=auth)
        rq.advance(conn, actor=CLI, request_id=req["id"], to="authorization-checked")
        rq.advance(conn, actor=CLI, request_id=req["id"], to="in-preparation")
    return req["id"]


def _prepare(chart, rid):
    summary = packets.prepare_packet(chart.engine, chart.store, actor=CLI, request_id=rid,
                                     derived_bucket=chart.derived)
    return summary


def _ocr_pdf(pdf: bytes) -> str:
    import pypdfium2 as pdfium
    import pytesseract

    doc = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(pytesseract.image_to_string(doc[i].render(scale=200 / 72).to_pil(), timeout=120)
                         for i in range(len(doc)))
    finally:
        doc.close()


def _flat(s: str) -> str:
    return "".join(ch for ch in s.lower() if ch.isalnum())


def test_a_packet_with_reviewed_redactions_leaves_nothing_readable_under_the_boxes(chart):
    from pypdf import PdfReader

    rid = _request(chart)
    summary = _prepare(chart, rid)
    assert [d["doc_id"] for d in summary["documents"]] == ["d" * 64]  # filed, the patient's, in range
    assert summary["excluded"] == [{"doc_id": "e" * 64, "categories": ["part2"]}]
    assert not summary["part2_notice"]
    with chart.engine.connect() as conn:
        proposed = packets.page_boxes(conn, summary["id"], 1)
    texts = {b["text"] for b in proposed}
    for other in ("Renata Pruitt", "(555) 201-4433", "QB2209981", "Bernard Okonkwo"):
        assert any(other in t or t in other for t in texts), (other, texts)
    assert not any("Whitcombe" in t or "QA7731045" in t or "Okafor" in t for t in texts), texts
    # Review: remove the box over the sister's name (a person decided it may go out), draw a
    # box by hand over "hypertension" (out of scope), accept the rest as proposed.
    sister = next(b for b in proposed if "Renata" in b["text"])
    word = _word_box(chart, summary["id"], "hypertension")
    with chart.engine.begin() as conn:
        packets.decide_box(conn, actor=CLI, box_id=sister["id"], decision="removed")
        packets.add_box(conn, actor=CLI, packet_id=summary["id"], seq=1, box=word)
        rq.advance(conn, actor=CLI, request_id=rid, to="quality-checked")
    out = release.release(chart.engine, chart.store, actor=CLI, request_id=rid, derived_bucket=chart.derived)

    reader = PdfReader(io.BytesIO(out.pdf))
    assert len(reader.pages) == out.page_count == 3  # cover letter, page index, one document page
    assert all((p.extract_text() or "").strip() == "" for p in reader.pages)  # no text layer at all
    assert not reader.metadata and reader.xmp_metadata is None
    assert b"/Font" not in out.pdf and b"/JavaScript" not in out.pdf and b"/Annots" not in out.pdf
    seen = _flat(_ocr_pdf(out.pdf))
    redacted = [t for t in texts if t and "Renata" not in t] + ["hypertension"]
    for t in redacted:
        assert _flat(t) not in seen, t
    assert "renatapruitt" in seen  # the removed box left the name readable: the review counts
    assert "whitcombe" in seen and "qa7731045" in seen and "okafor" in seen  # the patient's own, kept
    assert "lisinopril" in seen and out.bates_first.lower().replace("-", "") in seen
    import hashlib
    assert chart.store.get_bytes(chart.derived, out.object_key) == out.pdf
    assert hashlib.sha256(out.pdf).hexdigest() == out.sha256
    with chart.engine.begin() as conn:
        assert rq.get_request(conn, rid)["state"] == "released"
        with pytest.raises(Exception, match="released|refused|draft"):
            packets.decide_box(conn, actor=CLI, box_id=proposed[0]["id"], decision="removed")
    for stmt in (packets_table.update().where(packets_table.c.id == out.packet_id).values(sha256="0" * 64),
                 boxes.update().where(boxes.c.packet_id == out.packet_id).values(decision="removed")):
        with pytest.raises(sa.exc.DatabaseError, match="refused"):
            with chart.engine.begin() as conn:
                conn.execute(stmt)
    assert release.download_packet(chart.engine, chart.store, actor=CLI, packet_id=out.packet_id) == out.pdf


def _word_box(chart, packet_id, word):
    from roi import ocr, pages

    with chart.engine.connect() as conn:
        page = packets.packet_pages_of(conn, packet_id)[0]
    words = ocr.read_words(pages.from_png(chart.store.get_bytes(chart.derived, page.image_key)))
    w = next(w for w in words.words if word in w.text.lower())
    return (w.box[0] - 2, w.box[1] - 2, w.box[2] + 2, w.box[3] + 2)


def test_part2_records_go_out_only_when_the_authorization_names_them_with_the_notice(chart):
    rid = _request(chart, covers=("part2",))
    summary = _prepare(chart, rid)
    assert [d["doc_id"] for d in summary["documents"]] == ["d" * 64, "e" * 64]
    assert summary["excluded"] == [] and summary["part2_notice"]
    with chart.engine.begin() as conn:
        rq.advance(conn, actor=CLI, request_id=rid, to="quality-checked")
    out = release.release(chart.engine, chart.store, actor=CLI, request_id=rid, derived_bucket=chart.derived)
    assert out.page_count == 5  # cover, index, two documents, the notice
    seen = _flat(_ocr_pdf(out.pdf))
    assert "methadone" in seen and _flat("42 CFR part 2") in seen and "redisclose" in seen


def test_release_is_refused_before_the_quality_check(chart):
    from roi.states import RefusedMove

    rid = _request(chart)
    with pytest.raises(RefusedMove, match="quality check"):
        release.release(chart.engine, chart.store, actor=CLI, request_id=rid, derived_bucket=chart.derived)


def test_the_accounting_lists_only_what_164_528_counts(chart):
    from roi.tables import disclosures

    now = date.today()
    rows = [("court", "judicial", True, 10), ("police", "law-enforcement", True, 400),
            ("lawyer", "authorization", False, 20), ("own copy", "individual", False, 30),
            ("insurer", "payment", False, 40), ("referral", "treatment", False, 50),
            ("too old", "public-health", True, 365 * 6 + 10)]
    with chart.engine.begin() as conn:
        for name, basis, accountable, days in rows:
            conn.execute(disclosures.insert().values(
                patient_id=PATIENT["patient_id"], request_id="roi-x", disclosed_at=_at(now - timedelta(days=days)),
                recipient_name=name, description="1 document", purpose="p", legal_basis=basis,
                accountable=accountable))
        conn.execute(disclosures.insert().values(
            patient_id=OTHER["patient_id"], request_id="roi-y", disclosed_at=_at(now), recipient_name="other's",
            description="d", purpose="p", legal_basis="judicial", accountable=True))
        acc = accounting.accounting(conn, actor=CLI, patient_id=PATIENT["patient_id"], today=now)
    assert [d["recipient"] for d in acc["disclosures"]] == ["court", "police"]
    assert acc["excluded_count"] == 4
    letter = accounting.letter(acc, {"given": "Alice", "family": "Whitcombe"})
    assert "Dear Alice Whitcombe" in letter and "court" in letter and "lawyer" not in letter


def test_a_release_under_an_authorization_is_recorded_but_not_accounted(chart):
    rid = _request(chart)
    _prepare(chart, rid)
    with chart.engine.begin() as conn:
        rq.advance(conn, actor=CLI, request_id=rid, to="quality-checked")
    release.release(chart.engine, chart.store, actor=CLI, request_id=rid, derived_bucket=chart.derived)
    rid2 = _request(chart, requester_type="court-order")
    _prepare(chart, rid2)
    with chart.engine.begin() as conn:
        rq.advance(conn, actor=CLI, request_id=rid2, to="quality-checked")
    release.release(chart.engine, chart.store, actor=CLI, request_id=rid2, derived_bucket=chart.derived)
    with chart.engine.begin() as conn:
        acc = accounting.accounting(conn, actor=CLI, patient_id=PATIENT["patient_id"], include_excluded=True)
    assert [d["request_id"] for d in acc["disclosures"]] == [rid2]
    assert [d["request_id"] for d in acc["excluded"]] == [rid]
    assert "Progress note" in acc["disclosures"][0]["description"]


def _at(d: date):
    from datetime import UTC, datetime

    return datetime.combine(d, datetime.min.time(), UTC).replace(hour=12)


LOG = ["PROGRESS NOTES - Brightwater Regional Medical Center",
       "Patient: Alice Whitcombe    MRN: QA7731045    DOB: 03/14/1961",
       "10/02/2025 Follow-up for hypertension, lisinopril continued.",
       "03/15/2023 Annual visit for a sprained right ankle.",
       "ASSESSMENT",
       "Blood pressure at goal."]


def _inside(word_box, box) -> bool:
    x0, y0, x1, y1 = word_box
    return box["x0"] <= x0 + 2 and box["y0"] <= y0 + 2 and x1 - 2 <= box["x1"] and y1 - 2 <= box["y1"]


def test_an_entry_outside_the_requests_dates_is_proposed_as_out_of_scope_with_its_reason(chart):
    add_filed_document(chart, "2" * 64, LOG, service_date="2025-10-02")
    rid = _request(chart)
    summary = _prepare(chart, rid)
    assert "2" * 64 in [d["doc_id"] for d in summary["documents"]]
    with chart.engine.connect() as conn:
        seq = next(p.seq for p in packets.packet_pages_of(conn, summary["id"]) if p.doc_id == "2" * 64)
        page_boxes = packets.page_boxes(conn, summary["id"], seq)
    scope_boxes = [b for b in page_boxes if b["entity"] == "out-of-scope"]
    assert scope_boxes, page_boxes
    assert all(b["decision"] == "proposed" and b["origin"] == "proposed" for b in scope_boxes)
    assert all("2023-03-15" in b["text"] and "2025-01-01 to 2025-12-31" in b["text"] for b in scope_boxes)
    from roi import ocr, pages
    with chart.engine.connect() as conn:
        page = next(p for p in packets.packet_pages_of(conn, summary["id"]) if p.seq == seq)
    words = ocr.read_words(pages.from_png(chart.store.get_bytes(chart.derived, page.image_key))).words
    ankle = next(w.box for w in words if "ankle" in w.text.lower())
    lisinopril = next(w.box for w in words if "lisinopril" in w.text.lower())
    assert any(_inside(ankle, b) for b in scope_boxes)  # the 2023 visit: out of the request's range
    assert not any(_inside(lisinopril, b) for b in scope_boxes)  # the 2025 visit: in range, kept
