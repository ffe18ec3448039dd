"""Command-line arguments every area's subcommands share (the spine's part of the CLI; the
`himflow` entry point itself, himflow/cli.py, is the composition root)."""

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
