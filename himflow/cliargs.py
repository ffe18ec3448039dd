"""Argument helpers every area's command module uses (spine: areas import this, never the
command line's composition root ``himflow.cli``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the stack's data dir (default: $HIMFLOW_DATA_DIR or ~/.local/share/himflow)",
    )


def command_group(sub: argparse._SubParsersAction, name: str, *, help: str) -> argparse._SubParsersAction:
    """The ACTION sub-parsers of the top-level command ``name``, made on first use, so two
    areas can add actions to one command (``record tail`` from indexing, ``record token``
    from the desk) without importing each other. The first caller's ``help`` is shown."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help)
        parser.add_subparsers(dest=f"{name}_command", required=True, metavar="ACTION")
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
