"""The review UI never lets a browser run an original's active content: originals are served as
attachments with a sandbox CSP (real SeaweedFS behind the app); the inert searchable PDF opens
inline."""

from __future__ import annotations

import secrets

import pytest
from pydantic import SecretStr
from starlette.testclient import TestClient

from himflow.objectstore import ObjectStore
from tests.resources.desk_testkit import add_review_document, add_users, make_env, sign_in
from tests.resources.badinputs import pdf_with_every_active_content

pytestmark = pytest.mark.integration

DOC = "e" * 64


def test_an_original_is_an_attachment_in_a_sandbox_and_the_rendition_is_inline(tmp_path, seaweed):
    env = make_env(tmp_path)
    st = env.settings.store
    st.endpoint, st.access_key, st.secret_key = seaweed.endpoint, seaweed.access_key, SecretStr(seaweed.secret_key)
    tag = secrets.token_hex(3)
    st.intake_bucket, st.derived_bucket = f"intake-{tag}", f"derived-{tag}"
    store = ObjectStore(st)
    store.ensure_buckets()
    hostile = pdf_with_every_active_content(tmp_path)
    store.put_bytes(st.intake_bucket, "station/active.pdf", hostile, content_type="application/pdf")
    store.put_bytes(st.derived_bucket, f"pdf/{DOC}.pdf", b"%PDF-1.4 inert", content_type="application/pdf")
    env = make_env(tmp_path, store=store)
    env.settings.store.derived_bucket = st.derived_bucket
    add_users(env.engine, rita="records-staff")
    add_review_document(env.engine, DOC, bucket=st.intake_bucket, object_key="station/active.pdf",
                        media_type="application/pdf", renditions=f'{{"searchable_pdf": "pdf/{DOC}.pdf"}}')
    client = TestClient(env.app, follow_redirects=False)
    assert sign_in(client, "rita").status_code == 303

    original = client.get(f"/documents/{DOC}/file/original")
    assert original.status_code == 200 and original.content == hostile
    assert original.headers["content-disposition"].startswith("attachment;")
    csp = original.headers["content-security-policy"]
    assert csp.split(";")[0].strip() == "sandbox" and "default-src 'none'" in csp
    assert original.headers["x-content-type-options"] == "nosniff"
    part = client.get(f"/documents/{DOC}/file/original", headers={"Range": "bytes=0-9"})
    assert part.status_code == 206 and part.headers["content-disposition"].startswith("attachment;")

    rendition = client.get(f"/documents/{DOC}/file/searchable_pdf")
    assert rendition.status_code == 200 and rendition.headers["content-disposition"].startswith("inline;")
