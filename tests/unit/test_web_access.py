"""Access rules of every web route: anonymous requests are refused on every route that is not
public, and every role outside a route's permission gets 403. Driven by the route table, so a
new route is covered (and must declare its permission) automatically."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from desk.app import all_routes
from desk.auth import PERMISSIONS, User
from desk.db import ROLES
from tests.resources.desk_testkit import (
    add_review_document,
    add_users,
    make_env,
    session_csrf,
    sign_in,
)

PUBLIC = {("/login", "GET"), ("/login", "POST"), ("/healthz", "GET"), ("/oidc/login", "GET"),
          ("/oidc/callback", "GET")}
# Record links for integration engines authenticate themselves (a bearer token, or a signed-in
# session with read_phi): open in the route table, refused below without either.
TOKEN_AUTH = {("/metrics", "GET"), ("/documents/{doc_id}/original", "GET"), ("/documents/{doc_id}/text", "GET"),
              ("/documents/{doc_id}/text/{sha1}", "GET"), ("/documents/{doc_id}/searchable.pdf", "GET")}
DOC = "d" * 64
PARAMS = {"doc_id": DOC, "page": "1", "name": "original", "patient_id": "P000001", "dl_id": "1",
          "user_id": "1", "sha1": "0" * 40, "packet_id": "pkt-none", "seq": "1",
          "request_id": "roi-none", "box_id": "1", "sample_id": "cas-none", "encounter_id": "enc-none",
          "other_id": "e" * 64, "reference": DOC}
USER_FOR_ROLE = {"records-staff": "rita", "physician": "phil", "scanning-station": "scanner1",
                 "auditor": "otto", "admin": "ada", "release-of-information": "rose"}


def _url(path: str) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: PARAMS[m.group(1)], path)


CASES = [(spec, method) for spec in all_routes() for method in spec.methods]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = make_env(tmp_path_factory.mktemp("web-access"))
    add_users(env.engine, **{name: role for role, name in USER_FOR_ROLE.items()})
    add_review_document(env.engine, DOC, patient_id="P000001", hint_author="phil", kind="dictation")
    return env


@pytest.fixture(scope="module")
def clients(env):
    out = {}
    for role, name in USER_FOR_ROLE.items():
        c = TestClient(env.app, follow_redirects=False)
        assert sign_in(c, name).status_code == 303
        out[role] = (c, session_csrf(c, "/"))
    return out


def test_only_sign_in_and_health_are_public():
    public = {(s.path, m) for s, m in CASES if s.permission is None}
    assert public == PUBLIC | TOKEN_AUTH


@pytest.mark.parametrize("path", sorted(p for p, _ in TOKEN_AUTH))
def test_record_links_refuse_anonymous_and_wrong_tokens(env, path):
    client = TestClient(env.app, follow_redirects=False)
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        resp = client.get(_url(path), headers=headers)
        assert resp.status_code == 401
        assert DOC not in resp.text and "P000001" not in resp.text


@pytest.mark.parametrize("spec,method", [c for c in CASES if c[0].permission is not None],
                         ids=lambda v: getattr(v, "path", v))
def test_anonymous_request_is_refused(env, spec, method):
    client = TestClient(env.app, follow_redirects=False)
    resp = client.request(method, _url(spec.path), data={"csrf": "x"} if method == "POST" else None)
    if method == "GET":
        assert resp.status_code == 303 and resp.headers["location"] == "/login"
    else:
        assert resp.status_code == 401
    assert DOC not in resp.text and "P000001" not in resp.text


@pytest.mark.parametrize("spec,method", [c for c in CASES if c[0].permission is not None],
                         ids=lambda v: getattr(v, "path", v))
def test_roles_outside_the_permission_are_refused(clients, spec, method):
    for role in ROLES:
        if User(id=0, username="x", role=role).may(spec.permission):
            continue
        client, csrf = clients[role]
        resp = client.request(method, _url(spec.path), data={"csrf": csrf} if method == "POST" else None)
        assert resp.status_code == 403, (role, spec.path, method)
        assert "P000001" not in resp.text


def test_scanning_station_can_open_upload_but_reads_nothing(clients):
    client, _ = clients["scanning-station"]
    assert client.get("/upload").status_code == 200
    for path in ("/queue", f"/documents/{DOC}", f"/documents/{DOC}/file/original", "/search",
                 "/patients/P000001", "/audit", "/operations", f"/dictations/{DOC}"):
        assert client.get(path).status_code == 403, path


def test_physician_reads_own_dictation_but_not_the_document_pages(clients):
    client, _ = clients["physician"]
    assert client.get(f"/dictations/{DOC}").status_code == 200
    assert client.get(f"/documents/{DOC}").status_code == 403
    assert client.get("/search").status_code == 403


def test_every_permission_names_only_known_roles():
    for roles in PERMISSIONS.values():
        assert roles <= set(ROLES)
