"""HL7 v2.5 MDM^T02, the optional second output."""

from __future__ import annotations

from datetime import date, datetime, timezone

from hl7apy.parser import parse_message

from publishing.hl7 import escape, mdm_t02


def build(**over) -> str:
    args = dict(doc_id="doc-0001", control_id="c-1", mrn="100001", family="Kowalski", given="Olga",
                birth_date=date(1956, 3, 14), type_code="18842-5", type_display="Discharge summary",
                text="DISCHARGE SUMMARY\nBP 120/80 | stable ^ improving & home", author="Dr. Priya Haddad",
                created_at=datetime(2025, 3, 2, 10, 30, tzinfo=timezone.utc))
    return mdm_t02(**(args | over))


def test_mdm_t02_has_the_document_segments_and_parses_back():
    er7 = build()
    segs = er7.split("\r")
    assert [s[:3] for s in segs if s] == ["MSH", "EVN", "PID", "PV1", "TXA", "OBX", "OBX"]
    m = parse_message(er7)
    assert m.msh.msh_9.to_er7() == "MDM^T02^MDM_T02"
    assert m.pid.pid_3.to_er7().startswith("100001^")
    assert m.txa.txa_12.to_er7() == "doc-0001" and m.txa.txa_17.to_er7() == "AU"


def test_text_delimiters_are_escaped_not_interpreted():
    er7 = build()
    obx2 = [s for s in er7.split("\r") if s.startswith("OBX|2|")][0]
    assert "120/80 \\F\\ stable \\S\\ improving \\T\\ home" in obx2
    assert escape("a\\b") == "a\\E\\b"


def test_draft_dictation_is_in_progress():
    er7 = build(doc_status="preliminary")
    txa = [s for s in er7.split("\r") if s.startswith("TXA")][0]
    assert txa.split("|")[17] == "IP"
    assert all(s.split("|")[11] == "P" for s in er7.split("\r") if s.startswith("OBX"))
