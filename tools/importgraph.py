"""The import graph of himflow's packages and the layering rules it must keep.

    python tools/importgraph.py [--graph] [--json]

Every ``import`` in the shipped packages counts, at module level or inside a function (a
deferred import kept for start-up cost is still a dependency). Rules:

1. Layers, lowest first: ``schemas`` < the spine ``himflow`` < the stages < the review UI
   ``desk`` < the composition root (CLI, embedded stack, worker role table). A module imports
   only its own layer or lower ones.
2. A stage never imports another stage.
   ``reports`` sits in the UI layer beside the desk: it reads every stage's tables.
3. No import cycle between modules.
4. The UI (the desk and the reports) never writes a worker's tables: no ``insert``/``update``/``delete`` on a table object
   it imported from the spine or a stage.

Exit status 1 when a rule is broken; the violations are printed one per line.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("intake", "transcription", "indexing", "publishing", "chart", "roi")
UI = ("desk", "reports")  # reports: read-only figures across the stages, shown on the desk
# The composition root: modules that wire every stage together. Everything else under himflow/
# is the spine.
APP = ("himflow.app", "himflow.cli", "himflow.commands")
PACKAGES = ("schemas", "himflow", *STAGES, *UI)
LAYER = {"schemas": 0, "spine": 1, "stage": 2, "ui": 3, "app": 4}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(mod: str) -> tuple[str, str]:
    """(layer, unit): unit is the stage name for stages, else the layer's name."""
    top = mod.split(".")[0]
    if any(mod == a or mod.startswith(a + ".") for a in APP):
        return "app", "app"
    if top == "schemas":
        return "schemas", "schemas"
    if top == "himflow":
        return "spine", "spine"
    if top in STAGES:
        return "stage", top
    if top in UI:
        return "ui", top
    raise KeyError(mod)


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        base = ROOT / pkg
        if base.is_dir():
            for p in sorted(base.rglob("*.py")):
                if "seed" in p.relative_to(ROOT).parts and p.suffix != ".py":
                    continue
                out[module_name(p)] = p
    return out


def _resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(known: dict[str, Path]) -> dict[str, set[str]]:
    """module -> the known modules it imports (``from a import b`` counts a.b when it is a module)."""
    graph: dict[str, set[str]] = {}
    for mod, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets: set[str] = set()
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(mod, path.name == "__init__.py", node)
                # ``from pkg import sub`` depends on the submodule; on the package itself only
                # when a name comes from its __init__ (every submodule import loads its parent
                # package first: that is Python's mechanics, not a design dependency)
                subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known]
                names = subs + ([base] if len(subs) < len(node.names) else [])
            for n in names:
                while n and n not in known:  # a name inside a module: the module
                    n = n.rpartition(".")[0]
                if n and n != mod:
                    targets.add(n)
        graph[mod] = targets
    return graph


def layering(graph: dict[str, set[str]]) -> list[str]:
    bad = []
    for mod, targets in sorted(graph.items()):
        lm, um = layer_of(mod)
        for t in sorted(targets):
            lt, ut = layer_of(t)
            if LAYER[lt] > LAYER[lm]:
                bad.append(f"layer: {mod} ({lm}) imports {t} ({lt})")
            elif lm == lt == "stage" and um != ut:
                bad.append(f"stage: {mod} ({um}) imports {t} ({ut})")
    return bad


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        work = [(v, iter(sorted(graph.get(v, ()))))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def ui_writes(known: dict[str, Path]) -> list[str]:
    """insert/update/delete calls in the UI on a table imported from the spine or a stage."""
    bad = []
    for mod, path in known.items():
        if layer_of(mod)[0] != "ui":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        foreign: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if layer_of_safe(node.module) in ("spine", "stage"):
                    for a in node.names:
                        foreign[a.asname or a.name] = f"{node.module}.{a.name}"
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("insert", "update", "delete")):
                target = node.func.value
                # db.documents.update()  or  documents.update()
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                    owner = foreign.get(target.value.id)
                    if owner and _is_table(owner, target.attr):
                        bad.append(f"ui-write: {mod}:{node.lineno} {node.func.attr}s {owner}.{target.attr}")
                elif isinstance(target, ast.Name) and target.id in foreign:
                    owner = foreign[target.id]
                    if _is_table(owner.rpartition(".")[0], owner.rpartition(".")[2]):
                        bad.append(f"ui-write: {mod}:{node.lineno} {node.func.attr}s {owner}")
    return bad


def layer_of_safe(mod: str) -> str | None:
    try:
        return layer_of(mod)[0]
    except KeyError:
        return None


def _is_table(module: str, name: str) -> bool:
    """Whether ``module.name`` is an ``sa.Table`` defined at module level (by the source)."""
    known = modules()
    path = known.get(module)
    if path is None:
        return False
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            v = node.value
            return isinstance(v, ast.Call) and getattr(v.func, "attr", getattr(v.func, "id", "")) == "Table"
    return False


def package_graph(graph: dict[str, set[str]]) -> dict[str, list[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for mod, targets in graph.items():
        a = layer_of(mod)[1] if layer_of(mod)[0] == "stage" else layer_of(mod)[0]
        for t in targets:
            b = layer_of(t)[1] if layer_of(t)[0] == "stage" else layer_of(t)[0]
            if a != b:
                out[a].add(b)
    return {k: sorted(v) for k, v in sorted(out.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graph", action="store_true", help="print which layer/stage imports which")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    known = modules()
    graph = imports(known)
    bad = layering(graph) + [f"cycle: {' <-> '.join(c)}" for c in cycles(graph)] + ui_writes(known)
    if args.json:
        print(json.dumps({"graph": package_graph(graph), "violations": bad}, indent=1))
    else:
        if args.graph:
            for a, bs in package_graph(graph).items():
                print(f"{a} -> {', '.join(bs)}")
        for line in bad:
            print(line)
        print(f"{len(known)} modules, {sum(len(v) for v in graph.values())} imports, {len(bad)} violations")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
