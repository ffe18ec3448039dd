"""Dictation file in, frozen Transcript out. No broker, no store, no database.

    probe_audio -> decode_audio -> VoiceActivity.detect (Silero VAD) -> the engine
      (transcription.engines: ctranslate2 or openai-whisper, the same result dicts)
      -> segments_from_whisper -> guard_segments (guard_unheard_segments, cut_repetition_loops)
      -> fill_gaps (voiced ranges without text decoded again, alone) -> coverage_of
      -> flag_low_confidence -> Transcript

The engine never gets the whole file: transcription.chunks cuts it at the voice
detector's pauses into clips of whole utterances under 30 s, and the engine (whichever:
its output is whisper's segment dicts) decodes one clip at a time. Its own window/seek
logic never runs, long silences are never decoded, and a loop cannot run on into them.

Guards flag, they never delete text over voiced audio: only text where the voice detector
hears nothing is dropped. Voiced audio still without text after the re-decode stays visible
as an unsure placeholder with its time range, and coverage under `options.coverage_min`
flags the transcript `coverage-low` with the ranges (review).

A `Transcriber` loads its model once and serves many files (one per call, not thread-safe:
run one per worker process). Whisper has no time limit of its own: the worker enforces
`options.effective_timeout_s` by running the pipeline in a child process it can kill.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from transcription.audio import SAMPLE_RATE, decode_audio, probe_audio
from transcription.chunks import speech_chunks
from transcription.coverage import coverage_of, uncovered_ranges
from transcription.engines import load_engine
from transcription.options import TranscribeOptions
from transcription.quality import (
    confidence_of,
    cut_repetition_loops,
    flag_low_confidence,
    guard_unheard_segments,
    placeholder,
    review_flags,
)
from transcription.transcript import Segment, Transcript, Word
from transcription.vad import VoiceActivity
from transcription.vocabulary import dedupe_keep_last, prompt_from_terms

log = logging.getLogger(__name__)


class Transcriber:
    """Holds one loaded Whisper model; `transcribe` runs the whole pipeline on one file."""

    def __init__(
        self,
        options: TranscribeOptions | None = None,
        *,
        model: Any | None = None,
        label: str | None = None,
    ):
        self.options = options or TranscribeOptions()
        self._lock = threading.Lock()
        if model is None:  # the engine the options name (transcription.engines)
            model = load_engine(self.options)
            label = model.label
        self.model = model
        self.label = label or self.options.model

    @property
    def english_only(self) -> bool:
        return not getattr(self.model, "is_multilingual", True)

    def transcribe(
        self,
        path: Path,
        *,
        options: TranscribeOptions | None = None,
        prompt_terms: Sequence[str] = (),
    ) -> Transcript:
        opts = options or self.options
        probe = probe_audio(
            Path(path),
            max_bytes=opts.max_bytes,
            max_duration_s=opts.max_duration_s,
            timeout_s=opts.probe_timeout_s,
        )
        audio = decode_audio(
            Path(path),
            probe=probe,
            max_duration_s=opts.max_duration_s,
            timeout_s=opts.decode_timeout_s,
        )
        return self.transcribe_audio(audio, options=opts, prompt_terms=prompt_terms)

    def transcribe_audio(
        self,
        audio: np.ndarray,
        *,
        options: TranscribeOptions | None = None,
        prompt_terms: Sequence[str] = (),
    ) -> Transcript:
        """The model part, on float32 mono 16 kHz samples (already decoded and checked)."""
        opts = options or self.options
        duration = round(audio.size / SAMPLE_RATE, 3)
        language = (
            "en" if self.english_only else opts.language
        )  # None: whisper detects it
        voice = VoiceActivity.detect(audio)
        if not voice.intervals:
            log.info(
                "transcription: no speech in %.1f s of audio; model not run", duration
            )
            return Transcript(
                text="",
                language=language or "",
                duration=duration,
                flags=review_flags(
                    no_speech=True, loop=False, low_conf=False, hallucination=False
                ),
                confidence=0.0,
                model=self.label,
            )
        prompt = _prompt(opts, prompt_terms)
        chunks = speech_chunks(voice, duration_s=duration)
        decoded, language = self.decode_chunks(
            audio, chunks, opts, prompt=prompt, language=language
        )
        segments, loop, suspect = guard_segments(decoded, voice, opts)
        segments, loop2, suspect2, redecoded = self.fill_gaps(
            audio,
            segments,
            voice,
            opts,
            prompt=prompt,
            language=language,
            budget=opts.max_gap_decodes + 2 * len(chunks),
        )
        coverage, uncovered = coverage_of(voice, segments)
        segments = _with_gap_placeholders(segments, uncovered, min_s=opts.min_gap_voiced_s)
        segments, low_conf = flag_low_confidence(
            segments, threshold=opts.word_threshold
        )
        segments = tuple(s for s in segments if s.text.strip())
        text = " ".join(s.text.strip() for s in segments)
        heard_text = any(not s.placeholder for s in segments)
        flags = review_flags(
            no_speech=not heard_text,
            loop=loop or loop2,
            low_conf=low_conf,
            hallucination=suspect or suspect2,
            coverage_low=coverage < opts.coverage_min,
        )
        log.info(
            "transcription: %d clip(s), %d voiced range(s) re-decoded; coverage %.3f",
            len(chunks),
            redecoded,
            coverage,
        )
        return Transcript(
            text=text,
            language=language or "",
            duration=duration,
            segments=segments,
            flags=flags,
            confidence=confidence_of([s for s in segments if not s.placeholder]),
            model=self.label,
            voiced_seconds=round(voice.seconds, 2),
            coverage=round(coverage, 4),
            uncovered=uncovered,
        )

    def decode_chunks(
        self,
        audio: np.ndarray,
        chunks: Sequence[tuple[float, float]],
        opts: TranscribeOptions,
        *,
        prompt: str | None,
        language: str | None,
    ) -> tuple[tuple[Segment, ...], str | None]:
        """The engine on each clip, its segments moved to the file's time. With no language
        set, the first clip's detected language is used for the rest.
        Returns (segments, language)."""
        out: list[Segment] = []
        for a, b in chunks:
            clip = audio[int(a * SAMPLE_RATE) : int(b * SAMPLE_RATE)]
            raw = self._run_whisper(clip, opts, prompt=prompt, language=language)
            language = language or raw.get("language") or None
            out += [_shifted(s, a) for s in segments_from_whisper(raw.get("segments") or ())]
        return tuple(out), language

    def fill_gaps(
        self,
        audio: np.ndarray,
        segments: tuple[Segment, ...],
        voice: VoiceActivity,
        opts: TranscribeOptions,
        *,
        prompt: str | None,
        language: str | None,
        budget: int | None = None,
    ) -> tuple[tuple[Segment, ...], bool, bool, int]:
        """Decode each voiced range left without text again, on its own (Whisper skips
        audio whose words echo the prompt: "hypertension, hyperlipidemia" after a prompt
        naming them). The new words inside the range join the transcript, through the same
        guards; placeholders they cover go. A range still empty after the prompted decode is
        tried without the prompt. At most `budget` decodes (default
        `opts.max_gap_decodes`; the pipeline adds two per clip of the file, so a long
        dictation is not cut off at its 24th gap, and babble costs at most ~3x).
        Returns (segments, loop cut, hallucination suspected, ranges decoded)."""
        loop = suspect = False
        done = 0
        budget = opts.max_gap_decodes if budget is None else budget
        for a, b in uncovered_ranges(voice, segments, min_s=opts.min_gap_voiced_s):
            if done >= budget:
                break
            found: tuple[Segment, ...] = ()
            for attempt_prompt in dict.fromkeys((prompt, None)):
                done += 1
                found, lp, sp = self._decode_range(
                    audio, a, b, voice, opts, prompt=attempt_prompt, language=language
                )
                if any(not s.placeholder and not s.unsure for s in found):
                    break
            if found:
                loop, suspect = loop or lp, suspect or sp
                kept = [
                    s
                    for s in segments
                    if not (s.placeholder and _overlap(s, found) >= 0.5)
                ]
                segments = tuple(sorted([*kept, *found], key=lambda s: (s.start, s.end)))
        return segments, loop, suspect, done

    def _decode_range(
        self,
        audio: np.ndarray,
        a: float,
        b: float,
        voice: VoiceActivity,
        opts: TranscribeOptions,
        *,
        prompt: str | None,
        language: str | None,
    ) -> tuple[tuple[Segment, ...], bool, bool]:
        lead = max(0.0, a - GAP_PAD_S)
        clip = audio[int(lead * SAMPLE_RATE) : int((b + GAP_PAD_S) * SAMPLE_RATE)]
        raw = self._run_whisper(clip, opts, prompt=prompt, language=language)
        inside = []
        for seg in segments_from_whisper(raw.get("segments") or ()):
            seg = _shifted(seg, lead)
            if seg.words:
                words = [w for w in seg.words if a - 0.1 <= (w.start + w.end) / 2 <= b + 0.1]
                if not words:
                    continue
                seg = seg.model_copy(
                    update={
                        "words": tuple(words),
                        "text": "".join(w.word for w in words),
                        "start": words[0].start,
                        "end": words[-1].end,
                    }
                )
            elif not (a - 0.1 <= (seg.start + seg.end) / 2 <= b + 0.1):
                continue
            inside.append(seg)
        return guard_segments(tuple(inside), voice, opts)

    def _run_whisper(
        self,
        audio: np.ndarray,
        opts: TranscribeOptions,
        *,
        prompt: str | None,
        language: str | None,
    ) -> dict:
        with self._lock:
            return self.model.transcribe(audio, opts=opts, prompt=prompt, language=language)


GAP_PAD_S = 0.3  # audio either side of a re-decoded range, so its first word is whole


def guard_segments(
    segments: tuple[Segment, ...], voice: VoiceActivity, opts: TranscribeOptions
) -> tuple[tuple[Segment, ...], bool, bool]:
    """Text over silence dropped; doubtful text over speech marked unsure; loops cut to
    placeholders. Returns (segments, loop cut, hallucination suspected)."""
    segments, suspect = guard_unheard_segments(
        segments,
        voice,
        logprob_threshold=opts.logprob_threshold,
        last_temperature=max(opts.temperature),
    )
    segments, loop = cut_repetition_loops(segments, voice)
    return segments, loop, suspect


def _shifted(seg: Segment, by: float) -> Segment:
    words = tuple(
        w.model_copy(update={"start": round(w.start + by, 3), "end": round(w.end + by, 3)})
        for w in seg.words
    )
    return seg.model_copy(
        update={
            "start": round(seg.start + by, 3),
            "end": round(seg.end + by, 3),
            "words": words,
        }
    )


def _overlap(seg: Segment, others: Sequence[Segment]) -> float:
    """Share of `seg`'s span under the text of `others`."""
    span = max(seg.end - seg.start, 1e-3)
    return (
        sum(
            max(0.0, min(seg.end, o.end) - max(seg.start, o.start))
            for o in others
            if not o.placeholder
        )
        / span
    )


