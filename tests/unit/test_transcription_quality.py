"""Pure checks: repetition loops, unheard segments, word flags, renderings, WER (no Whisper)."""

from __future__ import annotations

import numpy as np
import pytest

from transcription.quality import (
    confidence_of,
    cut_repetition_loops,
    drop_unheard_segments,
    find_loop_cuts,
    flag_low_confidence,
    speech_activity,
)
from transcription.transcript import Segment, Transcript, TranscriptFlag, Word
from transcription.wer import wer


def _words(
    text: str, *, start: float = 0.0, step: float = 0.4, prob: float = 0.9
) -> tuple[Word, ...]:
    return tuple(
        Word(
            word=" " + w,
            start=start + i * step,
            end=start + (i + 1) * step,
            probability=prob,
        )
        for i, w in enumerate(text.split())
    )


def _segment(text: str, *, start: float = 0.0, prob: float = 0.9, **kw) -> Segment:
    words = _words(text, start=start, prob=prob)
    fields = {
        "avg_logprob": -0.3,
        "no_speech_prob": 0.05,
        "compression_ratio": 1.3,
    } | kw
    return Segment(
        start=start,
        end=words[-1].end,
        text="".join(w.word for w in words),
        words=words,
        **fields,
    )


def test_repeated_phrase_loop_is_cut_to_its_first_occurrence():
    seg = _segment("the patient denies pain " + "and will follow up " * 6 + "next week")
    (cut,), looped = cut_repetition_loops([seg])
    assert looped
    assert cut.text.strip() == "the patient denies pain and will follow up next week"
    assert len(cut.words) == len(cut.text.split())


def test_single_word_said_twice_is_not_a_loop():
    seg = _segment("no no chest pain today")
    (kept,), looped = cut_repetition_loops([seg])
    assert not looped and kept == seg


def test_word_repeated_many_times_is_a_loop():
    assert find_loop_cuts(["okay", "okay", "okay", "okay", "okay", "then"]) == [(1, 5)]


def test_segment_repeating_the_previous_one_is_dropped():
    a = _segment("blood pressure is well controlled", start=0)
    b = _segment("Blood pressure is well controlled.", start=3)
    c = _segment("continue the current dose", start=6)
    kept, looped = cut_repetition_loops([a, b, c])
    assert looped and [s.start for s in kept] == [0, 6]


def test_low_probability_words_are_flagged():
    seg = _segment("takes metformin daily")
    words = (
        seg.words[0],
        seg.words[1].model_copy(update={"probability": 0.2}),
        seg.words[2],
    )
    (flagged,), any_flagged = flag_low_confidence(
        [seg.model_copy(update={"words": words})], threshold=0.5
    )
    assert any_flagged
    assert [w.flagged for w in flagged.words] == [False, True, False]


def test_silence_and_steady_noise_have_no_speech_but_a_tone_burst_does():
    rate = 16_000
    silence = np.zeros(rate * 5, np.float32)
    noise = np.random.default_rng(1).normal(0, 0.05, rate * 5).astype(np.float32)
    burst = silence.copy()
    t = np.arange(rate) / rate
    burst[rate * 2 : rate * 3] = 0.3 * np.sin(2 * np.pi * 220 * t)
    assert not speech_activity(silence).has_speech
    assert not speech_activity(noise).has_speech
    activity = speech_activity(burst)
    assert activity.has_speech
    assert activity.voiced_seconds_in(2.0, 3.0) > 0.9
    assert activity.voiced_seconds_in(4.0, 5.0) == 0


