"""`himflow` command line. Thin: each area registers its own subcommands.

Every module in COMMAND_MODULES exposes ``register(subparsers)``; each subparser sets
``func=callable(args) -> int`` (the exit code). Commands that need a running stack find it
through ``--data-dir`` (or HIMFLOW_DATA_DIR).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from himflow.cliargs import add_data_dir, command_group  # noqa: F401  (re-exported)

from himflow.filemodes import private_umask

COMMAND_MODULES = (
    "himflow.commands.stack",  # up, worker, status, reconcile, dlq
    "himflow.commands.documents",  # upload, watch, search
    "intake.cli",  # ocr, coversheet
    "transcription.cli",  # transcribe
    "indexing.cli",  # classify, patients
    "desk.cli",  # web, users, record token
    "himflow.commands.record",  # record tail
    "chart.cli",  # deficiencies
    "roi.cli",  # roi request, advance, release, accounting
    "reports.cli",  # report
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="himflow", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:  # an area not built yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # What any command writes (database, settings, logs, exports) is the owner's only.
    private_umask()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
