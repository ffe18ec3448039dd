"""Which modules own database tables, all on the one MetaData (``himflow.db.metadata``).

The spine does not import the areas at module level (a stage imports the spine, never the
reverse): ``load_metadata()`` imports the owners listed here by name, so their ``sa.Table``
definitions register on the shared MetaData, and Alembic (``himflow/migrations``) compares and
migrates that one MetaData. A package that adds tables adds its module to ``SCHEMA_OWNERS``
and a revision to ``himflow/migrations/versions``; a module not built in this checkout (a
package being moved or not written yet) is skipped.

An owner may define ``after_migrate(conn)``: an idempotent data repair run after every
``himflow migrate`` (e.g. opaque patient ids for ids that carried the MRN).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from types import ModuleType

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from himflow.metadata import metadata

SCHEMA_OWNERS = (
    "himflow.db",  # documents, history, dead letters, hints, counters, outbox
    "himflow.text_index",  # full-text index (document_text; FTS5 / tsvector by DDL in the revisions)
    "himflow.patients_db",  # patient index, former ids, encounters
    "publishing.publications",  # what was published to the patient record, per document
    "desk.db",  # the review UI: users, sessions, audit, review claims
    "roi.tables",  # release of information: requests, packets, disclosures
    "chart.tables",  # chart completion: reminders sent
)


def owners() -> Iterator[ModuleType]:
    for name in SCHEMA_OWNERS:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name and name.startswith(e.name):
                continue  # area not built in this checkout
            raise


def load_metadata() -> sa.MetaData:
    """The MetaData with every owner's tables on it."""

    for module in owners():
        own = getattr(module, "metadata", metadata)
        if own is not metadata:
            raise TypeError(f"{module.__name__} defines its own MetaData: put its tables on himflow.db.metadata")
    return metadata


def after_migrate_hooks() -> Iterator[Callable[[Connection], object]]:
    for module in owners():
        hook = getattr(module, "after_migrate", None)
        if hook is not None:
            yield hook
