"""The one place the desk imports the patient index from.

The patient index tables (patients, former ids, encounters) live in the spine
(``himflow.patients_db``); if they move, only this import changes. ``patients_db`` is None while that area is
absent (a desk without a patient index still serves documents).
"""

from __future__ import annotations

try:
    from himflow import patients_db
except ImportError:  # pragma: no cover - an install without the indexing area
    patients_db = None  # type: ignore[assignment]

try:
    from indexing.patients import name_key
except ImportError:  # pragma: no cover
    name_key = None  # type: ignore[assignment]

__all__ = ["name_key", "patients_db"]
