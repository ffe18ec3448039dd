"""Document-type classifier: held-out synthetic documents, abstention, evidence, config."""

from __future__ import annotations

import json

import pytest

from indexing.classify import Classifier, build_default, evaluate
from indexing.doctypes import DEFAULT_DOCTYPES, UNKNOWN, load_doctypes
from indexing.seed.corpus import generate


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return build_default(DEFAULT_DOCTYPES)


@pytest.fixture(scope="module")
def heldout() -> list[tuple[str, str]]:
    # Odd-position templates: titles, headings and sentences the model never saw.
    return generate(style="heldout", per_type=12, seed=2024)


def test_heldout_documents_from_unseen_templates_are_classified_accurately(clf, heldout):
    report = evaluate(clf, heldout)
    assert report.documents == 16 * 12
    assert report.accuracy >= 0.9
    assert report.macro_f1 >= 0.9
    assert all(m.recall >= 0.6 for m in report.per_class)


def test_every_issue_document_type_is_known_to_the_seed_model(clf):
    required = {"18842-5", "11488-4", "34117-2", "11506-3", "28570-0", "11504-8", "18748-4", "11502-2",
                "11526-1", "34111-5", "57133-1", "59284-0", "64290-0", "57833-6", "42348-3", "101904-1"}
    assert required <= set(clf.classes)


@pytest.mark.parametrize("text", [
    "qwpoeiru zmxncbv alskdjfh pqowieur mznxbcv lakjsdhf qpwoeiru zmxncb",
    "Resumen de alta. Paciente de 65 años ingresado por neumonía adquirida en la comunidad. "
    "Se trató con ceftriaxona y evolucionó favorablemente. Diagnóstico al alta: neumonía. "
    "Medicamentos al alta: lisinopril 10 mg diario. Control en dos semanas con su médico.",
    "Der Patient wurde mit einer Lungenentzündung stationär aufgenommen und mit Antibiotika "
    "behandelt. Entlassung nach Hause in gutem Allgemeinzustand.",
])
def test_gibberish_and_other_languages_abstain_to_unknown(clf, text):
    c = clf.classify(text)
    assert c.abstained
    assert c.code == UNKNOWN.code
    assert c.confidence == 0.0


@pytest.mark.parametrize("text", ["", "   \n\n ", "ok"])
def test_empty_or_tiny_text_abstains(clf, text):
    c = clf.classify(text)
    assert c.abstained and c.evidence[0] == "too-little-text"


def test_result_has_calibrated_confidence_sorted_alternatives_and_title_evidence(clf):
    text = ("DISCHARGE SUMMARY\n\nAdmission Date: 01/02/2024\nHospital Course: admitted with pneumonia, "
            "treated with ceftriaxone.\nDischarge Medications: lisinopril.\nFollow-up with primary care.")
    c = clf.classify(text)
    assert c.code == "18842-5" and not c.abstained
    assert 0.5 <= c.confidence <= 1.0
    confs = [p for _, _, p in c.alternatives]
    assert confs == sorted(confs, reverse=True) and all(p <= c.confidence for p in confs)
    assert any(e.startswith("title:") for e in c.evidence)


def test_noisy_documents_get_lower_confidence_than_clean_ones(clf):
    clean = [clf.classify(t).confidence for t, _ in generate(style="train", per_type=4, seed=77)]
    noisy = [clf.classify(t).confidence for t, _ in generate(style="noisy", per_type=4, seed=77)]
    assert sum(noisy) / len(noisy) < sum(clean) / len(clean)


def test_abstention_threshold_is_a_setting(clf, heldout):
    strict = clf.with_settings(abstain_below=0.999999)
    results = [strict.classify(t) for t, _ in heldout[:40]]
    assert any(r.abstained for r in results)
    assert all(r.code == UNKNOWN.code for r in results if r.abstained)


def test_a_5mb_text_is_classified_on_its_start(clf):
    head = "PROGRESS NOTE\nSubjective: feels better today.\nObjective: afebrile, vitals stable.\n"
    c = clf.classify(head + "Plan: continue current management. " * 160_000)
    assert len(head) + 35 * 160_000 > 5_000_000
    assert c.code == "11506-3"
    assert "classified-on-first-chars" in c.evidence


def test_configured_extra_type_is_answered_from_its_title_but_below_auto_file(clf, tmp_path, monkeypatch):
    extra = tmp_path / "types.json"
    extra.write_text(json.dumps([
        {"code": "34133-9", "display": "Summary of episode note", "keywords": ["episode summary"]},
        {"code": "57833-6", "remove": True},
    ]))
    monkeypatch.setenv("HIMFLOW_DOCTYPES_FILE", str(extra))
    types = load_doctypes()
    assert "34133-9" in {d.code for d in types} and "57833-6" not in {d.code for d in types}
    configured = Classifier.from_dict(clf.to_dict(), doctypes=types)
    c = configured.classify("EPISODE SUMMARY\n\nThe patient was seen several times for hypertension "
                            "and diabetes; blood pressure controlled, follow up with primary care.")
    assert c.code == "34133-9"
    assert c.confidence == pytest.approx(0.6)
    rx = "PRESCRIPTION\nMedication: lisinopril 10 mg\nSig: take one tablet by mouth daily\nDispense: #30\nRefills: 2"
    assert configured.classify(rx).code != "57833-6"


def test_model_round_trips_through_json_without_pickle(clf, heldout):
    data = clf.to_json()
    assert data.lstrip().startswith(b"{")
    again = Classifier.from_json(data)
    for text, _ in heldout[:20]:
        a, b = clf.classify(text), again.classify(text)
        assert a.code == b.code
        assert a.confidence == pytest.approx(b.confidence, abs=0.02)


def test_load_default_caches_the_seed_model_as_json(tmp_path_factory, monkeypatch):
    from indexing.classify import classifier as mod

    cache = tmp_path_factory.getbasetemp() / "model-cache"  # shared with the CLI tests
    monkeypatch.setenv("HIMFLOW_MODEL_CACHE", str(cache))
    mod._load_default_cached.cache_clear()
    try:
        first = Classifier.load_default()
        cached = list((cache / "himflow").glob("doctype-model-*.json"))
        assert len(cached) == 1
        mod._load_default_cached.cache_clear()
        second = Classifier.load_default()
        text = "OPERATIVE REPORT\nPreoperative diagnosis: acute appendicitis.\nProcedure: laparoscopic appendectomy."
        assert first.classify(text).code == second.classify(text).code == "11504-8"
    finally:
        mod._load_default_cached.cache_clear()
