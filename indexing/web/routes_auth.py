"""Sign-in, sign-out, the home redirect and the health check."""

from __future__ import annotations

from starlette.responses import PlainTextResponse, RedirectResponse, Response

from indexing.web import audit
from indexing.web.app import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Ctx,
    new_login_csrf,
    route,
)
from indexing.web.auth import (
    SignInRefused,
    close_session,
    open_session,
    tokens_match,
    verify_credentials,
)

HOME_BY_ROLE = {
    "records-staff": "/queue",
    "admin": "/queue",
    "physician": "/dictations",
    "scanning-station": "/upload",
}


def _secure(ctx: Ctx) -> bool:
    return ctx.web.options.cookie_secure or ctx.request.url.scheme == "https"


@route("/healthz", None)
def healthz(ctx: Ctx) -> Response:
    return PlainTextResponse("ok")


@route("/login", None)
def login_form(ctx: Ctx) -> Response:
    token = ctx.request.cookies.get(LOGIN_CSRF_COOKIE) or new_login_csrf()
    resp = ctx.render("login.html", login_csrf=token, message=None, oidc=ctx.web.options.oidc,
                      oidc_label=ctx.web.options.oidc_label)
    resp.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                    secure=_secure(ctx), path="/login")
    return resp


@route("/login", None, methods=("POST",))
def login(ctx: Ctx) -> Response:
    cookie_token = ctx.request.cookies.get(LOGIN_CSRF_COOKIE)
    if not tokens_match(ctx.field("csrf"), cookie_token):
        return ctx.render("login.html", status=403, login_csrf=new_login_csrf(),
                          message="The sign-in form expired. Please try again.")
    username, password = ctx.field("username"), str(ctx.form.get("password", ""))
    with ctx.tx() as conn:
        try:
            user = verify_credentials(conn, username=username, password=password,
                                      ip=ctx.where.ip, policy=ctx.web.options.policy)
        except SignInRefused as e:
            audit.record(conn, user=None, action=audit.SIGN_IN_FAILED, where=ctx.where,
                         detail="locked" if e.locked else "bad credentials")
            user = None
            refused = e
        if user is not None:
            token, _ = open_session(conn, user, ip=ctx.where.ip)
            audit.record(conn, user=user, action=audit.SIGN_IN, where=ctx.where)
    if user is None:
        message = ("Too many failed sign-ins. Try again later or ask an administrator."
                   if refused.locked else "Wrong user name or password.")
        return ctx.render("login.html", status=429 if refused.locked else 401,
                          login_csrf=cookie_token, message=message)
    return _signed_in(ctx, user, token)


def _signed_in(ctx: Ctx, user, token: str) -> Response:  # noqa: ANN001
    resp = RedirectResponse(HOME_BY_ROLE.get(user.role, "/"), status_code=303)
    resp.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", secure=_secure(ctx),
                    path="/", max_age=ctx.web.options.session_max_hours * 3600)
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return resp


@route("/oidc/login", None)
def oidc_login(ctx: Ctx) -> Response:
    from indexing.web import oidc

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
    from indexing.web import oidc
    from indexing.web.auth import get_user_by_name

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
    with ctx.tx() as conn:
        close_session(conn, ctx.session.token_hash)
        audit.record(conn, user=ctx.user, action=audit.SIGN_OUT, where=ctx.where)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


@route("/", "signed_in")
def home(ctx: Ctx) -> Response:
    return RedirectResponse(HOME_BY_ROLE.get(ctx.user.role, "/login"), status_code=303)


ROUTES = [healthz, login_form, login, logout, home, oidc_login, oidc_callback]
