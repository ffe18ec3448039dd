"""`himflow classify FILE... [--json]` and `himflow patients import FILE [--data-dir DIR]`.

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from himflow.cliargs import add_data_dir

MAX_TEXT_BYTES = 20 * 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help="document type (LOINC) of text files, one line per file")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--model-dir", type=Path, default=None,
                   help="a model registry dir: use its active version instead of the seed model")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("classifier", help="the document-type model: retrain from approvals, versions, rollback")
    csub = p.add_subparsers(dest="classifier_command", required=True, metavar="ACTION")
    q = csub.add_parser("retrain", help="retrain on the types records staff confirmed; activate if not worse")
    add_data_dir(q)
    q.add_argument("--force", action="store_true", help="activate even if the held-out score is lower")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_classifier_retrain)
    q = csub.add_parser("versions", help="saved versions and the active one")
    add_data_dir(q)
    q.set_defaults(func=cmd_classifier_versions)
    q = csub.add_parser("activate", help="activate a saved version")
    add_data_dir(q)
    q.add_argument("version")
    q.set_defaults(func=cmd_classifier_activate)
    q = csub.add_parser("rollback", help="re-activate the previous version (or the seed model)")
    add_data_dir(q)
    q.set_defaults(func=cmd_classifier_rollback)

    p = sub.add_parser("patients", help="the patient index")
    psub = p.add_subparsers(dest="patients_command", required=True, metavar="ACTION")
    imp = psub.add_parser("import", help="import a FHIR Patient bundle (.json) or a CSV, all or nothing")
    add_data_dir(imp)
    imp.add_argument("file", type=Path)
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=cmd_patients_import)


def _read_text(path: Path) -> str:
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise ValueError("too large")
    return path.read_bytes().decode("utf-8", errors="replace")


def cmd_classify(args: argparse.Namespace) -> int:
    from indexing.classify import Classifier, ModelRegistry

    clf = None
    if args.model_dir is not None:
        clf = ModelRegistry(args.model_dir).active()
    clf = clf or Classifier.load_default()
    rc = 0
    for f in args.files:
        try:
            text = _read_text(f)
        except (OSError, ValueError) as e:
            reason = "too-large" if isinstance(e, ValueError) else "unreadable"
            print(json.dumps({"file": str(f), "error": reason}) if args.json
                  else f"{f}: error: {reason}", file=sys.stdout if args.json else sys.stderr)
            rc = 1
            continue
        c = clf.classify(text)
        if args.json:
            print(json.dumps({
                "file": str(f),
                "type": {"code": c.code, "display": c.display},
                "confidence": c.confidence,
                "abstained": c.abstained,
                "alternatives": [{"code": a, "display": d, "confidence": p} for a, d, p in c.alternatives],
                "evidence": list(c.evidence),
            }))
        else:
            print(f"{f}\t{c.code}\t{c.display}\t{c.confidence:.2f}{'  (abstained)' if c.abstained else ''}")
    return rc


def cmd_patients_import(args: argparse.Namespace) -> int:
    from himflow import db
    from himflow.errors import HimflowError
    from himflow.settings import load_settings
    from indexing.patients import PatientIndex, import_patients

    settings = load_settings(args.data_dir)
    if settings.db_url.startswith("sqlite:///"):
        Path(settings.db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = db.make_engine(settings.db_url)
        db.migrate(engine)
        index = PatientIndex(engine)
        report = import_patients(args.file, index=index)
    except HimflowError as e:
        print(f"patients import: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(report.model_dump_json())
    else:
        for err in report.errors:
            print(f"row {err.row}: {err.field}: {err.message}", file=sys.stderr)
        state = "imported" if report.ok else "nothing imported"
        print(f"{report.rows} row(s) read, {report.imported} {state}, {len(report.errors)} error(s)"
              + (f", {report.encounters} encounter(s)" if report.encounters else ""))
    return 0 if report.ok else 1


def _registry(args: argparse.Namespace):
    from himflow.settings import load_settings
    from indexing.classify import ModelRegistry
    from indexing.learning import registry_dir

    return ModelRegistry(registry_dir(load_settings(args.data_dir)))


def cmd_classifier_retrain(args: argparse.Namespace) -> int:
    from himflow.settings import load_settings
    from indexing.learning import retrain_from_approvals

    out = retrain_from_approvals(load_settings(args.data_dir), force=args.force)
    summary = {"version": out.version, "activated": out.activated, "labels": out.labels,
               "held_out": out.held_out, "macro_f1_new": out.macro_f1_new, "macro_f1_active": out.macro_f1_active,
               "per_class": [m.model_dump() for m in out.report.per_class] if out.report else []}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"{out.version}: trained on {out.labels - out.held_out} approved labels, "
              f"held out {out.held_out}; macro-F1 {out.macro_f1_new} (active model: {out.macro_f1_active}); "
              f"{'activated' if out.activated else 'saved, not activated (worse on held-out labels)'}")
        if out.report is not None:
            print(out.report.confusion_table())
    return 0


def cmd_classifier_versions(args: argparse.Namespace) -> int:
    print(json.dumps(_registry(args).describe(), indent=2, default=str))
    return 0


def cmd_classifier_activate(args: argparse.Namespace) -> int:
    _registry(args).activate(args.version)
    print(f"active: {args.version}")
    return 0


def cmd_classifier_rollback(args: argparse.Namespace) -> int:
    active = _registry(args).rollback()
    print(f"active: {active or 'seed model'}")
    return 0
