"""Initial prompts from term lists (package data + a deployment dir)."""

from __future__ import annotations

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
