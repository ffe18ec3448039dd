"""tools/importgraph.py over the whole tree: no import to a higher layer, no stage importing
another stage, the desk writing no worker's table, and no import cycle. Nothing may be added
to KNOWN."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KNOWN: set[str] = set()


def _tool():
    spec = importlib.util.spec_from_file_location("importgraph", ROOT / "tools" / "importgraph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_import_graph_keeps_its_layers_and_has_no_new_cycle():
    tool = _tool()
    known = tool.modules()
    graph = tool.imports(known)
    found = tool.layering(graph) + [f"cycle: {' <-> '.join(c)}" for c in tool.cycles(graph)] + tool.ui_writes(known)
    assert set(found) <= KNOWN, "\n".join(sorted(set(found) - KNOWN))


def test_the_check_sees_what_it_judges():
    tool = _tool()
    graph = tool.imports(tool.modules())
    assert "schemas.claims" in graph["indexing.analysis"]  # module level
    assert "himflow.app.worker" in graph["himflow.commands.stack"]  # inside a function
    assert tool.cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert tool.layering({"himflow.db": {"indexing.analysis"}, "indexing.analysis": set()}) != []
