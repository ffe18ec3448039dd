"""Dictation audio -> transcript (offline Whisper). A pure pipeline: file in, frozen result out.

    from transcription import Transcriber, TranscribeOptions
    t = Transcriber(TranscribeOptions(model="tiny.en"))
    transcript = t.transcribe(path, prompt_terms=["metformin"])

Heavy imports (torch, whisper) happen only when a model is loaded.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transcription.options import TranscribeOptions
    from transcription.pipeline import Transcriber, transcribe_file
    from transcription.transcript import Segment, Transcript, TranscriptFlag, Word

# The public names load on first use (PEP 562): importing a submodule such as
# transcription.cli must not pay for pydantic, numpy and the pipeline.
_WHERE = {
    "TranscribeOptions": "transcription.options",
    "Transcriber": "transcription.pipeline",
    "transcribe_file": "transcription.pipeline",
    "Segment": "transcription.transcript",
    "Transcript": "transcription.transcript",
    "TranscriptFlag": "transcription.transcript",
    "Word": "transcription.transcript",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'transcription' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "Segment",
    "TranscribeOptions",
    "Transcriber",
    "Transcript",
    "TranscriptFlag",
    "Word",
    "transcribe_file",
]
