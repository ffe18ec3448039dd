"""Arguments every area's subcommands share (kept light: argparse only, so `--help` stays fast).
The areas' `register(subparsers)` functions use these; himflow.cli assembles them."""

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
