"""OpenID Connect sign-in (authorization code flow with PKCE), optional.

The identity provider authenticates; authorisation stays local: the ID token's user-name claim
(``preferred_username`` by default) must name an active local account, whose role applies. So an
IdP account alone never grants access to patient data.

ID tokens are verified here: RS256 signature against the provider's JWKS, issuer, audience,
expiry (60 s leeway) and the nonce bound to the sign-in attempt. Provider calls have a 10 s
timeout; failures are typed (TransientError: unreachable; RejectedInput: bad answer or token).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from sqlalchemy.engine import Connection

from himflow.db import utcnow
from himflow.errors import RejectedInput, TransientError
from desk.db import oidc_states
from datetime import timezone

TIMEOUT_S = 10.0
STATE_TTL = timedelta(minutes=10)
LEEWAY_S = 60


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    client_secret: str | None
    redirect_url: str
    username_claim: str = "preferred_username"
    scope: str = "openid profile"


class _Provider:
    """Discovery document and JWKS, cached for an hour."""

    def __init__(self, issuer: str):
        self.issuer = issuer.rstrip("/")
        self._lock = threading.Lock()
        self._meta: dict[str, Any] | None = None
        self._jwks: dict[str, Any] | None = None
        self._fetched = 0.0

    def _get(self, url: str) -> dict[str, Any]:
        try:
            resp = httpx.get(url, timeout=TIMEOUT_S)
        except httpx.HTTPError as e:
            raise TransientError("identity provider unreachable") from e
        if resp.status_code != 200:
            raise TransientError(f"identity provider answered {resp.status_code}")
        try:
            return resp.json()
        except ValueError as e:
            raise RejectedInput("identity provider sent invalid JSON") from e

    def metadata(self, *, refresh: bool = False) -> dict[str, Any]:
        with self._lock:
            if refresh or self._meta is None or time.monotonic() - self._fetched > 3600:
                meta = self._get(f"{self.issuer}/.well-known/openid-configuration")
                if meta.get("issuer", "").rstrip("/") != self.issuer:
                    raise RejectedInput("identity provider issuer mismatch")
                self._meta, self._jwks, self._fetched = meta, None, time.monotonic()
            return self._meta

    def key(self, kid: str | None) -> rsa.RSAPublicKey:
        for attempt in (0, 1):  # a key we do not know yet: refresh once (key rotation)
            meta = self.metadata(refresh=attempt == 1)
            with self._lock:
                if self._jwks is None or attempt == 1:
                    self._jwks = self._get(meta["jwks_uri"])
                keys = self._jwks.get("keys", [])
            for k in keys:
                if k.get("kty") == "RSA" and (kid is None or k.get("kid") == kid):
                    n = int.from_bytes(_b64d(k["n"]), "big")
                    e = int.from_bytes(_b64d(k["e"]), "big")
                    return rsa.RSAPublicNumbers(e, n).public_key()
        raise RejectedInput("ID token signed with an unknown key")


_providers: dict[str, _Provider] = {}


def provider(issuer: str) -> _Provider:
    return _providers.setdefault(issuer, _Provider(issuer))


def _b64d(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def _b64e(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def begin(conn: Connection, cfg: OidcConfig) -> str:
    """Remember a new sign-in attempt; returns the provider URL to send the browser to."""
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    conn.execute(oidc_states.delete().where(oidc_states.c.created_at < utcnow() - STATE_TTL))
    conn.execute(oidc_states.insert().values(
        state_hash=hashlib.sha256(state.encode()).hexdigest(), nonce=nonce, verifier=verifier,
        created_at=utcnow()))
    challenge = _b64e(hashlib.sha256(verifier.encode()).digest())
    meta = provider(cfg.issuer).metadata()
    query = urlencode({
        "response_type": "code", "client_id": cfg.client_id, "redirect_uri": cfg.redirect_url,
        "scope": cfg.scope, "state": state, "nonce": nonce, "code_challenge": challenge,
        "code_challenge_method": "S256",
    })
    return f"{meta['authorization_endpoint']}?{query}"


def finish(conn: Connection, cfg: OidcConfig, *, code: str, state: str) -> str:
    """Exchange the code, verify the ID token; returns the user name it asserts."""
    state_hash = hashlib.sha256(state.encode()).hexdigest()
    row = conn.execute(sa.select(oidc_states).where(oidc_states.c.state_hash == state_hash)).first()
    conn.execute(oidc_states.delete().where(oidc_states.c.state_hash == state_hash))  # one use
    if row is None or utcnow() - _aware(row.created_at) > STATE_TTL:
        raise RejectedInput("the sign-in attempt expired; start again")
    meta = provider(cfg.issuer).metadata()
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": cfg.redirect_url,
            "client_id": cfg.client_id, "code_verifier": row.verifier}
    auth = (cfg.client_id, cfg.client_secret) if cfg.client_secret else None
    try:
        resp = httpx.post(meta["token_endpoint"], data=data, auth=auth, timeout=TIMEOUT_S)
    except httpx.HTTPError as e:
        raise TransientError("identity provider unreachable") from e
    if resp.status_code != 200:
        raise RejectedInput("the identity provider refused the sign-in")
    try:
        id_token = resp.json()["id_token"]
    except (ValueError, KeyError) as e:
        raise RejectedInput("the identity provider sent no ID token") from e
    claims = verify_id_token(id_token, cfg=cfg, nonce=row.nonce)
    username = claims.get(cfg.username_claim)
    if not isinstance(username, str) or not username:
        raise RejectedInput("the ID token names no user")
    return username


def verify_id_token(token: str, *, cfg: OidcConfig, nonce: str) -> dict[str, Any]:
    try:
        head_b64, body_b64, sig_b64 = token.split(".")
        header = json.loads(_b64d(head_b64))
        claims = json.loads(_b64d(body_b64))
        signature = _b64d(sig_b64)
    except (ValueError, TypeError) as e:
        raise RejectedInput("malformed ID token") from e
    if header.get("alg") != "RS256":
        raise RejectedInput("ID token algorithm not accepted")
    key = provider(cfg.issuer).key(header.get("kid"))
    try:
        key.verify(signature, f"{head_b64}.{body_b64}".encode(), padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as e:
        raise RejectedInput("ID token signature invalid") from e
    aud = claims.get("aud")
    auds = aud if isinstance(aud, list) else [aud]
    now = time.time()
    if str(claims.get("iss", "")).rstrip("/") != cfg.issuer.rstrip("/"):
        raise RejectedInput("ID token from another issuer")
    if cfg.client_id not in auds:
        raise RejectedInput("ID token for another client")
    if not isinstance(claims.get("exp"), (int, float)) or claims["exp"] + LEEWAY_S < now:
        raise RejectedInput("ID token expired")
    if claims.get("nonce") != nonce:
        raise RejectedInput("ID token nonce mismatch")
    return claims


def _aware(v):
    return v if v.tzinfo else v.replace(tzinfo=timezone.utc)
