"""``himflow deficiencies``: open chart deficiencies (issue 15.3).

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import json
import sys

from himflow.cliargs import add_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("deficiencies", help="open chart deficiencies (missing/unsigned), oldest first")
    add_data_dir(p)
    p.add_argument("--physician", metavar="ID")
    p.add_argument("--patient", metavar="MRN")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_deficiencies)


def cmd_deficiencies(args: argparse.Namespace) -> int:
    from chart.deficiencies import load_rules, open_deficiencies
    from himflow import db
    from himflow.settings import load_settings
    from himflow.patients_db import patient_id_for_mrn

    s = load_settings(args.data_dir)
    engine = db.make_engine(s.db_url)
    db.migrate(engine)
    with engine.connect() as conn:
        pid = None
        if args.patient:
            pid = patient_id_for_mrn(conn, args.patient)
            if pid is None:
                print("deficiencies: no patient with that MRN", file=sys.stderr)
                return 1
        found = open_deficiencies(conn, load_rules(s.data_dir), physician=args.physician, patient_id=pid)
    if args.json:
        print(json.dumps([d.model_dump() for d in found]))
        return 0
    for d in found:
        print(f"{d.encounter_id}\t{d.kind}\t{d.type_code} {d.type_display}\t{d.physician or '-'}\t"
              f"{d.age_days}d\t{'delinquent' if d.delinquent else 'open'}")
    print(f"{len(found)} open deficiency(ies)", file=sys.stderr)
    return 0
