"""The import graph keeps its layers (issue 17): schemas/ imports nothing of ours; the spine
(himflow/ without its composition root) imports schemas only; a stage imports schemas and the
spine, never another stage, the review desk or the composition root. Read from the source
(every import statement, function-level ones included), not from what happens to load."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("intake", "transcription", "indexing", "chart", "roi", "publishing")
DESK = ("desk",)  # the review UI
REPORTS = ("reports",)  # the department's reports: read every stage, shown on the desk
COMPOSITION_ROOT = ("himflow.app", "himflow.cli", "himflow.commands")
OURS = ("schemas", "himflow", *STAGES, "desk", *REPORTS)
# Known exceptions: none. Nothing may be added here.
KNOWN: set[tuple[str, str]] = set()


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def area(module: str) -> str:
    if _within(module, DESK):
        return "desk"
    if _within(module, COMPOSITION_ROOT):
        return "root"
    top = module.split(".")[0]
    return "spine" if top == "himflow" else top


def imports() -> list[tuple[str, str]]:
    out = []
    for top in OURS:
        for path in sorted((ROOT / top).rglob("*.py")) if (ROOT / top).is_dir() else ():
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                else:
                    continue
                out += [(module, n) for n in names if n.split(".")[0] in OURS]
    return out


ALLOWED = {
    "schemas": {"schemas"},
    "spine": {"schemas", "spine"},
    **{s: {"schemas", "spine", s} for s in STAGES},
    # beside the desk, below the composition root: any stage, the desk's queue definitions
    "reports": {"schemas", "spine", *STAGES, "desk", "reports"},
}


def test_no_import_goes_to_a_higher_layer_or_across_stages():
    bad = sorted((a, b) for a, b in imports()
                 if area(a) in ALLOWED and area(b) not in ALLOWED[area(a)] and (a, b) not in KNOWN)
    assert bad == [], "\n".join(f"{a} ({area(a)}) imports {b} ({area(b)})" for a, b in bad)


def test_the_check_sees_the_imports_it_judges():
    found = set(imports())
    assert ("indexing.analysis", "schemas.claims") in found  # module level
    assert ("indexing.analysis", "indexing.icd") in found  # function level
    assert area("desk.review") == "desk" and area("himflow.cli") == "root" and area("himflow.db") == "spine"
    assert ("reports.queries", "chart.deficiencies") in found and area("reports.web") == "reports"
