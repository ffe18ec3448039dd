"""The records-staff web app: a Starlette factory, server-rendered Jinja2 pages.

Every route is declared with the permission it needs (``ROUTES`` in the route modules). The
endpoint wrapper, in this order and before it reads one byte of a request body: resolves the
session, refuses anonymous requests (GET: redirect to sign-in, other methods: 401), refuses the
wrong role (403; a browser opening a page is sent to the role's home page with a notice),
sends an account with a one-time password to change it, refuses a POST whose
Origin is another site (403), and refuses a declared body over the route's limit (413). Only
then does it read the body, counting bytes as they stream (413 as soon as the limit is passed,
so nothing unbounded is spooled), check the form's CSRF token, and run the handler (sync, in a
worker thread, so database and object-store calls never block the event loop). Refusals of a
POST whose body was not read close the connection. Handlers audit their own reads and changes.

The client address (audit rows, sign-in throttling) is the TCP peer, or the address in
X-Forwarded-For only when the peer is one of ``trusted_proxies`` (``ClientAddress``).

Security headers on every response: a strict Content-Security-Policy (scripts and styles only
from /static, no inline code), nosniff, no referrer, framing only by ourselves, and no caching
of pages that may carry patient data.
"""

from __future__ import annotations

import ipaddress
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.engine import Connection, Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desk import dates, routes
from desk.auth import Session, load_session, tokens_match
from desk.ctx import (  # noqa: F401  (re-exported: the cookie names tests and tools read)
    LOGIN_CSRF_COOKIE,
    PASSWORD_PAGE,
    SESSION_COOKIE,
    Ctx,
    RouteSpec,
    Web,
    WebOptions,
    set_session_cookie,
)
from desk.chart import long_date
from desk.reasons import plain
from desk.roles import HOME_BY_ROLE
from himflow.db import make_engine, migrate
from himflow.errors import HimflowError, RejectedInput, TransientError
from himflow.settings import Settings
from schemas.events import ReasonCode

log = logging.getLogger("himflow.web")

HERE = Path(__file__).parent
MAX_FORM_FIELDS = 200
MULTIPART_OVERHEAD_BYTES = 1024 * 1024  # an upload's form fields and part headers
HSTS = b"max-age=31536000; includeSubDomains"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; frame-src 'self'; object-src 'none'; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)


class BodyTooLarge(Exception):
    pass


def body_limit(web: Web, spec: RouteSpec) -> int:
    if spec.upload:
        return web.settings.limits.max_object_bytes + MULTIPART_OVERHEAD_BYTES
    return web.options.max_body_bytes


