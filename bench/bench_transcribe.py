#!/usr/bin/env python3
"""Benchmark: `himflow transcribe` against the raw `whisper` command, same audio, same checkpoint.

Both run as separate processes on the same espeak-ng dictation with the same checkpoint file
(the bundled model converted by transcription.weights) and the same decoding options: greedy,
temperature fallback 0, 0.2 ... 1.0, fp16=False, no conditioning on previous text, word
timestamps on, English, the same torch thread count. Measured per run: wall time -> real-time
factor (process start + model load + decode + transcribe, i.e. what a user waits for), peak RSS
of the process (wait4 ru_maxrss), word error rate against the script. Runs alternate
(himflow, whisper, himflow, whisper ...) so background load hits both alike; the best
(lowest) wall time of the repeats is reported beside the median.
Optionally faster-whisper (int8) on the same CT2 weights, when installed (`.[fast]` extra):
raw (a small script) and through `himflow transcribe --backend faster-whisper`.

    .venv/bin/python bench/bench_transcribe.py [--models tiny.en base] [--repeats 2] [--threads 2]

Writes bench/results/transcribe.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.resources.speech import (
    VOICES,
    encode,
    make_dictation,
    read_wav,
    with_silence,
    write_wav,
)
from transcription.weights import ensure_ct2_dir, resolve_model
from transcription.wer import wer

SCRIPT = (
    "The patient is a sixty year old woman seen today for follow up of hypertension and "
    "high cholesterol. She reports mild headaches in the morning but denies chest pain, "
    "palpitations or shortness of breath. Her home blood pressure readings have been better "
    "since the last visit. On examination she is alert and comfortable. The heart sounds are "
    "regular without murmurs and the lungs are clear. There is no swelling of the legs. "
    "We discussed diet, exercise and the importance of taking her medication every day. "
    "We will check her kidney function and repeat the cholesterol panel before the next visit. "
    "She will return to the clinic in three months or sooner if the headaches get worse."
)

FAST_SCRIPT = r"""
import json, sys, time
from faster_whisper import WhisperModel
folder, audio, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
model = WhisperModel(folder, device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True)
segments, info = model.transcribe(
    audio, language="en", beam_size=1, best_of=1, temperature=[0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
    condition_on_previous_text=False, word_timestamps=True, vad_filter=False)
print(json.dumps({"text": " ".join(s.text.strip() for s in segments)}))
"""


def make_audio(folder: Path) -> tuple[Path, float]:
    """~80 s of dictation: the script split across two voices, with pauses, as a 16 kHz mp3."""
    sentences = [s.strip() + "." for s in SCRIPT.split(".") if s.strip()]
    parts = []
    rate = None
    for i, sentence in enumerate(sentences):
        voice, speed = VOICES[i % 2]
        wav = make_dictation(
            folder / f"part{i}.wav", sentence, voice=voice, speed=speed
        )
        samples, rate = read_wav(wav)
        parts.append(with_silence(samples, rate, trail_s=0.6))
    import numpy as np

    full = write_wav(folder / "dictation.wav", np.concatenate(parts), rate)
    mp3 = encode(
        full,
        folder / "dictation.mp3",
        "-ar",
        "16000",
        "-c:a",
        "libmp3lame",
        "-b:a",
        "48k",
    )
    return mp3, len(np.concatenate(parts)) / rate


def timed(cmd: list[str], *, env: dict | None = None, timeout: float = 1800) -> dict:
    """Run cmd; wall seconds, peak RSS (MiB) from wait4, stdout."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - closed below, after the child exits
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env
    )
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            raise TimeoutError(" ".join(cmd[:3]))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    stdout = out.read().decode("utf-8", "replace")
    out.close()
    return {
        "wall_s": wall,
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "rc": proc.returncode,
        "stdout": stdout,
    }


