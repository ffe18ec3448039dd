"""Where to cut a dictation for the model: whole utterances, each clip shorter than a window.

    speech_chunks(voice, duration_s=...) -> ((start_s, end_s), ...)

The engine (openai-whisper or faster-whisper) is given one clip at a time, never the whole
file: each clip starts and ends in a pause the voice detector heard, so
- the engine's own 30 s window/seek logic never runs (on long files it skipped audio near
  a window's last timestamp and at the end of the file),
- a decoding loop cannot run on into a long silence (a clip ends where speech ends),
- long silences are never decoded at all (nothing to invent text over).
A clip holds as many utterances as fit in `max_s` and is cut at the longest pause in its
second half (a sentence end rather than a breath). An utterance longer than `max_s`
without any pause is cut at its quietest frame. Pure functions over the detector's output.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from transcription.vad import FRAME, SAMPLE_RATE, VoiceActivity

MAX_CHUNK_S = 28.0  # under Whisper's 30 s window, with room for the padding
PAD_S = 0.2  # audio either side of a clip (clamped to half the pause to the next clip)


def _split_long(
    a: float, b: float, max_s: float, probs: np.ndarray | None
) -> list[tuple[float, float]]:
    """An utterance with no pause longer than `max_s`, cut at its quietest frames."""
    out = []
    step = FRAME / SAMPLE_RATE
    while b - a > max_s:
        lo, hi = a + max_s / 2, a + max_s
        cut = hi
        if probs is not None and probs.size:
            i, j = int(lo / step), min(int(hi / step), probs.size)
            if j > i:
                cut = (i + int(np.argmin(probs[i:j]))) * step
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def _utterances(voice: VoiceActivity, max_s: float) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    for a, b in voice.intervals:
        spans += _split_long(a, b, max_s, voice.probs)
    return spans


def _group(spans: Sequence[tuple[float, float]], max_s: float) -> list[tuple[float, float]]:
    """Consecutive utterances into clips of at most `max_s`, cut at the longest pause in
    the second half of the clip (the latest pause when the second half has none)."""
    chunks: list[tuple[float, float]] = []
    i = 0
    while i < len(spans):
        start = spans[i][0]
        j = i  # last utterance that still fits
        while j + 1 < len(spans) and spans[j + 1][1] - start <= max_s:
            j += 1
        if j + 1 < len(spans) and j > i:
            half = start + max_s / 2
            best, best_pause = j, -1.0
            for k in range(i, j + 1):
                pause = spans[k + 1][0] - spans[k][1]
                if spans[k][1] >= half and pause > best_pause:
                    best, best_pause = k, pause
            j = best
        chunks.append((start, spans[j][1]))
        i = j + 1
    return chunks


def speech_chunks(
    voice: VoiceActivity,
    *,
    duration_s: float,
    max_s: float = MAX_CHUNK_S,
    pad_s: float = PAD_S,
) -> tuple[tuple[float, float], ...]:
    """Clips (seconds) covering every voiced range, each at most `max_s` + 2 x `pad_s`."""
    chunks = _group(_utterances(voice, max_s), max_s)
    out = []
    for k, (a, b) in enumerate(chunks):
        before = chunks[k - 1][1] if k else 0.0
        after = chunks[k + 1][0] if k + 1 < len(chunks) else duration_s
        lead = max(0.0, a - min(pad_s, (a - before) / 2))
        tail = min(duration_s, b + min(pad_s, (after - b) / 2))
        out.append((round(lead, 3), round(tail, 3)))
    return tuple(out)
