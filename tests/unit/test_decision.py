"""The filing decision: auto-file only when every configurable threshold passes."""

from __future__ import annotations

import pytest

from indexing.classify import Classification
from indexing.decision import Thresholds, decide
from indexing.patients import PatientMatch

GOOD_TYPE = Classification(code="18842-5", display="Discharge summary", confidence=0.97)
GOOD_MATCH = PatientMatch(patient_id="p1", score=0.97, method="mrn")


def test_everything_confident_is_auto_filed():
    d = decide(classification=GOOD_TYPE, match=GOOD_MATCH, quality=0.95, flags=())
    assert d.auto_file and d.reasons == ()


def test_every_failing_check_is_listed():
    d = decide(classification=Classification(code="unknown", display="Unknown", confidence=0.0, abstained=True),
               match=PatientMatch(patient_id=None, score=0.4, method="none", reasons=("no-confident-match",)),
               quality=0.3, flags=("upside-down", "blank-page"))
    assert not d.auto_file
    assert set(d.reasons) == {"type:abstained", "patient:unmatched", "patient:no-confident-match", "quality:low",
                              "flag:upside-down", "flag:blank-page"}


@pytest.mark.parametrize("change,reason", [
    ({"classification": GOOD_TYPE.model_copy(update={"confidence": 0.6})}, "type:low-confidence"),
    ({"match": GOOD_MATCH.model_copy(update={"score": 0.86})}, "patient:low-score"),
    ({"match": GOOD_MATCH.model_copy(update={"reasons": ("misfile:birth-date-mismatch",)})},
     "misfile:birth-date-mismatch"),
    ({"quality": 0.5}, "quality:low"),
    ({"quality": float("nan")}, "quality:low"),
    ({"flags": ("duplicate",)}, "flag:duplicate"),
])
def test_one_failing_check_sends_to_review_with_its_reason(change, reason):
    args = {"classification": GOOD_TYPE, "match": GOOD_MATCH, "quality": 0.95, "flags": ()} | change
    d = decide(**args)
    assert not d.auto_file and d.reasons == (reason,)


def test_thresholds_are_configurable():
    lenient = Thresholds(min_type_confidence=0.5, min_match_score=0.8, min_quality=0.4, ignored_flags=("skewed",))
    d = decide(classification=GOOD_TYPE.model_copy(update={"confidence": 0.6}),
               match=GOOD_MATCH.model_copy(update={"score": 0.85}), quality=0.5, flags=("skewed",),
               thresholds=lenient)
    assert d.auto_file
    strict = Thresholds(auto_file_methods=("upload",), always_review_types=("18842-5",))
    d = decide(classification=GOOD_TYPE, match=GOOD_MATCH, quality=0.95, thresholds=strict)
    assert set(d.reasons) == {"patient:method-mrn-needs-review", "type:always-review"}


def test_thresholds_from_environment():
    th = Thresholds.from_env({"HIMFLOW_FILING__MIN_TYPE_CONFIDENCE": "0.7",
                              "HIMFLOW_FILING__IGNORED_FLAGS": "skewed, low-contrast"})
    assert th.min_type_confidence == 0.7 and th.ignored_flags == ("skewed", "low-contrast")
    with pytest.raises(ValueError):
        Thresholds.from_env({"HIMFLOW_FILING__MIN_QUALITY": "2"})
