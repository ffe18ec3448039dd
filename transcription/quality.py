"""No invented text: speech activity, repetition loops, hallucination and low-confidence checks.

Pure functions over typed segments and the voice detector's ranges (transcription.vad).
Whisper itself skips windows with no_speech_prob > 0.6 and avg_logprob < -1, and may skip
voiced audio on its own; the pipeline re-decodes such gaps (pipeline.fill_gaps) and
measures coverage (transcription.coverage). These add:
- `guard_unheard_segments`: segments and words lying where the voice detector
  (transcription.vad) heard no speech are dropped (a loop running on past the end of speech
  keeps only its words over speech); a word reaching far into a pause is clipped to the
  speech; a stock Whisper phrase ("Thank you.") or a garbled decode over voiced audio is
  KEPT and marked unsure (a guard flags text over speech, never deletes it).
- `cut_repetition_loops`: a word n-gram repeated back to back, or a segment repeating the
  previous one, is cut to its first occurrence; the cut copies' voiced time range stays as
  an unsure placeholder segment, and the transcript is flagged.
- `flag_low_confidence`: words under the threshold are marked for review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from transcription.transcript import Segment, TranscriptFlag, Word

STOCK_PHRASES = frozenset(
    {
        "thank you",
        "thanks for watching",
        "thank you for watching",
        "you",
        "bye",
        "okay",
        "so",
    }
)


def normalize(text: str) -> str:
    """Lower case, punctuation dropped, single spaces: for comparing words and segments."""
    return " ".join(re.sub(r"[^a-z0-9']+", " ", text.lower()).split())


def is_garbled(
    seg: Segment, *, logprob_threshold: float = -1.0, last_temperature: float = 1.0
) -> bool:
    """Whisper gave up: under the log-probability threshold after the whole temperature
    fallback, or with words it barely believes (reversed speech: avg_logprob -3 to -6, words
    around 0.1; real espeak speech under 10 dB SNR noise stays above -0.7)."""
    if seg.avg_logprob >= logprob_threshold:
        return False
    probs = [w.probability for w in seg.words]
    exhausted = seg.temperature >= last_temperature - 1e-6
    return exhausted or (bool(probs) and float(np.mean(probs)) < 0.3)


def unsure_marker(start: float, end: float, why: str) -> str:
    return f"[unsure {start:.1f}-{end:.1f} s: {why}]"


def placeholder(start: float, end: float, reason: str, why: str) -> Segment:
    """A segment with no words standing for voiced audio without trustworthy text."""
    return Segment(
        start=round(start, 3),
        end=round(max(end, start), 3),
        text=" " + unsure_marker(start, end, why),
        avg_logprob=0.0,
        no_speech_prob=0.0,
        compression_ratio=0.0,
        unsure=True,
        unsure_reason=reason,
        placeholder=True,
    )


def mark_unsure(seg: Segment, reason: str) -> Segment:
    """Keep the text, flag every word and the segment for review."""
    words = tuple(w.model_copy(update={"flagged": True}) for w in seg.words)
    return seg.model_copy(update={"words": words, "unsure": True, "unsure_reason": reason})


WORD_SLACK_S = 0.1  # word timestamps may sit this far outside the detector's speech
WORD_MIN_VOICED_S = 0.05  # a word with less speech than this under it was not said
WORD_OVERHANG_S = 0.5  # a word reaching further than this into a pause is clipped


def _voiced_extent(voice: Any, start: float, end: float) -> tuple[float, float] | None:
    """First and last voiced instant inside [start, end] (None: no speech there)."""
    parts = [
        (max(start, a), min(end, b))
        for a, b in getattr(voice, "intervals", ())
        if b > start and a < end
    ]
    return (parts[0][0], parts[-1][1]) if parts else None


def heard_words(words: Sequence[Word], voice: Any) -> tuple[tuple[Word, ...], bool]:
    """The words that lie over speech. A word with (almost) no voiced audio under it is
    dropped (a loop running on into a pause or the trailing silence); a word reaching more
    than WORD_OVERHANG_S into a pause is clipped to the speech (+ WORD_SLACK_S), so no text
    is timed over silence. Returns (words, whether any was dropped)."""
    out = []
    dropped = False
    for w in words:
        a, b = w.start - WORD_SLACK_S, w.end + WORD_SLACK_S
        if voice.seconds_in(a, b) < WORD_MIN_VOICED_S:
            dropped = True
            continue
        extent = _voiced_extent(voice, a, b)
        if extent is not None:
            start, end = w.start, w.end
            if extent[0] - start > WORD_OVERHANG_S:
                start = round(extent[0] - WORD_SLACK_S, 3)
            if end - extent[1] > WORD_OVERHANG_S:
                end = round(extent[1] + WORD_SLACK_S, 3)
            if (start, end) != (w.start, w.end):
                w = w.model_copy(update={"start": start, "end": max(start, end)})
        out.append(w)
    return tuple(out), dropped


def guard_unheard_segments(
    segments: Sequence[Segment],
    voice: Any,
    *,
    logprob_threshold: float = -1.0,
    last_temperature: float = 1.0,
) -> tuple[tuple[Segment, ...], bool]:
    """Text where the voice detector hears (almost) no speech is dropped: nobody said it
    (whole segments, and single words of a segment that runs on past the speech, see
    `heard_words`). Over voiced audio nothing is deleted: a garbled decode (`is_garbled`)
    or a stock phrase with a high no-speech probability is kept and marked unsure. `voice`
    has `intervals` and `seconds_in(start, end)` (transcription.vad.VoiceActivity).
    Returns (segments, whether anything was dropped or marked)."""
    out: list[Segment] = []
    suspect = False
    for seg in segments:
        span = max(seg.end - seg.start, 1e-3)
        heard = voice.seconds_in(seg.start, seg.end)
        if heard < min(0.2, 0.1 * span):
            suspect = True
            continue
        if seg.words:
            words, dropped = heard_words(seg.words, voice)
            if not words:
                suspect = True
                continue
            if words != seg.words:
                suspect = suspect or dropped
                # the segment's edges follow its words where a word went or was clipped
                start = seg.start if words[0] == seg.words[0] else words[0].start
                end = seg.end if words[-1] == seg.words[-1] else words[-1].end
                seg = _rebuild(seg, words).model_copy(update={"start": start, "end": end})
        stock = normalize(seg.text) in STOCK_PHRASES and seg.no_speech_prob > 0.3
        garbled = is_garbled(
            seg, logprob_threshold=logprob_threshold, last_temperature=last_temperature
        )
        if stock or garbled:
            suspect = True
            seg = mark_unsure(seg, TranscriptFlag.HALLUCINATION_SUSPECTED.value)
        out.append(seg)
    return tuple(out), suspect


def _repeat_run(tokens: Sequence[str], start: int, n: int) -> int:
    """How many times tokens[start:start+n] repeats back to back from `start`."""
    gram = tokens[start : start + n]
    count, pos = 1, start + n
    while tokens[pos : pos + n] == gram:
        count += 1
        pos += n
    return count


LONG_WORD = 8  # letters: a word this long said three times back to back is a loop


def find_loop_cuts(tokens: Sequence[str], *, max_n: int = 8) -> list[tuple[int, int]]:
    """Spans [a, b) of tokens to remove: repeats beyond the first of a back-to-back n-gram.

    A 1-2 word n-gram must repeat 4+ times (dictation says "no, no" but not four times); a
    longer one 3+ times, and so must a single long word ("hyperlipidemia" three times in a
    row is a decoder stuck, not a physician).
    """
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        best = None
        for n in range(1, max_n + 1):
            if i + 2 * n > len(tokens):
                break
            reps = _repeat_run(tokens, i, n)
            long_word = n == 1 and len(tokens[i]) >= LONG_WORD
            if reps >= (4 if n <= 2 and not long_word else 3):
                best = (n, reps)
                break
        if best:
            n, reps = best
            cuts.append((i + n, i + n * reps))
            i += n * reps
        else:
            i += 1
    return cuts


def _rebuild(seg: Segment, words: Sequence[Word]) -> Segment:
    text = "".join(w.word for w in words)
    return seg.model_copy(update={"words": tuple(words), "text": text})


def _loop_placeholder(start: float, end: float, voice: Any | None) -> list[Segment]:
    """The cut copies' span as an unsure placeholder, narrowed to the speech under it
    (none when nobody spoke there: text over silence leaves no trace to review)."""
    if voice is not None:
        extent = _voiced_extent(voice, start, end)
        if extent is None or extent[1] - extent[0] < WORD_MIN_VOICED_S:
            return []
        start, end = extent
    return [placeholder(start, end, TranscriptFlag.REPETITION_LOOP.value, "repeated text cut")]


def cut_repetition_loops(
    segments: Sequence[Segment], voice: Any | None = None
) -> tuple[tuple[Segment, ...], bool]:
    """A decoding loop is cut to its first occurrence; the voiced audio under the cut copies
    stays in the transcript as an unsure placeholder with its time range (re-decoded later,
    see pipeline.fill_gaps). `voice` (transcription.vad.VoiceActivity) narrows the
    placeholders to speech; without it they span the cut copies' timestamps."""
    out: list[Segment] = []
    cut_any = False
    prev_norm = None
    reason = TranscriptFlag.REPETITION_LOOP.value
    for seg in segments:
        if seg.placeholder:
            out.append(seg)
            continue
        norm = normalize(seg.text)
        if norm and norm == prev_norm and len(norm.split()) >= 2:
            cut_any = True  # the same sentence again, back to back: a decoding loop
            out += _loop_placeholder(seg.start, seg.end, voice)
            continue
        prev_norm = norm
        if seg.words:
            tokens = [normalize(w.word) for w in seg.words]
            cuts = find_loop_cuts(tokens)
            if cuts:
                drop = {k for a, b in cuts for k in range(a, b)}
                kept = [w for k, w in enumerate(seg.words) if k not in drop]
                out.append(_rebuild(seg, kept))
                for a, b in cuts:
                    out += _loop_placeholder(seg.words[a].start, seg.words[b - 1].end, voice)
                cut_any = True
                continue
        else:
            raw = seg.text.split()
            cuts = find_loop_cuts([normalize(t) for t in raw])
            if cuts:
                drop = {k for a, b in cuts for k in range(a, b)}
                text = " " + " ".join(t for k, t in enumerate(raw) if k not in drop)
                seg = seg.model_copy(
                    update={"text": text, "unsure": True, "unsure_reason": reason}
                )
                cut_any = True
        out.append(seg)
    return tuple(sorted(out, key=lambda s: (s.start, s.end))), cut_any