def in_process(name: str, audio: Path, *, repeats: int, threads: int) -> dict:
    """Same model object, same decoded samples: whisper.transcribe vs the himflow pipeline's
    model part (speech check + whisper + quality checks + typed result), alternating.
    Isolates the pipeline's own overhead from process start and model load."""
    import torch
    import whisper

    from transcription import TranscribeOptions, Transcriber
    from transcription.audio import decode_audio, probe_audio

    torch.set_num_threads(threads)
    opts = TranscribeOptions(
        model=name, temperature=TranscribeOptions.schedule(0.2), threads=threads
    )
    tr = Transcriber(opts)
    probe = probe_audio(
        audio, max_bytes=opts.max_bytes, max_duration_s=opts.max_duration_s
    )
    samples = decode_audio(audio, probe=probe, max_duration_s=opts.max_duration_s)
    kwargs = {
        "verbose": None,
        "temperature": opts.temperature,
        "condition_on_previous_text": False,
        "word_timestamps": True,
        "fp16": False,
        "language": "en",
    }
    whisper.transcribe(
        tr.model, samples[: 16000 * 5], **kwargs
    )  # warm up (numba DTW JIT)
    times: dict[str, list[float]] = {"whisper": [], "himflow": []}
    for _ in range(repeats):
        t0 = time.perf_counter()
        whisper.transcribe(tr.model, samples, **kwargs)
        times["whisper"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        tr.transcribe_audio(samples, options=opts)
        times["himflow"].append(time.perf_counter() - t0)
    best = {k: min(v) for k, v in times.items()}
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "whisper_s": [round(x, 2) for x in times["whisper"]],
        "himflow_s": [round(x, 2) for x in times["himflow"]],
        "overhead_best_pct": round(100 * (best["himflow"] / best["whisper"] - 1), 1),
        "overhead_median_pct": round(100 * (med["himflow"] / med["whisper"] - 1), 1),
    }


