"""Where speech is: Silero VAD (MIT, its ONNX model shipped inside the `silero-vad` wheel).

    voiced = VoiceActivity.detect(audio)      # float32 mono 16 kHz
    voiced.intervals                          # ((start_s, end_s), ...) of speech
    voiced.seconds_in(a, b)                   # voiced seconds inside [a, b]

Runs the wheel's batched "sequence" export of the model with onnxruntime and numpy only: no
torch, no torch.hub, no download (the package is located without importing it, because its
`__init__` imports torch). One ONNX call per ~16 s of audio; a 10-minute dictation takes ~2 s
on one core. The speech/no-speech hysteresis follows silero's `get_speech_timestamps`
(enter at 0.5, leave under 0.35, speech shorter than 250 ms dropped, pauses under 100 ms
bridged), padded by 100 ms each side.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from himflow.errors import HimflowError
from schemas.events import ReasonCode

SAMPLE_RATE = 16_000
FRAME = 512  # samples per model frame at 16 kHz (32 ms)
CONTEXT = 64  # samples of the previous frame the model sees
BLOCK_FRAMES = 512  # frames per ONNX call (~16.4 s)
MODEL_FILE = "silero_vad_16k_sequence.onnx"
ENTER, LEAVE = 0.5, 0.35
MIN_SPEECH_S, MIN_SILENCE_S, PAD_S = 0.25, 0.1, 0.1


class VadUnavailable(HimflowError):
    """The silero-vad package (or onnxruntime) is not installed: a deployment error."""

    retryable = False
    default_reason = ReasonCode.INTERNAL_ERROR


def model_path() -> Path:
    spec = importlib.util.find_spec("silero_vad")
    if spec is None or not spec.submodule_search_locations:
        raise VadUnavailable("silero-vad is not installed (extra: speech)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / MODEL_FILE
    if not path.is_file():
        raise VadUnavailable(f"silero-vad lacks data/{MODEL_FILE}")
    return path


_SESSION = None
_LOCK = threading.Lock()


def _session():
    global _SESSION
    with _LOCK:
        if _SESSION is None:
            try:
                # lazy: onnxruntime loads only when voice activity detection runs
                import onnxruntime as ort
            except ImportError as e:
                raise VadUnavailable("onnxruntime is not installed (extra: speech)") from e
            opts = ort.SessionOptions()
            opts.inter_op_num_threads = 1
            opts.intra_op_num_threads = 1
            _SESSION = ort.InferenceSession(
                str(model_path()), sess_options=opts, providers=["CPUExecutionProvider"]
            )
        return _SESSION


def speech_probabilities(audio: np.ndarray) -> np.ndarray:
    """One speech probability per 32 ms frame of 16 kHz mono float32 audio."""
    audio = np.ascontiguousarray(audio, dtype=np.float32).reshape(-1)
    n = (audio.size + FRAME - 1) // FRAME
    if n == 0:
        return np.zeros(0, np.float32)
    frames = np.zeros((n, FRAME), np.float32)
    frames.reshape(-1)[: audio.size] = audio
    context = np.zeros((n, CONTEXT), np.float32)
    context[1:] = frames[:-1, -CONTEXT:]
    blocks = np.concatenate([context, frames], axis=1)
    session = _session()
    h = np.zeros((1, 1, 128), np.float32)
    c = np.zeros((1, 1, 128), np.float32)
    out = []
    for i in range(0, n, BLOCK_FRAMES):
        probs, h, c = session.run(
            ["speech_probs", "hn", "cn"], {"input": blocks[i : i + BLOCK_FRAMES], "h": h, "c": c}
        )
        out.append(np.asarray(probs, np.float32).reshape(-1))
    return np.concatenate(out)


def intervals_from_probabilities(
    probs: np.ndarray, *, duration_s: float
) -> tuple[tuple[float, float], ...]:
    step = FRAME / SAMPLE_RATE
    raw: list[list[float]] = []
    start: float | None = None
    below_since: float | None = None
    for i, p in enumerate(probs):
        t = i * step
        if start is None:
            if p >= ENTER:
                start, below_since = t, None
            continue
        if p < LEAVE:
            below_since = t if below_since is None else below_since
            if t + step - below_since >= MIN_SILENCE_S:
                raw.append([start, below_since])
                start, below_since = None, None
        else:
            below_since = None
    if start is not None:
        raw.append([start, below_since if below_since is not None else len(probs) * step])
    spans: list[list[float]] = []
    for a, b in raw:
        if b - a < MIN_SPEECH_S:
            continue
        a, b = max(0.0, a - PAD_S), min(duration_s, b + PAD_S)
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return tuple((round(a, 3), round(b, 3)) for a, b in spans)


@dataclass(frozen=True)
class VoiceActivity:
    intervals: tuple[tuple[float, float], ...]  # speech, seconds, merged, padded
    # the model's speech probability per 32 ms frame (None when built from intervals alone);
    # transcription.chunks cuts an utterance too long for one clip at its quietest frame
    probs: np.ndarray | None = field(default=None, compare=False, repr=False)

    @classmethod
    def detect(cls, audio: np.ndarray) -> VoiceActivity:
        duration = audio.size / SAMPLE_RATE
        probs = speech_probabilities(audio)
        return cls(intervals_from_probabilities(probs, duration_s=duration), probs)

    @property
    def seconds(self) -> float:
        return sum(b - a for a, b in self.intervals)

    def seconds_in(self, start: float, end: float) -> float:
        return sum(max(0.0, min(end, b) - max(start, a)) for a, b in self.intervals)
