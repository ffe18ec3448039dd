"""Dictation audio at the edge: probe (ffprobe) for limits, then decode (ffmpeg) to 16 kHz mono.

Policy, in order, each a typed rejection (permanent) unless said otherwise:
  size 0 -> AUDIO_EMPTY; size > max_bytes -> TOO_LARGE;
  ffprobe cannot read it -> AUDIO_UNDECODABLE; container or codec outside the allow-list, or no
  audio stream -> UNSUPPORTED_TYPE; probed duration > max -> AUDIO_TOO_LONG (before decoding);
  probed duration 0 -> AUDIO_EMPTY;
  ffmpeg exits non-zero, or yields under half the probed duration -> AUDIO_UNDECODABLE;
  no samples -> AUDIO_EMPTY; decoded duration > max (containers without a duration) ->
  AUDIO_TOO_LONG; ffprobe/ffmpeg over their time limit -> EngineTimeout; binaries missing ->
  EngineFailed.
What ffprobe reports is read as untrusted (its values come from the file's headers): a value
that does not parse is absent, and anything else that breaks reading the report is
AUDIO_UNDECODABLE, never a retried internal error. A signal-killed ffmpeg/ffprobe (a crash on
a hostile stream) is AUDIO_UNDECODABLE too.
Messages carry reason codes and numbers only: never the file name (user-chosen, may be PHI).
"""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict

from himflow.errors import EngineFailed, EngineTimeout, RejectedInput
from himflow.untrusted import untrusted
from schemas.events import ReasonCode

SAMPLE_RATE = 16_000

# ffprobe format_name values (comma lists) we accept: wav, mp3, m4a/mp4, flac, ogg, webm.
SUPPORTED_FORMATS = frozenset(
    {"wav", "mp3", "mov", "mp4", "m4a", "flac", "ogg", "matroska", "webm"}
)
SUPPORTED_CODECS = frozenset(
    {
        "pcm_s16le",
        "pcm_s24le",
        "pcm_s32le",
        "pcm_f32le",
        "pcm_u8",
        "pcm_mulaw",
        "pcm_alaw",
        "mp3",
        "aac",
        "alac",
        "flac",
        "vorbis",
        "opus",
    }
)


class AudioProbe(BaseModel):
    """What ffprobe says about a file, before any decoding."""

    model_config = ConfigDict(frozen=True)

    format_name: str
    codec: str
    sample_rate: int | None
    channels: int | None
    duration_s: float | None  # None when the container does not say (e.g. some webm)
    size_bytes: int


