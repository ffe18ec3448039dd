"""A small department with known answers for the reports (tests/unit/test_reports.py, the
PostgreSQL run and the browser test). Synthetic: ids and names are made up.

The period is 2026-11-01 .. 2026-11-07 and "now" 2026-11-08 12:00 UTC. Every expected figure
below is worked out by hand from the rows in ``seed`` (the comments show the sums), not by
running the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.engine import Engine

from himflow.db import document_history, documents
from himflow.patients_db import encounters_table
from roi.tables import requests as roi_requests

START, END = date(2026, 11, 1), date(2026, 11, 7)
NOW = datetime(2026, 11, 8, 12, 0, tzinfo=UTC)
MIN_QUALITY = 0.8


def at(day: int, hour: int = 0, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def _doc(doc_id: str, created: datetime, **values: Any) -> dict[str, Any]:
    row = dict(id=doc_id, kind="scan", status="filed", bucket="intake", object_key=f"2026/11/{doc_id}.pdf",
               type_code=None, type_display=None, confidence=None, flags="[]", reasons="[]",
               created_at=created, updated_at=created)
    row.update(values)
    return row


# (doc id, created, {columns}, [(stage, status, at)])
DOCS: list[tuple[dict[str, Any], list[tuple[str, str, datetime]]]] = [
    # filed in the period, received the day before it: turnaround only (6 h)
    (_doc("old2", at(31, 20, month=10), type_code="18842-5", type_display="Discharge summary", confidence=0.9),
     [("indexing", "filed", at(1, 2))]),
    # 11-02
    (_doc("s1", at(2, 8), type_code="18842-5", type_display="Discharge summary", confidence=0.95,
          ocr_pages=2, low_confidence_pages=0),
     [("indexing", "filed", at(2, 10))]),  # 2 h
    (_doc("s2", at(2, 9), type_code="11502-2", type_display="Laboratory report", confidence=0.6,
          ocr_pages=3, low_confidence_pages=2),
     [("indexing", "review", at(2, 9, 30)), ("review", "filed", at(3, 9))]),  # 24 h
    (_doc("w1", at(2, 12), status="review", object_key="web/2026/11/02/w1.pdf", type_code="11502-2",
          type_display="Laboratory report", confidence=0.9, reasons='["patient:low-score", "type:low-confidence"]',
          ocr_pages=1, low_confidence_pages=0),
     [("indexing", "review", at(2, 12, 30))]),
    # 11-03
    (_doc("d1", at(3, 10), kind="dictation", object_key="dictation/d1.wav", hint_author="dr-lund",
          type_code="11506-3", type_display="Progress note", confidence=0.85, flags='["low-confidence-words"]',
          audio_seconds=120.0, unsure_words=3),
     [("indexing", "filed", at(3, 14))]),  # 4 h
    (_doc("d2", at(3, 11), kind="dictation", status="review", object_key="dictation/d2.wav", hint_author="dr-lund",
          type_code="11506-3", type_display="Progress note", confidence=0.7,
          flags='["coverage-low:0.91 uncovered 12.0-27.5s"]',
          reasons='["flag:coverage-low:0.91 uncovered 12.0-27.5s", "patient:low-score"]',
          audio_seconds=90.0, unsure_words=6),
     [("indexing", "review", at(3, 11, 30))]),
    (_doc("s3", at(3, 13), type_code="18842-5", type_display="Discharge summary", confidence=0.75,
          ocr_pages=2, low_confidence_pages=1),
     [("indexing", "filed", at(3, 19))]),  # 6 h
    # 11-04
    (_doc("d3", at(4, 9), kind="dictation", object_key="dictation/d3.wav", hint_author="dr-ahn",
          type_code="11506-3", type_display="Progress note", confidence=0.92, flags='["low-confidence-words"]'),
     [("indexing", "filed", at(4, 11))]),  # 2 h
    # 11-05: a batch split into s5 (s5 keeps the batch's arrival) and a single scan s4
    (_doc("batch", at(5, 7), status="split"), [("ocr", "split", at(5, 7, 5))]),
    (_doc("s5", at(5, 7), parent_id="batch", object_key="2026/11/batch.pdf", type_code="34117-2",
          type_display="History and physical note", confidence=0.88,
          ocr_pages=4, low_confidence_pages=0),
     [("indexing", "filed", at(5, 17))]),  # 10 h
    (_doc("s4", at(5, 8), type_code="11488-4", type_display="Consult note", confidence=0.99),
     [("indexing", "filed", at(5, 9))]),  # 1 h
    # before the period
    (_doc("old", at(20, 8, month=10), type_code="11502-2", type_display="Laboratory report", confidence=0.5),
     [("indexing", "filed", at(20, 9, month=10))]),
    (_doc("rej", at(20, 8, month=10), status="rejected", reasons='["no-text"]', confidence=0.0),
     [("intake", "rejected", at(20, 8, month=10))]),
    # pat-2's documents (encounter E2): an H&P filed, a discharge summary awaiting its author's signature
    (_doc("hp2", at(29, 9, month=10), patient_id="pat-2", type_code="34117-2",
          type_display="History and physical note", service_date="2026-10-28", reasons='["approved"]'), []),
    (_doc("aw", at(29, 10, month=10), kind="dictation", status="review", object_key="dictation/aw.wav",
          patient_id="pat-2", hint_author="dr-moe", type_code="18842-5", type_display="Discharge summary",
          service_date="2026-10-29", reasons='["unsigned-dictation", "awaiting-signature"]'), []),
]

ENCOUNTERS = [
    dict(encounter_id="E1", patient_id="pat-1", enc_class="IMP", admitted_at=at(1, 6, month=10),
         discharged_at=at(5, 6, month=10), attending="dr-lund", service="medicine"),
    dict(encounter_id="E2", patient_id="pat-2", enc_class="IMP", admitted_at=at(28, 6, month=10),
         discharged_at=at(30, 6, month=10), attending="dr-lund", service="surgery"),
    dict(encounter_id="E3", patient_id="pat-3", enc_class="EMER", admitted_at=at(4, 20),
         discharged_at=at(5, 2), attending="dr-ahn", service="emergency"),
    dict(encounter_id="E4", patient_id="pat-4", enc_class="AMB", admitted_at=at(3, 9),
         discharged_at=at(3, 10), attending="dr-lund", service="clinic"),
]


def _roi(rid: str, requester_type: str, received: datetime, released: datetime | None,
         state: str = "released") -> dict[str, Any]:
    return dict(id=rid, patient_id="pat-1", state=state, requester_name="Synthetic Requester",
                requester_type=requester_type, purpose="continuity", legal_basis="individual",
                type_codes="[]", authorization_covers="[]", received_at=received, due_date=received.date(),
                released_at=released, updated_at=released or received)


ROI = [
    _roi("roi-r1", "patient", at(1, 9), at(3, 9)),  # 2.0 days
    _roi("roi-r2", "attorney", at(2, 10), at(6, 22)),  # 4.5 days
    _roi("roi-r3", "patient", at(20, 12, month=10), at(2, 12)),  # 13.0 days, received before the period
    _roi("roi-r4", "payer", at(5, 8), None, state="in-preparation"),
    _roi("roi-r5", "patient", at(1, 9, month=10), at(15, 9, month=10)),  # all before the period
]


def seed(engine: Engine) -> None:
    with engine.begin() as conn:
        for row, history in DOCS:
            conn.execute(documents.insert().values(**row))
            for stage, status, when in history:
                conn.execute(document_history.insert().values(doc_id=row["id"], stage=stage, status=status,
                                                              at=when, detail=""))
        for enc in ENCOUNTERS:
            conn.execute(encounters_table.insert().values(source="test", updated_at=NOW, **enc))
        for r in ROI:
            conn.execute(roi_requests.insert().values(**r))


# -- the answers --------------------------------------------------------------------------------
# (a) received in the period, not the batch itself: (day, source, code, display, n)
RECEIVED = [
    ("2026-11-02", "station", "11502-2", "Laboratory report", 1),  # s2
    ("2026-11-02", "station", "18842-5", "Discharge summary", 1),  # s1
    ("2026-11-02", "upload", "11502-2", "Laboratory report", 1),  # w1 (web/ key)
    ("2026-11-03", "physician", "11506-3", "Progress note", 2),  # d1, d2
    ("2026-11-03", "station", "18842-5", "Discharge summary", 1),  # s3
    ("2026-11-04", "physician", "11506-3", "Progress note", 1),  # d3
    ("2026-11-05", "station", "11488-4", "Consult note", 1),  # s4
    ("2026-11-05", "station", "34117-2", "History and physical note", 1),  # s5
]
# (b) filed in the period. scan hours [1, 2, 6, 6, 10, 24]: median (6+6)/2 = 6, p90 at rank
# 0.9*5 = 4.5: 10 + 0.5*(24-10) = 17. dictation [2, 4]: median 3, p90 2 + 0.9*2 = 3.8
TURNAROUND = [("scan", 6, 6.0, 17.0), ("dictation", 2, 3.0, 3.8)]
# (c) indexing decisions per day (decided, auto, review, rate)
AUTOFILE = [
    ("2026-11-01", 1, 1, 0, 1.0),  # old2
    ("2026-11-02", 3, 1, 2, 0.3333),  # s1 | s2, w1
    ("2026-11-03", 3, 2, 1, 0.6667),  # d1, s3 | d2
    ("2026-11-04", 1, 1, 0, 1.0),  # d3
    ("2026-11-05", 2, 2, 0, 1.0),  # s4, s5
    ("2026-11-06", 0, 0, 0, None),
    ("2026-11-07", 0, 0, 0, None),
]
# waiting now: w1 (11-02 12:00), d2 (11-03 11:00), rej (10-20 08:00); aw awaits its author.
# oldest in whole days to 11-08 12:00: w1 6, d2 5, rej 19
BACKLOG = [("patient:low-score", 2, 6), ("coverage-low", 1, 5), ("no-text", 1, 19), ("type:low-confidence", 1, 6)]
# (d) as of 11-08 00:00. E1 (dr-lund, medicine): discharge summary missing, 33 days from
# discharge 10-05 06:00; H&P missing, 37 days from admission 10-01 06:00: both delinquent, > 30.
# E2: H&P present; discharge summary unsigned (dr-moe, surgery), 8 days from 10-30 06:00, limit 14.
# E3 (dr-ahn, emergency): ED note missing, 2 days from 11-05 02:00, limit 2: delinquent. E4: AMB, no rules.
# (physician, service, open, delinquent, missing, unsigned, 0-7, 8-14, 15-30, >30)
DEFICIENCIES = [
    ("dr-lund", "medicine", 2, 2, 2, 0, 0, 0, 0, 2),
    ("dr-ahn", "emergency", 1, 1, 1, 0, 1, 0, 0, 0),
    ("dr-moe", "surgery", 1, 0, 0, 1, 0, 1, 0, 0),
]
# (e) per day (received, released)
ROI_VOLUME = [("2026-11-01", 1, 0), ("2026-11-02", 1, 1), ("2026-11-03", 0, 1), ("2026-11-04", 0, 0),
              ("2026-11-05", 1, 0), ("2026-11-06", 0, 1), ("2026-11-07", 0, 0)]
# released in the period: r1 2.0, r2 4.5, r3 13.0 days. all: median 4.5, p90 at rank 1.8:
# 4.5 + 0.8*8.5 = 11.3. attorney [4.5]. patient [2, 13]: median 7.5, p90 2 + 0.9*11 = 11.9
ROI_RELEASE = [("all", 3, 4.5, 11.3), ("attorney", 1, 4.5, 4.5), ("patient", 2, 7.5, 11.9)]
# (f) received in the period with a confidence, below 0.8: scans s1 .95 s2 .6 w1 .9 s3 .75 s4 .99
# s5 .88: low 2 of 6, mean 5.07/6 = 0.845; dictations d1 .85 d2 .7 d3 .92: low 1 of 3, mean
# 2.47/3 = 0.8233, 2 flagged low-confidence-words
# per page (s4 and d3 were indexed before the counts existed: left out): scans 2+3+1+2+4 = 12
# OCR'd pages, 0+2+0+1+0 = 3 low: 0.25; dictations d1 120 s + d2 90 s = 3.5 min, 3 + 6 = 9
# unsure words: 2.57 a minute
QUALITY = [("scan", 6, 2, 0.3333, 0.845, 0, 12, 3, 0.25, None, 0, None),
           ("dictation", 3, 1, 0.3333, 0.8233, 2, 0, 0, None, 3.5, 9, 2.57)]
