"""`himflow --help` and every subcommand's --help stay light: the heavy libraries (SQLAlchemy,
pydantic, numpy, torch, FastStream, aiokafka, minio, pdfium, PIL) load only in the command
that uses them. Checked by what a fresh interpreter imported, not by a stopwatch."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "pydantic", "numpy", "torch", "whisper", "faststream", "aiokafka",
         "minio", "pypdfium2", "PIL", "pypdf", "starlette", "uvicorn", "httpx", "asyncio")

PROBE = """
import contextlib, io, json, sys
from himflow.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))
"""


def _imported(*argv: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True,
                         check=True, timeout=60)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _subcommands() -> list[str]:
    from himflow.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


def test_help_loads_no_heavy_library():
    assert _imported("--help").isdisjoint(HEAVY), _imported("--help") & set(HEAVY)


@pytest.mark.parametrize("command", _subcommands())
def test_each_subcommands_help_loads_no_heavy_library(command):
    loaded = _imported(command, "--help")
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
