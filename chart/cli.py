"""``himflow deficiencies``: open chart deficiencies (issue 15.3). ``himflow chart-audit
sample|list``: random samples of encounters for a chart audit and their progress (issue 15.4). ``himflow
retention``: retention, destruction and legal holds (issue 15.5).

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
    register_retention(sub)


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


# -- retention and legal hold ---------------------------------------------------------------
def register_retention(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("retention", help="retention schedule, destruction with approval, legal holds")
    cmds = r.add_subparsers(dest="retention_command", required=True, metavar="ACTION")

    p = cmds.add_parser("due", help="documents past their retention date, oldest first")
    add_data_dir(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_due)

    p = cmds.add_parser("propose", help="propose destroying a document past retention (an admin approves)")
    add_data_dir(p)
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--by", required=True, metavar="USER", help="who proposes")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(func=cmd_propose)

    p = cmds.add_parser("destroy", help="approve a proposed destruction (or propose and approve in one step "
                        "with --reason) and destroy the document's content; keeps a certificate")
    add_data_dir(p)
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--approve-by", required=True, metavar="USER", help="who approves (named on the certificate)")
    p.add_argument("--reason", metavar="TEXT", help="needed when nobody proposed it before")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_destroy)

    p = cmds.add_parser("certificates", help="destruction certificates (one CSV line per destroyed object)")
    add_data_dir(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("-o", "--output", metavar="FILE.csv", help="write the CSV to a file")
    p.set_defaults(func=cmd_certificates)

    p = cmds.add_parser("hold", help="legal holds: set, release, list")
    hold = p.add_subparsers(dest="hold_command", required=True, metavar="HOLD_ACTION")
    p = hold.add_parser("set", help="hold a patient's (or one encounter's) documents: no destruction, no edits")
    add_data_dir(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--patient", metavar="MRN")
    who.add_argument("--encounter", metavar="ENCOUNTER_ID")
    p.add_argument("--by", required=True, metavar="USER")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(func=cmd_hold_set)
    p = hold.add_parser("release", help="release a legal hold")
    add_data_dir(p)
    p.add_argument("hold_id", type=int, metavar="HOLD_ID")
    p.add_argument("--by", required=True, metavar="USER")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.set_defaults(func=cmd_hold_release)
    p = hold.add_parser("list", help="legal holds, newest first")
    add_data_dir(p)
    p.add_argument("--active", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_hold_list)


def _open(args: argparse.Namespace):
    from himflow import db
    from himflow.settings import load_settings

    s = load_settings(args.data_dir)
    engine = db.make_engine(s.db_url)
    db.migrate(engine)
    return s, engine


def _store(s):
    from himflow.objectstore import ObjectStore

    return ObjectStore(s.store)


def _today():
    from datetime import date

    return date.today()  # noqa: DTZ011 - retention dates are the department's calendar days


def _refused(e: Exception) -> int:
    print(f"retention: {e}", file=sys.stderr)
    return 2


def cmd_due(args: argparse.Namespace) -> int:
    from chart.holds import holds_on
    from chart.retention import documents_past_retention, load_schedule
    from himflow.db import get_document

    s, engine = _open(args)
    with engine.connect() as conn:
        due = documents_past_retention(conn, load_schedule(s.data_dir), today=_today())
        held = {d.doc_id: [h.id for h in holds_on(conn, get_document(conn, d.doc_id))] for d in due}
    if args.json:
        print(json.dumps([{**d.model_dump(mode="json"), "legal_holds": held[d.doc_id]} for d in due]))
        return 0
    for d in due:
        hold = f"held #{','.join(map(str, held[d.doc_id]))}" if held[d.doc_id] else "-"
        print(f"{d.doc_id}\t{d.type_code or '-'} {d.type_display or ''}\t{d.patient_id}\t"
              f"last {d.last_encounter_on}\tretain until {d.retain_until}\t{hold}")
    print(f"{len(due)} document(s) past retention", file=sys.stderr)
    return 0


def cmd_propose(args: argparse.Namespace) -> int:
    from chart.destruction import propose
    from chart.holds import Actor
    from chart.retention import load_schedule
    from himflow.errors import RejectedInput

    s, engine = _open(args)
    try:
        with engine.begin() as conn:
            did = propose(conn, Actor(username=args.by), args.doc_id, reason=args.reason,
                          schedule=load_schedule(s.data_dir), today=_today())
    except RejectedInput as e:
        return _refused(e)
    print(did)
    return 0


def cmd_destroy(args: argparse.Namespace) -> int:
    from chart.destruction import destroy_now
    from chart.holds import Actor
    from chart.retention import load_schedule
    from himflow.errors import RejectedInput

    s, engine = _open(args)
    try:
        out = destroy_now(engine, _store(s), Actor(username=args.approve_by), args.doc_id, reason=args.reason,
                          schedule=load_schedule(s.data_dir), today=_today(), derived_bucket=s.store.derived_bucket)
    except RejectedInput as e:
        return _refused(e)
    if args.json:
        print(json.dumps(out.__dict__))
    else:
        print(f"{out.destruction_id}\tdestroyed {out.destroyed} object(s), kept {out.kept_shared} shared, "
              f"{out.absent} absent")
    return 0


def cmd_certificates(args: argparse.Namespace) -> int:
    import csv
    import io

    from chart.destruction import certificates_csv

    _s, engine = _open(args)
    with engine.connect() as conn:
        text = certificates_csv(conn)
    if args.json:
        print(json.dumps(list(csv.DictReader(io.StringIO(text)))))
    elif args.output:
        with open(args.output, "w", newline="", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_hold_set(args: argparse.Namespace) -> int:
    from chart.holds import Actor, mirror_to_store, set_hold
    from himflow.errors import RejectedInput
    from himflow.patients_db import patient_id_for_mrn

    s, engine = _open(args)
    try:
        with engine.begin() as conn:
            pid = None
            if args.patient:
                pid = patient_id_for_mrn(conn, args.patient)
                if pid is None:
                    return _refused(RejectedInput("no patient with that MRN"))
            hold_id = set_hold(conn, Actor(username=args.by), reason=args.reason, patient_id=pid,
                               encounter_id=args.encounter)
    except RejectedInput as e:
        return _refused(e)
    answers = mirror_to_store(engine, _store(s), hold_id, derived_bucket=s.store.derived_bucket)
    print(f"{hold_id}\tstore legal hold: {json.dumps(answers)}")
    return 0


def cmd_hold_release(args: argparse.Namespace) -> int:
    from chart.holds import Actor, mirror_to_store, release_hold
    from himflow.errors import RejectedInput

    s, engine = _open(args)
    try:
        with engine.begin() as conn:
            release_hold(conn, Actor(username=args.by), args.hold_id, reason=args.reason)
    except RejectedInput as e:
        return _refused(e)
    answers = mirror_to_store(engine, _store(s), args.hold_id, derived_bucket=s.store.derived_bucket)
    print(f"{args.hold_id}\treleased; store legal hold: {json.dumps(answers)}")
    return 0


def cmd_hold_list(args: argparse.Namespace) -> int:
    from chart.holds import list_holds

    _s, engine = _open(args)
    with engine.connect() as conn:
        rows = list_holds(conn, active_only=args.active)
    fields = ("id", "scope", "patient_id", "encounter_id", "reason", "set_by", "set_at", "released_by",
              "released_at", "release_reason", "store_lock")
    items = [{f: (getattr(r, f).isoformat() if hasattr(getattr(r, f), "isoformat") else getattr(r, f))
              for f in fields} for r in rows]
    if args.json:
        print(json.dumps(items))
        return 0
    for h in items:
        state = f"released {h['released_at']} by {h['released_by']}" if h["released_at"] else "ACTIVE"
        print(f"{h['id']}\t{h['scope']}\t{h['encounter_id'] or h['patient_id']}\tset {h['set_at']} by "
              f"{h['set_by']}\t{state}")
    return 0
