"""Publishing to the patient record: a FHIR R4 DocumentReference (US Core fields) and a client.

``document_reference(...)`` builds the resource and validates it with the fhir.resources R4B
models; corrections use ``replaces=`` (relatesTo) and ``entered_in_error(resource)``;
dictation drafts are ``doc_status="preliminary"`` until signed.

``AsyncFhirClient`` PUTs the resource at ``DocumentReference/<id>`` (the id is
derived from our doc id, so a redelivered event updates, never duplicates). 5xx, 408, 429,
timeouts and connection errors are retried with bounded exponential backoff, then raise
``FhirUnavailable`` (retryable); any other 4xx raises ``FhirRejected`` (permanent).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date, datetime, timezone
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Literal

import httpx
from fhir.resources.R4B.documentreference import DocumentReference
from pydantic import ValidationError

from himflow.errors import HimflowError, RejectedInput, TransientError
from himflow.retry import Backoff, retry_async
from schemas.events import ReasonCode
from schemas.reasons import UNKNOWN_TYPE_CODE

IDENTIFIER_SYSTEM = "urn:himflow:document"
LOINC_SYSTEM = "http://loinc.org"
US_CORE_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference"
US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"

Status = Literal["current", "superseded", "entered-in-error"]
DocStatus = Literal["preliminary", "final", "amended", "entered-in-error"]
_STATUSES = ("current", "superseded", "entered-in-error")
_DOC_STATUSES = ("preliminary", "final", "amended", "entered-in-error")


class FhirRejected(HimflowError):
    """The FHIR server refused the resource (4xx other than 408/429). Permanent."""

    retryable = False
    default_reason = ReasonCode.FHIR_REJECTED


class FhirUnavailable(TransientError):
    """5xx, timeouts or connection errors after the client's bounded retries."""

    default_reason = ReasonCode.RETRIES_EXHAUSTED


def resource_id(doc_id: str) -> str:
    """A FHIR id ([A-Za-z0-9-.]{1,64}) derived deterministically from our doc id."""
    clean = re.sub(r"[^A-Za-z0-9\-.]", "-", doc_id)
    if clean == doc_id and 0 < len(clean) <= 64:
        return clean
    return "h-" + hashlib.sha256(doc_id.encode()).hexdigest()[:40]


def _hash_b64(sha1: str | bytes) -> str:
    """FHIR Attachment.hash is base64 of the SHA-1 digest; accepts hex or raw bytes."""
    if isinstance(sha1, bytes):
        raw = sha1
    elif re.fullmatch(r"[0-9a-fA-F]{40}", sha1):
        raw = bytes.fromhex(sha1)
    else:
        raise RejectedInput("attachment hash must be a SHA-1 digest", reason=ReasonCode.MALFORMED_EVENT)
    if len(raw) != 20:
        raise RejectedInput("attachment hash must be a SHA-1 digest", reason=ReasonCode.MALFORMED_EVENT)
    return base64.b64encode(raw).decode("ascii")


def _iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.isoformat()


def _ref(kind: str, ident: str) -> dict[str, str]:
    return {"reference": ident if "/" in ident else f"{kind}/{ident}"}


DATA_ABSENT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
TEXT_PLAIN = "text/plain; charset=utf-8"


def _absent(code: str) -> dict[str, Any]:
    """An element we must support but do not know: only the data-absent-reason extension."""
    return {"extension": [{"url": DATA_ABSENT_EXTENSION, "valueCode": code}]}


def attachment(*, content_type: str, url: str | None = None, data: bytes | None = None,
               size: int | None = None, sha1: str | bytes | None = None, title: str | None = None,
               creation: datetime | None = None) -> dict[str, Any]:
    """One Attachment. With ``data`` the bytes go inline (base64) and size and hash are
    computed from them; ``url`` (when given too) must serve the same bytes."""
    out: dict[str, Any] = {"contentType": content_type}
    if data is not None:
        out["data"] = base64.b64encode(data).decode("ascii")
        size, sha1 = len(data), hashlib.sha1(data).digest()
    if url:
        out["url"] = url
    if size is not None and sha1 is not None:
        out["size"], out["hash"] = int(size), _hash_b64(sha1)
    if title:
        out["title"] = title
    if creation is not None:
        out["creation"] = _iso(creation)
    return out


