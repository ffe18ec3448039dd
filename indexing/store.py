"""Moved to himflow/textindex.py (the spine: stages and the review UI share it). This alias keeps
`indexing.store` importing the same module object until every caller imports the new path."""

import sys

from himflow import textindex

sys.modules[__name__] = textindex
