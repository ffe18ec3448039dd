"""Learning from records staff: retrain the classifier on the types people confirmed.

Labels are only what a person decided (a review-stage history entry on a filed document):
the machine's own auto-filed guesses are never fed back (that would teach it its mistakes).
A retrain is evaluated on a held-out share of those labels against the active model; it is
saved as a new version always, and activated only when it is not worse (or when forced).
Rollback re-activates the previous version. Workers pick the active version up by itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from himflow import db
from himflow.text_index import document_text
from schemas.events import DocumentStatus
from indexing.classify import ModelRegistry, evaluate, retrain

REVIEW_STAGE = "review"


def registry_dir(settings: Any) -> Path:
    return Path(settings.data_dir) / "models" / "classifier"


def approved_labels(engine: Engine) -> list[tuple[str, str, str]]:
    """(doc id, text, LOINC code) for every filed document a person confirmed or corrected."""
    confirmed = sa.exists().where(db.document_history.c.doc_id == db.documents.c.id,
                                  db.document_history.c.stage == REVIEW_STAGE)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(db.documents.c.id, document_text.c.text, db.documents.c.type_code)
            .join(document_text, document_text.c.doc_id == db.documents.c.id)
            .where(db.documents.c.status == DocumentStatus.FILED.value, db.documents.c.type_code.is_not(None),
                   confirmed)
            .order_by(db.documents.c.id)
        ).all()
    return [(r.id, r.text, r.type_code) for r in rows if r.text and r.text.strip()]


def _held_out(doc_id: str, share: float) -> bool:
    return int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


@dataclass(frozen=True)
class RetrainOutcome:
    version: str
    activated: bool
    labels: int
    held_out: int
    macro_f1_new: float | None
    macro_f1_active: float | None
    report: Any  # indexing.classify.evaluate.Report of the new model on the held-out labels


def retrain_from_approvals(settings: Any, *, held_out_share: float = 0.2, force: bool = False,
                           engine: Engine | None = None) -> RetrainOutcome:

    engine = engine or db.make_engine(settings.db_url)
    labels = approved_labels(engine)
    train = [(t, c) for d, t, c in labels if not _held_out(d, held_out_share)]
    test = [(t, c) for d, t, c in labels if _held_out(d, held_out_share)]
    registry = ModelRegistry(registry_dir(settings))
    current = registry.active_or_default()
    new = retrain(train, base=current)
    new_report = evaluate(new, test) if test else None
    old_report = evaluate(current, test) if test else None
    f1_new = new_report.macro_f1 if new_report else None
    f1_old = old_report.macro_f1 if old_report else None
    version = registry.save(new, note=f"retrained on {len(train)} approved labels",
                            metrics={k: v for k, v in (("macro_f1_held_out", f1_new),
                                                       ("macro_f1_previous", f1_old)) if v is not None})
    better = f1_new is None or f1_old is None or f1_new >= f1_old
    if force or better:
        registry.activate(version)
    return RetrainOutcome(version=version, activated=force or better, labels=len(labels), held_out=len(test),
                          macro_f1_new=f1_new, macro_f1_active=f1_old, report=new_report)
