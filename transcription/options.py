"""Frozen transcription options. Defaults come from HIMFLOW_* environment variables."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from transcription.engines import default_engine, engine_name
from transcription.weights import default_model_spec
from transcription.vocabulary import collect_terms, dedupe_keep_last

# The longest dictation we accept (and size worker timeouts / max_poll_interval_ms for).
DEFAULT_MAX_DURATION_S = 60 * 60.0
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def backend_from_env() -> Literal["whisper", "faster-whisper"]:
    """HIMFLOW_WHISPER_BACKEND, default "whisper"; a misspelt name is an error, not a silent fallback."""
    value = os.environ.get("HIMFLOW_WHISPER_BACKEND") or "whisper"
    if value == "whisper":
        return "whisper"
    if value == "faster-whisper":
        return "faster-whisper"
    raise ValueError(f"HIMFLOW_WHISPER_BACKEND={value!r}: expected 'whisper' or 'faster-whisper'")


class TranscribeOptions(BaseModel):
    """How to transcribe. Greedy decoding with whisper's temperature fallback by default."""

    model_config = ConfigDict(frozen=True)

    model: str = Field(default_factory=default_model_spec)
    # "ctranslate2" (faster-whisper, the default) or "openai-whisper" (the reference engine):
    # transcription.engines; the setting `whisper_engine` (HIMFLOW_WHISPER_ENGINE).
    engine: Literal["ctranslate2", "openai-whisper"] = Field(default_factory=default_engine)
    # CTranslate2 weights type on CPU: int8 (default, ~3x openai-whisper) or float32.
    compute_type: Literal["int8", "float32"] = "int8"
    language: str | None = "en"
    # Greedy first; on a failed window (log-probability or compression check) retry warmer.
    # Whisper's own schedule goes to 1.0, but above ~0.5 it samples fluent nonsense (which the
    # quality checks then drop) and on babble each extra step costs a full 224-token decode.
    temperature: tuple[float, ...] = (0.0, 0.2, 0.4)
    beam_size: int | None = None  # None = greedy; 5 is ~3x slower on CPU
    best_of: int | None = None
    compression_ratio_threshold: float = 2.4
    logprob_threshold: float = -1.0
    no_speech_threshold: float = 0.6
    # Each 30 s window sees the vocabulary prompt, not the previous window's text: loops
    # cannot feed themselves, and the drug names stay in context across the whole dictation.
    condition_on_previous_text: bool = False
    initial_prompt: str | None = None
    prompt_terms: tuple[str, ...] = ()
    word_timestamps: bool = True
    word_threshold: float = 0.5  # words below this probability are flagged for review
    # Voiced audio the model left without text (Whisper skips spans on its own, more often
    # with a prompt) is decoded again on its own; at most this many re-decodes per file
    # plus two per clip the file is cut into (transcription.chunks), each of a range holding
    # at least `min_gap_voiced_s` of speech (0.4 s: a one-word heading; at 0.8 s "Heart." and
    # "Imaging." of a 15 min dictation vanished unflagged, docs/dictation-coverage.md).
    max_gap_decodes: int = 24
    min_gap_voiced_s: float = 0.4
    coverage_min: float = 0.97  # below: flag coverage-low (review names the ranges)
    threads: int | None = None  # engine threads; None = all cores (or OMP_NUM_THREADS)
    max_duration_s: float = Field(
        default_factory=lambda: _env_float(
            "HIMFLOW_MAX_AUDIO_SECONDS", DEFAULT_MAX_DURATION_S
        )
    )
    max_bytes: int = Field(
        default_factory=lambda: int(
            _env_float("HIMFLOW_MAX_AUDIO_BYTES", DEFAULT_MAX_BYTES)
        )
    )
    probe_timeout_s: float = 30.0
    decode_timeout_s: float = 300.0
    # Wall-clock budget for one transcription (decode + model), for the worker that runs the
    # pipeline in a separate process to enforce by killing it: 2 x real time + 2 min.
    timeout_s: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _legacy_backend(cls, data: Any) -> Any:
        # `backend="whisper" | "faster-whisper"` was this field's first name.
        if isinstance(data, dict) and "backend" in data:
            data = dict(data)
            backend = data.pop("backend")
            if backend is not None:
                data.setdefault("engine", backend)
        return data

    @field_validator("engine", mode="before")
    @classmethod
    def _engine_name(cls, value: Any) -> Any:
        return engine_name(value) if isinstance(value, str) else value

    @staticmethod
    def schedule(increment: float | None, *, start: float = 0.0) -> tuple[float, ...]:
        """Whisper CLI's temperature schedule: start, start+increment, ... up to 1.0."""
        if not increment:
            return (start,)
        steps = round((1.0 - start) / increment)
        return tuple(round(start + i * increment, 4) for i in range(steps + 1))

    @property
    def effective_timeout_s(self) -> float:
        return (
            self.timeout_s
            if self.timeout_s is not None
            else 2.0 * self.max_duration_s + 120.0
        )


def engine_settings(settings: Any | None) -> dict[str, Any]:
    """The engine part of the deployment's settings (himflow.settings.Settings: env
    HIMFLOW_*, then the stack's settings file): which engine, which model."""
    if settings is None:
        return {}
    return {"engine": settings.whisper_engine, "model": settings.whisper_model}


def dictation_options(
    *,
    author: str | None = None,
    specialty: str | None = None,
    medications: Sequence[str] = (),
    terms: Sequence[str] = (),
    vocabulary: bool | None = None,
    terms_dir: Path | None = None,
    settings: Any | None = None,
    **overrides: Any,
) -> TranscribeOptions:
    """The options for one dictation: the ONE builder the transcription worker and
    `himflow transcribe` both use, so a CLI run with the same --author/--specialty/--term
    reproduces a worker run exactly. The engine and model come from `settings` (the
    worker's; the CLI loads the same with himflow.settings.load_settings). The prompt terms
    are the configured vocabulary (common list, the specialty's, the author's, the
    patient's medications; see transcription.vocabulary) followed by `terms`;
    `vocabulary=False` leaves only `terms` (default: on unless HIMFLOW_VOCABULARY=off, the
    deployment's switch for the worker). `overrides` are TranscribeOptions fields (engine,
    model, beam_size, threads, ...) and win over `settings`."""

    if vocabulary is None:
        vocabulary = os.environ.get("HIMFLOW_VOCABULARY", "on").strip().lower() != "off"
    listed = (
        collect_terms(
            specialty=specialty,
            physician=author,
            medications=medications,
            terms_dir=terms_dir,
        )
        if vocabulary
        else ()
    )
    clean = {
        **engine_settings(settings),
        **{k: v for k, v in overrides.items() if v is not None},
    }
    return TranscribeOptions(**clean, prompt_terms=dedupe_keep_last([*listed, *terms]))
