"""``himflow roi request|advance|prepare|extend|release|accounting``: the release-of-information
flow from a script.

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """The same option as every himflow command (kept here: a stage does not import the CLI)."""
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the stack's data dir (default: $HIMFLOW_DATA_DIR or ~/.local/share/himflow)")

STATES = ("authorization-checked", "in-preparation", "quality-checked", "denied", "cancelled")
REQUESTER_TYPES = ("patient", "personal-representative", "provider", "payer", "attorney",
                   "court-order", "public-health", "law-enforcement", "other")


def register(sub: argparse._SubParsersAction) -> None:
    roi = sub.add_parser("roi", help="release of information: requests, packets, accounting of disclosures")
    cmds = roi.add_subparsers(dest="roi_command", required=True, metavar="ROI_COMMAND")

    p = cmds.add_parser("request", help="log a request for records; prints it (with its id)")
    add_data_dir(p)
    p.add_argument("--patient", required=True, metavar="MRN")
    p.add_argument("--requester", required=True, metavar="NAME")
    p.add_argument("--requester-type", required=True, choices=REQUESTER_TYPES)
    p.add_argument("--organisation", metavar="ORG")
    p.add_argument("--address", metavar="TEXT")
    p.add_argument("--purpose", required=True, metavar="TEXT")
    p.add_argument("--basis", metavar="BASIS", help="legal basis (default from the requester type)")
    p.add_argument("--authorization", type=Path, metavar="FILE", help="the signed authorization (stored)")
    p.add_argument("--signed", action="store_true", help="the authorization carries a signature")
    p.add_argument("--expires", metavar="D", help="the authorization's expiry date (YYYY-MM-DD)")
    p.add_argument("--covers", metavar="CATS", help="sensitive categories it names explicitly: "
                   "part2,hiv-sti,behavioral,reproductive,genetic")
    p.add_argument("--types", metavar="LOINC,...")
    p.add_argument("--from", dest="date_from", metavar="D")
    p.add_argument("--to", dest="date_to", metavar="D")
    p.add_argument("--fee", type=float, metavar="DOLLARS")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_request)

    p = cmds.add_parser("advance", help="move a request (refuses what the state machine does not allow)")
    add_data_dir(p)
    p.add_argument("request_id", metavar="REQUEST_ID")
    p.add_argument("--to", required=True, choices=STATES)
    p.add_argument("--note", metavar="TEXT", help="the reason (needed for denied / cancelled)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_advance)

    p = cmds.add_parser("prepare", help="pick the documents and propose redactions again (advance --to "
                        "in-preparation does it once)")
    add_data_dir(p)
    p.add_argument("request_id", metavar="REQUEST_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_prepare)

    p = cmds.add_parser("extend", help="extend the due date once by 30 days; prints the notice")
    add_data_dir(p)
    p.add_argument("request_id", metavar="REQUEST_ID")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(func=cmd_extend)

    p = cmds.add_parser("release", help="build the packet (proposed redactions as they are), record the disclosure")
    add_data_dir(p)
    p.add_argument("request_id", metavar="REQUEST_ID")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="PACKET.pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_release)

    p = cmds.add_parser("accounting", help="accounting of disclosures, last 6 years (45 CFR 164.528)")
    add_data_dir(p)
    p.add_argument("--patient", required=True, metavar="MRN")
    p.add_argument("--json", action="store_true")
    p.add_argument("--letter", action="store_true", help="the letter to the patient instead of a table")
    p.set_defaults(func=cmd_accounting)


def _env(args: argparse.Namespace):
    from himflow import db
    from himflow.settings import load_settings

    s = load_settings(args.data_dir)
    engine = db.make_engine(s.db_url)
    db.migrate(engine)
    return s, engine


def _store(settings):
    from himflow.objectstore import ObjectStore

    return ObjectStore(settings.store)


def _fail(e: Exception) -> int:
    print(f"roi: {getattr(e, 'detail', '') or e}", file=sys.stderr)
    return 2


def _date(value: str | None):
    from datetime import date

    return date.fromisoformat(value) if value else None


def cmd_request(args: argparse.Namespace) -> int:
    from himflow.errors import HimflowError
    from roi import chart_access
    from roi import requests as rq

    s, engine = _env(args)
    try:
        auth = None
        if args.authorization or args.signed or args.expires or args.covers:
            content = args.authorization.read_bytes() if args.authorization else None
            auth = rq.Authorization(content=content, signed=args.signed or None, expires=_date(args.expires),
                                    covers=tuple(c.strip() for c in (args.covers or "").split(",") if c.strip()))
        store = _store(s) if args.authorization else None
        with engine.begin() as conn:
            pid = chart_access.patient_id_for_mrn(conn, args.patient)
            if pid is None:
                print("roi: no patient with that MRN", file=sys.stderr)
                return 1
            req = rq.create_request(
                conn, actor=chart_access.CLI, patient_id=pid, requester_name=args.requester,
                requester_type=args.requester_type, requester_org=args.organisation,
                requester_address=args.address, purpose=args.purpose, legal_basis=args.basis,
                type_codes=[t.strip() for t in (args.types or "").split(",") if t.strip()],
                date_from=_date(args.date_from), date_to=_date(args.date_to), store=store,
                bucket=s.store.derived_bucket, authorization=auth)
            if args.fee:
                rq.set_fee(conn, actor=chart_access.CLI, request_id=req["id"], cents=round(args.fee * 100))
                req = rq.get_request(conn, req["id"])
    except (HimflowError, ValueError, OSError) as e:
        return _fail(e)
    _print_request(req, args.json)
    return 0


def _print_request(req: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(req))
    else:
        print(f"{req['id']}\t{req['state']}\tdue {req['due_date']}\t{req['requester_type']}\t{req['requester_name']}")


def cmd_advance(args: argparse.Namespace) -> int:
    from himflow.errors import HimflowError
    from roi import chart_access
    from roi import requests as rq

    s, engine = _env(args)
    try:
        with engine.begin() as conn:
            req = rq.advance(conn, actor=chart_access.CLI, request_id=args.request_id, to=args.to, note=args.note)
        if args.to == "in-preparation":  # the packet and its proposed boxes, ready for review
            from roi import packets

            summary = packets.prepare_packet(engine, _store(s), actor=chart_access.CLI,
                                             request_id=args.request_id, derived_bucket=s.store.derived_bucket)
            print(f"prepared {summary['id']}: {len(summary['documents'])} documents, {summary['pages']} pages, "
                  f"{sum(summary['boxes'].values())} boxes proposed, {len(summary['excluded'])} left out as "
                  "sensitive", file=sys.stderr)
    except HimflowError as e:
        return _fail(e)
    _print_request(req, args.json)
    return 0


def cmd_prepare(args: argparse.Namespace) -> int:
    from himflow.errors import HimflowError
    from roi import chart_access, packets

    s, engine = _env(args)
    try:
        summary = packets.prepare_packet(engine, _store(s), actor=chart_access.CLI, request_id=args.request_id,
                                         derived_bucket=s.store.derived_bucket)
    except HimflowError as e:
        return _fail(e)
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{summary['id']}\t{len(summary['documents'])} documents\t{summary['pages']} pages\t"
              f"{sum(summary['boxes'].values())} boxes proposed\t{len(summary['excluded'])} left out as sensitive")
    return 0


def cmd_extend(args: argparse.Namespace) -> int:
    from himflow.errors import HimflowError
    from roi import chart_access
    from roi import requests as rq

    _, engine = _env(args)
    try:
        with engine.begin() as conn:
            req = rq.extend(conn, actor=chart_access.CLI, request_id=args.request_id, reason=args.reason)
    except HimflowError as e:
        return _fail(e)
    print(rq.extension_notice(req))
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from himflow.errors import HimflowError
    from himflow.filemodes import private_umask
    from roi import chart_access, release

    s, engine = _env(args)
    try:
        out = release.release(engine, _store(s), actor=chart_access.CLI, request_id=args.request_id,
                              derived_bucket=s.store.derived_bucket)
    except HimflowError as e:
        return _fail(e)
    private_umask()
    args.output.write_bytes(out.pdf)
    info = {"packet_id": out.packet_id, "sha256": out.sha256, "pages": out.page_count,
            "bates": [out.bates_first, out.bates_last], "output": str(args.output)}
    print(json.dumps(info) if args.json else f"{out.packet_id}\t{out.page_count} pages\t{out.sha256}")
    return 0


def cmd_accounting(args: argparse.Namespace) -> int:
    from roi import accounting, chart_access

    _, engine = _env(args)
    with engine.begin() as conn:
        pid = chart_access.patient_id_for_mrn(conn, args.patient)
        if pid is None:
            print("roi: no patient with that MRN", file=sys.stderr)
            return 1
        acc = accounting.accounting(conn, actor=chart_access.CLI, patient_id=pid)
        person = chart_access.patient(conn, pid) or {}
    if args.json:
        print(json.dumps(acc))
    elif args.letter:
        print(accounting.letter(acc, person))
    else:
        for d in acc["disclosures"]:
            print(f"{d['date']}\t{d['recipient']}\t{d['purpose']}\t{d['description']}")
        print(f"{len(acc['disclosures'])} disclosure(s) {acc['from']} to {acc['to']}; "
              f"{acc['excluded_count']} recorded but not listed (TPO, to the patient, authorized)", file=sys.stderr)
    return 0
