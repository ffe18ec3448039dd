"""The desk's import structure: the app imports its route modules (through desk.routes), never
the other way round, and no desk module reaches for another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

DESK = Path(__file__).resolve().parents[2] / "desk"


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every ``from module import name`` and ``import module`` in a file,
    at any depth (function-level imports count too)."""
    out: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.extend((node.module, a.name) for a in node.names)
        elif isinstance(node, ast.Import):
            out.extend((a.name, "") for a in node.names)
    return out


def test_no_desk_module_but_the_entry_points_imports_the_app():
    importers = sorted(p.name for p in DESK.glob("*.py")
                       if any(m == "desk.app" or (m == "desk" and n == "app")
                              for m, n in _imports(p)))
    # cli.py starts the app. Route modules and services never import it.
    assert set(importers) <= {"cli.py"}, importers


def test_every_route_module_is_listed_once_and_has_routes():
    from desk import routes

    assert len(set(routes.ROUTE_MODULES)) == len(routes.ROUTE_MODULES)
    on_disk = {f"desk.{p.stem}" for p in DESK.glob("routes_*.py")}
    assert on_disk <= set(routes.ROUTE_MODULES)
    for module in routes.modules():
        assert module.ROUTES, module.__name__


def test_no_private_names_used_across_modules():
    """Neither ``from desk.x import _name`` nor ``x._name`` on an imported module."""
    offenders = [(p.name, m, n) for p in DESK.glob("*.py") for m, n in _imports(p)
                 if n.startswith("_") and not n.startswith("__")]
    for p in DESK.glob("*.py"):
        modules = {n for m, n in _imports(p) if m == "desk"} | {
            (a or m).rsplit(".", 1)[-1] for m, a in _imports(p) if m.startswith("desk.") and not a}
        for node in ast.walk(ast.parse(p.read_text())):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in modules and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                offenders.append((p.name, node.value.id, node.attr))
    assert offenders == []


def test_shipped_packages_never_import_test_helpers():
    """Test and benchmark helpers (tests/resources: the desk's testkit, synthetic documents)
    stay out of the installed package."""
    root = DESK.parent
    shipped = ("himflow", "schemas", "intake", "transcription", "indexing", "desk", "chart", "reports")
    offenders = [str(p.relative_to(root)) for pkg in shipped for p in (root / pkg).rglob("*.py")
                 if any(m == "tests" or m.startswith("tests.") for m, _ in _imports(p))]
    assert offenders == []


def test_the_desk_writes_only_its_own_tables():
    """Documents, history, outbox, hints, dead letters and the text index change only through
    the service functions the workers use (himflow.db.upsert_document / add_history / enqueue,
    himflow.upload.store_and_announce, himflow.deadletters.requeue, himflow.text_index.index_text):
    no desk module builds an INSERT, UPDATE or DELETE on a table that is not the desk's."""
    import importlib

    import sqlalchemy as sa

    from desk import db as desk_db

    own = {v.name for v in vars(desk_db).values() if isinstance(v, sa.Table)}
    writes = []  # (file, SQL table name) of every table.insert()/update()/delete() call
    for path in DESK.glob("*.py"):
        module = vars(importlib.import_module(f"desk.{path.stem}"))
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("insert", "update", "delete")
                    and isinstance(node.func.value, ast.Name)
                    and isinstance(module.get(node.func.value.id), sa.Table)):
                writes.append((path.name, module[node.func.value.id].name))
    assert any(t in own for _, t in writes), "the check found none of the desk's own writes"
    assert [(f, t) for f, t in writes if t not in own] == []