def _counting_receive(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
        return message

    return counted


def _unread(resp: Response) -> Response:
    """A refusal sent before the body was read: close the connection rather than drain it."""
    resp.headers["connection"] = "close"
    return resp


def _cross_site(request: Request) -> bool:
    """A POST sent from another site's page. Browsers send Sec-Fetch-Site; an Origin naming
    another host is refused too. ``Origin: null`` proves nothing (our no-referrer policy makes
    Chromium send it for our own forms): the session's CSRF token still decides."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return False
    return origin.split("://", 1)[-1] != request.headers.get("host", "")


def _endpoint(spec: RouteSpec):
    async def endpoint(request: Request) -> Response:
        web: Web = request.app.state.web
        session: Session | None = None
        if spec.permission is not None:
            session = await run_in_threadpool(_load, web, request)
            refusal = _refuse(web, spec, request, session)
            if refusal is not None:
                return _unread(refusal) if request.method != "GET" else refusal
        form: dict[str, Any] = {}
        if request.method == "POST":
            if _cross_site(request):
                return _unread(PlainTextResponse("cross-site request refused", status_code=403))
            limit = body_limit(web, spec)
            declared = request.headers.get("content-length")
            if declared is not None and (not declared.isdigit() or int(declared) > limit):
                return _unread(PlainTextResponse("request too large", status_code=413))
            limited = Request(request.scope, _counting_receive(request.receive, limit))
            try:
                data = await limited.form(max_fields=MAX_FORM_FIELDS, max_files=4)
            except BodyTooLarge:
                return _unread(PlainTextResponse("request too large", status_code=413))
            except Exception:  # noqa: BLE001 - malformed body: a plain 400, nothing echoed
                return PlainTextResponse("malformed form", status_code=400)
            for k, v in data.multi_items():
                form.setdefault(k, v)
            try:
                return await run_in_threadpool(_run, web, spec, request, session, form)
            finally:
                await data.close()
        return await run_in_threadpool(_run, web, spec, request, session, form)

    endpoint.__name__ = spec.handler.__name__
    return endpoint


def _load(web: Web, request: Request) -> Session | None:
    with web.engine.begin() as conn:
        return load_session(conn, request.cookies.get(SESSION_COOKIE), policy=web.options.policy)


def _refuse(web: Web, spec: RouteSpec, request: Request, session: Session | None) -> Response | None:
    """The answer for a request that may not go on (read before any body), else None."""
    if spec.permission is None:  # a public route (the caller only asks for protected ones)
        return None
    if session is None:
        if request.method == "GET":
            return RedirectResponse("/login", status_code=303)
        return PlainTextResponse("sign in first", status_code=401)
    ctx = Ctx(web=web, request=request, session=session, form={})
    if not session.user.may(spec.permission):
        home = HOME_BY_ROLE.get(session.user.role, "/")
        if _navigation(request, spec) and home != request.url.path:
            return RedirectResponse(f"{home}?notice=not-allowed", status_code=303)
        return ctx.error("Your role does not allow this page.", status=403)
    if session.user.must_change_password and spec.path not in (PASSWORD_PAGE, "/logout"):
        if request.method == "GET":
            return RedirectResponse(PASSWORD_PAGE, status_code=303)
        return ctx.error("Change your one-time password first.", status=403)
    return None


def _navigation(request: Request, spec: RouteSpec) -> bool:
    """A person opening a page (a GET whose answer the browser shows), not a script, an image
    or a download: those get the 403 they always had."""
    return (request.method == "GET" and not spec.api
            and "text/html" in request.headers.get("accept", ""))


def _run(web: Web, spec: RouteSpec, request: Request, session: Session | None,
         form: dict[str, Any]) -> Response:
    ctx = Ctx(web=web, request=request, session=session, form=form)
    if session is not None and request.method == "POST" and not tokens_match(
            form.get("csrf"), session.csrf_token):
        return ctx.error("The form expired or did not come from this site. Reload and retry.",
                         status=403)
    resp = _handle(ctx, spec)
    if session is not None and not any(
            v.startswith(SESSION_COOKIE + "=") for v in resp.headers.getlist("set-cookie")):
        set_session_cookie(ctx, resp, request.cookies.get(SESSION_COOKIE, ""))
    return resp


def _handle(ctx: Ctx, spec: RouteSpec) -> Response:
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


class ClientAddress:
    """Sets the request's client address (and scheme) from X-Forwarded-For / -Proto, but only
    when the TCP peer is a trusted proxy; the address is the right-most one in the chain that
    is not itself a trusted proxy. Untrusted peers' forwarded headers are ignored."""

    def __init__(self, app: ASGIApp, *, trusted: tuple = ()):
        self.app = app
        self.trusted = trusted

    def _is_trusted(self, host: str) -> bool:
        try:
            addr = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(addr in net for net in self.trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.trusted:
            peer = scope.get("client")
            if peer and self._is_trusted(peer[0]):
                headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                           for k, v in scope.get("headers", [])}
                chain = [h.strip() for h in headers.get("x-forwarded-for", "").split(",")
                         if h.strip()]
                client = peer[0]
                for hop in reversed(chain):
                    client = hop
                    if not self._is_trusted(hop):
                        break
                scope = dict(scope, client=(client[:64], 0))
                proto = headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
                if proto in ("http", "https"):
                    scope["scheme"] = proto
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI, streams untouched)."""

    def __init__(self, app: ASGIApp, *, behind_tls: bool = False):
        self.app = app
        self.behind_tls = behind_tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope["path"].startswith("/static/")
        tls = self.behind_tls or scope.get("scheme") == "https"

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
                if tls:  # browsers only heed HSTS over TLS; behind a TLS proxy say it anyway
                    extra[b"strict-transport-security"] = HSTS
                for k, v in extra.items():
                    if k not in names:
                        headers.append((k, v))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def all_routes() -> list[RouteSpec]:
    return routes.all_routes()


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(HERE / "templates"), *map(str, routes.template_dirs())]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["ago"] = _ago
    env.filters["plain"] = plain
    env.globals["extra_nav"] = routes.nav_links()
    # <time datetime=ISO> with a UTC / words fallback; app.js shows it in the reader's locale
    env.filters["when"] = dates.when  # a date and time
    env.filters["day"] = dates.day  # a calendar day
    env.filters["longdate"] = long_date  # desk.chart: "14 March 1961" (plain text)
    return env


def _ago(d: Any) -> str:
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
    static_mounts = routes.static_mounts()
    table: list[Route | Mount] = [
        Route(spec.path, _endpoint(spec), methods=list(spec.methods)) for spec in all_routes()
    ]
    table.append(Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"))
    for path, folder in static_mounts:
        table.append(Mount(path, app=StaticFiles(directory=str(folder))))
    app = Starlette(routes=table)
    app.state.web = web
    app.add_middleware(SecurityHeaders, behind_tls=options.cookie_secure)
    app.add_middleware(ClientAddress, trusted=options.proxy_networks)  # outermost: runs first
    return app


def conn_scalar(conn: Connection, stmt: Any) -> Any:
    return conn.execute(stmt).scalar()
