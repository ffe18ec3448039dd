"""The classifier learns from what records staff confirmed: retrain from approvals, a new
version activated only when not worse on held-out labels, rollback, and the worker follows
the active version."""

from __future__ import annotations

import random

import pytest

from himflow import db
from himflow import text_index as store
from himflow.settings import Settings
from himflow import text_index as store
from indexing.analysis import load_classifier
from indexing.learning import approved_labels, retrain_from_approvals

CONSENT = "59284-0"
WORDS = "plan tablet daily clinic ward review signed form copy page office".split()


def _house_form(rng: random.Random) -> str:
    # A hospital's own consent form whose wording the seed corpus never saw.
    filler = " ".join(rng.choice(WORDS) for _ in range(25))
    return f"ZORVEX AUTHORIZATION SHEET\nQuellmark agreement to the zorvex pathway. {filler}\nZorvex witness line."


@pytest.fixture
def settings(tmp_path):
    s = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'l.db'}")
    db.migrate(db.make_engine(s.db_url))
    return s


def _confirmed(engine, doc_id, text, code, *, by_person=True):
    with engine.begin() as conn:
        db.upsert_document(conn, doc_id, status="filed", kind="scan", type_code=code)
        store.index_text(conn, doc_id, text)
        if by_person:
            db.add_history(conn, doc_id, stage="review", status="filed", detail="approved")


def test_retraining_on_confirmed_types_activates_a_better_version_and_rollback_restores(settings):
    engine = db.make_engine(settings.db_url)
    rng = random.Random(4)
    for i in range(60):
        _confirmed(engine, f"d{i:03d}", _house_form(rng), CONSENT)
    _confirmed(engine, "machine", _house_form(rng), "11506-3", by_person=False)  # never a label
    assert {c for _, _, c in approved_labels(engine)} == {CONSENT}
    probe = _house_form(random.Random(99))
    before = load_classifier(settings).classify(probe)
    assert before.code != CONSENT or before.abstained

    out = retrain_from_approvals(settings, engine=engine)
    assert out.activated and out.labels == 60 and out.held_out > 0
    assert out.macro_f1_new >= out.macro_f1_active
    after = load_classifier(settings).classify(probe)  # the worker's loader follows the registry
    assert after.code == CONSENT and not after.abstained

    from indexing.classify import ModelRegistry
    from indexing.learning import registry_dir

    assert ModelRegistry(registry_dir(settings)).rollback() is None  # back to the seed model
    assert load_classifier(settings).classify(probe).code == before.code
