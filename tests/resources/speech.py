"""Synthetic dictation for tests and benchmarks: espeak-ng speech, silence, noise, re-encoding.

No real voices, no PHI: sentences are invented; names are synthetic. Every subprocess has a
timeout. Audio is written as 16-bit mono WAV (espeak-ng's 22.05 kHz) unless encoded further.
"""

from __future__ import annotations

import re
import subprocess
import wave
from pathlib import Path

import numpy as np

TIMEOUT_S = 60

# (voice, words per minute): several accents/pitches and speeds.
VOICES = (
    ("en-us", 150),
    ("en-gb", 170),
    ("en-us+f3", 140),
    ("en-gb-x-rp+m3", 185),
)

# Dictation sentences without numbers (Whisper writes digits; the references would disagree).
DICTATION = (
    "The patient reports chest pain that started this morning after breakfast.",
    "She denies shortness of breath, fever or recent travel.",
    "On examination the heart sounds are regular and the lungs are clear.",
    "We will order an electrocardiogram and follow up in the clinic next week.",
)


def speak(
    text: str, path: Path, *, voice: str = "en-us", speed: int = 160, pitch: int = 50
) -> Path:
    """espeak-ng `text` into a WAV file at `path`."""
    subprocess.run(
        [
            "espeak-ng",
            "-v",
            voice,
            "-s",
            str(speed),
            "-p",
            str(pitch),
            "-w",
            str(path),
            text,
        ],
        check=True,
        timeout=TIMEOUT_S,
        capture_output=True,
    )
    return path


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
        if w.getnchannels() > 1:
            data = data.reshape(-1, w.getnchannels()).mean(axis=1).astype(np.int16)
    return data.astype(np.float32) / 32768.0, rate


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    pcm = np.clip(samples, -1.0, 1.0)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((pcm * 32767).astype(np.int16).tobytes())
    return path


def with_silence(
    samples: np.ndarray, rate: int, *, lead_s: float = 0.0, trail_s: float = 0.0
) -> np.ndarray:
    return np.concatenate(
        [
            np.zeros(int(lead_s * rate), np.float32),
            samples,
            np.zeros(int(trail_s * rate), np.float32),
        ]
    )


def with_noise(samples: np.ndarray, *, snr_db: float, seed: int = 0) -> np.ndarray:
    """Add white noise at `snr_db` relative to the speech's RMS (over voiced samples)."""
    rng = np.random.default_rng(seed)
    voiced = samples[np.abs(samples) > 1e-3]
    rms = float(np.sqrt(np.mean(voiced**2))) if voiced.size else 0.05
    noise_rms = rms / (10 ** (snr_db / 20))
    return (samples + rng.normal(0.0, noise_rms, samples.size)).astype(np.float32)


def make_dictation(
    path: Path,
    text: str,
    *,
    voice: str = "en-us",
    speed: int = 160,
    noise_snr_db: float | None = None,
    lead_s: float = 0.0,
    trail_s: float = 0.0,
    seed: int = 0,
) -> Path:
    """Speech with optional silence around it and white noise over all of it."""
    raw = speak(text, path.with_suffix(".raw.wav"), voice=voice, speed=speed)
    samples, rate = read_wav(raw)
    raw.unlink()
    samples = with_silence(samples, rate, lead_s=lead_s, trail_s=trail_s)
    if noise_snr_db is not None:
        samples = with_noise(samples, snr_db=noise_snr_db, seed=seed)
    return write_wav(path, samples, rate)


def silence_wav(path: Path, seconds: float, *, rate: int = 16_000) -> Path:
    return write_wav(path, np.zeros(int(seconds * rate), np.float32), rate)


def noise_wav(
    path: Path,
    seconds: float,
    *,
    level: float = 0.05,
    rate: int = 16_000,
    seed: int = 0,
) -> Path:
    rng = np.random.default_rng(seed)
    return write_wav(
        path, rng.normal(0.0, level, int(seconds * rate)).astype(np.float32), rate
    )


