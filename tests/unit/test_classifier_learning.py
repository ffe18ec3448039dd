"""Learning from corrections: retrain, versioned registry, rollback, evaluation report."""

from __future__ import annotations

import random

import pytest

from himflow.errors import RejectedInput
from indexing.classify import Classifier, ModelRegistry, build_default, evaluate, retrain
from indexing.classify.evaluate import report_from_pairs
from indexing.doctypes import DEFAULT_DOCTYPES, DocType

DENTAL = DocType(code="34133-9", display="Dental chart note", keywords=("dental chart",))
TYPES = (*DEFAULT_DOCTYPES, DENTAL)


def dental_note(rng: random.Random) -> str:
    tooth = rng.randrange(1, 33)
    surface = rng.choice(("mesial", "distal", "occlusal", "buccal", "lingual"))
    return "\n".join([
        rng.choice(("Clinic visit", "Oral health visit", "Chairside record")),
        f"Tooth #{tooth}: {surface} caries noted; {rng.choice(('composite restoration', 'amalgam filling', 'sealant'))} placed.",
        f"Periodontal probing depths {rng.randrange(2, 6)} mm; gingiva {rng.choice(('pink and firm', 'mildly inflamed'))}.",
        f"Prophylaxis and fluoride varnish applied. Bitewing radiographs {rng.choice(('taken', 'reviewed'))}.",
        f"Next recall in {rng.choice(('six months', 'three months'))} for cleaning and enamel check.",
    ])


@pytest.fixture(scope="module")
def base() -> Classifier:
    return build_default(TYPES)


@pytest.fixture(scope="module")
def retrained(base) -> Classifier:
    rng = random.Random(5)
    corrections = [(dental_note(rng), DENTAL.code) for _ in range(25)]
    return retrain(corrections, base=base)


def test_retraining_on_approved_corrections_learns_a_type_the_seed_never_had(base, retrained):
    rng = random.Random(99)
    unseen = [dental_note(rng) for _ in range(15)]
    assert DENTAL.code not in base.classes
    assert all(base.classify(t).code != DENTAL.code for t in unseen)
    got = [retrained.classify(t).code for t in unseen]
    assert got.count(DENTAL.code) >= 13
    assert retrained.meta["corrections"] == 25


def test_retraining_keeps_the_seed_types(retrained):
    from indexing.seed.corpus import generate

    report = evaluate(retrained, generate(style="heldout", per_type=5, seed=3))
    assert report.accuracy >= 0.85


def test_retraining_refuses_labels_outside_the_configured_types(base):
    with pytest.raises(RejectedInput):
        retrain([("some text about a thing", "99999-9")], base=base)


def test_registry_versions_activate_and_roll_back(tmp_path, base, retrained):
    reg = ModelRegistry(tmp_path / "models")
    assert reg.active() is None
    v1 = reg.save(base, note="seed")
    v2 = reg.save(retrained, note="corrections", metrics={"macro_f1": 0.97})
    assert (v1, v2) == ("v0001", "v0002")
    reg.activate(v1)
    reg.activate(v2)
    assert reg.active_version == "v0002"
    assert DENTAL.code in reg.active().classes
    assert reg.rollback() == "v0001"
    assert DENTAL.code not in reg.active().classes
    assert reg.rollback() is None  # back to the seed default
    assert reg.active() is None
    assert [v.version for v in reg.versions()] == ["v0001", "v0002"]
    assert reg.versions()[1].metrics == {"macro_f1": 0.97}


def test_registry_refuses_tampered_files_and_foreign_paths(tmp_path, base):
    reg = ModelRegistry(tmp_path)
    v = reg.save(base)
    path = tmp_path / f"{v}.json"
    path.write_bytes(path.read_bytes().replace(b'"temperature"', b'"temperaturE"'))
    with pytest.raises(RejectedInput):
        reg.load(v)
    with pytest.raises(RejectedInput):
        reg.activate(v)
    for bad in ("../v0001", "/etc/passwd", "v1/../../x"):
        with pytest.raises(RejectedInput):
            reg.load(bad)


def test_model_files_are_refused_when_not_a_classifier():
    with pytest.raises(RejectedInput):
        Classifier.from_json(b'{"format": "something-else"}')
    with pytest.raises(RejectedInput):
        Classifier.from_json(b"\x80\x04\x95 pickle bytes")


def test_report_computes_per_class_precision_recall_f1_and_confusion():
    pairs = [("A", "A"), ("A", "A"), ("A", "B"), ("B", "B"), ("B", "unknown"), ("C", "A")]
    r = report_from_pairs(pairs)
    per = {m.code: m for m in r.per_class}
    assert per["A"].precision == pytest.approx(2 / 3, abs=1e-4) and per["A"].recall == pytest.approx(2 / 3, abs=1e-4)
    assert per["B"].precision == pytest.approx(0.5) and per["B"].recall == pytest.approx(0.5)
    assert per["C"].f1 == 0.0
    assert r.macro_f1 == pytest.approx((2 / 3 + 0.5 + 0) / 3, abs=1e-3)
    assert r.labels == ("A", "B", "C", "unknown")
    assert r.confusion[0] == (2, 1, 0, 0) and r.confusion[1] == (0, 1, 0, 1) and r.confusion[2] == (1, 0, 0, 0)
    assert r.abstained == 1
    assert "unknown" in r.confusion_table()


def test_concurrent_saves_from_separate_registries_get_distinct_versions(tmp_path, base):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        versions = list(pool.map(lambda _: ModelRegistry(tmp_path).save(base), range(6)))
    assert sorted(versions) == [f"v{i:04d}" for i in range(1, 7)]
    assert [v.version for v in ModelRegistry(tmp_path).versions()] == sorted(versions)
