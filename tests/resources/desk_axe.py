"""axe-core in the desk's browser tests: the engine that `deploy/install.sh --test` unpacks into
the venv (deploy/axe-core.sh: the npm package, pinned and SHA-256 checked), run in a Playwright
page. Never fetched at run time; a missing engine fails the test (it is not skipped)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

AXE_DIR = Path(sys.prefix) / "share" / "axe-core"
AXE_JS = AXE_DIR / "axe.min.js"
BLOCKING = ("serious", "critical")  # the impacts a page must not have


def axe_source() -> str:
    """The engine's source; an AssertionError naming the install step when it is missing."""
    if not AXE_JS.is_file():
        raise AssertionError(
            f"axe-core is not installed ({AXE_JS} is missing): run deploy/install.sh --test "
            "(or deploy/axe-core.sh .venv) first")
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Any, source: str) -> dict[str, list[dict[str, Any]]]:
    """axe on the page as it is now: ``violations`` and ``incomplete`` (what axe could not
    decide), each rule's id, impact, help, and the elements' selectors and summaries. The
    engine is evaluated through the DevTools protocol, so the desk's Content-Security-Policy
    (no inline script) stays on for the page itself."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source)
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations', 'incomplete']});"
        " const rules = list => list.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));"
        " return {version: axe.version, passes: r.passes.length, violations: rules(r.violations),"
        " incomplete: rules(r.incomplete)}; }")
    assert result["version"] and result["passes"], "axe did not run"
    return {"violations": result["violations"], "incomplete": result["incomplete"]}


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """Readable lines for an assertion message."""
    return "\n".join(f"  {v['impact']}: {v['id']} ({v['help']}): "
                     + "; ".join(n["target"] for n in v["nodes"][:6]) for v in violations)


def write_report(path: Path, results: dict[str, dict[str, list[dict[str, Any]]]]) -> None:
    """Per page, every violation (any impact) and what axe left undecided, for the record."""
    path.write_text(json.dumps(results, indent=1, sort_keys=True))
