"""Filing rules that match how records work, over HTTP against a real SQLite database, with
what the patient record then receives (publishing.plan through the outbox):

- records staff's "Approve and file" on an unsigned dictation does not file it as final: it
  waits for its author's signature, published as preliminary; the signature files it final;
- another physician can neither approve nor sign it; an admin's approval is a clerk's;
- corrections made before approval are in the first publication;
- informational reasons (a deskewed page) do not stop filing; unknown flags block.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from himflow.db import outbox
from publishing.record import publish_for
from tests.resources.desk_testkit import (
    add_review_document,
    add_users,
    document_row,
    make_env,
    signed_in,
)
from schemas import topics
from schemas.events import DocumentIndexed, DocumentStatus

PROGRESS, DISCHARGE = "11506-3", "18842-5"


@pytest.fixture()
def env(tmp_path):
    env = make_env(tmp_path)
    add_users(env.engine, rita="records-staff", drokafor="physician", drother="physician", ada="admin")
    return env


def _client(env, name):
    return signed_in(env.app, name)


def _doc(env, doc_id):
    return document_row(env.engine, doc_id)


def _publish(env, doc_id) -> list[dict]:
    """What the indexing worker does with the document-indexed events: the resources sent."""
    from publishing.publications import record_publications  # noqa: F401 - table created by migrate

    publish_for(env.engine, DocumentIndexed(doc_id=doc_id, status=DocumentStatus.REVIEW), settings=env.settings)
    with env.engine.connect() as conn:
        rows = conn.execute(sa.select(outbox).where(outbox.c.topic == topics.PATIENT_RECORD,
                                                    outbox.c.msg_key == doc_id).order_by(outbox.c.id)).all()
    return [json.loads(r.value) for r in rows]


def _dictation(env, doc_id, **over):
    values = dict(kind="dictation", hint_author="drokafor", patient_id="P1", type_code=DISCHARGE,
                  type_display="Discharge summary", type_confidence=0.5, media_type="audio/wav",
                  reasons=json.dumps(["type:low-confidence", "unsigned-dictation"]),
                  text="Progress note. Blood pressure controlled.")
    values.update(over)
    add_review_document(env.engine, doc_id, **values)


def test_clerk_approval_of_an_unsigned_dictation_waits_for_the_author_and_keeps_corrections(env):
    _dictation(env, "dx1")
    assert _publish(env, "dx1") == []  # records staff must check it first: nothing goes out yet
    clerk, csrf = _client(env, "rita")
    assert "dx1" in clerk.get("/queue").text
    r = clerk.post("/documents/dx1/correct", data={"csrf": csrf, "type_code": PROGRESS, "encounter": "ENC-9"})
    assert r.status_code == 303
    assert clerk.post("/documents/dx1/approve", data={"csrf": csrf}).status_code == 303

    row = _doc(env, "dx1")
    assert row.status == "review"  # not filed: the author has not signed
    assert json.loads(row.reasons) == ["unsigned-dictation", "awaiting-signature"]
    assert "dx1" not in clerk.get("/queue").text  # out of the records queue ...
    author, acsrf = _client(env, "drokafor")
    assert "dx1" in author.get("/dictations").text  # ... into the author's signature list

    first = _publish(env, "dx1")
    assert len(first) == 1
    prelim = first[0]
    assert prelim["docStatus"] == "preliminary" and prelim["status"] == "current"
    assert prelim["type"]["coding"][0]["code"] == PROGRESS  # the correction, in the first publication
    assert prelim["context"]["encounter"] == [{"reference": "Encounter/ENC-9"}]

    r = author.post("/dictations/dx1", data={"csrf": acsrf, "text": "Progress note. Signed text.", "action": "sign"})
    assert r.status_code == 303
    assert _doc(env, "dx1").status == "filed"
    both = _publish(env, "dx1")
    assert len(both) == 2
    final = both[1]
    assert final["id"] == prelim["id"] and final["docStatus"] == "final"
    assert final["type"]["coding"][0]["code"] == PROGRESS
    text = next(c["attachment"] for c in final["content"] if c["attachment"]["contentType"].startswith("text/"))
    import base64

    assert base64.b64decode(text["data"]).decode() == "Progress note. Signed text."
    assert text["title"] == "Transcript (signed)"


def test_another_physician_can_neither_approve_nor_sign(env):
    _dictation(env, "dx2")
    other, csrf = _client(env, "drother")
    assert other.post("/documents/dx2/approve", data={"csrf": csrf}).status_code == 403
    assert other.post("/dictations/dx2", data={"csrf": csrf, "text": "x", "action": "sign"}).status_code == 404
    row = _doc(env, "dx2")
    assert row.status == "review" and "awaiting-signature" not in json.loads(row.reasons)
    assert _publish(env, "dx2") == []


def test_an_admins_approval_is_a_clerks_it_waits_for_the_signature(env):
    _dictation(env, "dx3")
    admin, csrf = _client(env, "ada")
    assert admin.post("/documents/dx3/approve", data={"csrf": csrf}).status_code == 303
    assert _doc(env, "dx3").status == "review"
    assert admin.post("/dictations/dx3", data={"csrf": csrf, "text": "x", "action": "sign"}).status_code == 403
    assert [r["docStatus"] for r in _publish(env, "dx3")] == ["preliminary"]


def test_the_author_signing_before_records_staff_checked_keeps_it_in_their_queue_until_approved(env):
    _dictation(env, "dx4")
    author, acsrf = _client(env, "drokafor")
    assert author.post("/dictations/dx4", data={"csrf": acsrf, "text": "Signed first.", "action": "sign"}
                       ).status_code == 303
    row = _doc(env, "dx4")
    assert row.status == "review" and "signed" in json.loads(row.reasons)
    assert _publish(env, "dx4") == []  # the type still needs a person
    clerk, csrf = _client(env, "rita")
    assert "dx4" in clerk.get("/queue").text
    assert clerk.post("/documents/dx4/approve", data={"csrf": csrf}).status_code == 303
    assert _doc(env, "dx4").status == "filed"  # signed and checked: final at once
    assert [r["docStatus"] for r in _publish(env, "dx4")] == ["final"]


def test_a_confident_dictation_goes_straight_to_the_author_and_is_published_preliminary(env):
    _dictation(env, "dx5", reasons=json.dumps(["flag:low-confidence-words", "unsigned-dictation",
                                               "awaiting-signature"]), type_code=PROGRESS)
    clerk, _ = _client(env, "rita")
    assert "dx5" not in clerk.get("/queue").text
    assert [r["docStatus"] for r in _publish(env, "dx5")] == ["preliminary"]
    author, acsrf = _client(env, "drokafor")
    author.post("/dictations/dx5", data={"csrf": acsrf, "text": "Signed.", "action": "sign"})
    assert _doc(env, "dx5").status == "filed"


def test_a_scan_corrected_before_approval_is_first_published_with_the_corrections(env):
    add_review_document(env.engine, "sc1", patient_id="P1", type_code=DISCHARGE, type_display="Discharge summary",
                        reasons=json.dumps(["type:low-confidence"]), bucket="intake", object_key="k",
                        media_type="application/pdf", size=3, sha1="b" * 40)
    clerk, csrf = _client(env, "rita")
    clerk.post("/documents/sc1/correct", data={"csrf": csrf, "type_code": PROGRESS, "encounter": "ENC-1"})
    clerk.post("/documents/sc1/approve", data={"csrf": csrf})
    [first] = _publish(env, "sc1")
    assert first["id"] == "sc1" and first["docStatus"] == "final" and "relatesTo" not in first
    assert first["type"]["coding"][0]["code"] == PROGRESS
    assert first["context"]["encounter"] == [{"reference": "Encounter/ENC-1"}]


def test_reason_severity_informational_flags_only_and_unknown_flags_block():
    from schemas.reasons import BLOCKING, INFORMATIONAL, blocking, severity

    assert severity("flag:deskewed") == INFORMATIONAL
    assert severity("flag:rotated") == INFORMATIONAL
    assert severity("flag:low-confidence") == BLOCKING
    assert severity("flag:coverage-low:12.0-27.5s") == BLOCKING
    assert severity("flag:coverage-low") == BLOCKING
    assert severity("flag:something-new") == BLOCKING  # unknown: safe
    assert severity("patient:unmatched") == BLOCKING and severity("misfile:mrn-mismatch") == BLOCKING
    assert blocking(["flag:deskewed", "flag:blank", "duplicate-of:x"]) == ("duplicate-of:x",)


def test_a_deskewed_clean_confident_matched_scan_is_auto_filed():
    from indexing.classify.classifier import Classification
    from indexing.decision import decide
    from indexing.patients import PatientMatch

    c = Classification(code=DISCHARGE, display="Discharge summary", confidence=0.97, abstained=False)
    m = PatientMatch(patient_id="P1", method="upload", score=1.0)
    d = decide(classification=c, match=m, quality=0.93, flags=("deskewed", "rotated"))
    assert d.auto_file and d.reasons == ("flag:deskewed", "flag:rotated") and d.blocking_reasons == ()
    assert not decide(classification=c, match=m, quality=0.93, flags=("deskewed", "orientation-unsure")).auto_file
