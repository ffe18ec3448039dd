"""``himflow report NAME [--from D --to D] [--csv|--json]``: the reports page's figures.

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from himflow.cliargs import add_data_dir

DEFAULT_DAYS = 30
NAMES = ("received", "turnaround", "autofile", "backlog", "deficiencies", "roi-volume", "roi-release", "quality")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="the department's reports (received, turnaround, auto-file, backlog, "
                                      "deficiencies, ROI, quality)")
    add_data_dir(p)
    p.add_argument("name", choices=NAMES, metavar="NAME", help="one of: " + ", ".join(NAMES))
    p.add_argument("--from", dest="start", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help=f"first day (default: {DEFAULT_DAYS} days to --to)")
    p.add_argument("--to", dest="end", type=date.fromisoformat, metavar="YYYY-MM-DD", help="last day (default: today, UTC)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true")
    fmt.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from himflow import db
    from himflow.settings import load_settings
    from reports.catalog import REPORTS, Options
    from reports.export import to_csv, to_json
    from reports.queries import Period

    report = REPORTS[args.name]
    end = args.end or db.utcnow().date()
    try:
        period = Period(start=args.start, end=end) if args.start else Period.last_days(DEFAULT_DAYS, today=end)
    except ValueError as e:
        print(f"report: {e}", file=sys.stderr)
        return 2
    s = load_settings(args.data_dir)
    engine = db.make_engine(s.db_url)
    db.migrate(engine)
    try:
        with engine.connect() as conn:
            rows = list(report.run(conn, period, Options.for_data_dir(s.data_dir)))
    finally:
        engine.dispose()
    start, stop = period.start.isoformat(), period.end.isoformat()
    if args.json:
        print(to_json(report, rows, start=start, end=stop))
    elif args.csv:
        sys.stdout.write(to_csv(report, rows))
    else:
        print(f"{report.title}, {start} to {stop}")
        print("\t".join(report.headers))
        for r in rows:
            print("\t".join("-" if v is None else str(v) for v in report.cells(r)))
        print(f"{len(rows)} row(s)", file=sys.stderr)
    return 0
