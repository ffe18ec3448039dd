#!/usr/bin/env python3
"""Benchmark: the two transcription engines, raw and through himflow, same audio, same run.

Four commands, each its own process, on the same espeak-ng dictation (~47 s, mp3) and the same
weights (the bundled model: openai-whisper's checkpoint converted from the CT2 folder that
faster-whisper loads):
    whisper (raw)          the `whisper` CLI, greedy (beam/best_of None), fp16=False
    faster-whisper (raw)   a 10-line script: WhisperModel(folder, compute_type=int8)
    himflow openai-whisper `himflow transcribe --engine openai-whisper`
    himflow ctranslate2    `himflow transcribe --engine ctranslate2`
Same decoding everywhere: greedy, temperature fallback 0, 0.2 ... 1.0, no conditioning on
previous text, word timestamps, English, the same thread count; himflow without its
vocabulary prompt (`--no-vocabulary`: the raw tools get none). Per run: wall time -> RTF
(process start + model load + decode, what a user waits for), CPU seconds, peak RSS (wait4),
WER against the script. Rounds are interleaved (the order rotates every round) so background
load hits all alike; medians are reported, with the load average at each round.
Then in one process, per engine, the same loaded model on the same samples: the raw engine
call against himflow's pipeline (Silero VAD, guards, gap re-decode, coverage), interleaved:
the pipeline's own cost without process start.

    PYTHONPATH=. .venv/bin/python bench/bench_transcribe.py [--models base] [--rounds 3] [--threads 2]

Writes bench/results/transcribe.json and prints a table.
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
TEMPERATURES = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]

FAST_SCRIPT = r"""
import json, sys
from faster_whisper import WhisperModel
folder, audio, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
model = WhisperModel(folder, device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True)
segments, info = model.transcribe(
    audio, language="en", beam_size=1, best_of=1, temperature=[0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
    condition_on_previous_text=False, word_timestamps=True, vad_filter=False)
print(json.dumps({"text": " ".join(s.text.strip() for s in segments)}))
"""

TOOLS = ("whisper", "faster_whisper", "himflow_openai_whisper", "himflow_ctranslate2")


def make_audio(folder: Path) -> tuple[Path, float]:
    """The script split across two voices, with pauses, as a 16 kHz mp3."""
    import numpy as np

    sentences = [s.strip() + "." for s in SCRIPT.split(".") if s.strip()]
    parts = []
    rate = 22_050
    for i, sentence in enumerate(sentences):
        voice, speed = VOICES[i % 2]
        wav = make_dictation(folder / f"part{i}.wav", sentence, voice=voice, speed=speed)
        samples, rate = read_wav(wav)
        parts.append(with_silence(samples, rate, trail_s=0.6))
    full = write_wav(folder / "dictation.wav", np.concatenate(parts), rate)
    mp3 = encode(
        full, folder / "dictation.mp3", "-ar", "16000", "-c:a", "libmp3lame", "-b:a", "48k"
    )
    return mp3, len(np.concatenate(parts)) / rate


def timed(cmd: list[str], *, env: dict, timeout: float = 1800) -> dict:
    """Run cmd; wall seconds, CPU seconds and peak RSS (MiB) from wait4, stdout."""
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
    out.seek(0)
    stdout = out.read().decode("utf-8", "replace")
    out.close()
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "rc": os.waitstatus_to_exitcode(status),
        "stdout": stdout,
    }


def commands(name: str, audio: Path, folder: Path, threads: int) -> dict[str, list[str]]:
    checkpoint = str(resolve_model(name))
    himflow = [
        sys.executable, "-m", "himflow.cli", "transcribe", "--json", "--no-vocabulary",
        "--model", name, "--threads", str(threads), "--temperature-increment", "0.2",
    ]
    return {
        "whisper": [
            str(Path(sys.executable).parent / "whisper"), str(audio), "--model", checkpoint,
            "--language", "en", "--fp16", "False", "--threads", str(threads),
            "--temperature", "0", "--beam_size", "None", "--best_of", "None",
            "--temperature_increment_on_fallback", "0.2",
            "--condition_on_previous_text", "False", "--word_timestamps", "True",
            "--output_format", "txt", "--output_dir", str(folder / "out"),
            "--verbose", "False", "--device", "cpu",
        ],
        "faster_whisper": [
            sys.executable, "-c", FAST_SCRIPT, str(ensure_ct2_dir(name)), str(audio), str(threads)
        ],
        "himflow_openai_whisper": [*himflow, "--engine", "openai-whisper", str(audio)],
        "himflow_ctranslate2": [*himflow, "--engine", "ctranslate2", str(audio)],
    }


def text_of(tool: str, run: dict, audio: Path, folder: Path) -> str:
    if run["rc"] != 0:
        return ""
    if tool == "whisper":
        txt = folder / "out" / (audio.stem + ".txt")
        return " ".join(txt.read_text().split()) if txt.is_file() else ""
    return json.loads(run["stdout"].splitlines()[-1])["text"]


def in_process(name: str, audio: Path, *, rounds: int, threads: int) -> dict:
    """Per engine, one loaded model, the same samples: raw engine call vs himflow's pipeline."""
    import whisper
    from faster_whisper import WhisperModel

    from transcription import TranscribeOptions, Transcriber
    from transcription.audio import decode_audio, probe_audio

    base = TranscribeOptions(model=name, threads=threads, temperature=tuple(TEMPERATURES))
    probe = probe_audio(audio, max_bytes=base.max_bytes, max_duration_s=base.max_duration_s)
    samples = decode_audio(audio, probe=probe, max_duration_s=base.max_duration_s)
    ow = Transcriber(base.model_copy(update={"engine": "openai-whisper"}))
    ct = Transcriber(base.model_copy(update={"engine": "ctranslate2"}))
    raw_fw = WhisperModel(
        str(ensure_ct2_dir(name)), device="cpu", compute_type="int8", cpu_threads=threads,
        local_files_only=True,
    )

    def raw_whisper() -> str:
        r = whisper.transcribe(
            ow.model.model, samples, verbose=None, temperature=tuple(TEMPERATURES),
            condition_on_previous_text=False, word_timestamps=True, fp16=False, language="en",
        )
        return r["text"]

    def raw_faster() -> str:
        segments, _ = raw_fw.transcribe(
            samples, language="en", beam_size=1, best_of=1, temperature=TEMPERATURES,
            condition_on_previous_text=False, word_timestamps=True, vad_filter=False,
        )
        return " ".join(s.text.strip() for s in segments)

    jobs = {
        "whisper": raw_whisper,
        "faster_whisper": raw_faster,
        "himflow_openai_whisper": lambda: ow.transcribe_audio(samples, options=ow.options).text,
        "himflow_ctranslate2": lambda: ct.transcribe_audio(samples, options=ct.options).text,
    }
    raw_whisper()  # warm up (numba DTW JIT)
    times: dict[str, list[float]] = {k: [] for k in jobs}
    texts: dict[str, str] = {}
    for r in range(rounds):
        order = list(jobs)[r % len(jobs):] + list(jobs)[: r % len(jobs)]
        for k in order:
            t0 = time.perf_counter()
            texts[k] = jobs[k]()
            times[k].append(time.perf_counter() - t0)
        print(f"in-process round {r}: " + ", ".join(f"{k} {times[k][-1]:.1f}s" for k in jobs)
              + f"  load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "seconds": {k: [round(x, 2) for x in v] for k, v in times.items()},
        "median_s": {k: round(v, 2) for k, v in med.items()},
        "wer": {k: round(wer(SCRIPT, t), 4) for k, t in texts.items()},
        "himflow_ctranslate2_vs_raw_faster_whisper": round(
            med["himflow_ctranslate2"] / med["faster_whisper"], 3
        ),
        "himflow_openai_whisper_vs_raw_whisper": round(
            med["himflow_openai_whisper"] / med["whisper"], 3
        ),
    }


def summarize(runs: list[dict], duration: float) -> dict:
    walls = [r["wall_s"] for r in runs]
    return {
        "runs": len(runs),
        "failed": sum(1 for r in runs if r["rc"] != 0),
        "wall_s": [round(w, 2) for w in walls],
        "rtf_median": round(statistics.median(walls) / duration, 3),
        "rtf_best": round(min(walls) / duration, 3),
        "cpu_s_median": round(statistics.median(r["cpu_s"] for r in runs), 1),
        "peak_rss_mib_max": round(max(r["peak_rss_mib"] for r in runs), 1),
        "wer": round(statistics.median(r["wer"] for r in runs), 4),
        "text": runs[-1]["text"],
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=["base"])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-inproc", action="store_true", help="skip the in-process comparison")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/transcribe.json")
    args = ap.parse_args()
    env = dict(
        os.environ,
        OMP_NUM_THREADS=str(args.threads),
        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        HF_HUB_OFFLINE="1",
    )
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "loadavg_start": os.getloadavg()},
        "options": {
            "decoding": "greedy, temperature 0..1.0 step 0.2, fp16=False, "
            "condition_on_previous_text=False, word_timestamps=True, language=en; "
            "himflow --no-vocabulary",
            "threads": args.threads, "rounds": args.rounds,
            "rtf": "process wall time (start + model load + decode) / audio seconds; medians",
        },
        "models": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-transcribe-") as tmp:
        folder = Path(tmp)
        audio, duration = make_audio(folder)
        results["audio"] = {"seconds": round(duration, 2), "format": "mp3 16 kHz mono 48 kbit/s",
                            "words": len(SCRIPT.split())}
        print(f"audio: {duration:.1f} s", file=sys.stderr)
        for name in args.models:
            cmds = commands(name, audio, folder, args.threads)
            runs: dict[str, list[dict]] = {k: [] for k in TOOLS}
            loads = []
            for r in range(args.rounds):
                order = list(TOOLS[r % len(TOOLS):] + TOOLS[: r % len(TOOLS)])
                for tool in order:
                    run = timed(cmds[tool], env=env)
                    run["text"] = text_of(tool, run, audio, folder)
                    run["wer"] = wer(SCRIPT, run["text"])
                    runs[tool].append(run)
                loads.append(round(os.getloadavg()[0], 2))
                print(f"{name} round {r}: " + ", ".join(
                    f"{k} {v[-1]['wall_s']:.1f}s rc={v[-1]['rc']}" for k, v in runs.items()
                ) + f"  load {loads[-1]}", file=sys.stderr, flush=True)
            m = {k: summarize(v, duration) for k, v in runs.items()}
            med = {k: statistics.median(r["wall_s"] for r in v) for k, v in runs.items()}
            m["ratios"] = {
                "himflow_ctranslate2_vs_raw_faster_whisper": round(
                    med["himflow_ctranslate2"] / med["faster_whisper"], 3),
                "himflow_openai_whisper_vs_raw_whisper": round(
                    med["himflow_openai_whisper"] / med["whisper"], 3),
                "himflow_speedup_ctranslate2_over_openai_whisper": round(
                    med["himflow_openai_whisper"] / med["himflow_ctranslate2"], 2),
            }
            m["loadavg_per_round"] = loads
            if not args.no_inproc:
                m["in_process"] = in_process(name, audio, rounds=args.rounds, threads=args.threads)
            results["models"][name] = m
    results["machine"]["loadavg_end"] = os.getloadavg()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"load average start {results['machine']['loadavg_start']}, end {results['machine']['loadavg_end']}")
    for name, m in results["models"].items():
        print(f"| {name} | RTF median | RTF best | CPU s | peak RSS MiB | WER |")
        print("|---|---|---|---|---|---|")
        for tool in TOOLS:
            s = m[tool]
            print(f"| {tool} | {s['rtf_median']:.3f} | {s['rtf_best']:.3f} | {s['cpu_s_median']} | "
                  f"{s['peak_rss_mib_max']:.0f} | {s['wer']:.3f} |")
        print(f"ratios (process wall, medians): {m['ratios']}; load per round {m['loadavg_per_round']}")
        if "in_process" in m:
            ip = m["in_process"]
            print(f"in-process medians (s): {ip['median_s']}  WER {ip['wer']}")
            print(f"in-process ratios: ctranslate2 {ip['himflow_ctranslate2_vs_raw_faster_whisper']}, "
                  f"openai-whisper {ip['himflow_openai_whisper_vs_raw_whisper']}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
