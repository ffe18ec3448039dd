"""`himflow web` (serve the records UI) and `himflow users add|list`."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from pathlib import Path

from indexing.web.db import ROLES


def register(sub: argparse._SubParsersAction) -> None:
    from himflow.cli import add_data_dir

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
    add = users_sub.add_parser("add", help="create a local account (argon2 password hash)")
    add_data_dir(add)
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input (first line)")
    add.set_defaults(func=run_users_add)
    ls = users_sub.add_parser("list", help="list accounts")
    add_data_dir(ls)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_users_list)


def _engine(args: argparse.Namespace):
    from himflow.db import make_engine, migrate
    from himflow.settings import load_settings

    settings = load_settings(args.data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    migrate(engine)
    return settings, engine


def run_users_add(args: argparse.Namespace) -> int:
    from himflow.errors import RejectedInput
    from indexing.web.auth import add_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("users: the passwords differ", file=sys.stderr)
            return 2
    _, engine = _engine(args)
    try:
        with engine.begin() as conn:
            user = add_user(conn, username=args.name, role=args.role, password=password)
    except RejectedInput as e:
        print(f"users: {e.detail}", file=sys.stderr)
        return 2
    print(f"added {user.username} ({user.role})")
    return 0


def run_users_list(args: argparse.Namespace) -> int:
    from indexing.web.auth import list_users

    _, engine = _engine(args)
    with engine.connect() as conn:
        rows = list_users(conn)
    if args.json:
        print(json.dumps([{"name": r.username, "role": r.role, "active": bool(r.active),
                           "created_at": r.created_at.isoformat()} for r in rows]))
    else:
        for r in rows:
            print(f"{r.username}\t{r.role}\t{'active' if r.active else 'disabled'}")
    return 0


def run_web(args: argparse.Namespace) -> int:
    import uvicorn

    from indexing.web.app import create_app

    settings, engine = _engine(args)
    host = args.host or settings.web_host
    port = settings.web_port if args.port is None else args.port
    app = create_app(settings, engine=engine, run_migrations=False)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                            timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    # Under `himflow up` the supervisor names the ready file in $HIMFLOW_READY_FILE.
    ready = args.ready_file or (Path(os.environ["HIMFLOW_READY_FILE"])
                                if os.environ.get("HIMFLOW_READY_FILE") else None)
    return asyncio.run(_serve(server, ready))


async def _serve(server, ready_file: Path | None) -> int:
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
            ready_file.unlink(missing_ok=True)
    return 0