def _with_gap_placeholders(
    segments: tuple[Segment, ...],
    uncovered: Sequence[tuple[float, float]],
    *,
    min_s: float,
) -> tuple[Segment, ...]:
    """Every voiced range still without text (of at least `min_s`: shorter ones are word
    alignment slack, still counted in the coverage) is visible in review, with its times."""
    extra = [
        placeholder(a, b, "not-transcribed", "speech not transcribed")
        for a, b in uncovered
        if b - a >= min_s
        and not any(s.placeholder and s.start <= b and s.end >= a for s in segments)
    ]
    return tuple(sorted([*segments, *extra], key=lambda s: (s.start, s.end)))


def _prompt(opts: TranscribeOptions, prompt_terms: Sequence[str]) -> str | None:
    terms = dedupe_keep_last([*opts.prompt_terms, *prompt_terms])
    parts = [
        p
        for p in (opts.initial_prompt or "", prompt_from_terms(terms) if terms else "")
        if p
    ]
    return " ".join(parts) or None


def segments_from_whisper(raw_segments: Sequence[dict]) -> tuple[Segment, ...]:
    out = []
    for s in raw_segments:
        words = tuple(
            Word(
                word=str(w["word"]),
                start=round(float(w["start"]), 3),
                end=round(float(w["end"]), 3),
                probability=round(float(w["probability"]), 4),
            )
            for w in s.get("words") or ()
        )
        out.append(
            Segment(
                start=round(float(s["start"]), 3),
                end=round(float(s["end"]), 3),
                text=str(s["text"]),
                avg_logprob=float(s["avg_logprob"]),
                no_speech_prob=float(s["no_speech_prob"]),
                compression_ratio=float(s["compression_ratio"]),
                temperature=float(s.get("temperature") or 0.0),
                words=words,
            )
        )
    return tuple(out)


_CACHE: dict[tuple[str, str, str], Transcriber] = {}


def transcribe_file(
    path: Path,
    *,
    options: TranscribeOptions | None = None,
    prompt_terms: Sequence[str] = (),
) -> Transcript:
    """Convenience: one Transcriber per engine and model per process, reused across calls."""
    opts = options or TranscribeOptions()
    key = (opts.engine, opts.model, opts.compute_type)
    transcriber = _CACHE.get(key)
    if transcriber is None:
        transcriber = _CACHE[key] = Transcriber(opts)
    return transcriber.transcribe(Path(path), options=opts, prompt_terms=prompt_terms)
