"""Bad dictation input is rejected with a typed reason before the model runs (no Whisper here)."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from himflow.errors import EngineTimeout, RejectedInput
from schemas.events import ReasonCode
from tests.resources.speech import encode, long_silence_flac, speak, write_wav
from transcription import TranscribeOptions, Transcriber
from transcription.audio import SAMPLE_RATE, decode_audio, probe_audio

LIMITS = {"max_bytes": 50 * 1024 * 1024, "max_duration_s": 3600.0}


class _NoModel:
    """Stands in for Whisper: any use of it fails the test (bad input must stop earlier)."""

    is_multilingual = False

    def __getattr__(
        self, name
    ):  # pragma: no cover - reached only when the pipeline is wrong
        raise AssertionError(
            "the model was used on input that should have been rejected"
        )


@pytest.fixture(scope="module")
def speech_wav(tmp_path_factory) -> Path:
    return speak(
        "Follow up in two weeks.", tmp_path_factory.mktemp("audio") / "speech.wav"
    )


@pytest.fixture()
def modelless() -> Transcriber:
    return Transcriber(
        TranscribeOptions(model="tiny.en"), model=_NoModel(), label="none"
    )


def _reason(excinfo) -> ReasonCode:
    return excinfo.value.reason


def test_text_file_named_wav_is_undecodable(tmp_path, modelless):
    path = tmp_path / "dictation.wav"
    path.write_text("this is not audio at all, just a text file\n")
    with pytest.raises(RejectedInput) as e:
        modelless.transcribe(path)
    assert _reason(e) is ReasonCode.AUDIO_UNDECODABLE
    assert "dictation" not in str(
        e.value
    )  # user-chosen file names never reach messages


def test_corrupt_mp3_is_undecodable(tmp_path, speech_wav, modelless):
    good = encode(
        speech_wav, tmp_path / "good.mp3", "-c:a", "libmp3lame", "-b:a", "64k"
    )
    data = good.read_bytes()
    rng = np.random.default_rng(7)
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(
        data[:600] + rng.integers(0, 256, len(data) - 600, dtype=np.uint8).tobytes()
    )
    with pytest.raises(RejectedInput) as e:
        modelless.transcribe(bad)
    assert _reason(e) is ReasonCode.AUDIO_UNDECODABLE


def test_zero_length_file_is_empty(tmp_path, modelless):
    path = tmp_path / "empty.m4a"
    path.write_bytes(b"")
    with pytest.raises(RejectedInput) as e:
        modelless.transcribe(path)
    assert _reason(e) is ReasonCode.AUDIO_EMPTY


def test_wav_without_samples_is_empty(tmp_path, modelless):
    path = write_wav(tmp_path / "nothing.wav", np.zeros(0, np.float32), 16_000)
    with pytest.raises(RejectedInput) as e:
        modelless.transcribe(path)
    assert _reason(e) is ReasonCode.AUDIO_EMPTY


def test_three_hours_of_silence_rejected_by_probe_before_decoding(tmp_path):
    path = long_silence_flac(tmp_path / "long.flac")  # real 3 h of audio, < 1 MB
    assert path.stat().st_size < 1_000_000
    with pytest.raises(RejectedInput) as e:
        probe_audio(path, **LIMITS)  # the probe alone decides: nothing is decoded
    assert _reason(e) is ReasonCode.AUDIO_TOO_LONG
    assert "10800" in e.value.detail


def test_three_hours_of_silence_rejected_by_the_pipeline(tmp_path, modelless):
    path = long_silence_flac(tmp_path / "long.flac")
    with pytest.raises(RejectedInput) as e:
        modelless.transcribe(path)
    assert _reason(e) is ReasonCode.AUDIO_TOO_LONG


def test_unsupported_codec_is_rejected(tmp_path, speech_wav, modelless):
    ac3 = encode(speech_wav, tmp_path / "dictation.m4a", "-c:a", "ac3")
    with pytest.raises(RejectedInput) as e:
        modelless.transcribe(ac3)
    assert _reason(e) is ReasonCode.UNSUPPORTED_TYPE
    assert "ac3" in e.value.detail


def test_video_without_audio_is_unsupported(tmp_path, modelless):
    video = tmp_path / "clip.webm"
    import subprocess

    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=d=1:s=32x32",
            "-c:v",
            "libvpx",
            str(video),
        ],
        check=True,
        timeout=60,
    )
    with pytest.raises(RejectedInput) as e:
        modelless.transcribe(video)
    assert _reason(e) is ReasonCode.UNSUPPORTED_TYPE


def test_unsupported_container_is_rejected(tmp_path, speech_wav):
    aiff = encode(speech_wav, tmp_path / "dictation.aiff")
    with pytest.raises(RejectedInput) as e:
        probe_audio(aiff, **LIMITS)
    assert _reason(e) is ReasonCode.UNSUPPORTED_TYPE


def test_file_over_the_byte_limit_is_too_large(speech_wav):
    with pytest.raises(RejectedInput) as e:
        probe_audio(speech_wav, max_bytes=1000, max_duration_s=3600)
    assert _reason(e) is ReasonCode.TOO_LARGE


def test_wav_header_claiming_more_than_the_file_holds_is_probed_by_content(tmp_path):
    # A header that claims 3 hours over 0.1 s of samples: duration comes from the content,
    # so this decodes (short) instead of being trusted or crashing.
    n = 3 * 3600 * SAMPLE_RATE * 2
    header = (
        b"RIFF"
        + struct.pack("<I", 36 + n)
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
        + b"data"
        + struct.pack("<I", n)
    )
    path = tmp_path / "liar.wav"
    path.write_bytes(header + b"\x00\x01" * 1600)
    probe = probe_audio(path, **LIMITS)
    audio = decode_audio(path, probe=probe, max_duration_s=3600)
    assert audio.size == 1600


@pytest.mark.parametrize(
    ("suffix", "args"),
    [
        (".wav", ()),
        (".mp3", ("-c:a", "libmp3lame")),
        (".m4a", ("-c:a", "aac")),
        (".flac", ()),
        (".ogg", ("-c:a", "libvorbis")),
        (".webm", ("-c:a", "libopus")),
    ],
)
def test_each_accepted_format_decodes_to_16k_mono(tmp_path, speech_wav, suffix, args):
    path = encode(speech_wav, tmp_path / f"d{suffix}", *args)
    probe = probe_audio(path, **LIMITS)
    audio = decode_audio(path, probe=probe, max_duration_s=3600)
    expected = probe.duration_s or 0
    assert audio.dtype == np.float32
    assert abs(audio.size / SAMPLE_RATE - expected) < 0.2
    assert 0.01 < float(np.abs(audio).max()) <= 1.0


def test_ffmpeg_over_its_time_limit_is_an_engine_timeout(tmp_path):
    path = long_silence_flac(tmp_path / "long.flac", seconds=3 * 3600)
    probe = probe_audio(path, max_bytes=LIMITS["max_bytes"], max_duration_s=4 * 3600)
    with pytest.raises(EngineTimeout):
        decode_audio(path, probe=probe, max_duration_s=4 * 3600, timeout_s=0.01)