def validate(resource: dict[str, Any]) -> dict[str, Any]:
    """Validate against the R4B model (plus the code lists it does not enforce); returns JSON."""
    if resource.get("status") not in _STATUSES or resource.get("docStatus", "final") not in _DOC_STATUSES:
        raise RejectedInput("DocumentReference status not allowed", reason=ReasonCode.MALFORMED_EVENT)
    for rel in resource.get("relatesTo") or []:
        if rel.get("code") not in ("replaces", "transforms", "signs", "appends"):
            raise RejectedInput("DocumentReference relatesTo code not allowed", reason=ReasonCode.MALFORMED_EVENT)
    try:
        model = DocumentReference.model_validate(resource)
    except ValidationError as e:
        raise RejectedInput(f"DocumentReference invalid ({e.error_count()} errors)",
                            reason=ReasonCode.MALFORMED_EVENT) from e
    return json.loads(model.model_dump_json(exclude_none=True))


def document_reference(
    *,
    doc_id: str,
    patient_id: str,
    type_code: str,
    type_display: str,
    date: datetime,
    attachment_url: str | None = None,
    content_type: str | None = None,
    size: int | None = None,
    sha1: str | bytes | None = None,
    attachments: Sequence[dict[str, Any]] = (),
    status: Status = "current",
    doc_status: DocStatus = "final",
    authors: Sequence[str] = (),
    author_display: Sequence[str] = (),
    encounter_id: str | None = None,
    service_date: datetime | date | None = None,
    replaces: str | None = None,
    title: str | None = None,
    category: tuple[str, str] = ("clinical-note", "Clinical Note"),
    security: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A US Core DocumentReference as a JSON-ready dict, validated with fhir.resources R4B.

    ``authors``: Practitioner ids (or "Type/id" references); ``author_display``: names when no
    id is known. ``replaces``: our doc id of the document this one corrects.
    ``attachments``: the contents (``attachment(...)``), the original first; or one original
    given by ``attachment_url``/``content_type``/``size``/``sha1``. Must-support elements we do
    not know (author, encounter, period) carry the data-absent-reason extension.
    ``security``: ``meta.security`` codings (``himflow.sensitivity.security_codes``).
    """
    if type_code == UNKNOWN_TYPE_CODE:
        type_: dict[str, Any] = {"coding": [{"system": DATA_ABSENT, "code": "unknown", "display": "Unknown"}]}
    else:
        type_ = {"coding": [{"system": LOINC_SYSTEM, "code": type_code, "display": type_display}],
                 "text": type_display}
    author_refs = [_ref("Practitioner", a) for a in authors] + [{"display": d} for d in author_display]
    contents = [{"attachment": a} for a in attachments]
    if attachment_url:
        one = attachment(content_type=content_type or "application/octet-stream", url=attachment_url,
                         size=size, sha1=sha1, title=title, creation=date)
        contents.insert(0, {"attachment": one})
    if not contents:
        raise RejectedInput("a DocumentReference needs at least one content", reason=ReasonCode.MALFORMED_EVENT)
    resource: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": resource_id(doc_id),
        "meta": {"profile": [US_CORE_PROFILE], **({"security": list(security)} if security else {})},
        "masterIdentifier": {"system": IDENTIFIER_SYSTEM, "value": doc_id},
        "identifier": [{"system": IDENTIFIER_SYSTEM, "value": doc_id}],
        "status": status,
        "docStatus": doc_status,
        "type": type_,
        "category": [{"coding": [{"system": US_CORE_CATEGORY, "code": category[0], "display": category[1]}]}],
        "subject": _ref("Patient", patient_id),
        "date": _iso(date),
        "content": contents,
    }
    resource["author"] = author_refs or [_absent("unknown")]
    context: dict[str, Any] = {}
    context["encounter"] = [_ref("Encounter", encounter_id)] if encounter_id else [_absent("unknown")]
    if service_date is not None:
        start = service_date.isoformat() if not isinstance(service_date, datetime) else _iso(service_date)
        context["period"] = {"start": start}
    else:
        context["period"] = _absent("unknown")
    resource["context"] = context
    if replaces:
        resource["relatesTo"] = [{"code": "replaces", "target": _ref("DocumentReference", resource_id(replaces))}]
    return validate(resource)


def entered_in_error(resource: dict[str, Any]) -> dict[str, Any]:
    """The same DocumentReference retracted (filed to the wrong patient, wrong document)."""
    return validate({**resource, "status": "entered-in-error", "docStatus": "entered-in-error"})


def superseded(resource: dict[str, Any]) -> dict[str, Any]:
    """The same DocumentReference marked superseded by a correction that ``replaces`` it."""
    return validate({**resource, "status": "superseded"})


# ---- client --------------------------------------------------------------------------------
_RETRY_STATUS = {408, 425, 429}


def _target(resource: dict[str, Any]) -> tuple[str, str]:
    kind, rid = resource.get("resourceType"), resource.get("id")
    if not kind or not rid:
        raise RejectedInput("resource needs resourceType and id", reason=ReasonCode.MALFORMED_EVENT)
    return kind, rid


class _TryAgain(Exception):
    """One attempt the server did not take (5xx, 408/425/429, timeout, no connection)."""

    def __init__(self, resp: httpx.Response | None):
        self.resp = resp
        super().__init__(resp.status_code if resp is not None else "no answer")


def _answer(resp: httpx.Response, kind: str, method: str) -> dict[str, Any]:
    """Parsed body on success; _TryAgain when retryable; FhirRejected when permanent."""
    if resp.status_code < 300:
        try:
            return resp.json() if resp.content else {}
        except ValueError:
            return {}
    if resp.status_code >= 500 or resp.status_code in _RETRY_STATUS:
        raise _TryAgain(resp)
    raise FhirRejected(f"fhir {method} {kind} answered {resp.status_code}")


class AsyncFhirClient:
    """PUTs resources to a FHIR server from a handler (the publishing stage)."""

    def __init__(self, base_url: str, *, timeout_s: float = 10.0, attempts: int = 4, backoff_s: float = 0.5,
                 max_backoff_s: float = 8.0, headers: dict[str, str] | None = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 sleep: Callable[[float], Awaitable[None]] | None = None):
        if attempts < 1:
            raise ValueError("attempts must be >= 1")
        self._attempts, self._sleep = attempts, sleep
        self._backoff = Backoff(base_s=backoff_s, max_s=max_backoff_s)
        self._http = httpx.AsyncClient(base_url=base_url.rstrip("/") + "/", timeout=timeout_s, transport=transport,
                                       headers={"Content-Type": "application/fhir+json",
                                                "Accept": "application/fhir+json", **(headers or {})})

    def _delay(self, attempt: int, error: BaseException) -> float:
        """The server's Retry-After (seconds) when it gave one, else the backoff; capped."""
        resp = error.resp if isinstance(error, _TryAgain) else None
        raw = resp.headers.get("retry-after", "") if resp is not None else ""
        return min(float(raw), self._backoff.max_s) if raw.isdigit() else self._backoff.delay(attempt)

    async def put(self, resource: dict[str, Any]) -> dict[str, Any]:
        """Create-or-update at ``<type>/<id>`` (idempotent)."""
        kind, rid = _target(resource)
        body = json.dumps(resource)

        async def attempt() -> dict[str, Any]:
            try:
                resp = await self._http.put(f"{kind}/{rid}", content=body)
            except httpx.TransportError as e:  # timeouts, refused, reset
                raise _TryAgain(None) from e
            return _answer(resp, kind, "PUT")

        try:
            return await retry_async(attempt, attempts=self._attempts, backoff=self._backoff, retry_on=(_TryAgain,),
                                     delay=self._delay, sleep=self._sleep)
        except _TryAgain as e:
            raise FhirUnavailable(f"fhir PUT {kind}: {e} after {self._attempts} attempts") from None

    async def aclose(self) -> None:
        await self._http.aclose()
