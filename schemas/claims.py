"""Claim checks: what OCR and transcription leave in the derived bucket for indexing (and the
review desk) to read. ``TextExtracted.text_ref`` points at one of these JSON objects:

    ocr/<doc_id>.json   ScanText            written by the OCR stage (intake.ocr_handler)
    asr/<doc_id>.json   DictationTranscript written by the transcription stage

Versioned like events (``schema_version``); objects written before the field existed read as
version 1. Readers ignore fields they do not know, so a stage may add a field without a new
version; removing or changing one is a new version. No I/O here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.events import DocumentKind

# How the OCR stage joins page texts into a scan's text (ScanText.text, the text index); the
# review desk splits on it to move pages between documents.
PAGE_BREAK = "\n\f\n"

SCAN_TEXT_PREFIX = "ocr/"
TRANSCRIPT_PREFIX = "asr/"


def scan_text_key(doc_id: str) -> str:
    return f"{SCAN_TEXT_PREFIX}{doc_id}.json"


def transcript_key(doc_id: str, ext: str = "json") -> str:
    """The transcript JSON (``json``) and its renditions (``vtt``, ``txt``)."""
    return f"{TRANSCRIPT_PREFIX}{doc_id}.{ext}"


# ---- scans -----------------------------------------------------------------------------------
# Page flags (strings: they travel as-is into events and the review queue).
COVER_SHEET = "cover-sheet"

# 64-bit perceptual hash (hex) of an upright page image; a flat (blank) image hashes to this.
BLANK_PHASH = "0" * 16


def phash_distance(a: str, b: str) -> int:
    """Bits in which two page hashes differ (a re-scan of the same sheet: a few)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


class ScanWord(BaseModel):
    model_config = ConfigDict(frozen=True)
    text: str
    conf: float  # 0..1
    bbox: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the OCR'd (upright) image


class ScanPage(BaseModel):
    model_config = ConfigDict(frozen=True)
    number: int  # 1-based, in the original file
    text: str
    confidence: float  # 0..1
    source: Literal["text-layer", "ocr", "blank"]
    rotation: Literal[0, 90, 180, 270] = 0  # counter-clockwise turn applied to read the page
    flags: tuple[str, ...] = ()
    words: tuple[ScanWord, ...] = ()
    phash: str = ""  # perceptual hash (hex) of the upright page image, see phash_distance
    width: int = 0  # size of the OCR'd image the word boxes refer to (after rotation)
    height: int = 0
    dpi: float = 0.0  # of the OCR'd image
    skew: float = 0.0  # degrees the page was turned (counter-clockwise) to deskew it


class CoverSheetHints(BaseModel):
    """What a barcode cover sheet in front of a batch segment named."""

    model_config = ConfigDict(frozen=True)
    mrn: str | None = None
    document_type: str | None = None  # LOINC document code


class ScanText(BaseModel):
    """``ocr/<doc_id>.json``: one document's pages (a batch's child: its own pages only)."""

    model_config = ConfigDict(frozen=True)
    schema_version: Literal[1] = 1
    doc_id: str = ""
    parent_id: str | None = None  # the batch scan this document was cut from
    media_type: str = "application/pdf"
    text: str = ""  # page texts joined with PAGE_BREAK
    pages: tuple[ScanPage, ...] = ()
    flags: tuple[str, ...] = ()
    coversheet: CoverSheetHints | None = None


# ---- dictations ------------------------------------------------------------------------------
class TranscriptFlag(StrEnum):
    """Why a transcript (or part of it) needs a human look."""

    NO_SPEECH = "no-speech"  # silence / noise: nothing transcribed
    REPETITION_LOOP = "repetition-loop"  # repeated text was detected and cut
    LOW_CONFIDENCE_WORDS = "low-confidence-words"  # some words below the threshold
    # text that may not be what was said: a garbled decode or a stock phrase over voiced
    # audio (kept, marked unsure), or text where no speech was heard (dropped)
    HALLUCINATION_SUSPECTED = "hallucination-suspected"
    # voiced seconds covered by text / voiced seconds < COVERAGE_MIN; published with its
    # figure and ranges as "coverage-low:0.91 uncovered 12.0-27.5s"
    COVERAGE_LOW = "coverage-low"


class TranscriptWord(BaseModel):
    model_config = ConfigDict(frozen=True)

    word: str
    start: float
    end: float
    probability: float
    flagged: bool = False


class TranscriptSegment(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: float
    end: float
    text: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    temperature: float = 0.0
    words: tuple[TranscriptWord, ...] = ()
    # A guard's doubt: the text is kept but marked (all its words flagged). A placeholder has
    # no words: it stands for voiced audio with no trustworthy text (a repetition loop cut,
    # a span the model skipped), its text a visible "[unsure 12.0-15.5 s: ...]" marker.
    unsure: bool = False
    unsure_reason: str | None = None
    placeholder: bool = False


class DictationTranscript(BaseModel):
    """``asr/<doc_id>.json``: what the machine heard. Starts "preliminary"; only the author's
    signature (at the review desk) makes the dictation final."""

    model_config = ConfigDict(frozen=True)

    schema_version: Literal[1] = 1
    text: str
    language: str
    duration: float
    segments: tuple[TranscriptSegment, ...] = ()
    flags: tuple[TranscriptFlag, ...] = ()
    confidence: float = Field(ge=0.0, le=1.0, default=0.0)
    model: str
    status: Literal["preliminary", "final"] = "preliminary"
    # Voice activity (Silero VAD) against the text: voiced seconds under text segments /
    # voiced seconds (1.0 when nothing is voiced), and the voiced ranges left without text.
    voiced_seconds: float = 0.0
    coverage: float = Field(ge=0.0, le=1.0, default=1.0)
    uncovered: tuple[tuple[float, float], ...] = ()


ExtractedText = ScanText | DictationTranscript


def read_extracted(kind: DocumentKind, raw: bytes | str) -> ExtractedText:
    """Parse the claim check a TextExtracted of ``kind`` points at (pydantic ValidationError on
    a body that is not one: a permanent error)."""
    model: type[ScanText | DictationTranscript] = (
        ScanText if kind is DocumentKind.SCAN else DictationTranscript
    )
    return model.model_validate_json(raw)
