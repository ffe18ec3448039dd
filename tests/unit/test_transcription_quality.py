"""Pure checks: repetition loops, unheard segments, word flags, renderings, WER (no Whisper)."""

from __future__ import annotations

import numpy as np
import pytest

from transcription.quality import (
    confidence_of,
    cut_repetition_loops,
    find_loop_cuts,
    flag_low_confidence,
    guard_unheard_segments,
)
from transcription.coverage import coverage_of
from transcription.vad import VoiceActivity
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


def test_repeated_phrase_loop_is_cut_and_its_span_stays_as_an_unsure_placeholder():
    seg = _segment("the patient denies pain " + "and will follow up " * 6 + "next week")
    (cut, hole), looped = cut_repetition_loops([seg])
    assert looped
    assert cut.text.strip() == "the patient denies pain and will follow up next week"
    assert len(cut.words) == len(cut.text.split())
    # the 5 cut copies (20 words from word 8) keep their time range, visible in review
    assert hole.placeholder and hole.unsure and hole.unsure_reason == "repetition-loop"
    assert (hole.start, hole.end) == (round(seg.words[8].start, 3), round(seg.words[27].end, 3))
    assert "[unsure 3.2-11.2 s: repeated text cut]" in hole.text


def test_single_word_said_twice_is_not_a_loop():
    seg = _segment("no no chest pain today")
    (kept,), looped = cut_repetition_loops([seg])
    assert not looped and kept == seg


def test_word_repeated_many_times_is_a_loop():
    assert find_loop_cuts(["okay", "okay", "okay", "okay", "okay", "then"]) == [(1, 5)]


def test_segment_repeating_the_previous_one_becomes_a_placeholder_with_its_times():
    a = _segment("blood pressure is well controlled", start=0)
    b = _segment("Blood pressure is well controlled.", start=3)
    c = _segment("continue the current dose", start=6)
    kept, looped = cut_repetition_loops([a, b, c])
    assert looped and [s.start for s in kept] == [0, 3, 6]
    assert kept[1].placeholder and (kept[1].start, kept[1].end) == (b.start, b.end)
    assert "blood" not in kept[1].text.lower()


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


def _voice(*spans: tuple[float, float]) -> VoiceActivity:
    return VoiceActivity(intervals=tuple(spans))


def test_text_over_silence_is_dropped_but_doubtful_text_over_speech_is_kept_unsure():
    voice = _voice((0.0, 3.0))
    heard = _segment("the patient is stable", start=0.0)
    invented = _segment("thanks for watching", start=6.0)
    garbled = _segment(
        "underworld freedom overfall",
        start=0.5,
        prob=0.08,
        avg_logprob=-5.8,
        temperature=1.0,
    )
    kept, suspect = guard_unheard_segments(
        [heard, invented, garbled], voice, last_temperature=1.0
    )
    assert suspect
    assert [s.text for s in kept] == [heard.text, garbled.text]  # nothing over speech deleted
    assert kept[0] == heard
    assert kept[1].unsure and kept[1].unsure_reason == "hallucination-suspected"
    assert all(w.flagged for w in kept[1].words)


def test_unsure_words_stay_flagged_through_the_confidence_check():
    (seg,), _ = guard_unheard_segments(
        [_segment("maybe words", prob=0.9, avg_logprob=-2.0, temperature=1.0)],
        _voice((0.0, 2.0)),
        last_temperature=1.0,
    )
    (out,), any_flagged = flag_low_confidence([seg], threshold=0.5)
    assert any_flagged and all(w.flagged for w in out.words)


def test_uncertain_greedy_segment_with_fallback_left_is_kept():
    unsure = _segment(
        "the patient is stable", prob=0.6, avg_logprob=-1.2, temperature=0.2
    )
    kept, suspect = guard_unheard_segments(
        [unsure], _voice((0.0, 3.0)), last_temperature=0.4
    )
    assert not suspect and kept == (unsure,)


def test_coverage_is_voiced_seconds_under_text_and_names_the_uncovered_ranges():
    voice = _voice((0.0, 4.0), (10.0, 14.0), (20.0, 22.0))
    said = [_segment("one two three four five six seven eight nine ten", start=0.0)]
    said += [_segment("a b c d e", start=20.0)]
    coverage, uncovered = coverage_of(voice, said)
    assert uncovered == ((10.0, 14.0),)
    assert abs(coverage - 6.0 / 10.0) < 0.01
    hole = said[0].model_copy(update={"placeholder": True})
    assert coverage_of(voice, [hole, said[1]])[0] < coverage  # placeholders cover nothing
    assert coverage_of(_voice(), []) == (1.0, ())