def flag_low_confidence(
    segments: Sequence[Segment], *, threshold: float
) -> tuple[tuple[Segment, ...], bool]:
    out = []
    any_flagged = False
    for seg in segments:  # words already marked unsure stay flagged
        words = tuple(
            w.model_copy(update={"flagged": w.flagged or w.probability < threshold})
            for w in seg.words
        )
        any_flagged = any_flagged or any(w.flagged for w in words)
        out.append(seg.model_copy(update={"words": words}))
    return tuple(out), any_flagged


def confidence_of(segments: Sequence[Segment]) -> float:
    """Mean word probability; segment log-probabilities when there are no words; 0 when empty."""
    probs = [w.probability for s in segments for w in s.words]
    if probs:
        return float(np.clip(np.mean(probs), 0.0, 1.0))
    if segments:
        return float(
            np.clip(np.exp(np.mean([s.avg_logprob for s in segments])), 0.0, 1.0)
        )
    return 0.0


def review_flags(
    *,
    no_speech: bool,
    loop: bool,
    low_conf: bool,
    hallucination: bool,
    coverage_low: bool = False,
) -> tuple[TranscriptFlag, ...]:
    flags = []
    if no_speech:
        flags.append(TranscriptFlag.NO_SPEECH)
    if loop:
        flags.append(TranscriptFlag.REPETITION_LOOP)
    if low_conf:
        flags.append(TranscriptFlag.LOW_CONFIDENCE_WORDS)
    if hallucination:
        flags.append(TranscriptFlag.HALLUCINATION_SUSPECTED)
    if coverage_low:
        flags.append(TranscriptFlag.COVERAGE_LOW)
    return tuple(flags)
