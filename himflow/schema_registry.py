"""Which areas own database tables. `himflow migrate` creates them all, in this order.

Each area exposes a ``create_schema(engine)`` that is idempotent (create-if-missing)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from sqlalchemy.engine import Engine

SCHEMA_OWNERS = (
    "himflow.db",  # documents, history, dead letters, hints, counters
    "himflow.text_index",  # full-text index (FTS5 / tsvector)
    "himflow.patients_db",  # patient index and encounters
    "indexing.publishing",  # what was published to the patient record, per document
    "indexing.web.db",  # users, sessions, audit, review claims
)


def all_creators() -> Iterator[Callable[[Engine], None]]:
    for name in SCHEMA_OWNERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name and name.startswith(e.name):
                continue  # area not built yet
            raise
        create = getattr(module, "create_schema", None)
        if create is None and hasattr(module, "metadata"):
            create = module.metadata.create_all
        if create is None:
            raise AttributeError(f"{name} defines neither create_schema nor metadata")
        yield create
