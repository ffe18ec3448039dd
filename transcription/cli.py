"""`himflow transcribe FILE... [--json] [--model M]`: the pipeline on local files, no stack needed.

--json prints one JSON line per file: {"file","text","language","duration","segments","flags",...}
or {"file","error":{"reason","detail"}}. Without --json: a readable block per file (flagged
words in [[brackets]]). Exit 1 when any file failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from himflow.errors import HimflowError



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "transcribe", help="transcribe dictation audio files (offline Whisper)"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON line per file")
    p.add_argument(
        "--model",
        default=None,
        help="bundled name (tiny.en, base), a .pt path, or an official name",
    )
    p.add_argument(
        "--term",
        action="append",
        default=[],
        help="a vocabulary term for the prompt (repeatable)",
    )
    p.add_argument(
        "--specialty", default=None, help="add this specialty's term list to the prompt"
    )
    p.add_argument(
        "--threads", type=int, default=None, help="torch threads (default: all cores)"
    )
    p.add_argument(
        "--beam-size",
        type=int,
        default=None,
        help="beam search width (default: greedy)",
    )
    p.add_argument(
        "--backend",
        choices=("whisper", "faster-whisper"),
        default=None,
        help="openai-whisper (default) or faster-whisper int8 (extra: fast)",
    )
    p.add_argument(
        "--temperature-increment",
        type=float,
        default=None,
        help="whisper-style fallback schedule 0, x, 2x ... 1.0 (default: 0, 0.2, 0.4; 0 = no fallback)",
    )
    p.add_argument(
        "--vtt",
        action="store_true",
        help="print WebVTT instead of text (without --json)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported at the point of use, for `himflow --help`'s start-up (pydantic, numpy, torch).
    from himflow.errors import HimflowError
    from transcription.options import TranscribeOptions
    from transcription.pipeline import Transcriber
    from transcription.vocabulary import collect_terms

    overrides: dict = {}
    if args.model:
        overrides["model"] = args.model
    if args.threads:
        overrides["threads"] = args.threads
    if args.beam_size:
        overrides["beam_size"] = args.beam_size
    if args.backend:
        overrides["backend"] = args.backend
    if args.temperature_increment is not None:
        overrides["temperature"] = TranscribeOptions.schedule(
            args.temperature_increment
        )
    terms = list(args.term)
    if args.specialty:
        terms = [*collect_terms(specialty=args.specialty, physician=None), *terms]
    options = TranscribeOptions(**overrides, prompt_terms=tuple(terms))
    try:
        transcriber = Transcriber(options)
    except HimflowError as e:
        for f in args.files:
            _emit_error(args, str(f), e)
        return 1
    failed = False
    for f in args.files:
        try:
            transcript = transcriber.transcribe(f, options=options)
        except HimflowError as e:
            failed = True
            _emit_error(args, str(f), e)
            continue
        if args.json:
            print(
                json.dumps(transcript.to_json_dict(file=str(f)), ensure_ascii=False),
                flush=True,
            )
        else:
            print(
                f"== {f} ({transcript.duration:.1f} s, {transcript.model}, confidence {transcript.confidence:.2f})"
            )
            if transcript.flags:
                print("flags: " + ", ".join(fl.value for fl in transcript.flags))
            print(
                transcript.to_vtt() if args.vtt else transcript.to_text(),
                end="",
                flush=True,
            )
    return 1 if failed else 0


def _emit_error(args: argparse.Namespace, file: str, e: HimflowError) -> None:
    if args.json:
        print(
            json.dumps(
                {"file": file, "error": {"reason": e.reason.value, "detail": e.detail}}
            ),
            flush=True,
        )
    else:
        print(
            f"== {file}: error {e.reason.value}: {e.detail}",
            file=sys.stderr,
            flush=True,
        )
