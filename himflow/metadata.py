"""The one SQLAlchemy MetaData every area puts its tables on (``himflow.db`` re-exports it).

Its own module so the schema registry and the migrations can name it without importing the
database adapter that runs them (no import cycle)."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
