"""Dictation file in, frozen Transcript out. No broker, no store, no database.

    probe_audio -> decode_audio -> speech_activity -> whisper -> segments_from_whisper
      -> drop_unheard_segments -> cut_repetition_loops -> flag_low_confidence -> Transcript

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

from himflow.errors import EngineFailed, HimflowError
from transcription.audio import SAMPLE_RATE, decode_audio, probe_audio
from transcription.options import TranscribeOptions
from transcription.quality import (
    confidence_of,
    cut_repetition_loops,
    drop_unheard_segments,
    flag_low_confidence,
    review_flags,
    speech_activity,
)
from transcription.transcript import Segment, Transcript, Word
from transcription.vocabulary import dedupe_keep_last, prompt_from_terms
from transcription.weights import load_whisper

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
        if model is None and self.options.backend == "faster-whisper":
            from transcription.fast_backend import FasterWhisperModel

            model = FasterWhisperModel(self.options.model, threads=self.options.threads)
            label = f"{model.label} (faster-whisper int8)"
        elif model is None:
            model, label = load_whisper(self.options.model)
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
        activity = speech_activity(audio, sample_rate=SAMPLE_RATE)
        if not activity.has_speech:
            log.info(
                "transcription: no speech energy in %.1f s of audio; model not run",
                duration,
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
        raw = self._run_whisper(
            audio, opts, prompt=_prompt(opts, prompt_terms), language=language
        )
        segments = segments_from_whisper(raw.get("segments") or ())
        segments, hallucination = drop_unheard_segments(
            segments,
            activity,
            logprob_threshold=opts.logprob_threshold,
            last_temperature=max(opts.temperature),
        )
        segments, loop = cut_repetition_loops(segments)
        segments, low_conf = flag_low_confidence(
            segments, threshold=opts.word_threshold
        )
        segments = tuple(s for s in segments if s.text.strip())
        text = " ".join(s.text.strip() for s in segments)
        flags = review_flags(
            no_speech=not text,
            loop=loop,
            low_conf=low_conf,
            hallucination=hallucination,
        )
        return Transcript(
            text=text,
            language=str(raw.get("language") or language or ""),
            duration=duration,
            segments=segments,
            flags=flags,
            confidence=confidence_of(segments),
            model=self.label,
        )

    def _run_whisper(
        self,
        audio: np.ndarray,
        opts: TranscribeOptions,
        *,
        prompt: str | None,
        language: str | None,
    ) -> dict:
        if getattr(self.model, "backend", None) == "faster-whisper":
            with self._lock:
                return self.model.transcribe(
                    audio, opts=opts, prompt=prompt, language=language
                )
        import torch
        import whisper

        decode: dict[str, Any] = {
            "fp16": False,
            "language": language,
            "task": "transcribe",
        }
        if opts.beam_size:
            decode["beam_size"] = opts.beam_size
        if opts.best_of:
            decode["best_of"] = opts.best_of
        with self._lock:
            previous_threads = torch.get_num_threads()
            if opts.threads:
                torch.set_num_threads(opts.threads)
            try:
                return whisper.transcribe(
                    self.model,
                    audio,
                    verbose=None,
                    temperature=opts.temperature,
                    compression_ratio_threshold=opts.compression_ratio_threshold,
                    logprob_threshold=opts.logprob_threshold,
                    no_speech_threshold=opts.no_speech_threshold,
                    condition_on_previous_text=opts.condition_on_previous_text,
                    initial_prompt=prompt or None,
                    carry_initial_prompt=bool(prompt),
                    word_timestamps=opts.word_timestamps,
                    **decode,
                )
            except HimflowError:
                raise
            except (RuntimeError, ValueError, IndexError) as e:
                raise EngineFailed("whisper failed on this audio") from e
            finally:
                if opts.threads:
                    torch.set_num_threads(previous_threads)


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


_CACHE: dict[str, Transcriber] = {}


def transcribe_file(
    path: Path,
    *,
    options: TranscribeOptions | None = None,
    prompt_terms: Sequence[str] = (),
) -> Transcript:
    """Convenience: one Transcriber per model spec per process, reused across calls."""
    opts = options or TranscribeOptions()
    transcriber = _CACHE.get(opts.model)
    if transcriber is None:
        transcriber = _CACHE[opts.model] = Transcriber(opts)
    return transcriber.transcribe(Path(path), options=opts, prompt_terms=prompt_terms)
