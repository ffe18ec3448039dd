"""The dictation sign-off rule (schemas.dictation), as the review desk applies it: only the
author saves or signs, versions count up, a signed version is never changed, and the
signature files a dictation only when nothing else was missing. The desk's behaviour over
HTTP is in test_web_review.py and test_filing_rules.py."""

from __future__ import annotations

import pytest

from schemas import dictation
from schemas.reasons import AWAITING_SIGNATURE, SIGNED, UNSIGNED_DICTATION


def _save(**over):
    args = dict(kind="dictation", author="dr-a", editor="dr-a", latest_version=0, latest_status=None,
                text="takes metformin daily", sign=False)
    args.update(over)
    return dictation.next_version(**args)


def test_the_author_saves_preliminary_versions_and_the_signature_makes_the_next_one_final():
    assert _save() == (1, "preliminary")
    assert _save(latest_version=1, latest_status="preliminary") == (2, "preliminary")
    assert _save(latest_version=2, latest_status="preliminary", sign=True) == (3, "final")


@pytest.mark.parametrize("over", [dict(editor="dr-b"), dict(author=None), dict(kind="scan")])
def test_nobody_but_the_dictating_author_saves_or_signs(over):
    with pytest.raises(dictation.SignOffRefused, match="not your dictation"):
        _save(sign=True, **over)


def test_a_signed_version_is_never_changed_again():
    with pytest.raises(dictation.SignOffRefused, match="signed"):
        _save(latest_version=3, latest_status="final", text="changed")


def test_an_overlong_transcript_is_refused():
    with pytest.raises(dictation.SignOffRefused, match="too long"):
        _save(text="x" * (dictation.MAX_TRANSCRIPT_CHARS + 1))


def test_a_clerks_approval_of_an_unsigned_dictation_waits_for_the_author():
    assert dictation.approval_waits_for_signature(kind="dictation", signed=False)
    assert not dictation.approval_waits_for_signature(kind="dictation", signed=True)
    assert not dictation.approval_waits_for_signature(kind="scan", signed=False)
    assert dictation.REASONS_AFTER_APPROVAL == (UNSIGNED_DICTATION, AWAITING_SIGNATURE)


def test_the_signature_files_only_when_nothing_else_was_missing():
    ready = dict(status="review", patient_id="P1", type_code="11506-3")
    assert dictation.files_on_signature(**ready, reasons=[UNSIGNED_DICTATION, AWAITING_SIGNATURE])
    assert dictation.files_on_signature(**ready, reasons=[UNSIGNED_DICTATION, "flag:low-confidence-words"])
    # records staff still have to check it: the signature marks it, their approval files it
    blocked = [UNSIGNED_DICTATION, "type:low-confidence"]
    assert not dictation.files_on_signature(**ready, reasons=blocked)
    assert dictation.reasons_when_signed(blocked) == ["type:low-confidence", SIGNED]
    assert not dictation.files_on_signature(**{**ready, "patient_id": None}, reasons=[AWAITING_SIGNATURE])
    assert not dictation.files_on_signature(**{**ready, "type_code": "unknown"}, reasons=[AWAITING_SIGNATURE])
    assert not dictation.files_on_signature(**{**ready, "status": "filed"}, reasons=[AWAITING_SIGNATURE])