def test_the_voice_detector_hears_speech_and_not_silence_or_steady_noise(tmp_path):
    from tests.resources.speech import read_wav, speak

    rate = 16_000
    silence = np.zeros(rate * 5, np.float32)
    noise = np.random.default_rng(1).normal(0, 0.05, rate * 5).astype(np.float32)
    assert VoiceActivity.detect(silence).intervals == ()
    assert VoiceActivity.detect(noise).seconds < 0.5
    samples, sr = read_wav(speak("The lungs are clear.", tmp_path / "s.wav"))
    speech16 = np.interp(
        np.arange(int(samples.size * rate / sr)) * sr / rate, np.arange(samples.size), samples
    ).astype(np.float32)
    audio = np.concatenate([silence, speech16, silence])
    voice = VoiceActivity.detect(audio)
    spoken = speech16.size / rate
    assert voice.seconds_in(5.0, 5.0 + spoken) >= 0.6 * spoken
    assert voice.seconds_in(0.0, 4.5) == 0 and voice.seconds_in(5.5 + spoken, 99) == 0


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


def _timed_segment(words: list[tuple[str, float, float]]) -> Segment:
    ws = tuple(Word(word=" " + w, start=a, end=b, probability=0.9) for w, a, b in words)
    return Segment(start=ws[0].start, end=ws[-1].end, text="".join(w.word for w in ws),
                   avg_logprob=-0.38, no_speech_prob=0.01, compression_ratio=1.78, words=ws)


def test_a_loop_running_on_into_the_trailing_silence_keeps_only_its_words_over_speech():
    # as base decoded the end of a 3 min dictation (speech ends at 170.96 s, then 20 s of
    # silence): "control, hypertension, control, hyperlipidemia," was said, the rest was not
    seg = _timed_segment([
        ("control,", 163.08, 163.76), ("hypertension,", 164.92, 165.8), ("control,", 166.4, 167.06),
        ("hyperlipidemia,", 167.86, 170.52), ("hypertension,", 171.1, 174.78),
        ("hyperlipidemia,", 176.4, 176.8), ("hyperlipidemia,", 176.8, 181.74),
        ("hyperlipidemia,", 182.48, 182.48),
    ])
    voice = _voice((160.87, 164.35), (165.15, 167.6), (169.4, 170.96))
    (kept,), suspect = guard_unheard_segments([seg], voice)
    assert suspect
    assert kept.text.split() == ["control,", "hypertension,", "control,", "hyperlipidemia,"]
    assert kept.end <= 171.0


def test_a_word_stretched_over_a_pause_is_clipped_to_the_speech():
    seg = _timed_segment([("stable", 1.0, 1.5), ("since", 1.5, 6.0)])
    (kept,), _ = guard_unheard_segments([seg], _voice((0.9, 2.0), (7.0, 9.0)))
    assert [w.word for w in kept.words] == [" stable", " since"]
    assert kept.words[-1].end == 2.1 and kept.end == 2.1


def test_a_loop_cut_leaves_a_placeholder_only_over_the_speech_under_it():
    words = [("the", 0.0, 0.4), ("plan", 0.4, 0.8)] + [
        (w, 0.8 + 0.4 * i, 1.2 + 0.4 * i) for i, w in enumerate(["and", "review"] * 5)]
    seg = _timed_segment(words)
    out, looped = cut_repetition_loops([seg], _voice((0.0, 2.5)))
    assert looped
    holes = [s for s in out if s.placeholder]
    assert len(holes) == 1 and holes[0].start == 1.6 and holes[0].end == 2.5
    # over silence only: the copies go, nothing to review
    out, looped = cut_repetition_loops([seg], _voice((0.0, 1.5)))
    assert looped and not [s for s in out if s.placeholder]


def test_a_long_word_three_times_in_a_row_is_a_loop_a_short_one_is_not():
    (cut, *_), looped = cut_repetition_loops(
        [_segment("hyperlipidemia hyperlipidemia hyperlipidemia")])
    assert looped and cut.text.split() == ["hyperlipidemia"]
    (same,), looped = cut_repetition_loops([_segment("no no no")])
    assert not looped and same.text.split() == ["no", "no", "no"]