def encode(src: Path, dst: Path, *args: str) -> Path:
    """Re-encode with ffmpeg (codec chosen by `args` or by dst's extension)."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(src), *args, str(dst)],
        check=True,
        timeout=TIMEOUT_S,
        capture_output=True,
    )
    return dst


def long_silence_flac(path: Path, *, seconds: int = 3 * 3600, rate: int = 1000) -> Path:
    """Hours of real (decodable) silence in well under a second and a megabyte: FLAC at 1 kHz."""
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
            f"anullsrc=r={rate}:cl=mono",
            "-t",
            str(seconds),
            "-c:a",
            "flac",
            str(path),
        ],
        check=True,
        timeout=TIMEOUT_S,
        capture_output=True,
    )
    return path


_TRANSCRIBERS: dict = {}


def shared_transcriber(model: str = "tiny.en", engine: str | None = None):
    """One loaded model per engine per test process (loading costs seconds; tests share it).
    `engine` None: the configured default (transcription.engines)."""
    from transcription import TranscribeOptions, Transcriber

    options = TranscribeOptions(model=model, **({"engine": engine} if engine else {}))
    key = (model, options.engine)
    if key not in _TRANSCRIBERS:
        _TRANSCRIBERS[key] = Transcriber(options)
    return _TRANSCRIBERS[key]


# A dictation script: sentences a physician might say, no numbers (Whisper writes digits),
# no real names. Cycled for longer dictations, never the same sentence twice in a row.
CLINIC_SCRIPT = (
    "Progress note for a follow up visit in the diabetes clinic.",
    "The patient is an older woman with diabetes, hypertension and hyperlipidemia.",
    "She reports good adherence to her medications and a better diet.",
    "She takes metformin twice daily and lisinopril once daily.",
    "She denies chest pain, shortness of breath, or dizziness.",
    "Her appetite is normal and her weight is stable since the last visit.",
    "On examination the lungs are clear and the heart sounds are regular.",
    "There is no swelling in the legs and the feet look healthy.",
    "Assessment: diabetes with improving control.",
    "Hypertension, controlled.",
    "Hyperlipidemia.",
    "Plan: continue metformin and lisinopril and start atorvastatin at bedtime.",
    "Repeat the blood tests before the next appointment.",
    "She was given written advice about exercise and blood sugar monitoring.",
    "The daughter attended the visit and asked about home glucose testing.",
    "We discussed the warning signs of low blood sugar and what to do.",
    "The eyes were checked last month and showed no retinopathy.",
    "The kidney function was normal on the last blood test.",
    "She will see the dietitian and the podiatrist in the coming weeks.",
    "Follow up in the clinic in three months, sooner if needed.",
)


def make_script_dictation(
    path: Path,
    sentences: tuple[str, ...],
    *,
    pauses_s: tuple[float, ...] = (1.0, 2.0, 3.0, 1.5),
    trail_s: float = 0.0,
    voice: str = "en-us",
    speed: int = 160,
) -> tuple[Path, tuple[tuple[str, float, float], ...]]:
    """Each sentence spoken on its own, with a real pause (cycling `pauses_s`) after it, and
    `trail_s` of true silence at the end. Returns the WAV and (sentence, start, end) times."""
    parts: list[np.ndarray] = []
    times = []
    rate = 22_050
    at = 0.0
    for i, sentence in enumerate(sentences):
        raw = speak(sentence, path.with_suffix(f".{i}.wav"), voice=voice, speed=speed)
        samples, rate = read_wav(raw)
        raw.unlink()
        times.append((sentence, at, at + samples.size / rate))
        pause = pauses_s[i % len(pauses_s)] if i < len(sentences) - 1 else 0.0
        parts += [samples, np.zeros(int(pause * rate), np.float32)]
        at += samples.size / rate + pause
    parts.append(np.zeros(int(trail_s * rate), np.float32))
    return write_wav(path, np.concatenate(parts), rate), tuple(times)


def script_of(seconds: float, *, speed: int = 160) -> tuple[str, ...]:
    """Enough CLINIC_SCRIPT sentences (cycled) for about `seconds` of dictation with pauses
    (~3.9 s a sentence at 160 words a minute, ~1.9 s of pause)."""
    n = max(1, round(seconds / (5.8 * 160 / speed)))
    return tuple(CLINIC_SCRIPT[i % len(CLINIC_SCRIPT)] for i in range(n))


_STOP = frozenset(
    ["the", "and", "for", "with", "her", "his", "she", "him", "are", "was", "were", "has", "have", "had", "this", "that", "from", "into", "over", "after", "before", "about", "what", "when", "then", "than", "also", "since", "been", "will"]
)


def content_words(text: str) -> list[str]:
    words = [w.strip("'") for w in re.sub(r"[^a-z']+", " ", text.lower()).split()]
    return [w for w in words if len(w) >= 3 and w not in _STOP]


NEAR_MISS = 80  # rapidfuzz ratio: "controlled"/"control", "podiatrist"/"podatrist"


def _heard_forms(transcript_text: str) -> set[str]:
    """The transcript's words, and each run of 2-3 of them written together ("met for
    mint" -> "metformint"): how a recogniser splits a word it does not know."""
    tokens = [w.strip("'") for w in re.sub(r"[^a-z']+", " ", transcript_text.lower()).split()]
    forms = set(tokens)
    for n in (2, 3):
        forms |= {"".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}
    return {f for f in forms if f}


def sentence_recall(sentence: str, transcript_text: str, *, near_misses: bool = False) -> float:
    """Share of the sentence's content words found in `transcript_text` (bag of words; pass
    the transcript's words timed around the sentence for a per-sentence check). With
    `near_misses`, a word of 4+ letters also counts when the transcript has it misspelt or
    split (rapidfuzz ratio >= NEAR_MISS against a word or 2-3 words run together): the
    sentence was heard, a letter or an inflection wrong; a dropped sentence still scores
    ~0 (its neighbours' words do not spell its own)."""
    wanted = content_words(sentence)
    if not wanted:
        return 1.0
    heard = set(content_words(transcript_text))
    if not near_misses:
        return sum(w in heard for w in wanted) / len(wanted)
    from rapidfuzz import fuzz, process

    forms = _heard_forms(transcript_text)

    def found(word: str) -> bool:
        if word in heard:
            return True
        if len(word) < 4 or not forms:
            return False
        return process.extractOne(word, forms, scorer=fuzz.ratio, score_cutoff=NEAR_MISS) is not None

    return sum(found(w) for w in wanted) / len(wanted)
