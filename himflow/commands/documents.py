"""Document commands: upload, watch (hot folder), search.

Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from datetime import date
from pathlib import Path

from himflow.cliargs import add_data_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("upload", help="store files in the intake bucket and announce them")
    add_data_dir(p)
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--patient", metavar="MRN")
    p.add_argument("--encounter", metavar="ID")
    p.add_argument("--kind", choices=("scan", "dictation"))
    p.add_argument("--author", metavar="ID")
    p.add_argument("--type", dest="document_type", metavar="LOINC")
    p.add_argument("--wait", action="store_true", help="wait until each document reaches a final state")
    p.add_argument("--timeout", type=float, default=900.0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_upload)

    p = sub.add_parser("watch", help="hot folder: upload files that land in DIR")
    add_data_dir(p)
    p.add_argument("dir", type=Path)
    p.add_argument("--patient", metavar="MRN")
    p.add_argument("--kind", choices=("scan", "dictation"))
    p.add_argument("--interval", type=float, default=1.0)
    p.add_argument("--once", action="store_true", help="take what is there and stable now, then exit")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("search", help="full-text search over indexed documents")
    add_data_dir(p)
    p.add_argument("query")
    p.add_argument("--patient", metavar="MRN")
    p.add_argument("--type", metavar="CODE")
    p.add_argument("--from", dest="date_from", type=date.fromisoformat)
    p.add_argument("--to", dest="date_to", type=date.fromisoformat)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)


def upload_failure(exc: BaseException) -> str:
    """Why an upload failed, in one line without input names (no PHI)."""
    # lazy imports: `himflow --help` start-up
    from himflow.errors import HimflowError

    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and len(chain) < 10:
        chain.append(e)
        e = e.__cause__ or e.__context__
    text = " ".join(str(x) for x in chain).lower()
    if "disk is full" in text or "no space left" in text or any(
            getattr(x, "errno", None) == errno.ENOSPC for x in chain):
        return "the disk holding the data dir is full (no space left): the upload stopped. Free space, then run it again"
    if isinstance(exc, HimflowError):
        return f"{exc.reason.value}: {exc.detail}"
    return f"failed ({type(exc).__name__})"


# Exit codes of `himflow upload`.
EXIT_NOT_FINAL = 1  # --wait: a document did not reach a final state in time
EXIT_REFUSED = 2  # nothing uploaded: a file is missing, or bad before upload (empty, wrong type)
EXIT_UPLOAD_FAILED = 3  # the store or the broker failed
EXIT_REJECTED = 4  # --wait: the pipeline rejected a document (reason printed)


def refusals(files: list[Path], *, max_bytes: int) -> list[tuple[int, str]]:
    """(position, reason line) for each file intake would reject for what can be told before
    upload: no bytes, over the size limit, content of no accepted type (sniffed, never taken
    from the name), an extension that lies about the content."""
    # lazy imports: `himflow --help` start-up
    from himflow.errors import HimflowError
    from intake.sniff import SNIFF_BYTES, check_extension, sniff_media_type

    out: list[tuple[int, str]] = []
    for i, path in enumerate(files, 1):
        try:
            size = path.stat().st_size
            if size > max_bytes:
                out.append((i, f"too-large: {size} bytes, limit {max_bytes}"))
                continue
            with open(path, "rb") as fh:
                media_type = sniff_media_type(fh.read(SNIFF_BYTES))
        except HimflowError as e:
            out.append((i, f"{e.reason.value}: {e.detail}"))
            continue
        except OSError as e:
            out.append((i, f"unreadable ({type(e).__name__})"))
            continue
        if not check_extension(path.name, media_type):
            out.append((i, f"extension-mismatch: the content is {media_type}"))
    return out


def _rejections(rec: dict) -> list[str]:
    """Reason lines of a waited-for record (and its children) that ended rejected."""
    out = []
    for r in [rec, *rec.get("children", [])]:
        if r.get("status") == "rejected":
            reasons = [x.removeprefix("rejected:") for x in r.get("reasons") or []] or ["rejected"]
            out.append(f"{r['id']} rejected: {', '.join(reasons)}")
    return out


def cmd_upload(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow.settings import load_settings
    from himflow.upload import upload_files, wait_final

    s = load_settings(args.data_dir)
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(f"upload: {len(missing)} file(s) not found", file=sys.stderr)
        return EXIT_REFUSED
    refused = refusals(args.files, max_bytes=s.limits.max_object_bytes)
    if refused:
        for i, why in refused:
            print(f"upload: file {i} of {len(args.files)} refused: {why}", file=sys.stderr)
        print(f"upload: nothing uploaded ({len(refused)} of {len(args.files)} file(s) refused)", file=sys.stderr)
        return EXIT_REFUSED
    try:
        done = upload_files(s, args.files, patient=args.patient, encounter=args.encounter, kind=args.kind,
                            author=args.author, document_type=args.document_type)
    except Exception as e:  # noqa: BLE001 - one clear line for the user, never a traceback
        print(f"upload: {upload_failure(e)}", file=sys.stderr)
        return EXIT_UPLOAD_FAILED
    if not args.wait:
        for u in done:
            print(json.dumps({"file": u.file, "id": u.doc_id}) if args.json else f"{u.doc_id}  {u.file}")
        return 0
    records = wait_final(s, [u.doc_id for u in done], timeout_s=args.timeout)
    code = 0
    for u in done:
        rec = {"file": u.file, **records[u.doc_id]}
        if rec["status"] in ("missing", "received", "routed", "extracted"):
            code = code or EXIT_NOT_FINAL
            print(f"upload: {rec['id']} not final after {args.timeout:.0f} s ({rec['status']})", file=sys.stderr)
        for line in _rejections(rec):
            code = EXIT_REJECTED
            print(f"upload: {line}", file=sys.stderr)
        if args.json:
            print(json.dumps(rec, default=str))
        else:
            print(f"{rec['id']}  {rec['status']:<9} type={rec.get('type') or '-'} "
                  f"chars={rec.get('text_length', 0)}  {u.file}")
    return code


def cmd_watch(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow.hotfolder import watch
    from himflow.logs import configure
    from himflow.settings import load_settings

    s = load_settings(args.data_dir)
    configure(json_logs=s.log_json, level=s.log_level)
    return watch(s, args.dir, patient=args.patient, kind=args.kind, interval_s=args.interval,
                 passes=2 if args.once else None)


def cmd_search(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from himflow import db
    from himflow.settings import load_settings
    from himflow.text_index import render_snippet, search

    s = load_settings(args.data_dir)
    engine = db.make_engine(s.db_url)
    patient_id = args.patient
    if args.patient:
        try:
            from himflow.patients_db import patient_id_for_mrn

            with engine.connect() as conn:
                patient_id = patient_id_for_mrn(conn, args.patient) or args.patient
        except ModuleNotFoundError:
            pass
    with engine.connect() as conn:
        hits = search(conn, args.query, patient_id=patient_id, type_code=args.type,
                      date_from=args.date_from, date_to=args.date_to, limit=args.limit)
        rows = {r.id: r for r in conn.execute(
            db.documents.select().where(db.documents.c.id.in_([h.doc_id for h in hits]))).all()} if hits else {}
    for h in hits:
        r = rows.get(h.doc_id)
        if args.json:
            print(json.dumps({"id": h.doc_id, "score": round(h.score, 4),
                              "snippet": render_snippet(h.snippet, style="brackets"),
                              "type": r.type_code if r else None, "patient": r.patient_id if r else None,
                              "status": r.status if r else None}))
        else:
            style = "ansi" if sys.stdout.isatty() else "brackets"
            print(f"{h.doc_id}  {(r.type_code if r else None) or '-':<9} {render_snippet(h.snippet, style=style)}")
    if not args.json:
        print(f"{len(hits)} hit(s)", file=sys.stderr)
    return 0
