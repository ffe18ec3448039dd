"""FHIR DocumentReference (US Core fields, R4B validation) and the publishing client's retry
policy, tested against a small FHIR endpoint served on a free loopback port."""

from __future__ import annotations

import base64
import hashlib
import socket
from datetime import date, datetime, timezone

import pytest
from fhir.resources.R4B.documentreference import DocumentReference

from himflow.errors import RejectedInput
from tests.resources.fhir_server import serve
from publishing.fhir import (
    AsyncFhirClient,
    FhirRejected,
    FhirUnavailable,
    document_reference,
    entered_in_error,
    resource_id,
    superseded,
)

SHA1 = hashlib.sha1(b"%PDF-1.7 synthetic").hexdigest()


def make(**over) -> dict:
    args = dict(doc_id="doc-0001", patient_id="p1", type_code="18842-5", type_display="Discharge summary",
                date=datetime(2025, 3, 2, 10, 30, tzinfo=timezone.utc), attachment_url="https://him.example/doc-0001.pdf",
                content_type="application/pdf", size=18, sha1=SHA1, authors=["pr-7"], encounter_id="enc-42",
                service_date=date(2025, 3, 1))
    return document_reference(**(args | over))


def test_document_reference_carries_the_us_core_fields_and_validates():
    r = make()
    DocumentReference.model_validate(r)  # round-trips through the R4B model
    assert r["status"] == "current" and r["docStatus"] == "final"
    assert r["type"]["coding"][0] == {"system": "http://loinc.org", "code": "18842-5", "display": "Discharge summary"}
    assert r["category"][0]["coding"][0]["code"] == "clinical-note"
    assert r["subject"] == {"reference": "Patient/p1"}
    assert r["author"] == [{"reference": "Practitioner/pr-7"}]
    assert r["context"]["encounter"] == [{"reference": "Encounter/enc-42"}]
    att = r["content"][0]["attachment"]
    assert att["url"].endswith(".pdf") and att["size"] == 18 and att["contentType"] == "application/pdf"
    assert att["hash"] == base64.b64encode(hashlib.sha1(b"%PDF-1.7 synthetic").digest()).decode()
    assert r["masterIdentifier"]["value"] == "doc-0001"
    assert r["date"].startswith("2025-03-02T10:30:00")


def test_dictation_draft_is_preliminary_and_corrections_replace_and_retract():
    draft = make(doc_status="preliminary")
    assert draft["docStatus"] == "preliminary"
    fixed = make(doc_id="doc-0002", replaces="doc-0001")
    assert fixed["relatesTo"] == [{"code": "replaces", "target": {"reference": "DocumentReference/doc-0001"}}]
    assert superseded(make())["status"] == "superseded"
    wrong = entered_in_error(make())
    assert wrong["status"] == "entered-in-error" and wrong["docStatus"] == "entered-in-error"


def test_unknown_type_uses_data_absent_reason():
    r = make(type_code="unknown", type_display="Unknown")
    assert r["type"]["coding"][0]["code"] == "unknown"
    assert "data-absent-reason" in r["type"]["coding"][0]["system"]


@pytest.mark.parametrize("over", [{"sha1": "abc"}, {"status": "bogus"}, {"doc_status": "draft"}])
def test_invalid_values_are_typed_rejections(over):
    with pytest.raises(RejectedInput):
        make(**over)


def test_resource_ids_are_fhir_safe_and_deterministic():
    assert resource_id("doc-0001") == "doc-0001"
    weird = "intake/2025/scan 1.pdf#v3"
    assert resource_id(weird) == resource_id(weird)
    assert len(resource_id("x" * 100)) <= 64 and all(c.isalnum() or c in "-." for c in resource_id(weird))


# ---- a tiny FHIR endpoint (tests/resources/fhir_server.py) --------------------------------
@pytest.fixture(scope="module")
def server():
    with serve() as (fake, url):
        yield fake, url


@pytest.fixture
def fhir(server):
    fake, url = server
    fake.script.clear(), fake.requests.clear(), fake.store.clear()
    return fake, url


class _Client:
    """An AsyncFhirClient for one test, closed after it; its backoff sleeps are recorded."""

    def __init__(self, url, **kw):
        self.sleeps: list[float] = []

        async def sleep(s: float) -> None:
            self.sleeps.append(s)

        self.inner = AsyncFhirClient(url, sleep=sleep, **kw)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.inner.aclose()

    async def put(self, resource):
        return await self.inner.put(resource)


async def test_client_retries_5xx_then_succeeds(fhir):
    fake, url = fhir
    fake.script[:] = [503, 502, 500]
    async with _Client(url, attempts=4, backoff_s=0.01) as c:
        out = await c.put(make())
    assert out["id"] == "doc-0001" and len(fake.requests) == 4
    assert c.sleeps == [0.01, 0.02, 0.04]  # exponential, bounded


async def test_client_gives_up_on_4xx_at_once(fhir):
    fake, url = fhir
    fake.script[:] = [422]
    async with _Client(url, attempts=4, backoff_s=0.01) as c:
        with pytest.raises(FhirRejected) as e:
            await c.put(make())
    assert not e.value.retryable and len(fake.requests) == 1 and not fake.store and c.sleeps == []


async def test_client_stops_after_bounded_attempts_on_persistent_5xx(fhir):
    fake, url = fhir
    fake.script[:] = [503] * 10
    async with _Client(url, attempts=3, backoff_s=0.001) as c:
        with pytest.raises(FhirUnavailable) as e:
            await c.put(make())
    assert e.value.retryable and len(fake.requests) == 3 and len(c.sleeps) == 2


async def test_client_retries_a_timeout(fhir):
    fake, url = fhir
    fake.script[:] = ["slow", 200]
    async with _Client(url, attempts=3, backoff_s=0.001, timeout_s=0.2) as c:
        await c.put(make())
    assert len(fake.requests) == 2


async def test_redelivered_publication_updates_the_same_resource(fhir):
    fake, url = fhir
    async with _Client(url, backoff_s=0.001) as c:
        await c.put(make())
        await c.put(make())
        await c.put(entered_in_error(make()))
    assert list(fake.store) == ["doc-0001"] and fake.store["doc-0001"]["status"] == "entered-in-error"


async def test_connection_refused_is_transient():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    async with _Client(f"http://127.0.0.1:{port}/fhir", attempts=2, backoff_s=0.001) as c:
        with pytest.raises(FhirUnavailable):
            await c.put(make())

