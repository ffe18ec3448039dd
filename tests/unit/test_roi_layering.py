"""roi is a stage: it imports schemas/ and the spine (not the CLI or the worker launcher), and
reaches other areas only through its one adapter, roi/chart_access.py."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OTHER_AREAS = ("indexing", "intake", "transcription", "chart", "desk")
APP = ("himflow.cli", "himflow.app", "himflow.commands")
ADAPTER = "roi/chart_access.py"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_adapter_imports_another_area_and_nothing_imports_the_app_layer():
    offenders = []
    for path in sorted((ROOT / "roi").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for name in _imports(path):
            top = name.split(".")[0]
            if name.startswith(APP) or (top in OTHER_AREAS and rel != ADAPTER):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []
    assert {n.split(".")[0] for n in _imports(ROOT / ADAPTER)} & set(OTHER_AREAS) == set()  # the patient index and text index now live in the spine


def test_security_labels_for_publishing_are_read_from_the_documents_text(tmp_path):
    from himflow.db import make_engine, migrate
    from roi.sensitivity import security_labels_for

    engine = make_engine(f"sqlite:///{tmp_path / 'h.db'}")
    migrate(engine)
    with engine.begin() as conn:
        first = security_labels_for(conn, "doc-1", "Methadone maintenance for opioid use disorder.")
        again = security_labels_for(conn, "doc-1")  # stored labels, no text needed
        plain = security_labels_for(conn, "doc-2", "Sprained ankle, ice and rest.")
    assert {c["code"] for c in first} == {"R", "ETH", "42CFRPart2"} and again == first
    assert plain == []
    engine.dispose()
