"""The administrators' Users page: list accounts (role, state, last sign-in, throttling) and
add, deactivate, activate, unlock, reset a password or change a role. Every change goes
through ``accounts`` (the same functions as `himflow users ...`), which audits it."""

from __future__ import annotations

import sqlalchemy as sa
from starlette.responses import RedirectResponse, Response

from himflow.errors import RejectedInput
from desk import accounts
from desk.ctx import Ctx, route
from desk.db import ROLES, users

PAGE = "/admin/users"


def _actor(ctx: Ctx) -> accounts.Actor:
    return accounts.Actor(user=ctx.user, where=ctx.where)


def _page(ctx: Ctx, *, status: int = 200, message: str | None = None,
          once: dict | None = None) -> Response:
    with ctx.tx() as conn:
        listed = accounts.list_accounts(conn, policy=ctx.web.options.policy)
    return ctx.render("users.html", status=status, accounts=listed, roles=ROLES, message=message,
                      once=once)


def _target(ctx: Ctx, conn) -> str:
    name = conn.execute(sa.select(users.c.username).where(
        users.c.id == int(ctx.request.path_params["user_id"]))).scalar()
    if name is None:
        raise RejectedInput("no such account")
    return name


@route(PAGE, "manage_users")
def users_page(ctx: Ctx) -> Response:
    return _page(ctx)


@route(PAGE, "manage_users", methods=("POST",))
def user_add(ctx: Ctx) -> Response:
    try:
        with ctx.tx() as conn:
            user, once = accounts.add_account(conn, actor=_actor(ctx), username=ctx.field("username"),
                                              role=ctx.field("role"))
    except RejectedInput as e:
        return _page(ctx, status=400, message=e.detail)
    return _page(ctx, once={"username": user.username, "password": once})


def _change(ctx: Ctx, fn) -> Response:
    try:
        with ctx.tx() as conn:
            fn(conn, _target(ctx, conn))
    except RejectedInput as e:
        return _page(ctx, status=400, message=e.detail)
    return RedirectResponse(PAGE, status_code=303)


@route(PAGE + "/{user_id:int}/deactivate", "manage_users", methods=("POST",))
def user_deactivate(ctx: Ctx) -> Response:
    return _change(ctx, lambda conn, name: accounts.deactivate(conn, actor=_actor(ctx), username=name))


@route(PAGE + "/{user_id:int}/activate", "manage_users", methods=("POST",))
def user_activate(ctx: Ctx) -> Response:
    return _change(ctx, lambda conn, name: accounts.activate(conn, actor=_actor(ctx), username=name))


@route(PAGE + "/{user_id:int}/unlock", "manage_users", methods=("POST",))
def user_unlock(ctx: Ctx) -> Response:
    return _change(ctx, lambda conn, name: accounts.unlock(conn, actor=_actor(ctx), username=name))


@route(PAGE + "/{user_id:int}/role", "manage_users", methods=("POST",))
def user_role(ctx: Ctx) -> Response:
    return _change(ctx, lambda conn, name: accounts.change_role(
        conn, actor=_actor(ctx), username=name, role=ctx.field("role")))


@route(PAGE + "/{user_id:int}/reset", "manage_users", methods=("POST",))
def user_reset(ctx: Ctx) -> Response:
    try:
        with ctx.tx() as conn:
            name = _target(ctx, conn)
            once = accounts.reset_password(conn, actor=_actor(ctx), username=name)
    except RejectedInput as e:
        return _page(ctx, status=400, message=e.detail)
    return _page(ctx, once={"username": name, "password": once})


ROUTES = [users_page, user_add, user_deactivate, user_activate, user_unlock, user_role, user_reset]
