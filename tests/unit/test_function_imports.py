"""Imports sit at module level unless they are there for a reason that is written down
(issue 17.9): an import inside a function carries a comment on its line or on the line
above its group of imports (start-up cost of a heavy engine, the engine's own process, an
optional dependency, a cycle), or lives in a command module (`cli.py`, `himflow/commands/`),
whose docstring says that its commands load what they use when they run, so that `himflow
--help` stays light (tests/unit/test_cli_startup.py)."""

from __future__ import annotations

import ast
from pathlib import Path

from tools.importgraph import PACKAGES  # every shipped package, as the layering check sees them

ROOT = Path(__file__).resolve().parents[2]


def _command_module(path: Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return path.name == "cli.py" or rel.startswith("himflow/commands/")


def _explained(lines: list[str], node: ast.stmt) -> bool:
    if "#" in lines[node.lineno - 1]:
        return True
    i = node.lineno - 2  # walk up over the imports of the same group to the comment above them
    while i >= 0:
        line = lines[i].strip()
        if line.startswith("#") or ("#" in line and line.startswith(("import ", "from "))):
            return True
        if not line.startswith(("import ", "from ", ")")) and not line.endswith(","):
            return False
        i -= 1
    return False


def unexplained_function_imports() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations/versions" in path.as_posix():
                continue
            source = path.read_text()
            tree = ast.parse(source)
            if _command_module(path):
                doc = ast.get_docstring(tree) or ""
                if "start-up" in doc:
                    continue
            lines = source.splitlines()
            for fn in ast.walk(tree):
                if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and not _explained(lines, node):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return sorted(set(found))


def test_every_import_inside_a_function_says_why_it_is_there():
    assert unexplained_function_imports() == []


def test_the_check_tells_an_explained_import_from_a_bare_one():
    bare = "def f():\n    import json\n    return json\n"
    above = "def f():\n    # heavy: loaded on first use\n    import json\n    import csv\n"
    for source, expected in ((bare, [False]), (above, [True, True])):
        fn = ast.parse(source).body[0]
        assert isinstance(fn, ast.FunctionDef)
        imports = [n for n in fn.body if isinstance(n, ast.Import)]
        assert [_explained(source.splitlines(), n) for n in imports] == expected
