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
