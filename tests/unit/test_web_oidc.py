"""OIDC sign-in against a small identity provider of our own (a real HTTP server on loopback
issuing RS256-signed ID tokens), so discovery, JWKS, PKCE and token checks run for real."""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
import time
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from desk.app import SESSION_COOKIE, WebOptions
from desk.db import audit_log
from tests.resources.desk_testkit import add_users, make_env

CLIENT_ID = "himflow-records"


def _b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


class FakeIdP:
    """Just enough of an OpenID provider: discovery, JWKS, authorize (auto-consent), token."""

    def __init__(self, port: int):
        self.issuer = f"http://127.0.0.1:{port}"
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.username = "rita"
        self.tamper: str | None = None  # "nonce" | "aud" | "signature"
        self.pending: dict[str, dict] = {}
        self.app = Starlette(routes=[
            Route("/.well-known/openid-configuration", self.discovery),
            Route("/jwks", self.jwks), Route("/authorize", self.authorize),
            Route("/token", self.token, methods=["POST"]),
        ])

    async def discovery(self, request: Request):
        return JSONResponse({"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                             "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks"})

    async def jwks(self, request: Request):
        pub = self.key.public_key().public_numbers()
        return JSONResponse({"keys": [{"kty": "RSA", "kid": "k1", "alg": "RS256",
                                       "n": _b64(pub.n.to_bytes(256, "big")), "e": _b64(pub.e.to_bytes(3, "big"))}]})

    async def authorize(self, request: Request):
        q = request.query_params
        code = f"code-{len(self.pending)}"
        self.pending[code] = {"nonce": q["nonce"], "challenge": q["code_challenge"],
                              "redirect": q["redirect_uri"], "client": q["client_id"]}
        return RedirectResponse(f"{q['redirect_uri']}?code={code}&state={q['state']}")

    async def token(self, request: Request):
        form = await request.form()
        grant = self.pending.pop(form["code"], None)
        verifier = form.get("code_verifier", "")
        if grant is None or _b64(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        claims = {"iss": self.issuer, "sub": "abc", "aud": CLIENT_ID, "exp": int(time.time()) + 300,
                  "iat": int(time.time()), "nonce": grant["nonce"], "preferred_username": self.username}
        if self.tamper == "nonce":
            claims["nonce"] = "other"
        if self.tamper == "aud":
            claims["aud"] = "another-client"
        head = _b64(json.dumps({"alg": "RS256", "kid": "k1", "typ": "JWT"}).encode())
        body = _b64(json.dumps(claims).encode())
        sig = self.key.sign(f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
        if self.tamper == "signature":
            sig = bytes([sig[0] ^ 1]) + sig[1:]
        return JSONResponse({"id_token": f"{head}.{body}.{_b64(sig)}", "token_type": "Bearer"})


@pytest.fixture(scope="module")
def idp():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    fake = FakeIdP(port)
    server = uvicorn.Server(uvicorn.Config(fake.app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "fake IdP did not start"
        time.sleep(0.02)
    yield fake
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture()
def env(tmp_path, idp):
    idp.tamper, idp.username = None, "rita"
    options = WebOptions(oidc_issuer=idp.issuer, oidc_client_id=CLIENT_ID,
                         oidc_redirect_url="http://testserver/oidc/callback")
    env = make_env(tmp_path, options=options)
    add_users(env.engine, rita="records-staff")
    return env


def _through_idp(client: TestClient) -> httpx.Response:
    """Start at /oidc/login, let the provider consent, come back to the callback."""
    start = client.get("/oidc/login")
    assert start.status_code == 303
    consent = httpx.get(start.headers["location"], timeout=10)
    assert consent.status_code in (302, 307)
    back = urlparse(consent.headers["location"])
    return client.get(f"{back.path}?{back.query}")


def test_sign_in_page_offers_single_sign_on(env):
    assert 'href="/oidc/login"' in TestClient(env.app).get("/login").text


def test_oidc_signs_in_the_matching_local_account_with_its_role(env):
    client = TestClient(env.app, follow_redirects=False)
    resp = _through_idp(client)
    assert resp.status_code == 303 and resp.headers["location"] == "/queue"
    assert client.cookies.get(SESSION_COOKIE)
    assert client.get("/queue").status_code == 200
    with env.engine.connect() as conn:
        row = conn.execute(sa.select(audit_log).where(audit_log.c.action == "sign-in")).first()
    assert (row.username, row.detail) == ("rita", "oidc")


def test_oidc_account_without_a_local_account_gets_no_session(env, idp):
    idp.username = "stranger"
    client = TestClient(env.app, follow_redirects=False)
    resp = _through_idp(client)
    assert resp.status_code == 403 and not client.cookies.get(SESSION_COOKIE)


@pytest.mark.parametrize("tamper", ["nonce", "aud", "signature"])
def test_tampered_id_tokens_are_refused(env, idp, tamper):
    idp.tamper = tamper
    client = TestClient(env.app, follow_redirects=False)
    resp = _through_idp(client)
    assert resp.status_code == 400 and not client.cookies.get(SESSION_COOKIE)


def test_a_callback_cannot_be_replayed(env):
    client = TestClient(env.app, follow_redirects=False)
    start = client.get("/oidc/login")
    back = urlparse(httpx.get(start.headers["location"], timeout=10).headers["location"])
    assert client.get(f"{back.path}?{back.query}").status_code == 303
    other = TestClient(env.app, follow_redirects=False)
    replay = other.get(f"{back.path}?{back.query}")
    assert replay.status_code == 400 and not other.cookies.get(SESSION_COOKIE)


def test_without_configuration_single_sign_on_is_off(tmp_path):
    env = make_env(tmp_path)
    client = TestClient(env.app, follow_redirects=False)
    assert client.get("/oidc/login").status_code == 404
    assert "/oidc/login" not in client.get("/login").text
