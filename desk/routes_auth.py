"""Sign-in, sign-out, changing one's own password, the home redirect and the health check."""

from __future__ import annotations

from starlette.responses import PlainTextResponse, RedirectResponse, Response

from himflow.errors import RejectedInput
from desk import accounts, audit
from desk.ctx import (
    LOGIN_CSRF_COOKIE,
    PASSWORD_PAGE,
    SESSION_COOKIE,
    Ctx,
    route,
    set_session_cookie,
)
from desk.auth import (
    SignInRefused,
    close_session,
    consume_presession,
    open_presession,
    open_session,
    presession_csrf,
    verify_credentials,
)
from desk import oidc
from desk.auth import get_user_by_name
from desk.roles import HOME_BY_ROLE



def _secure(ctx: Ctx) -> bool:
    return ctx.web.options.cookie_secure or ctx.request.url.scheme == "https"


@route("/healthz", None)
def healthz(ctx: Ctx) -> Response:
    return PlainTextResponse("ok")


def _login_page(ctx: Ctx, *, status: int = 200, message: str | None = None,
                reuse: bool = True) -> Response:
    """The sign-in form with the token of a server-side pre-session (reused while it lives)."""
    ttl = ctx.web.options.policy.presession_minutes
    with ctx.tx() as conn:
        cookie = ctx.request.cookies.get(LOGIN_CSRF_COOKIE) if reuse else None
        csrf = presession_csrf(conn, cookie, ip=ctx.where.ip, ttl_minutes=ttl)
        if csrf is None or cookie is None:  # no cookie never has a live pre-session
            cookie, csrf = open_presession(conn, ip=ctx.where.ip, ttl_minutes=ttl)
    resp = ctx.render("login.html", status=status, login_csrf=csrf, message=message,
                      oidc=ctx.web.options.oidc, oidc_label=ctx.web.options.oidc_label)
    resp.set_cookie(LOGIN_CSRF_COOKIE, cookie, httponly=True, samesite="strict",
                    secure=_secure(ctx), path="/login", max_age=ttl * 60)
    return resp


@route("/login", None)
def login_form(ctx: Ctx) -> Response:
    return _login_page(ctx)


@route("/login", None, methods=("POST",))
def login(ctx: Ctx) -> Response:
    ttl = ctx.web.options.policy.presession_minutes
    with ctx.tx() as conn:
        fresh = consume_presession(conn, ctx.request.cookies.get(LOGIN_CSRF_COOKIE),
                                   ctx.field("csrf"), ip=ctx.where.ip, ttl_minutes=ttl)
    if not fresh:
        return _login_page(ctx, status=403, reuse=False,
                           message="The sign-in form expired. Please try again.")
    username, password = ctx.field("username"), str(ctx.form.get("password", ""))[:1024]
    refused: SignInRefused | None = None
    with ctx.tx() as conn:
        try:
            user = verify_credentials(conn, username=username, password=password,
                                      ip=ctx.where.ip, policy=ctx.web.options.policy)
        except SignInRefused as e:
            audit.record(conn, user=None, action=audit.SIGN_IN_FAILED, where=ctx.where,
                         detail="throttled" if e.locked else "bad credentials")
            user = None
            refused = e
        if user is not None:
            token, _ = open_session(conn, user, ip=ctx.where.ip)
            audit.record(conn, user=user, action=audit.SIGN_IN, where=ctx.where)
    if refused is not None:
        if refused.locked:
            wait = refused.retry_after_s
            resp = _login_page(ctx, status=429, reuse=False, message=(
                f"Too many failed sign-ins from this computer. Try again in {_wait(wait)} "
                "or ask an administrator to unlock the account."))
            resp.headers["retry-after"] = str(wait)
            return resp
        return _login_page(ctx, status=401, reuse=False, message="Wrong user name or password.")
    return _signed_in(ctx, user, token)


