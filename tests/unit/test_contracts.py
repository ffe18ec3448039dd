"""Contracts: committed JSON Schemas and AsyncAPI equal what the code generates; the S3
notification model reads MinIO's exact format; topic names are versioned."""

from __future__ import annotations

import json
import warnings

from schemas import topics
from schemas.jsonschema import COMMITTED_DIR, schemas
from schemas.s3event import S3EventNotification, object_created_event


def test_committed_json_schemas_match_the_models():
    generated = schemas()
    committed = {p.name: p.read_text() for p in COMMITTED_DIR.glob("*.schema.json")}
    assert committed == generated, "run `himflow schemas` and commit schemas/json/"


def test_committed_asyncapi_matches_the_workers():
    from himflow.app.asyncapi import COMMITTED, generate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = generate()
    assert COMMITTED.read_text() == text, "run `himflow asyncapi -o schemas/asyncapi.json` and commit it"
    doc = json.loads(text)
    assert {"object-created", "scan-routed", "dictation-routed", "text-extracted"} <= set(doc["channels"])
    assert "DeadLetter" in doc["components"]["schemas"]


def test_every_topic_is_versioned_and_unique():
    assert len(set(topics.ALL_TOPICS)) == len(topics.ALL_TOPICS)
    assert all(t.rsplit(".", 1)[-1].startswith("v") for t in topics.ALL_TOPICS)


def test_minio_event_keys_are_url_decoded_and_metadata_case_insensitive():
    raw = {
        "EventName": "s3:ObjectCreated:CompleteMultipartUpload",
        "Key": "himflow-intake/ward 3/scan+1.pdf",
        "Records": [{
            "eventVersion": "2.0", "eventSource": "minio:s3", "eventTime": "2026-01-01T00:00:00.000Z",
            "eventName": "s3:ObjectCreated:CompleteMultipartUpload",
            "s3": {"bucket": {"name": "himflow-intake"},
                   "object": {"key": "ward+3%2Fscan%2B1.pdf", "size": 5, "eTag": "abc-2",
                              "userMetadata": {"X-Amz-Meta-Himflow-Upload-Id": "u1"}}},
        }],
    }
    ev = S3EventNotification.model_validate(raw)
    obj = ev.records[0].s3.object
    assert obj.decoded_key == "ward 3/scan+1.pdf"
    assert obj.metadata("himflow-upload-id") == "u1"
    assert ev.records[0].is_object_created


def test_our_upload_event_round_trips_to_the_same_key():
    key, ev = object_created_event(bucket="b", key="a b/ü+c.pdf", size=3, etag='"e"')
    again = S3EventNotification.model_validate_json(ev.model_dump_json(by_alias=True))
    assert key == "b/a b/ü+c.pdf" == again.key
    assert again.records[0].s3.object.decoded_key == "a b/ü+c.pdf"
    assert again.records[0].s3.object.e_tag == "e"


# Claim checks as the stages wrote them before they were typed (no schema_version): still read.
OLD_SCAN_TEXT = (
    '{"doc_id": "c1", "parent_id": "p1", "media_type": "application/pdf", "text": "page one\\n\\f\\npage two",'
    ' "pages": [{"number": 2, "text": "page one", "confidence": 0.91, "source": "ocr", "rotation": 0,'
    ' "flags": ["deskewed"], "words": [{"text": "page", "conf": 0.9, "bbox": [1, 2, 30, 12]}],'
    ' "phash": "8f3a00ff12345678", "width": 2480, "height": 3508, "dpi": 300.0, "skew": 0.7},'
    ' {"number": 3, "text": "page two", "confidence": 0.88, "source": "text-layer"}],'
    ' "flags": [], "coversheet": {"mrn": "MRN-1001", "document_type": "18842-5"}}'
)
OLD_TRANSCRIPT = (
    '{"text":"Patient seen today.","language":"en","duration":3.2,"segments":[{"start":0.0,"end":3.2,'
    '"text":" Patient seen today.","avg_logprob":-0.2,"no_speech_prob":0.01,"compression_ratio":1.1,'
    '"temperature":0.0,"words":[{"word":" Patient","start":0.0,"end":0.6,"probability":0.95,"flagged":false}],'
    '"unsure":false,"unsure_reason":null,"placeholder":false}],"flags":["low-confidence-words"],'
    '"confidence":0.93,"model":"base.en","status":"preliminary","voiced_seconds":3.0,"coverage":1.0,"uncovered":[]}'
)


def test_claim_checks_written_before_they_were_versioned_still_read():
    from schemas.claims import PAGE_BREAK, DictationTranscript, ScanText, TranscriptFlag, read_extracted
    from schemas.events import DocumentKind

    scan = read_extracted(DocumentKind.SCAN, OLD_SCAN_TEXT)
    assert isinstance(scan, ScanText) and scan.schema_version == 1
    assert scan.text.split(PAGE_BREAK) == ["page one", "page two"]
    assert [p.number for p in scan.pages] == [2, 3] and scan.pages[0].words[0].bbox == (1, 2, 30, 12)
    assert scan.coversheet is not None and scan.coversheet.mrn == "MRN-1001"
    spoken = read_extracted(DocumentKind.DICTATION, OLD_TRANSCRIPT.encode())
    assert isinstance(spoken, DictationTranscript) and spoken.text == "Patient seen today."
    assert spoken.flags == (TranscriptFlag.LOW_CONFIDENCE_WORDS,) and spoken.segments[0].words[0].probability == 0.95


def test_the_transcription_stage_writes_the_transcript_contract():
    from schemas.claims import DictationTranscript
    from transcription.transcript import Transcript

    t = Transcript.model_validate_json(OLD_TRANSCRIPT)
    again = DictationTranscript.model_validate_json(t.model_dump_json())
    assert again.model_dump() == DictationTranscript.model_validate_json(OLD_TRANSCRIPT).model_dump()


def test_ids_shared_by_the_stages():
    from schemas.ids import child_id, doc_id_for

    assert doc_id_for("b", "k", "v1") != doc_id_for("b", "k", "v2") and len(doc_id_for("b", "k", "")) == 32
    assert child_id("p1", (2, 3)) == child_id("p1", [2, 3]) != child_id("p1", (2, 4))