def test_text_over_silence_and_garbled_decodes_are_dropped():
    rate = 16_000
    audio = np.zeros(rate * 10, np.float32)
    audio[: rate * 3] = 0.3 * np.sin(2 * np.pi * 200 * np.arange(rate * 3) / rate)
    activity = speech_activity(audio)
    heard = _segment("the patient is stable", start=0.0)
    invented = _segment("thanks for watching", start=6.0)
    garbled = _segment(
        "underworld freedom overfall",
        start=0.5,
        prob=0.08,
        avg_logprob=-5.8,
        temperature=1.0,
    )
    kept, dropped = drop_unheard_segments(
        [heard, invented, garbled], activity, last_temperature=1.0
    )
    assert dropped and kept == (heard,)


def test_uncertain_greedy_segment_with_fallback_left_is_kept():
    rate = 16_000
    audio = np.zeros(rate * 6, np.float32)
    audio[: rate * 3] = 0.3 * np.sin(2 * np.pi * 200 * np.arange(rate * 3) / rate)
    unsure = _segment(
        "the patient is stable", prob=0.6, avg_logprob=-1.2, temperature=0.2
    )
    kept, dropped = drop_unheard_segments(
        [unsure], speech_activity(audio), last_temperature=0.4
    )
    assert not dropped and kept == (unsure,)


def test_temperature_schedule_matches_whisper_cli():
    from transcription import TranscribeOptions

    assert TranscribeOptions.schedule(0.2) == (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    assert TranscribeOptions.schedule(0) == (0.0,)


def test_confidence_is_mean_word_probability_and_zero_when_empty():
    assert confidence_of([]) == 0.0
    assert (
        abs(
            confidence_of([_segment("a b", prob=0.5), _segment("c d", prob=1.0)]) - 0.75
        )
        < 1e-9
    )


def _transcript() -> Transcript:
    words = (
        Word(word=" A", start=0.0, end=0.3, probability=0.9),
        Word(word=" 50", start=0.3, end=0.6, probability=0.9),
        Word(word="-year", start=0.6, end=0.9, probability=0.9),
        Word(word=" <patient>", start=0.9, end=1.5, probability=0.2, flagged=True),
    )
    seg = Segment(
        start=0.0,
        end=1.5,
        text=" A 50-year <patient>",
        avg_logprob=-0.2,
        no_speech_prob=0.1,
        compression_ratio=1.1,
        words=words,
    )
    return Transcript(
        text="A 50-year <patient>",
        language="en",
        duration=61.25,
        segments=(seg,),
        flags=(TranscriptFlag.LOW_CONFIDENCE_WORDS,),
        confidence=0.7,
        model="tiny.en",
    )


def test_vtt_rendering_marks_flagged_words_and_escapes():
    vtt = _transcript().to_vtt()
    assert vtt.startswith("WEBVTT\n")
    assert "00:00:00.000 --> 00:00:01.500" in vtt
    assert "A 50-year <c.flagged>&lt;patient&gt;</c>" in vtt
    assert "NOTE flags: low-confidence-words" in vtt


def test_text_rendering_brackets_flagged_words_and_keeps_joined_words():
    assert _transcript().to_text() == "A 50-year [[<patient>]]\n"


def test_transcript_is_frozen_and_preliminary_by_default():
    from pydantic import ValidationError

    t = _transcript()
    assert t.status == "preliminary"
    with pytest.raises(ValidationError):
        t.text = "changed"  # type: ignore[misc]


def test_json_line_has_the_cli_fields():
    line = _transcript().to_json_dict(file="x.wav")
    assert list(line)[:6] == [
        "file",
        "text",
        "language",
        "duration",
        "segments",
        "flags",
    ]
    assert line["flags"] == ["low-confidence-words"]
    assert line["segments"][0]["words"][3]["flagged"] is True


def test_word_error_rate_counts_substitutions_insertions_and_deletions():
    assert wer("the chest pain started", "the chest pain started") == 0.0
    assert wer("the chest pain started", "The chest-pain started.") == 0.0
    assert wer("the chest pain started", "the just pain started") == 0.25
    assert wer("the chest pain started", "chest pain started today") == 0.5
    assert wer("", "") == 0.0 and wer("", "words") == 1.0