def _wait(seconds: int) -> str:
    return f"{seconds} seconds" if seconds < 120 else f"{(seconds + 59) // 60} minutes"


def _signed_in(ctx: Ctx, user, token: str) -> Response:
    target = PASSWORD_PAGE if user.must_change_password else HOME_BY_ROLE.get(user.role, "/")
    resp = RedirectResponse(target, status_code=303)
    set_session_cookie(ctx, resp, token)
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return resp


@route(PASSWORD_PAGE, "signed_in")
def password_form(ctx: Ctx) -> Response:
    return ctx.render("password.html", message=None, forced=ctx.user.must_change_password)


@route(PASSWORD_PAGE, "signed_in", methods=("POST",))
def password_change(ctx: Ctx) -> Response:
    if ctx.session is None:  # the app refuses anonymous requests to signed-in routes first
        return RedirectResponse("/login", status_code=303)
    new = str(ctx.form.get("new_password", ""))[:1024]
    if new != str(ctx.form.get("again", ""))[:1024]:
        return ctx.render("password.html", status=400, message="The new passwords differ.",
                          forced=ctx.user.must_change_password)
    try:
        with ctx.tx() as conn:
            accounts.change_own_password(
                conn, actor=accounts.Actor(user=ctx.user, where=ctx.where),
                session_hash=ctx.session.token_hash,
                current=str(ctx.form.get("current_password", ""))[:1024], new=new)
    except RejectedInput as e:
        return ctx.render("password.html", status=400, message=e.detail,
                          forced=ctx.user.must_change_password)
    return RedirectResponse(HOME_BY_ROLE.get(ctx.user.role, "/"), status_code=303)


@route("/oidc/login", None)
def oidc_login(ctx: Ctx) -> Response:
    cfg = ctx.web.options.oidc
    if cfg is None:
        return ctx.error("Single sign-on is not configured.", status=404)
    with ctx.tx() as conn:
        url = oidc.begin(conn, cfg)
    return RedirectResponse(url, status_code=303)


@route("/oidc/callback", None)
def oidc_callback(ctx: Ctx) -> Response:
    """The provider sends the browser back here. SameSite=Lax is not needed: the session cookie
    is set by this response itself, after the code exchange."""

    cfg = ctx.web.options.oidc
    if cfg is None:
        return ctx.error("Single sign-on is not configured.", status=404)
    q = ctx.request.query_params
    if q.get("error") or not q.get("code") or not q.get("state"):
        return ctx.error("Single sign-on did not complete.", status=400)
    with ctx.tx() as conn:
        username = oidc.finish(conn, cfg, code=q["code"][:2000], state=q["state"][:200])
        user = get_user_by_name(conn, username)
        if user is None:
            audit.record(conn, user=None, action=audit.SIGN_IN_FAILED, where=ctx.where,
                         detail="oidc: no local account")
        else:
            token, _ = open_session(conn, user, ip=ctx.where.ip)
            audit.record(conn, user=user, action=audit.SIGN_IN, where=ctx.where, detail="oidc")
    if user is None:
        return ctx.error("Your single sign-on account has no access here. Ask an administrator.",
                         status=403)
    return _signed_in(ctx, user, token)


@route("/logout", "signed_in", methods=("POST",))
def logout(ctx: Ctx) -> Response:
    if ctx.session is None:  # the app refuses anonymous requests to signed-in routes first
        return RedirectResponse("/login", status_code=303)
    with ctx.tx() as conn:
        close_session(conn, ctx.session.token_hash)
        audit.record(conn, user=ctx.user, action=audit.SIGN_OUT, where=ctx.where)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


@route("/", "signed_in")
def home(ctx: Ctx) -> Response:
    return RedirectResponse(HOME_BY_ROLE.get(ctx.user.role, "/login"), status_code=303)


ROUTES = [healthz, login_form, login, logout, home, oidc_login, oidc_callback, password_form,
          password_change]
