"""Coverage and WER of the transcription worker's pipeline on espeak-ng dictations.

    PYTHONPATH=. python bench/bench_dictation.py [--model base] [--engine E] [--scripts DIR] [--glob G]

Runs `Transcriber.transcribe` with the worker's own options (`dictation_options(author=...)`,
the builder the transcription handler calls; `himflow transcribe --author` uses it too) on
our scripts (CLINIC_SCRIPT: ~45 s, ~3 min + 20 s of trailing silence) and on every
`DIR/*.txt` (one sentence a line), spoken sentence by sentence with 1-3 s pauses. Per file:
coverage (voiced seconds under text / voiced seconds), WER against the script (placeholders
left out), sentences lost (the worker-path tests' criterion: under 0.2 of its content words heard, near
misses counted, or under 0.7 as many words timed over it as it has), split into dropped (under
half of the sentence's speech lies under transcript words: text missing over voiced audio) and
misheard (the speech is under words, but they are other words: recognition), sentences under
0.8 (exact words), flags.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.resources.speech import make_script_dictation, script_of, sentence_recall
from transcription.options import dictation_options
from transcription.pipeline import Transcriber
from transcription.wer import wer

# a sentence is lost when under 0.2 of its content words (misspelt/split ones counted) are
# heard within 1 s of it, or the transcript has under 0.7 as many words timed inside it as
# it has words: tests/integration/test_dictation_coverage.py's criterion
LOST_UNDER = 0.2
WORDS_UNDER = 0.7
SPAN_UNDER = 0.5  # a lost sentence with under half its speech under words was dropped


def _span_covered(t, a: float, b: float, pad: float = 0.25) -> float:
    """Share of [a, b] (one sentence's speech) under the transcript's words, each widened by
    ``pad`` as the pipeline's coverage figure widens them."""
    cuts = sorted((max(a, w.start - pad), min(b, w.end + pad)) for s in t.segments for w in s.words
                  if w.end + pad > a and w.start - pad < b)
    covered, edge = 0.0, a
    for lo, hi in cuts:
        lo = max(lo, edge)
        if hi > lo:
            covered, edge = covered + hi - lo, hi
    return covered / max(b - a, 1e-6)


def _words_between(t, a: float, b: float) -> str:
    return " ".join(
        w.word for s in t.segments for w in s.words if a <= (w.start + w.end) / 2 <= b
    )


def measure(transcriber, options, name: str, sentences, tmp: Path, trail_s: float = 0.0) -> dict:
    wav, times = make_script_dictation(tmp / f"{name}.wav", tuple(sentences), trail_s=trail_s)
    t0 = time.perf_counter()
    t = transcriber.transcribe(wav, options=options)
    took = time.perf_counter() - t0
    heard = " ".join(s.text for s in t.segments if not s.placeholder)
    heard_at = [(s, _words_between(t, a - 1.0, b + 1.0)) for s, a, b in times]
    inside = [len(_words_between(t, a - 0.5, b + 0.5).split()) / len(s.split()) for s, a, b in times]
    lost = [
        s for (s, h), n in zip(heard_at, inside, strict=True)
        if sentence_recall(s, h, near_misses=True) < LOST_UNDER or n < WORDS_UNDER
    ]
    # Of the lost ones: dropped when under half of the sentence's speech lies under transcript
    # words (text missing over voiced audio: the rule the pipeline must keep); the rest are
    # misheard (the words are there: "98.2" for "98 point 2", "Continually therapy" for
    # "Continue weekly therapy", "LUN" for "Lungs"): recognition, counted in the WER.
    spans = {s: _span_covered(t, a, b) for s, a, b in times}
    dropped = [s for s in lost if spans[s] < SPAN_UNDER]
    misheard_lost = [s for s in lost if spans[s] >= SPAN_UNDER]
    misheard = [s for s, h in heard_at if sentence_recall(s, h) < 0.8]
    return {
        "file": name,
        "seconds": round(t.duration, 1),
        "coverage": t.coverage,
        "wer": round(wer(" ".join(sentences), heard), 4),
        "sentences": len(times),
        "sentences_lost": len(lost),  # the worker-path tests' criterion
        "sentences_dropped": len(dropped),
        "sentences_misheard": len(misheard_lost),
        "dropped": [s[:60] for s in dropped],
        "misheard": [s[:60] for s in misheard_lost],
        "sentences_under_0.8": len(misheard),
        "not_transcribed_s": round(sum(
            s.end - s.start for s in t.segments if s.unsure_reason == "not-transcribed"), 1),
        "flags": list(t.review_flags()),
        "processing_s": round(took, 1),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default=None)
    p.add_argument("--engine", default=None, choices=("ctranslate2", "openai-whisper"),
                   help="default: the setting whisper_engine, as the worker")
    p.add_argument("--compute-type", default=None, choices=("int8", "float32"))
    p.add_argument("--glob", default="*.txt", help="which scripts of --scripts")
    p.add_argument("--author", default="drokafor")
    p.add_argument("--scripts", type=Path, default=None)
    p.add_argument("--own", action=argparse.BooleanOptionalAction, default=True)
    args = p.parse_args()
    from himflow.settings import load_settings

    options = dictation_options(
        author=args.author, settings=load_settings(), model=args.model, engine=args.engine,
        compute_type=args.compute_type,
    )
    transcriber = Transcriber(options)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-dictation-") as d:
        tmp = Path(d)
        jobs = []
        if args.own:
            jobs += [("own-45s", script_of(45), 0.0), ("own-3min+20s-silence", script_of(180), 20.0)]
        if args.scripts:
            for f in sorted(args.scripts.glob(args.glob)):
                lines = [x.strip() for x in f.read_text().splitlines() if x.strip()]
                jobs.append((f"eval-{f.stem}", lines, 0.0))
        for name, sentences, trail in jobs:
            row = measure(transcriber, options, name, sentences, tmp, trail)
            rows.append(row)
            print(json.dumps(row), flush=True)
    for group in ("own", "eval"):
        part = [r for r in rows if r["file"].startswith(group)]
        if part:
            total = sum(r["seconds"] for r in part)
            print(json.dumps({
                "set": group, "files": len(part), "model": transcriber.label,
                "coverage_mean": round(sum(r["coverage"] for r in part) / len(part), 4),
                "coverage_min": min(r["coverage"] for r in part),
                "wer_mean": round(sum(r["wer"] for r in part) / len(part), 4),
                "sentences": sum(r["sentences"] for r in part),
                "sentences_lost": sum(r["sentences_lost"] for r in part),
                "sentences_dropped": sum(r["sentences_dropped"] for r in part),
                "sentences_misheard": sum(r["sentences_misheard"] for r in part),
                "sentences_under_0.8": sum(r["sentences_under_0.8"] for r in part),
                "audio_s": round(total, 1),
            }), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
