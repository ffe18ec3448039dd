"""Alembic environment: migrates the one MetaData (``himflow.schema_registry``).

Called by ``runner.upgrade`` with an open, locked connection in ``config.attributes``; from the
``alembic`` command line (new revisions) it connects to ``sqlalchemy.url`` from alembic.ini's
``-x url=...`` or the settings' database (``HIMFLOW_DATABASE_URL`` / the data dir).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from himflow import schema_registry
from himflow.migrations.runner import include_object
from himflow import db
from himflow.settings import load_settings

config = context.config
target_metadata = schema_registry.load_metadata()


def _run(conn: Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=target_metadata,
        include_object=include_object,
        compare_type=True,
        render_as_batch=conn.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        _run(conn)
        return

    url = context.get_x_argument(as_dictionary=True).get("url") or load_settings().db_url
    engine = db.make_engine(url)
    with engine.begin() as c:
        _run(c)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("himflow migrations run online only (they inspect the database)")
run()
