"""The gates CI runs: `ruff check` and `mypy` (pydantic plugin) over every shipped package are
clean. CI runs only the README's test command, so the gates live here; the rule set, the mypy
options and the list of untyped third-party libraries are in pyproject.toml. A failure prints the
tool's own report."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def shipped_packages() -> list[str]:
    """Top-level packages that pyproject ships (its packages.find include patterns) and that
    exist in this tree: packages added or moved later are checked without editing this file."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    found = sorted(
        d.name for d in ROOT.iterdir()
        if (d / "__init__.py").is_file() and any(fnmatch.fnmatchcase(d.name, p) for p in patterns)
    )
    assert found, f"no package of {patterns} under {ROOT}"
    return found


def _run(*argv: str, timeout: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_the_gates_cover_the_core_packages():
    assert {"himflow", "schemas", "intake"} <= set(shipped_packages())


def test_ruff_finds_nothing_in_the_shipped_packages():
    out = _run("ruff", "check", "--no-cache", "--output-format", "concise", *shipped_packages(),
               timeout=300)
    assert out.returncode == 0, f"ruff check failed:\n{out.stdout}{out.stderr}"


@pytest.mark.slow
def test_mypy_finds_nothing_in_the_shipped_packages():
    out = _run("mypy", "--cache-dir", str(ROOT / ".mypy_cache"), *shipped_packages(), timeout=1500)
    assert out.returncode == 0, f"mypy failed:\n{out.stdout}{out.stderr}"