def _run(
    cmd: list[str], *, timeout_s: float, what: str
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            cmd,
            capture_output=True,
            timeout=timeout_s,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as e:
        raise EngineTimeout(f"{what} exceeded {timeout_s:.0f} s") from e
    except FileNotFoundError as e:
        raise EngineFailed(f"{what} is not installed") from e


def _as_input(path: Path) -> str:
    # The file: protocol keeps names like "-x" or "http:..." from being read as options/URLs.
    return "file:" + str(path.resolve())


def probe_audio(
    path: Path,
    *,
    max_bytes: int,
    max_duration_s: float,
    timeout_s: float = 30.0,
) -> AudioProbe:
    """Check size, container, codec and duration without decoding the audio."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise RejectedInput(
            "audio file unreadable", reason=ReasonCode.AUDIO_UNDECODABLE
        ) from e
    if size == 0:
        raise RejectedInput(
            "audio file is empty (0 bytes)", reason=ReasonCode.AUDIO_EMPTY
        )
    if size > max_bytes:
        raise RejectedInput(
            f"audio is {size} bytes, limit {max_bytes}", reason=ReasonCode.TOO_LARGE
        )
    cmd = [
        "ffprobe",
        "-v",
        "error",
        "-of",
        "json",
        "-show_entries",
        "format=format_name,duration:stream=codec_type,codec_name,sample_rate,channels,duration",
        _as_input(path),
    ]
    proc = _run(cmd, timeout_s=timeout_s, what="ffprobe")
    return _checked_probe(proc, max_duration_s=max_duration_s, size=size)


def _checked_probe(proc: subprocess.CompletedProcess[bytes], *, max_duration_s: float, size: int) -> AudioProbe:
    """ffprobe's report, checked against the policy; its values come from the file's headers."""
    with untrusted("audio probe", reason=ReasonCode.AUDIO_UNDECODABLE):
        return _probe_from_report(proc, max_duration_s=max_duration_s, size=size)


def _probe_from_report(proc: subprocess.CompletedProcess[bytes], *, max_duration_s: float, size: int) -> AudioProbe:
    info: object = {}
    if proc.returncode == 0:
        try:
            info = json.loads(proc.stdout or b"{}")
        except ValueError:
            info = {}
    info = info if isinstance(info, dict) else {}
    fmt = info.get("format") or {}
    streams = [s for s in info.get("streams") or [] if isinstance(s, dict)]
    if proc.returncode != 0 or not isinstance(fmt, dict) or not fmt.get("format_name"):
        raise RejectedInput(
            "not a readable audio container", reason=ReasonCode.AUDIO_UNDECODABLE
        )
    format_names = set(str(fmt["format_name"]).split(","))
    if not format_names & SUPPORTED_FORMATS:
        raise RejectedInput(
            f"container {fmt['format_name']} not accepted",
            reason=ReasonCode.UNSUPPORTED_TYPE,
        )
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    if not audio:
        raise RejectedInput(
            "file has no audio stream", reason=ReasonCode.UNSUPPORTED_TYPE
        )
    stream = audio[0]
    codec = str(stream.get("codec_name") or "unknown")
    if codec not in SUPPORTED_CODECS:
        raise RejectedInput(
            f"audio codec {codec} not accepted", reason=ReasonCode.UNSUPPORTED_TYPE
        )
    duration = _float(stream.get("duration")) or _float(fmt.get("duration"))
    if duration is not None and duration > max_duration_s:
        raise RejectedInput(
            f"audio is {duration:.0f} s, limit {max_duration_s:.0f} s",
            reason=ReasonCode.AUDIO_TOO_LONG,
        )
    if duration is not None and duration <= 0:
        raise RejectedInput("audio has zero duration", reason=ReasonCode.AUDIO_EMPTY)
    return AudioProbe(
        format_name=str(fmt["format_name"]),
        codec=codec,
        sample_rate=_int(stream.get("sample_rate")),
        channels=_int(stream.get("channels")),
        duration_s=duration,
        size_bytes=size,
    )


def decode_audio(
    path: Path,
    *,
    probe: AudioProbe,
    max_duration_s: float,
    timeout_s: float = 120.0,
) -> np.ndarray:
    """Decode the first audio stream to float32 mono at 16 kHz (whisper's input)."""
    cmd = [
        "ffmpeg",
        "-nostdin",
        "-hide_banner",
        "-v",
        "error",
        "-threads",
        "0",
        "-i",
        _as_input(path),
        "-map",
        "0:a:0",
        "-vn",
        "-sn",
        "-dn",
        "-t",
        f"{max_duration_s + 1:.3f}",  # bound the work even when the container lies
        "-f",
        "s16le",
        "-ac",
        "1",
        "-ar",
        str(SAMPLE_RATE),
        "-acodec",
        "pcm_s16le",
        "-",
    ]
    proc = _run(cmd, timeout_s=timeout_s, what="ffmpeg")
    if proc.returncode != 0:
        raise RejectedInput(
            "audio stream could not be decoded", reason=ReasonCode.AUDIO_UNDECODABLE
        )
    out = proc.stdout[: len(proc.stdout) // 2 * 2]  # whole 16-bit samples only
    pcm = np.frombuffer(out, dtype=np.int16)
    if pcm.size == 0:
        raise RejectedInput(
            "audio decoded to no samples", reason=ReasonCode.AUDIO_EMPTY
        )
    seconds = pcm.size / SAMPLE_RATE
    if seconds > max_duration_s:
        raise RejectedInput(
            f"audio is over {max_duration_s:.0f} s", reason=ReasonCode.AUDIO_TOO_LONG
        )
    if probe.duration_s and probe.duration_s > 1.0 and seconds < 0.5 * probe.duration_s:
        raise RejectedInput(
            f"decoded {seconds:.1f} s of {probe.duration_s:.1f} s: stream is damaged",
            reason=ReasonCode.AUDIO_UNDECODABLE,
        )
    return pcm.astype(np.float32) / 32768.0


def _float(value: object) -> float | None:
    """A finite number from ffprobe's report, or None ("N/A", "nan", "inf", garbage)."""
    try:
        f = float(value) if value not in (None, "N/A") else None  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return f if f is not None and math.isfinite(f) else None


def _int(value: object) -> int | None:
    f = _float(value)
    return int(f) if f is not None else None
