"""The transcript: frozen, typed, with WebVTT and plain-text renderings."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class TranscriptFlag(StrEnum):
    """Why a transcript (or part of it) needs a human look."""

    NO_SPEECH = "no-speech"  # silence / noise: nothing transcribed
    REPETITION_LOOP = "repetition-loop"  # repeated text was detected and cut
    LOW_CONFIDENCE_WORDS = "low-confidence-words"  # some words below the threshold
    HALLUCINATION_SUSPECTED = (
        "hallucination-suspected"  # text where no speech was heard (dropped)
    )


class Word(BaseModel):
    model_config = ConfigDict(frozen=True)

    word: str
    start: float
    end: float
    probability: float
    flagged: bool = False


class Segment(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: float
    end: float
    text: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    temperature: float = 0.0
    words: tuple[Word, ...] = ()


class Transcript(BaseModel):
    """What the machine heard. Starts "preliminary"; only the author's signature makes it final."""

    model_config = ConfigDict(frozen=True)

    text: str
    language: str
    duration: float
    segments: tuple[Segment, ...] = ()
    flags: tuple[TranscriptFlag, ...] = ()
    confidence: float = Field(ge=0.0, le=1.0, default=0.0)
    model: str
    status: Literal["preliminary", "final"] = "preliminary"

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
