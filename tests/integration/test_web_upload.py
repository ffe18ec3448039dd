"""The web upload takes files in the same way as `himflow upload` and the hot folder
(himflow.upload.store_and_announce): the same file types (audio .opus/.oga/.aac included), the
same buckets, a key of our own with no PHI, the hints row, and an ObjectCreated event (through
the outbox, with the audit row). Real SeaweedFS behind the app."""

from __future__ import annotations

import json
import secrets

import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from desk.db import audit_log
from tests.resources.desk_testkit import add_users, make_env, signed_in
from himflow.db import outbox, upload_hints
from himflow.objectstore import ObjectStore
from himflow.upload import ACCEPTED_EXT, AUDIO_EXT
from schemas import topics

pytestmark = pytest.mark.integration


@pytest.fixture
def env(tmp_path, seaweed):
    probe = make_env(tmp_path)
    st = probe.settings.store
    st.endpoint, st.access_key, st.secret_key = seaweed.endpoint, seaweed.access_key, SecretStr(seaweed.secret_key)
    tag = secrets.token_hex(3)
    st.intake_bucket, st.dictation_bucket = f"intake-{tag}", f"dictation-{tag}"
    store = ObjectStore(st)
    store.ensure_buckets()
    env = make_env(tmp_path, store=store)
    env.settings.store.intake_bucket, env.settings.store.dictation_bucket = st.intake_bucket, st.dictation_bucket
    env.store = store
    add_users(env.engine, scanner1="scanning-station")
    return env


@pytest.mark.parametrize("ext", sorted(AUDIO_EXT - {".wav", ".mp3", ".m4a", ".flac", ".ogg", ".webm"}))
def test_audio_the_cli_takes_the_web_takes_too(env, ext):
    client, csrf = signed_in(env.app, "scanner1")
    data = b"synthetic audio bytes " + ext.encode()
    resp = client.post("/upload", data={"csrf": csrf, "mrn": "MRN-SYN-7"},
                       files={"file": (f"dictation{ext}", data, "application/octet-stream")})
    assert resp.status_code == 200, resp.text
    with env.engine.connect() as conn:
        hint = conn.execute(sa.select(upload_hints)).one()
        event = conn.execute(sa.select(outbox).where(outbox.c.topic == topics.OBJECT_CREATED)).one()
        audited = conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action == "upload")).one()
    assert hint.kind == "dictation" and hint.mrn == "MRN-SYN-7"
    assert hint.upload_id in audited.detail
    assert hint.doc_id and f'href="/uploads/{hint.doc_id}"' in resp.text  # the reference links to its status
    assert hint.file_name == f"dictation{ext}" and hint.size == len(data) and hint.uploaded_by == "scanner1"
    record = json.loads(event.value)["Records"][0]["s3"]
    assert record["bucket"]["name"] == env.settings.store.dictation_bucket
    key = json.loads(event.value)["Key"].split("/", 1)[1]
    assert key.startswith("web/") and key.endswith(hint.upload_id + ext) and "MRN" not in key
    info = env.store.stat(env.settings.store.dictation_bucket, key)
    assert info.meta("himflow-upload-id") == hint.upload_id and info.size == len(data)


def test_what_the_form_takes_is_the_one_list(env):
    client, csrf = signed_in(env.app, "scanner1")
    refused = client.post("/upload", data={"csrf": csrf}, files={"file": ("notes.docx", b"PK..")})
    assert refused.status_code == 400 and "unsupported file type" in refused.text
    assert ".opus" in ACCEPTED_EXT and ".pdf" in ACCEPTED_EXT
    scan = client.post("/upload", data={"csrf": csrf}, files={"file": ("page.PDF", b"%PDF-1.4 x")})
    assert scan.status_code == 200
    with env.engine.connect() as conn:
        kinds = [r.kind for r in conn.execute(sa.select(upload_hints))]
    assert kinds == ["scan"]
