"""The transcript: frozen, typed, with WebVTT and plain-text renderings."""

from __future__ import annotations

from typing import Any

# The transcript's parts are the claim-check contract; the pipeline calls them Word and Segment.
from schemas.claims import DictationTranscript, TranscriptFlag
from schemas.claims import TranscriptSegment as Segment  # noqa: F401
from schemas.claims import TranscriptWord as Word

COVERAGE_MIN = 0.97  # below this share of voiced audio covered by text, a person listens


class Transcript(DictationTranscript):
    """What the machine heard (the asr/<id>.json contract, schemas.claims.DictationTranscript)
    with its renderings. Starts "preliminary"; only the author's signature makes it final."""

    def review_flags(self) -> tuple[str, ...]:
        """The flags as published to indexing: coverage-low carries its figure and ranges,
        e.g. "coverage-low:0.91 uncovered 12.0-27.5s 40.2-41.9s" (every range, seconds)."""
        out = []
        for flag in self.flags:
            if flag is TranscriptFlag.COVERAGE_LOW:
                ranges = " ".join(f"{a:.1f}-{b:.1f}s" for a, b in self.uncovered)
                out.append(f"{flag.value}:{self.coverage:.2f} uncovered {ranges}".rstrip())
            else:
                out.append(flag.value)
        return tuple(out)

    @property
    def flagged_words(self) -> tuple[Word, ...]:
        return tuple(w for s in self.segments for w in s.words if w.flagged)

    def to_text(self) -> str:
        """Plain text, one segment per line; words flagged for review in [[double brackets]]."""
        lines = []
        for seg in self.segments:
            if seg.words:
                lines.append("".join(_mark(w, "[[", "]]") for w in seg.words).strip())
            else:
                lines.append(seg.text.strip())
        return "\n".join(line for line in lines if line) + ("\n" if lines else "")

    def to_vtt(self) -> str:
        """WebVTT cues per segment; flagged words wrapped in <c.flagged> for the review UI."""
        out = ["WEBVTT", ""]
        if self.flags:
            out += ["NOTE flags: " + ", ".join(f.value for f in self.flags), ""]
        for i, seg in enumerate(self.segments, start=1):
            out.append(str(i))
            out.append(
                f"{_vtt_time(seg.start)} --> {_vtt_time(max(seg.end, seg.start))}"
            )
            if seg.words:
                out.append(
                    "".join(
                        _mark(w, "<c.flagged>", "</c>", escape=_vtt_escape)
                        for w in seg.words
                    ).strip()
                )
            else:
                out.append(_vtt_escape(seg.text.strip()))
            out.append("")
        return "\n".join(out)

    def to_json_dict(self, *, file: str | None = None) -> dict[str, Any]:
        """The `himflow transcribe --json` line."""
        body = self.model_dump(mode="json")
        head: dict[str, Any] = {"file": file} if file is not None else {}
        return head | {
            "text": body["text"],
            "language": body["language"],
            "duration": body["duration"],
            "segments": body["segments"],
            "flags": body["flags"],
            "confidence": body["confidence"],
            "model": body["model"],
            "status": body["status"],
            "voiced_seconds": body["voiced_seconds"],
            "coverage": body["coverage"],
            "uncovered": body["uncovered"],
            "review_flags": list(self.review_flags()),
        }


def _mark(word: Word, left: str, right: str, *, escape=lambda s: s) -> str:
    """A word as rendered, keeping whisper's leading space ("50", "-year", "-old" stay joined)."""
    text = word.word
    lead = text[: len(text) - len(text.lstrip())]
    body = escape(text.strip())
    return f"{lead}{left}{body}{right}" if word.flagged and body else f"{lead}{body}"


def _vtt_time(seconds: float) -> str:
    ms = round(max(seconds, 0.0) * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _vtt_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("-->", "--&gt;")
    )
