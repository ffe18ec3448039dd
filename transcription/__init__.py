"""Dictation audio -> transcript (offline Whisper). A pure pipeline: file in, frozen result out.

    from transcription import Transcriber, TranscribeOptions
    t = Transcriber(TranscribeOptions(model="tiny.en"))
    transcript = t.transcribe(path, prompt_terms=["metformin"])

Heavy imports (torch, whisper) happen only when a model is loaded.
"""

from transcription.options import TranscribeOptions
from transcription.pipeline import Transcriber, transcribe_file
from transcription.transcript import Segment, Transcript, TranscriptFlag, Word

__all__ = [
    "Segment",
    "TranscribeOptions",
    "Transcriber",
    "Transcript",
    "TranscriptFlag",
    "Word",
    "transcribe_file",
]
