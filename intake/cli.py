"""`himflow ocr FILE...` and `himflow coversheet`: the scan pipeline on local files.

No broker, no store: the same ``ocr_file`` the OCR worker runs, pages spread over a process
pool (one single-threaded tesseract per core). Rejections print the reason code and a detail
without PHI, and make the exit code 1; the other files are still processed.


Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _page_json(page) -> dict:
    return {
        "number": page.number,
        "text": page.text,
        "confidence": page.confidence,
        "source": page.source,
        "rotation": page.rotation,
        "flags": list(page.flags),
    }


def _run_ocr(args: argparse.Namespace) -> int:
    # Imported at the point of use, for `himflow --help`'s start-up (pydantic, numpy, pdfium).
    from himflow.errors import HimflowError
    from intake.ocr import OcrOptions, make_pool, ocr_file
    from intake.searchable import make_searchable_pdf

    options = OcrOptions(
        dpi=args.dpi, language=args.lang, page_timeout_s=args.page_timeout,
        max_pages=args.max_pages,
    )
    status = 0
    pool = make_pool(args.jobs) if args.jobs != 1 else None
    try:
        for name in args.files:
            path = Path(name)
            try:
                result = ocr_file(path, options=options, pool=pool)
            except HimflowError as e:
                status = 1
                error = {"reason": e.reason.value, "detail": e.detail}
                if args.json:
                    print(json.dumps({"file": name, "error": error}), flush=True)
                else:
                    print(f"{name}: rejected ({e.reason.value}): {e.detail}", file=sys.stderr)
                continue
            if args.searchable_dir:
                args.searchable_dir.mkdir(parents=True, exist_ok=True)
                make_searchable_pdf(path, result, args.searchable_dir / f"{path.stem}.pdf")
            if args.json:
                line = {
                    "file": name,
                    "pages": [_page_json(p) for p in result.pages],
                    "text": result.text,
                    "confidence": result.confidence,
                    "flags": list(result.flags),
                    "segments": [s.model_dump() for s in result.segments],
                }
                print(json.dumps(line, ensure_ascii=False), flush=True)
            else:
                print(f"== {name}: {len(result.pages)} page(s), confidence "
                      f"{result.confidence:.2f}, flags: {', '.join(result.flags) or '-'}")
                for page in result.pages:
                    print(f"-- page {page.number} [{page.source}, rotation {page.rotation}, "
                          f"confidence {page.confidence:.2f}] {' '.join(page.flags)}")
                    if page.text:
                        print(page.text)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return status


def _run_coversheet(args: argparse.Namespace) -> int:
    # lazy imports: `himflow --help` start-up
    from intake.coversheet import render_coversheet

    if args.patient is None and args.type is None:
        print("coversheet: give --patient and/or --type", file=sys.stderr)
        return 2
    try:
        out = render_coversheet(mrn=args.patient, document_type=args.type, out=args.output)
    except ValueError as e:
        print(f"coversheet: {e}", file=sys.stderr)
        return 2
    print(out)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ocr", help="OCR local scans (PDF, TIFF, PNG, JPEG); no stack needed")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON line per file")
    p.add_argument("--jobs", type=int, default=0,
                   help="OCR processes (default: one per core; 1 = in this process)")
    p.add_argument("--dpi", type=int, default=300)
    p.add_argument("--lang", default="eng")
    p.add_argument("--page-timeout", type=float, default=120.0, help="seconds per page")
    p.add_argument("--max-pages", type=int, default=300)
    p.add_argument("--searchable-dir", type=Path, default=None,
                   help="also write a searchable PDF per file into this directory")
    p.set_defaults(func=_run_ocr)

    c = sub.add_parser("coversheet", help="print a barcode cover sheet for batch scanning")
    c.add_argument("--patient", metavar="MRN", default=None)
    c.add_argument("--type", metavar="LOINC", default=None, help="document type, e.g. 18842-5")
    c.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    c.set_defaults(func=_run_coversheet)
