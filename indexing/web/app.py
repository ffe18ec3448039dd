"""The records-staff web app: a Starlette factory, server-rendered Jinja2 pages.

Every route is declared with the permission it needs (``ROUTES`` in the route modules); the
``page`` wrapper resolves the session, refuses anonymous requests (GET: redirect to sign-in,
other methods: 401), refuses the wrong role (403), checks the CSRF token on every POST, and only
then runs the handler (sync, in a worker thread, so database and object-store calls never
block the event loop). Handlers audit their own reads and changes.

Security headers on every response: a strict Content-Security-Policy (scripts and styles only
from /static, no inline code), nosniff, no referrer, framing only by ourselves, and no caching
of pages that may carry patient data.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import Connection, Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from himflow.db import make_engine, migrate
from himflow.errors import HimflowError, RejectedInput, TransientError
from himflow.settings import Settings
from schemas.events import ReasonCode
from indexing.web import audit
from indexing.web.auth import Session, SignInPolicy, load_session, tokens_match

log = logging.getLogger("himflow.web")

HERE = Path(__file__).parent
SESSION_COOKIE = "himflow_session"
LOGIN_CSRF_COOKIE = "himflow_login_csrf"
MAX_FORM_FIELDS = 200
MAX_UPLOAD_BYTES = 512 * 1024 * 1024

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; frame-src 'self'; object-src 'none'; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)


class WebOptions(BaseSettings):
    """Web-only settings, from HIMFLOW_WEB_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="HIMFLOW_WEB_", extra="ignore")

    # Mark cookies Secure. Turn on behind TLS (a terminating proxy); requests that arrive as
    # https set it anyway.
    cookie_secure: bool = False
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    ip_failure_limit: int = 30
    claim_minutes: int = 30
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
    def oidc(self):  # noqa: ANN201 - oidc.OidcConfig | None
        if not (self.oidc_issuer and self.oidc_client_id and self.oidc_redirect_url):
            return None
        from indexing.web.oidc import OidcConfig

        return OidcConfig(
            issuer=self.oidc_issuer, client_id=self.oidc_client_id,
            client_secret=self.oidc_client_secret.get_secret_value() if self.oidc_client_secret else None,
            redirect_url=self.oidc_redirect_url, username_claim=self.oidc_username_claim,
        )

    @property
    def policy(self) -> SignInPolicy:
        return SignInPolicy(
            lockout_threshold=self.lockout_threshold, lockout_minutes=self.lockout_minutes,
            ip_limit=self.ip_failure_limit, idle_minutes=self.session_idle_minutes,
            max_hours=self.session_max_hours,
        )


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
            from himflow.objectstore import ObjectStore

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
            path=self.request.url.path, **values,
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


def route(path: str, permission: str | None, *, methods: tuple[str, ...] = ("GET",)):
    def deco(fn: Callable[[Ctx], Response]) -> RouteSpec:
        return RouteSpec(path=path, handler=fn, methods=methods, permission=permission)

    return deco


def _endpoint(spec: RouteSpec):
    async def endpoint(request: Request) -> Response:
        web: Web = request.app.state.web
        form: dict[str, Any] = {}
        if request.method == "POST":
            try:
                data = await request.form(max_fields=MAX_FORM_FIELDS, max_files=4)
            except Exception:  # noqa: BLE001 - malformed body: a plain 400, nothing echoed
                return PlainTextResponse("malformed form", status_code=400)
            for k, v in data.multi_items():
                form.setdefault(k, v)
        return await run_in_threadpool(_run, web, spec, request, form)

    endpoint.__name__ = spec.handler.__name__
    return endpoint


def _run(web: Web, spec: RouteSpec, request: Request, form: dict[str, Any]) -> Response:
    session = None
    if spec.permission is not None:
        with web.engine.begin() as conn:
            session = load_session(conn, request.cookies.get(SESSION_COOKIE), policy=web.options.policy)
        if session is None:
            if request.method == "GET":
                return RedirectResponse("/login", status_code=303)
            return PlainTextResponse("sign in first", status_code=401)
    ctx = Ctx(web=web, request=request, session=session, form=form)
    if session is not None:
        if not session.user.may(spec.permission):
            return ctx.error("Your role does not allow this page.", status=403)
        if request.method == "POST" and not tokens_match(form.get("csrf"), session.csrf_token):
            return ctx.error("The form expired or did not come from this site. Reload and retry.",
                             status=403)
    try:
        return spec.handler(ctx)
    except RejectedInput as e:
        status = 404 if e.reason == ReasonCode.OBJECT_MISSING else 400
        return ctx.error(e.detail or "That request cannot be done.", status=status)
    except TransientError as e:
        log.warning("web request failed: %s", e.reason.value)
        return ctx.error("A backing service is unavailable; try again shortly.", status=503)
    except HimflowError as e:
        return ctx.error(e.detail or e.reason.value, status=400)
    except Exception as e:  # noqa: BLE001 - log the type only: library messages may quote PHI
        log.error("web request failed: route=%s error_type=%s", spec.path, type(e).__name__)
        return ctx.error("Something went wrong; the error was logged.", status=500)


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI, streams untouched)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {
                    b"content-security-policy": CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"no-referrer",
                    b"x-frame-options": b"SAMEORIGIN",
                    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
                    b"cross-origin-opener-policy": b"same-origin",
                }
                if not is_static:
                    extra[b"cache-control"] = b"no-store"
                for k, v in extra.items():
                    if k not in names:
                        headers.append((k, v))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def all_routes() -> list[RouteSpec]:
    from indexing.web import routes_admin, routes_auth, routes_docs, routes_integration, routes_review

    specs: list[RouteSpec] = []
    for module in (routes_auth, routes_review, routes_docs, routes_admin, routes_integration):
        specs.extend(module.ROUTES)
    return specs


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["ago"] = _ago
    env.filters["when"] = lambda d: d.strftime("%Y-%m-%d %H:%M") if d else ""
    return env


def _ago(d: Any) -> str:
    from datetime import datetime

    if d is None:
        return ""
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    s = int((datetime.now(UTC) - d).total_seconds())
    if s < 3600:
        return f"{max(s // 60, 0)} min"
    if s < 86400 * 2:
        return f"{s // 3600} h"
    return f"{s // 86400} d"


def create_app(
    settings: Settings, *, options: WebOptions | None = None, engine: Engine | None = None,
    store: Any = None, run_migrations: bool = True,
) -> Starlette:
    """The web app. ``engine``/``store`` default to the ones ``settings`` names."""
    options = options or WebOptions()
    engine = engine or make_engine(settings.db_url)
    if run_migrations:
        migrate(engine)
    if options.oidc_issuer and options.oidc is None:
        log.warning("OIDC issuer set without client id / redirect URL: OIDC sign-in is off")
    web = Web(settings=settings, options=options, engine=engine, templates=_templates(), _store=store)
    routes: list[Route | Mount] = [
        Route(spec.path, _endpoint(spec), methods=list(spec.methods)) for spec in all_routes()
    ]
    routes.append(Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"))
    app = Starlette(routes=routes)
    app.state.web = web
    app.add_middleware(SecurityHeaders)
    return app


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def conn_scalar(conn: Connection, stmt: Any) -> Any:
    return conn.execute(stmt).scalar()
