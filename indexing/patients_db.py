"""Moved to himflow/patients_db.py (the spine: stages and the review UI share it). This alias keeps
`indexing.patients_db` importing the same module object until every caller imports the new path."""

import sys

from himflow import patients_db

sys.modules[__name__] = patients_db
