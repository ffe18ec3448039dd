"""``himflow deficiencies``: open chart deficiencies (issue 15.3). ``himflow chart-audit
sample|list``: random samples of encounters for a chart audit and their progress (issue 15.4).

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from himflow.cliargs import add_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("deficiencies", help="open chart deficiencies (missing/unsigned), oldest first")
    add_data_dir(p)
    p.add_argument("--physician", metavar="ID")
    p.add_argument("--patient", metavar="MRN")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_deficiencies)

    audit = sub.add_parser("chart-audit", help="chart audit: draw a random sample of encounters, list samples")
    asub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    s = asub.add_parser("sample", help="draw N encounters of a class discharged in a period (seeded, stored)")
    add_data_dir(s)
    s.add_argument("--from", dest="start", required=True, type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="first discharge day (UTC)")
    s.add_argument("--to", dest="end", required=True, type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="last discharge day (UTC), inclusive")
    s.add_argument("--class", dest="enc_class", required=True, choices=("IMP", "EMER", "AMB"))
    s.add_argument("-n", dest="n", required=True, type=int, help="how many encounters")
    s.add_argument("--seed", type=int, help="the seed (default: a new random one, printed and stored)")
    s.add_argument("--by", default="cli", help="who draws the sample (stored with it; default: cli)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_audit_sample)
    ls = asub.add_parser("list", help="the samples drawn, newest first, with their progress")
    add_data_dir(ls)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_audit_list)


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


def _sample_json(sample, items, summary) -> dict:
    return {"sample_id": sample.sample_id, "created_at": sample.created_at.isoformat(),
            "created_by": sample.created_by, "class": sample.enc_class,
            "from": sample.period_start.isoformat(), "to": sample.period_end.isoformat(), "seed": sample.seed,
            "requested": sample.requested, "population": sample.population,
            "population_digest": sample.population_digest,
            "encounters": [{"encounter_id": i.encounter_id,
                            "result": i.latest.result if i.latest else None,
                            "audited_at": i.latest.audited_at.isoformat() if i.latest else None,
                            "auditor": i.latest.auditor if i.latest else None} for i in items],
            "audited": summary.audited, "passed": summary.passed, "failed": summary.failed,
            "common_findings": [{"finding": label, "encounters": n} for label, n in summary.common_findings]}


def cmd_audit_sample(args: argparse.Namespace) -> int:
    from chart import audit
    from himflow import db
    from himflow.errors import RejectedInput
    from himflow.settings import load_settings

    s = load_settings(args.data_dir)
    engine = db.make_engine(s.db_url)
    db.migrate(engine)
    try:
        with engine.begin() as conn:
            sample = audit.create_sample(conn, enc_class=args.enc_class, start=args.start, end=args.end, n=args.n,
                                         seed=args.seed, created_by=args.by)
            items = audit.worklist(conn, sample)
    except RejectedInput as e:
        print(f"chart-audit: {e}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(_sample_json(sample, items, audit.summarize(items))))
        return 0
    for enc_id in sample.encounter_ids:
        print(enc_id)
    print(f"sample {sample.sample_id}: {len(sample.encounter_ids)} of {sample.population} {sample.enc_class} "
          f"encounter(s) discharged {sample.period_start}..{sample.period_end}, seed {sample.seed}", file=sys.stderr)
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    from chart import audit
    from himflow import db
    from himflow.settings import load_settings

    s = load_settings(args.data_dir)
    engine = db.make_engine(s.db_url)
    db.migrate(engine)
    try:
        with engine.connect() as conn:
            rows = []
            for sample in audit.list_samples(conn):
                items = audit.worklist(conn, sample)
                rows.append((sample, items, audit.summarize(items)))
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps([_sample_json(*r) for r in rows]))
        return 0
    for sample, _items, summary in rows:
        print(f"{sample.sample_id}\t{sample.created_at:%Y-%m-%d}\t{sample.enc_class}\t"
              f"{sample.period_start}..{sample.period_end}\tseed {sample.seed}\t"
              f"{summary.audited}/{summary.total} audited\t{summary.passed} passed\t{summary.failed} failed")
    print(f"{len(rows)} sample(s)", file=sys.stderr)
    return 0
