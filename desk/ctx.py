"""What a desk page handler sees: the app's shared parts (``Web``), one request (``Ctx``), the
route declaration (``route``) and the desk's own settings (``WebOptions``).

Route modules import this module, never ``desk.app``: the app imports the route modules (through
``desk.routes``), so the dependency runs one way.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jinja2 import Environment
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from desk import audit
from desk.auth import Session, SignInPolicy
from himflow.errors import RejectedInput
from himflow.settings import Settings
from desk.oidc import OidcConfig
from himflow.objectstore import ObjectStore

SESSION_COOKIE = "himflow_session"
LOGIN_CSRF_COOKIE = "himflow_login_csrf"
PASSWORD_PAGE = "/account/password"
# Short notices a redirect may ask a page to show (``?notice=<key>``): a fixed table, so the
# query string can never put words of its own on a page.
NOTICES = {
    "not-allowed": "That page is not open to your role; you are on your home page.",
}


class WebOptions(BaseSettings):
    """Web-only settings, from HIMFLOW_WEB_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="HIMFLOW_WEB_", extra="ignore")

    # Mark cookies Secure. Turn on behind TLS (a terminating proxy); requests that arrive as
    # https set it anyway.
    cookie_secure: bool = False
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    # Sign-in throttling per account and address (see auth.py): free failures, then delays
    # doubling from the base up to the maximum; and a cap per address across all names.
    throttle_free_attempts: int = 3
    throttle_base_seconds: int = 2
    throttle_max_seconds: int = 900
    ip_failure_limit: int = 30
    ip_failure_minutes: int = 15
    # The largest request body of a form; upload routes take the settings' max_object_bytes
    # plus the form's overhead. Larger bodies answer 413 before they are read.
    max_body_bytes: int = 2 * 1024 * 1024
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: comma-separated
    # addresses or networks (e.g. the ingress controller's pod network "10.42.0.0/16").
    # Empty (the default): the TCP peer is the client and forwarded headers are ignored.
    trusted_proxies: str = ""
    claim_minutes: int = 30
    # Signing a dictation asks for the account's desk password again (HIMFLOW_WEB_SIGN_REAUTH):
    # checked like a sign-in (argon2, the same throttle), each refusal audited. Accounts that
    # sign in through OIDC are asked for their desk password too (desk/README.md, "Signing").
    sign_reauth: bool = False
    # Words below this probability are highlighted in transcripts.
    unsure_word_probability: float = 0.6
    # Optional OpenID Connect sign-in (authorization code + PKCE). The ID token's user-name
    # claim must name an active local account; that account's role applies.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_redirect_url: str | None = None  # https://<host>/oidc/callback
    oidc_username_claim: str = "preferred_username"
    oidc_label: str = "Sign in with single sign-on"

    @property
    def oidc(self):
        if not (self.oidc_issuer and self.oidc_client_id and self.oidc_redirect_url):
            return None

        return OidcConfig(
            issuer=self.oidc_issuer, client_id=self.oidc_client_id,
            client_secret=self.oidc_client_secret.get_secret_value() if self.oidc_client_secret else None,
            redirect_url=self.oidc_redirect_url, username_claim=self.oidc_username_claim,
        )

    @property
    def policy(self) -> SignInPolicy:
        return SignInPolicy(
            free_attempts=self.throttle_free_attempts, base_delay_s=self.throttle_base_seconds,
            max_delay_s=self.throttle_max_seconds, ip_limit=self.ip_failure_limit,
            ip_window_minutes=self.ip_failure_minutes, idle_minutes=self.session_idle_minutes,
            max_hours=self.session_max_hours,
        )

    @property
    def proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(p.strip(), strict=False)
                     for p in self.trusted_proxies.split(",") if p.strip())


@dataclass
class Web:
    """What the handlers share: settings, the engine, templates, the object store."""

    settings: Settings
    options: WebOptions
    engine: Engine
    templates: Environment
    _store: Any = field(default=None)

    @property
    def store(self) -> Any:
        """The object store, built on first use (pages that need no object never build it)."""
        if self._store is None:
            self._store = ObjectStore(self.settings.store, timeout_s=15.0)
        return self._store


@dataclass(frozen=True)
class Ctx:
    """One request as a handler sees it."""

    web: Web
    request: Request
    session: Session | None
    form: dict[str, Any]

    @property
    def user(self):
        return self.session.user if self.session else None

    @property
    def where(self) -> audit.Where:
        client = self.request.client
        return audit.Where(ip=client.host if client else "-",
                           user_agent=self.request.headers.get("user-agent", "")[:255])

    def tx(self):
        return self.web.engine.begin()

    def field(self, name: str, default: str = "") -> str:
        v = self.form.get(name, default)
        return v.strip() if isinstance(v, str) else default

    def render(self, template: str, *, status: int = 200, **values: Any) -> HTMLResponse:
        body = self.web.templates.get_template(template).render(
            user=self.user, csrf=self.session.csrf_token if self.session else "",
            path=self.request.url.path,
            role_notice=NOTICES.get(self.request.query_params.get("notice", "")), **values,
        )
        return HTMLResponse(body, status_code=status)

    def error(self, message: str, *, status: int) -> HTMLResponse:
        return self.render("error.html", status=status, message=message)


@dataclass(frozen=True)
class RouteSpec:
    path: str
    handler: Callable[[Ctx], Response]
    methods: tuple[str, ...]
    permission: str | None  # None: public (sign-in page, health, static)
    upload: bool = False  # takes a file: the body limit is the object limit, not the form's
    api: bool = False  # answers JSON (or a file) to a script: a refused role gets 403, never a redirect


def route(path: str, permission: str | None, *, methods: tuple[str, ...] = ("GET",),
          upload: bool = False, api: bool = False):
    def deco(fn: Callable[[Ctx], Response]) -> RouteSpec:
        return RouteSpec(path=path, handler=fn, methods=methods, permission=permission,
                         upload=upload, api=api)

    return deco


def set_session_cookie(ctx: Ctx, resp: Response, token: str) -> None:
    """The session cookie lives as long as the server's idle limit; every signed-in answer
    sends it again, so it slides with activity like the server side does."""
    resp.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict",
                    secure=ctx.web.options.cookie_secure or ctx.request.url.scheme == "https",
                    path="/", max_age=ctx.web.options.session_idle_minutes * 60)


def parse_date(value: str) -> date | None:
    """A form's YYYY-MM-DD field (empty: None)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise RejectedInput("dates are YYYY-MM-DD") from None