def summarize(runs: list[dict], duration: float) -> dict:
    walls = [r["wall_s"] for r in runs]
    return {
        "runs": len(runs),
        "wall_s_best": round(min(walls), 2),
        "wall_s_median": round(statistics.median(walls), 2),
        "rtf_best": round(min(walls) / duration, 3),
        "rtf_median": round(statistics.median(walls) / duration, 3),
        "cpu_s_median": round(statistics.median(r["cpu_s"] for r in runs), 2),
        "peak_rss_mib_max": round(max(r["peak_rss_mib"] for r in runs), 1),
        "wer": round(runs[-1]["wer"], 4),
        "text": runs[-1]["text"],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=["tiny.en", "base"])
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/transcribe.json")
    ap.add_argument(
        "--no-inproc", action="store_true", help="skip the in-process comparison"
    )
    ap.add_argument("--no-fast", action="store_true", help="skip faster-whisper")
    args = ap.parse_args()

    bindir = Path(sys.executable).parent
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    try:
        import faster_whisper  # noqa: F401

        have_fast = not args.no_fast
    except ImportError:
        have_fast = False

    results: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "loadavg_start": os.getloadavg(),
        },
        "options": {
            "decoding": "greedy, temperature 0..1.0 step 0.2 fallback, fp16=False, "
            "condition_on_previous_text=False, word_timestamps=True, language=en",
            "threads": args.threads,
            "repeats": args.repeats,
            "rtf": "process wall time (start + model load + decode + transcribe) / audio seconds",
        },
        "models": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-transcribe-") as tmp:
        folder = Path(tmp)
        audio, duration = make_audio(folder)
        results["audio"] = {
            "seconds": round(duration, 2),
            "format": "mp3 16 kHz mono 48 kbit/s",
            "words": len(SCRIPT.split()),
        }
        print(f"audio: {duration:.1f} s", file=sys.stderr)
        for name in args.models:
            checkpoint = resolve_model(name)
            himflow_cmd = [
                str(bindir / "himflow"),
                "transcribe",
                "--json",
                "--model",
                str(checkpoint),
                "--threads",
                str(args.threads),
                "--temperature-increment",
                "0.2",
                str(audio),
            ]
            whisper_cmd = [
                str(bindir / "whisper"),
                str(audio),
                "--model",
                str(checkpoint),
                "--language",
                "en",
                "--fp16",
                "False",
                "--threads",
                str(args.threads),
                "--temperature",
                "0",
                # the CLI defaults to beam 5 / best_of 5: None = greedy, one sample, as himflow
                "--beam_size",
                "None",
                "--best_of",
                "None",
                "--temperature_increment_on_fallback",
                "0.2",
                "--condition_on_previous_text",
                "False",
                "--word_timestamps",
                "True",
                "--output_format",
                "txt",
                "--output_dir",
                str(folder / "out"),
                "--verbose",
                "False",
                "--device",
                "cpu",
            ]
            runs: dict[str, list[dict]] = {
                "himflow": [],
                "whisper": [],
                "faster_whisper_int8": [],
                "himflow_faster_whisper": [],
            }
            for rep in range(args.repeats):
                r = timed(himflow_cmd, env=env)
                r["text"] = (
                    json.loads(r["stdout"].splitlines()[-1])["text"]
                    if r["rc"] == 0
                    else ""
                )
                r["wer"] = wer(SCRIPT, r["text"])
                runs["himflow"].append(r)
                r = timed(whisper_cmd, env=env)
                txt = folder / "out" / (audio.stem + ".txt")
                r["text"] = (
                    " ".join(txt.read_text().split())
                    if r["rc"] == 0 and txt.is_file()
                    else ""
                )
                r["wer"] = wer(SCRIPT, r["text"])
                runs["whisper"].append(r)
                if have_fast:
                    fast_cmd = [
                        sys.executable,
                        "-c",
                        FAST_SCRIPT,
                        str(ensure_ct2_dir(name)),
                        str(audio),
                        str(args.threads),
                    ]
                    r = timed(fast_cmd, env=env)
                    r["text"] = (
                        json.loads(r["stdout"].splitlines()[-1])["text"]
                        if r["rc"] == 0
                        else ""
                    )
                    r["wer"] = wer(SCRIPT, r["text"])
                    runs["faster_whisper_int8"].append(r)
                    r = timed(
                        [
                            *himflow_cmd[:4],
                            name,
                            *himflow_cmd[5:-1],
                            "--backend",
                            "faster-whisper",
                            str(audio),
                        ],
                        env=env,
                    )
                    r["text"] = (
                        json.loads(r["stdout"].splitlines()[-1])["text"]
                        if r["rc"] == 0
                        else ""
                    )
                    r["wer"] = wer(SCRIPT, r["text"])
                    runs["himflow_faster_whisper"].append(r)
                print(
                    f"{name} rep {rep}: "
                    + ", ".join(
                        f"{k} {v[-1]['wall_s']:.1f}s rc={v[-1]['rc']}"
                        for k, v in runs.items()
                        if v
                    ),
                    file=sys.stderr,
                )
            model_result = {k: summarize(v, duration) for k, v in runs.items() if v}
            h, w = model_result["himflow"], model_result["whisper"]
            model_result["himflow_overhead"] = {
                "wall_best_pct": round(
                    100 * (h["wall_s_best"] / w["wall_s_best"] - 1), 1
                ),
                "wall_median_pct": round(
                    100 * (h["wall_s_median"] / w["wall_s_median"] - 1), 1
                ),
                "peak_rss_pct": round(
                    100 * (h["peak_rss_mib_max"] / w["peak_rss_mib_max"] - 1), 1
                ),
            }
            model_result["checkpoint"] = str(checkpoint)
            if not args.no_inproc:
                model_result["in_process"] = in_process(
                    name, audio, repeats=args.repeats, threads=args.threads
                )
                print(
                    f"{name} in-process: {model_result['in_process']}", file=sys.stderr
                )
            results["models"][name] = model_result
    results["machine"]["loadavg_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    for name, m in results["models"].items():
        for tool in (
            "himflow",
            "whisper",
            "faster_whisper_int8",
            "himflow_faster_whisper",
        ):
            if tool in m:
                s = m[tool]
                print(
                    f"{name:8s} {tool:20s} RTF best {s['rtf_best']:.3f} median {s['rtf_median']:.3f}  "
                    f"peak RSS {s['peak_rss_mib_max']:.0f} MiB  WER {s['wer']:.3f}"
                )
        print(f"{name:8s} himflow overhead: {m['himflow_overhead']}")
        if "in_process" in m:
            print(f"{name:8s} in-process overhead: {m['in_process']}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
