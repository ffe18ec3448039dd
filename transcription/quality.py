"""No invented text: speech activity, repetition loops, hallucination and low-confidence checks.

Pure functions over decoded audio (numpy) and typed segments. Whisper already skips windows
with no_speech_prob > 0.6 and avg_logprob < -1; these add:
- `speech_activity`: an energy detector. No voiced frame at all -> the model is not run and
  the transcript is empty with flag no-speech (silence and steady noise invent nothing).
- `drop_unheard_segments`: segments lying where no speech energy was found, or that are a stock
  Whisper phrase ("Thank you.") with a high no-speech probability, are dropped and flagged.
- `cut_repetition_loops`: a word n-gram repeated back to back, or a segment repeating the
  previous one, is cut to its first occurrence and flagged.
- `flag_low_confidence`: words under the threshold are marked for review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from transcription.transcript import Segment, TranscriptFlag, Word

FRAME_S = 0.03
ABS_FLOOR_DBFS = -55.0  # quieter than this is silence, whatever the noise floor
MARGIN_DB = 6.0  # a voiced frame stands this far above the noise floor
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


@dataclass(frozen=True)
class SpeechActivity:
    voiced_fraction: float
    intervals: tuple[
        tuple[float, float], ...
    ]  # voiced spans, seconds, padded and merged

    @property
    def has_speech(self) -> bool:
        return bool(self.intervals)

    def voiced_seconds_in(self, start: float, end: float) -> float:
        return sum(max(0.0, min(end, b) - max(start, a)) for a, b in self.intervals)


def speech_activity(
    audio: np.ndarray, *, sample_rate: int = 16_000, pad_s: float = 0.3
) -> SpeechActivity:
    frame = max(1, int(FRAME_S * sample_rate))
    n = audio.size // frame
    if n == 0:
        return SpeechActivity(0.0, ())
    frames = audio[: n * frame].astype(np.float64).reshape(n, frame)
    rms = np.sqrt(np.mean(frames**2, axis=1)) + 1e-10
    db = 20 * np.log10(rms)
    floor = float(np.percentile(db, 10))
    voiced = db > max(ABS_FLOOR_DBFS, floor + MARGIN_DB)
    spans: list[tuple[float, float]] = []
    for idx in np.flatnonzero(voiced):
        a = max(0.0, idx * FRAME_S - pad_s)
        b = (idx + 1) * FRAME_S + pad_s
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return SpeechActivity(float(voiced.mean()), tuple(spans))


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


def drop_unheard_segments(
    segments: Sequence[Segment],
    activity: SpeechActivity,
    *,
    logprob_threshold: float = -1.0,
    last_temperature: float = 1.0,
) -> tuple[tuple[Segment, ...], bool]:
    """Drop segments with (almost) no speech energy under them, stock phrases over noise, or
    garbled decodes (`is_garbled`). Returns (kept, whether anything was dropped)."""
    kept: list[Segment] = []
    dropped = False
    for seg in segments:
        span = max(seg.end - seg.start, 1e-3)
        heard = activity.voiced_seconds_in(seg.start, seg.end)
        stock = normalize(seg.text) in STOCK_PHRASES and seg.no_speech_prob > 0.3
        garbled = is_garbled(
            seg, logprob_threshold=logprob_threshold, last_temperature=last_temperature
        )
        if heard < min(0.2, 0.1 * span) or stock or garbled:
            dropped = True
            continue
        kept.append(seg)
    return tuple(kept), dropped


def _repeat_run(tokens: Sequence[str], start: int, n: int) -> int:
    """How many times tokens[start:start+n] repeats back to back from `start`."""
    gram = tokens[start : start + n]
    count, pos = 1, start + n
    while tokens[pos : pos + n] == gram:
        count += 1
        pos += n
    return count


def find_loop_cuts(tokens: Sequence[str], *, max_n: int = 8) -> list[tuple[int, int]]:
    """Spans [a, b) of tokens to remove: repeats beyond the first of a back-to-back n-gram.

    A 1-2 word n-gram must repeat 4+ times (dictation says "no, no" but not four times); a
    longer one 3+ times.
    """
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        best = None
        for n in range(1, max_n + 1):
            if i + 2 * n > len(tokens):
                break
            reps = _repeat_run(tokens, i, n)
            if reps >= (4 if n <= 2 else 3):
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


def cut_repetition_loops(
    segments: Sequence[Segment],
) -> tuple[tuple[Segment, ...], bool]:
    out: list[Segment] = []
    cut_any = False
    prev_norm = None
    for seg in segments:
        norm = normalize(seg.text)
        if norm and norm == prev_norm and len(norm.split()) >= 2:
            cut_any = True  # the same sentence again, back to back: a decoding loop
            continue
        prev_norm = norm
        if seg.words:
            tokens = [normalize(w.word) for w in seg.words]
            cuts = find_loop_cuts(tokens)
            if cuts:
                drop = {k for a, b in cuts for k in range(a, b)}
                seg = _rebuild(
                    seg, [w for k, w in enumerate(seg.words) if k not in drop]
                )
                cut_any = True
        else:
            raw = seg.text.split()
            cuts = find_loop_cuts([normalize(t) for t in raw])
            if cuts:
                drop = {k for a, b in cuts for k in range(a, b)}
                seg = seg.model_copy(
                    update={
                        "text": " "
                        + " ".join(t for k, t in enumerate(raw) if k not in drop)
                    }
                )
                cut_any = True
        out.append(seg)
    return tuple(out), cut_any


def flag_low_confidence(
    segments: Sequence[Segment], *, threshold: float
) -> tuple[tuple[Segment, ...], bool]:
    out = []
    any_flagged = False
    for seg in segments:
        words = tuple(
            w.model_copy(update={"flagged": w.probability < threshold})
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
    *, no_speech: bool, loop: bool, low_conf: bool, hallucination: bool
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
    return tuple(flags)
