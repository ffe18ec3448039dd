"""`himflow transcribe FILE... [--json] [--model M] [--author A] [--specialty S] [--term T]`.

The pipeline on local files, no stack needed, with the options the transcription worker
builds (transcription.options.dictation_options) from the worker's settings: the same
engine and model (setting whisper_engine / whisper_model, HIMFLOW_WHISPER_ENGINE; --engine
and --model override), and the configured vocabulary (common list, --specialty's,
--author's) in the prompt as in the worker, so `himflow transcribe --author drokafor FILE`
reproduces the worker's run on that upload.

--json prints one JSON line per file: {"file","text","language","duration","segments","flags",...}
or {"file","error":{"reason","detail"}}. Without --json: a readable block per file (flagged
words in [[brackets]]). Exit 1 when any file failed.


Imports inside the command functions are deliberate (start-up cost): a command loads what
it uses when it runs, so `himflow --help` stays light (tests/unit/test_cli_startup.py)."""

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
        "--author",
        default=None,
        help="the dictating physician's id: adds their term list, as the worker does",
    )
    p.add_argument(
        "--no-vocabulary",
        action="store_true",
        help="no configured term lists in the prompt (only --term); the worker always uses them",
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
        "--engine",
        choices=("ctranslate2", "openai-whisper"),
        default=None,
        help="transcription engine (default: the setting whisper_engine, as the worker: "
        "ctranslate2 unless configured)",
    )
    # the first name of --engine, with its first values ("whisper", "faster-whisper")
    p.add_argument(
        "--backend", dest="engine", choices=("whisper", "faster-whisper"), help=argparse.SUPPRESS
    )
    p.add_argument(
        "--compute-type",
        choices=("int8", "float32"),
        default=None,
        help="ctranslate2 weights type (default: int8)",
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


def options_from_args(args: argparse.Namespace):
    """The worker's builder (transcription.options.dictation_options) on the CLI's flags,
    with the worker's settings (himflow.settings: HIMFLOW_* env, then the stack's settings
    file): the same engine and model unless a flag says otherwise."""
    from himflow.settings import load_settings
    from transcription.options import TranscribeOptions, dictation_options

    return dictation_options(
        author=args.author,
        specialty=args.specialty,
        terms=tuple(args.term),
        vocabulary=False if args.no_vocabulary else None,
        settings=load_settings(),
        model=args.model,
        threads=args.threads,
        beam_size=args.beam_size,
        engine=args.engine,
        compute_type=args.compute_type,
        temperature=(
            TranscribeOptions.schedule(args.temperature_increment)
            if args.temperature_increment is not None
            else None
        ),
    )


def run(args: argparse.Namespace) -> int:
    # Imported at the point of use, for `himflow --help`'s start-up (pydantic, numpy, torch).
    from himflow.errors import HimflowError
    from transcription.pipeline import Transcriber

    options = options_from_args(args)
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
            print(f"coverage: {transcript.coverage:.3f} of {transcript.voiced_seconds:.1f} s voiced")
            if transcript.flags:
                print("flags: " + ", ".join(transcript.review_flags()))
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
