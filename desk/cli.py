"""`himflow web` (serve the records UI), `himflow record token create|list|revoke` (integration
credentials for fetching attachments) and `himflow users list|add|deactivate|activate|unlock|
reset|role` (the same ``accounts`` functions as the administrators' Users page; every change
is audited with the address ``cli``).

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from desk.roles import ROLES


def register(sub: argparse._SubParsersAction) -> None:
    from himflow.cliargs import add_data_dir, command_group

    web = sub.add_parser("web", help="serve the records-staff web UI")
    add_data_dir(web)
    web.add_argument("--host", default=None, help="listen address (default: settings web_host)")
    web.add_argument("--port", type=int, default=None, help="port (default: settings web_port; 0 = any)")
    web.add_argument("--ready-file", type=Path, default=None,
                     help="write the URL here once listening (default: $HIMFLOW_READY_FILE, "
                          "set by the stack supervisor)")
    web.set_defaults(func=run_web)

    users = sub.add_parser("users", help="manage web UI accounts")
    users_sub = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = users_sub.add_parser(
        "add", help="create a local account (argon2 password hash)",
        description="Create an account. The password is read from standard input with "
                    "--password-stdin, asked for on a terminal, or else (no terminal) a one-time "
                    "password is made and printed, to be changed at the first sign-in.")
    add_data_dir(add)
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input (first line)")
    add.add_argument("--one-time-password", action="store_true",
                     help="make a one-time password and print it (changed at first sign-in)")
    add.set_defaults(func=run_users_add)
    ls = users_sub.add_parser("list", help="list accounts (role, state, last sign-in, throttling)")
    add_data_dir(ls)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_users_list)
    for name, help_text in (
        ("deactivate", "deactivate an account and end its sessions"),
        ("activate", "activate a deactivated account"),
        ("unlock", "clear an account's sign-in throttling from every address"),
        ("reset", "give an account a one-time password (printed; changed at next sign-in)"),
    ):
        p = users_sub.add_parser(name, help=help_text)
        add_data_dir(p)
        p.add_argument("name")
        p.set_defaults(func=run_users_change, action=name)
    role = users_sub.add_parser("role", help="change an account's role")
    add_data_dir(role)
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    role.set_defaults(func=run_users_change, action="role")

    _register_tokens(command_group(sub, "record", help="what goes to the patient record: integration tokens"))


def _register_tokens(rsub: argparse._SubParsersAction) -> None:
    from himflow.cliargs import add_data_dir

    token = rsub.add_parser("token", help="integration tokens (bearer) for fetching attachments")
    tsub = token.add_subparsers(dest="token_command", required=True, metavar="ACTION")
    create = tsub.add_parser("create", help="create a token for an integration engine; printed once")
    add_data_dir(create)
    create.add_argument("name", help="the integration engine, e.g. mirth-prod")
    create.set_defaults(func=run_token_create)
    ls = tsub.add_parser("list", help="list tokens (names and dates, never values)")
    add_data_dir(ls)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_token_list)
    revoke = tsub.add_parser("revoke", help="revoke a token (fetches with it answer 401)")
    add_data_dir(revoke)
    revoke.add_argument("name")
    revoke.set_defaults(func=run_token_revoke)


def _engine(args: argparse.Namespace):
    from himflow.db import make_engine, migrate
    from himflow.settings import load_settings

    settings = load_settings(args.data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    migrate(engine)
    return settings, engine


def _read_password(args: argparse.Namespace) -> str | None:
    """The password to set, or None for a one-time password."""
    if args.one_time_password:
        return None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise _UsageError("no password on standard input")
        return password
    if not sys.stdin.isatty():
        return None  # no terminal to ask on: a one-time password, printed below
    try:
        password = getpass.getpass("Password: ")
        again = getpass.getpass("Again: ")
    except EOFError as e:
        raise _UsageError("no password given (use --password-stdin or --one-time-password)") from e
    if again != password:
        raise _UsageError("the passwords differ")
    return password


class _UsageError(Exception):
    pass


def run_users_add(args: argparse.Namespace) -> int:
    from himflow.errors import RejectedInput
    from desk import accounts

    try:
        password = _read_password(args)
    except _UsageError as e:
        print(f"users: {e}", file=sys.stderr)
        return 2
    _, engine = _engine(args)
    try:
        with engine.begin() as conn:
            user, once = accounts.add_account(conn, actor=accounts.CLI, username=args.name,
                                              role=args.role, password=password)
    except RejectedInput as e:
        print(f"users: {e.detail}", file=sys.stderr)
        return 2
    print(f"added {user.username} ({user.role})")
    if once:
        print(f"one-time password for {user.username}: {once}")
        print("(shown once; it must be changed at the first sign-in)")
    return 0


def run_users_change(args: argparse.Namespace) -> int:
    from himflow.errors import RejectedInput
    from desk import accounts

    _, engine = _engine(args)
    try:
        with engine.begin() as conn:
            if args.action == "deactivate":
                accounts.deactivate(conn, actor=accounts.CLI, username=args.name)
                print(f"deactivated {args.name}")
            elif args.action == "activate":
                accounts.activate(conn, actor=accounts.CLI, username=args.name)
                print(f"activated {args.name}")
            elif args.action == "unlock":
                n = accounts.unlock(conn, actor=accounts.CLI, username=args.name)
                print(f"unlocked {args.name} ({n} failed sign-ins cleared)")
            elif args.action == "reset":
                once = accounts.reset_password(conn, actor=accounts.CLI, username=args.name)
                print(f"one-time password for {args.name}: {once}")
                print("(shown once; it must be changed at the next sign-in)")
            elif args.action == "role":
                accounts.change_role(conn, actor=accounts.CLI, username=args.name, role=args.role)
                print(f"{args.name} is now {args.role}")
    except RejectedInput as e:
        print(f"users: {e.detail}", file=sys.stderr)
        return 2
    return 0


def run_users_list(args: argparse.Namespace) -> int:
    from desk import accounts
    from desk.app import WebOptions

    _, engine = _engine(args)
    with engine.connect() as conn:
        rows = accounts.list_accounts(conn, policy=WebOptions().policy)

    def when(d) -> str | None:
        return d.isoformat() if d else None

    if args.json:
        print(json.dumps([{"name": r.username, "role": r.role, "active": r.active,
                           "created_at": when(r.created_at), "last_sign_in_at": when(r.last_sign_in_at),
                           "must_change_password": r.must_change_password,
                           "throttled_addresses": r.throttled_addresses} for r in rows]))
    else:
        for r in rows:
            state = "active" if r.active else "deactivated"
            if r.throttled_addresses:
                state += f",throttled({r.throttled_addresses})"
            if r.must_change_password:
                state += ",must-change-password"
            print(f"{r.username}\t{r.role}\t{state}\t{when(r.last_sign_in_at) or 'never'}")
    return 0


def run_web(args: argparse.Namespace) -> int:
    import asyncio  # at the point of use: `himflow --help` start-up

    import uvicorn

    from desk.app import create_app

    settings, engine = _engine(args)
    host = args.host or settings.web_host
    port = settings.web_port if args.port is None else args.port
    app = create_app(settings, engine=engine, run_migrations=False)
    # Forwarded headers are the app's business (ClientAddress, HIMFLOW_WEB_TRUSTED_PROXIES):
    # uvicorn's own handling would believe 127.0.0.1 whatever the setting says.
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            proxy_headers=False, timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    # Under `himflow up` the supervisor names the ready file in $HIMFLOW_READY_FILE.
    ready = args.ready_file or (Path(os.environ["HIMFLOW_READY_FILE"])
                                if os.environ.get("HIMFLOW_READY_FILE") else None)
    return asyncio.run(_serve(server, ready))


async def _serve(server, ready_file: Path | None) -> int:
    import asyncio  # at the point of use: `himflow --help` start-up

    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            return 1  # could not bind (uvicorn printed why)
        await asyncio.sleep(0.05)
    sock = server.servers[0].sockets[0].getsockname()
    url = f"http://{sock[0]}:{sock[1]}"
    print(f"himflow web: listening on {url}", flush=True)
    if ready_file is not None:
        tmp = ready_file.with_suffix(ready_file.suffix + ".tmp")
        tmp.write_text(url + "\n")
        os.replace(tmp, ready_file)
    try:
        await task
    finally:
        if ready_file is not None:
            await asyncio.to_thread(ready_file.unlink, missing_ok=True)
    return 0


# -- integration tokens (`himflow record token`) ------------------------------------------
def run_token_create(args: argparse.Namespace) -> int:
    from desk.integration import create_token
    from himflow.errors import RejectedInput

    try:
        with _engine(args)[1].begin() as conn:
            token = create_token(conn, args.name)
    except RejectedInput as e:
        print(f"himflow record token create: {e.detail}", file=sys.stderr)
        return 2
    print(token)
    print("Keep this token: it is shown only once. Send it as 'Authorization: Bearer <token>'.",
          file=sys.stderr)
    return 0


def run_token_list(args: argparse.Namespace) -> int:
    from desk.integration import list_tokens

    with _engine(args)[1].connect() as conn:
        rows = list_tokens(conn)
    items = [{"name": r.name, "created_at": r.created_at.isoformat() if r.created_at else None,
              "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None,
              "last_used_at": r.last_used_at.isoformat() if r.last_used_at else None} for r in rows]
    if args.json:
        print(json.dumps(items))
    else:
        for i in items:
            state = f"revoked {i['revoked_at']}" if i["revoked_at"] else f"last used {i['last_used_at'] or 'never'}"
            print(f"{i['name']}  created {i['created_at']}  {state}")
    return 0


def run_token_revoke(args: argparse.Namespace) -> int:
    from desk.integration import revoke_token

    with _engine(args)[1].begin() as conn:
        done = revoke_token(conn, args.name)
    if not done:
        print(f"himflow record token revoke: no active token named {args.name!r}", file=sys.stderr)
        return 1
    return 0
