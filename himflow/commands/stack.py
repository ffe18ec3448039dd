"""Operator commands: up, worker, migrate, status, reconcile, dlq, asyncapi.

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from himflow.cliargs import add_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("up", help="run the embedded stack in the foreground")
    add_data_dir(p)
    p.add_argument("--port", type=int, default=None, help="review UI port (default: a free one)")
    p.set_defaults(func=cmd_up)

    from himflow.app.roles import ROLES

    p = sub.add_parser("worker", help="run worker roles (one OS process; production: one role per pod)")
    p.add_argument("roles", nargs="+", choices=tuple(ROLES), metavar="ROLE",
                   help=f"one or more of: {', '.join(ROLES)}")
    add_data_dir(p)
    p.add_argument("--ready-file", type=Path, default=None)
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("migrate", help="upgrade the database schema in place (Alembic; creates it when empty)")
    add_data_dir(p)
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("status", help="stages, lag, dead letters, processes; or one document's history")
    add_data_dir(p)
    p.add_argument("doc_id", nargs="?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("reconcile", help="emit events for stored objects that have no record; "
                                       "send due chart deficiency reminders")
    add_data_dir(p)
    p.add_argument("--every", type=float, default=None, help="repeat every N seconds (the stack's schedule)")
    p.add_argument("--min-age", type=float, default=30.0, help="ignore objects younger than N seconds")
    p.set_defaults(func=cmd_reconcile)

    p = sub.add_parser("dlq", help="dead letters: list or replay")
    dsub = p.add_subparsers(dest="dlq_command", required=True)
    q = dsub.add_parser("list")
    add_data_dir(q)
    q.add_argument("--json", action="store_true")
    q.add_argument("--all", action="store_true", help="include replayed ones")
    q.set_defaults(func=cmd_dlq_list)
    q = dsub.add_parser("replay")
    add_data_dir(q)
    q.add_argument("ids", nargs="*", type=int, help="dead-letter ids (default: all not yet replayed)")
    q.add_argument("--reason", default=None, help="only this reason code")
    q.add_argument("--timeout", type=float, default=120.0,
                   help="seconds to wait for the outcome of each replay (0: do not wait)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_dlq_replay)

    p = sub.add_parser("schemas", help="export the JSON Schema of every event and record")
    p.add_argument("-o", "--output", type=Path, default=None, help="directory (default: schemas/json)")
    p.set_defaults(func=cmd_schemas)

    p = sub.add_parser("asyncapi", help="print the AsyncAPI document generated from the workers")
    p.add_argument("-o", "--output", type=Path, default=None)
    p.set_defaults(func=cmd_asyncapi)


def _settings(args: argparse.Namespace):
    # lazy imports: `himflow --help` start-up
    from himflow.settings import load_settings

    return load_settings(args.data_dir)


def cmd_up(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow.settings import default_data_dir
    from himflow.app.stack import up

    return up(args.data_dir or default_data_dir(), web_port=args.port)


def cmd_worker(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow.app.worker import run

    return run(args.roles, _settings(args), ready_file=args.ready_file)


def cmd_migrate(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow import db

    s = _settings(args)
    outcome = db.migrate(db.make_engine(s.db_url))
    was = outcome.before or ("no revision" if outcome.adopted else "empty")
    print(f"migrate: ok ({was} -> {outcome.after})")
    if outcome.adopted:
        added = ", ".join(outcome.repairs) or "nothing"
        print(f"migrate: a database made before migrations was brought to the baseline (added: {added})")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow import status

    s = _settings(args)
    if args.doc_id:
        report = status.document_status(s, args.doc_id)
        if report is None:
            print(f"no document {args.doc_id}", file=sys.stderr)
            return 1
    else:
        report = status.stack_status(s)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        print(status.render_text(report))
    return 0


def cmd_reconcile(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow.logs import configure
    from himflow.reconcile import reconcile

    s = _settings(args)
    configure(json_logs=s.log_json, level=s.log_level)
    while True:
        emitted = reconcile(s, min_age_s=args.min_age)
        reminded = _chart_reminders(s)
        if args.every is None:
            print(f"reconcile: {emitted} object(s) without a record re-announced")
            if reminded is not None:
                print(f"reconcile: {reminded} chart deficiency reminder(s) sent")
            return 0
        time.sleep(args.every)


def _chart_reminders(s) -> int | None:
    """The chart reminder pass rides on the reconciler's schedule (chart/reminders.py); its
    failure is logged and retried next round, never stops the reconciler. None: not run."""
    import logging

    from himflow.logs import log_event

    try:
        from chart.reminders import run_reminder_pass

        return len(run_reminder_pass(s).sent)
    except Exception as e:  # noqa: BLE001 - the database briefly away: next round
        log_event(logging.getLogger("himflow.reconcile"), "chart reminder pass failed",
                  level=logging.WARNING, error_type=type(e).__name__)
        return None


def cmd_dlq_list(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow.deadletters import list_dead_letters

    rows = list_dead_letters(_settings(args), include_replayed=args.all)
    if args.json:
        print(json.dumps(rows, indent=2, default=str))
    else:
        for r in rows:
            print(f"{r['id']:>5}  {r['at']:%Y-%m-%d %H:%M:%S}  {r['stage']:<13} {r['reason']:<22} "
                  f"doc={r['doc_id'] or '-'}  replays={r['replay_count']}")
        print(f"{len(rows)} dead letter(s)")
    return 0


def cmd_dlq_replay(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow.deadletters import replay

    outcomes = replay(_settings(args), ids=args.ids or None, reason=args.reason, wait_s=max(args.timeout, 0.0))
    for o in outcomes:
        if args.json:
            print(json.dumps(o.__dict__))
            continue
        said = {"failed-again": f"failed again ({o.now}): still open",
                "succeeded": "went through: replayed",
                "pending": f"no answer from the {o.stage} stage within {args.timeout:.0f} s: still open"}[o.outcome]
        print(f"{o.id:>5}  {o.stage:<13} {o.reason:<22} {said}")
    replayed = sum(o.ok for o in outcomes)
    print(f"{len(outcomes)} dead letter(s) replayed: {replayed} went through, "
          f"{len(outcomes) - replayed} still open", file=sys.stderr if args.json else sys.stdout)
    return 0 if all(o.ok for o in outcomes) else 1


def cmd_asyncapi(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow.app.asyncapi import generate

    text = generate()
    if args.output:
        args.output.write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from schemas.jsonschema import COMMITTED_DIR, export

    for path in export(args.output or COMMITTED_DIR):
        print(path)
    return 0
