"""Initial prompts from term lists (package data + a deployment dir) and the lifecycle model."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from transcription import lifecycle
from transcription.lifecycle import LifecycleError
from transcription.transcript import Transcript
from transcription.vocabulary import (
    PROMPT_LEAD,
    available_specialties,
    build_prompt,
    collect_terms,
    prompt_from_terms,
)


def test_prompt_holds_common_specialty_and_medication_terms_with_medications_last():
    prompt = build_prompt(
        specialty="Cardiology", physician=None, medications=["metformin", "lisinopril"]
    )
    assert prompt.startswith(PROMPT_LEAD) and prompt.endswith("metformin, lisinopril.")
    assert "apixaban" in prompt and "hypertension" in prompt


def test_deployment_dir_adds_physician_and_specialty_lists(tmp_path):
    (tmp_path / "physician_dr_kowalczyk-07.txt").write_text(
        "# Dr K's favourites\nsitagliptin\n\nempagliflozin # SGLT2\n"
    )
    (tmp_path / "specialty_cardiology.txt").write_text("sacubitril\n")
    terms = collect_terms(
        specialty="cardiology", physician="Dr Kowalczyk-07", terms_dir=tmp_path
    )
    assert terms[-3:] == ("sacubitril", "sitagliptin", "empagliflozin")


def test_physician_id_cannot_escape_the_terms_dir(tmp_path):
    inner = tmp_path / "terms"
    inner.mkdir()
    (tmp_path / "secret.txt").write_text("leaked\n")
    assert "leaked" not in collect_terms(
        specialty=None, physician="../secret", terms_dir=inner
    )


def test_duplicates_keep_their_latest_position():
    terms = collect_terms(specialty=None, physician=None, medications=["Hypertension"])
    assert terms[-1] == "Hypertension"
    assert sum(t.lower() == "hypertension" for t in terms) == 1


def test_long_prompt_is_cut_from_the_front_keeping_medications():
    many = [f"term{i:03d}" for i in range(300)] + ["metformin"]
    prompt = prompt_from_terms(many, max_chars=200)
    assert (
        len(prompt) <= 200 and prompt.endswith("metformin.") and "term000" not in prompt
    )


def test_specialties_are_discoverable():
    assert {"cardiology", "internal_medicine"} <= set(available_specialties())


# ---- lifecycle: preliminary -> final on the author's signature; versions kept

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _record():
    draft = Transcript(
        text="takes met for him daily", language="en", duration=3.0, model="base"
    )
    return lifecycle.start(
        dictation_id="dict-1", author="dr-a", transcript=draft, at=T0
    )


def test_machine_draft_is_preliminary_version_one():
    rec = _record()
    assert rec.status == "preliminary" and rec.current.version == 1
    assert rec.current.changed_by == "machine:base"


def test_edit_keeps_earlier_versions_and_sign_makes_final():
    rec = lifecycle.edit(
        _record(), text="takes metformin daily", editor="him-tech-3", at=T0
    )
    rec = lifecycle.sign(rec, signer="dr-a", at=T0)
    assert [v.text for v in rec.versions] == [
        "takes met for him daily",
        "takes metformin daily",
        "takes metformin daily",
    ]
    assert [v.status for v in rec.versions] == ["preliminary", "preliminary", "final"]
    assert rec.current.signed_by == "dr-a"


def test_only_the_author_signs():
    with pytest.raises(LifecycleError):
        lifecycle.sign(_record(), signer="dr-b")


def test_final_is_not_edited_but_amended_and_needs_a_new_signature():
    final = lifecycle.sign(_record(), signer="dr-a")
    with pytest.raises(LifecycleError):
        lifecycle.edit(final, text="x", editor="dr-a")
    amended = lifecycle.amend(final, text="takes metformin twice daily", editor="dr-a")
    assert amended.status == "amended" and amended.versions[:-1] == final.versions
    assert lifecycle.sign(amended, signer="dr-a").status == "final"


def test_signing_twice_adds_no_version():
    final = lifecycle.sign(_record(), signer="dr-a")
    assert lifecycle.sign(final, signer="dr-a") == final


def test_the_worker_and_the_cli_build_the_same_options():
    import argparse

    from schemas.events import DocumentRouted
    from transcription import cli
    from transcription.handlers import dictation_options_for
    from transcription.options import dictation_options

    event = DocumentRouted.model_validate({
        "doc_id": "d1", "kind": "dictation", "media_type": "audio/wav", "sha256": "0" * 64,
        "source": {"bucket": "b", "key": "k"}, "hints": {"author": "drokafor"},
    })
    from himflow.settings import load_settings

    settings = load_settings()
    worker = dictation_options_for(event, settings)
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["transcribe", "--author", "drokafor", "x.wav"])
    assert cli.options_from_args(args) == worker == dictation_options(
        author="drokafor", settings=settings
    )
    assert "hypertension" in worker.prompt_terms  # the common list is in both prompts
