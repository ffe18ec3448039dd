"""How much of the voiced audio the text covers, and where it does not.

    coverage_of(voice, segments) -> (covered voiced s / voiced s, uncovered voiced ranges)

Text covers its words' spans (a segment without word times: its own span) widened by
`EDGE_S` (word timestamps sit a little inside the VAD's padded speech). Placeholders (`Segment.placeholder`) cover nothing: they mark audio
that has no text. Pure functions, no model.
"""

from __future__ import annotations

from collections.abc import Sequence

from transcription.transcript import Segment
from transcription.vad import VoiceActivity

EDGE_S = 0.25
MIN_RANGE_S = 0.3  # uncovered voiced bits shorter than this are alignment slack, not gaps


def text_spans(segments: Sequence[Segment]) -> list[tuple[float, float]]:
    """Where there is text: each word's span (a segment without word times: its own span),
    widened by EDGE_S. By words, not segments: a segment whose text skips a sentence in its
    middle does not cover that sentence."""
    spans = sorted(
        (max(0.0, a - EDGE_S), b + EDGE_S)
        for s in segments
        if not s.placeholder and s.text.strip()
        for a, b in ([(w.start, w.end) for w in s.words] or [(s.start, s.end)])
    )
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _subtract(
    intervals: Sequence[tuple[float, float]], cover: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    out = []
    for a, b in intervals:
        cur = a
        for c, d in cover:
            if d <= cur or c >= b:
                continue
            if c > cur:
                out.append((cur, c))
            cur = max(cur, d)
            if cur >= b:
                break
        if cur < b:
            out.append((cur, b))
    return out


def uncovered_ranges(
    voice: VoiceActivity, segments: Sequence[Segment], *, min_s: float = MIN_RANGE_S
) -> tuple[tuple[float, float], ...]:
    """Voiced ranges with no text over them, slivers shorter than `min_s` left out."""
    return tuple(
        (round(a, 2), round(b, 2))
        for a, b in _subtract(voice.intervals, text_spans(segments))
        if b - a >= min_s
    )


def coverage_of(
    voice: VoiceActivity, segments: Sequence[Segment]
) -> tuple[float, tuple[tuple[float, float], ...]]:
    total = voice.seconds
    if total <= 0:
        return 1.0, ()
    missing = sum(b - a for a, b in _subtract(voice.intervals, text_spans(segments)))
    return max(0.0, min(1.0, 1.0 - missing / total)), uncovered_ranges(voice, segments)
