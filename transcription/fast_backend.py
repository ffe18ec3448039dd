"""Optional backend: faster-whisper (CTranslate2, int8) on the same bundled CT2 weights.

Installed with the `fast` extra (`pip install -e .[fast]`). Chosen by
`TranscribeOptions(backend="faster-whisper")` or HIMFLOW_WHISPER_BACKEND=faster-whisper.
Measured here (bench/bench_transcribe.py, 47 s espeak dictation, 2 threads): base RTF 0.11
against 0.36 for openai-whisper, same words. Its output is mapped to whisper's segment dicts,
so the same quality checks (no invented text, loops, low-confidence words) apply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from himflow.errors import EngineFailed
from transcription.weights import BUNDLED, WeightsError, ensure_ct2_dir


class FasterWhisperModel:
    """A loaded CT2 Whisper model with the small surface the pipeline needs."""

    backend = "faster-whisper"

    def __init__(
        self, spec: str, *, threads: int | None = None, compute_type: str = "int8"
    ):
        try:
            # lazy: faster-whisper is the optional "fast" extra
            from faster_whisper import WhisperModel
        except ImportError as e:
            raise WeightsError("faster-whisper is not installed (extra: fast)") from e
        if spec in BUNDLED:
            folder = ensure_ct2_dir(spec)
        elif Path(spec).is_dir() and (Path(spec) / "model.bin").is_file():
            folder = Path(spec)
        else:
            raise WeightsError(
                "faster-whisper needs a bundled model name or a CT2 folder"
            )
        self.label = spec if spec in BUNDLED else folder.name
        self.model = WhisperModel(
            str(folder),
            device="cpu",
            compute_type=compute_type,
            cpu_threads=threads or 0,
            local_files_only=True,
        )
        self.is_multilingual = bool(self.model.model.is_multilingual)

    def transcribe(
        self, audio: np.ndarray, *, opts: Any, prompt: str | None, language: str | None
    ) -> dict:
        try:
            segments, info = self.model.transcribe(
                audio,
                language=language,
                beam_size=opts.beam_size or 1,
                best_of=opts.best_of or 1,
                temperature=list(opts.temperature),
                compression_ratio_threshold=opts.compression_ratio_threshold,
                log_prob_threshold=opts.logprob_threshold,
                no_speech_threshold=opts.no_speech_threshold,
                condition_on_previous_text=opts.condition_on_previous_text,
                # hotwords go into every window's prompt (initial_prompt only into the first
                # when not conditioning on previous text): the vocabulary stays in context.
                hotwords=prompt or None,
                word_timestamps=opts.word_timestamps,
                vad_filter=False,
            )
            out = [
                {
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "avg_logprob": s.avg_logprob,
                    "no_speech_prob": s.no_speech_prob,
                    "compression_ratio": s.compression_ratio,
                    "temperature": s.temperature or 0.0,
                    "words": [
                        {
                            "word": w.word,
                            "start": w.start,
                            "end": w.end,
                            "probability": w.probability,
                        }
                        for w in (s.words or ())
                    ],
                }
                for s in segments  # a generator: decoding happens here
            ]
        except (RuntimeError, ValueError, IndexError) as e:
            raise EngineFailed("faster-whisper failed on this audio") from e
        return {"language": info.language, "segments": out}
