"""The import graph by layer (every import, module level or in a function): schemas/ lowest,
the spine (himflow/) above it, the stages above the spine, the review UI above them, the
composition root (himflow/app/, himflow/cli.py, himflow/commands/) on top.

Checked here: the spine imports no stage, no UI and not the composition root; schemas import
nothing of ours; the publishing stage imports only schemas/ and the spine. (The remaining
stage -> stage imports are being taken apart elsewhere: issue 17, item 1.)"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("intake", "transcription", "indexing", "publishing", "chart")
APP = ("himflow.app", "himflow.cli", "himflow.commands")


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(package: str) -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                out += [(_module(path), a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                out.append((_module(path), node.module))
    return out


def _is(mod: str, prefixes: tuple[str, ...]) -> bool:
    return any(mod == p or mod.startswith(p + ".") for p in prefixes)


def test_the_spine_never_imports_a_stage_the_ui_or_the_composition_root():
    bad = [(src, dst) for src, dst in _imports("himflow")
           if not _is(src, APP) and _is(dst, STAGES + APP)]
    assert bad == []


def test_schemas_import_nothing_of_ours():
    assert [(s, d) for s, d in _imports("schemas") if _is(d, ("himflow",) + STAGES)] == []


def test_publishing_imports_only_schemas_and_the_spine():
    ours = ("himflow", "schemas") + STAGES
    bad = [(src, dst) for src, dst in _imports("publishing")
           if _is(dst, ours) and not (_is(dst, ("schemas", "publishing", "himflow")) and not _is(dst, APP))]
    assert bad == []
