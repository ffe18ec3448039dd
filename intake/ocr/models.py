"""Frozen results and options of the scan OCR pipeline. Its pages are stored as the claim check
ocr/<id>.json (schemas.claims.ScanText)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from intake.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, DEFAULT_MAX_PIXELS

# The page and word models are the claim-check contract (ocr/<id>.json holds these pages);
# the pipeline calls them PageText and Word.
from schemas.claims import COVER_SHEET  # noqa: F401
from schemas.claims import ScanPage as PageText
from schemas.claims import ScanWord as Word  # noqa: F401
from schemas.reasons import SIGNATURE_EMPTY  # noqa: F401  (a signature line with nothing on it: intake/ocr/signature.py)

# Page and document flags (strings so they travel as-is into events and the review queue).
LOW_RESOLUTION = "low-resolution"
LOW_CONFIDENCE = "low-confidence"
BLANK = "blank"
ROTATED = "rotated"
DESKEWED = "deskewed"
OCR_TIMEOUT = "ocr-timeout"
PAGE_UNREADABLE = "page-unreadable"
ACTIVE_CONTENT_IGNORED = "active-content-ignored"
REPAIRED = "repaired"  # the PDF needed a lenient read
NO_TEXT = "no-text"
ORIENTATION_UNSURE = "orientation-unsure"
EMPTY_SEGMENT = "empty-segment"


class OcrOptions(BaseModel):
    """How to read a scan. Frozen; pickled to worker processes with each page job."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    dpi: int = 300  # rasterisation of PDF pages for OCR
    page_timeout_s: float = 120.0  # per tesseract call; timeout -> page flagged, not the doc
    osd_timeout_s: float = 30.0
    max_pages: int = DEFAULT_MAX_PAGES
    max_pixels_per_page: int = DEFAULT_MAX_PIXELS
    max_bytes: int = DEFAULT_MAX_BYTES
    language: str = "eng"
    psm: int = 3
    detect_orientation: bool = True
    deskew: bool = True
    min_deskew_deg: float = 0.5  # smaller tilts are left alone (tesseract copes)
    max_deskew_deg: float = 6.0
    min_text_layer_chars: int = 20  # fewer letters/digits than this -> the page is OCR'd
    min_scan_text_layer_chars: int = 200  # same, for pages that are mostly a scanned image
    low_confidence: float = 0.60  # page/document confidence below -> "low-confidence"
    orientation_retry_below: float = 0.50  # upright OCR this unsure -> ask OSD, retry rotated
    osd_min_confidence: float = 1.5  # OSD orientation confidence needed to act on it
    # Text size, measured on the pixels (x-height of body text), never taken from the dpi tag:
    low_resolution_x_height_px: float = 12.0  # body text smaller than this -> "low-resolution"
    min_x_height_px: float = 14.0  # smaller text is scaled up to target_x_height_px for tesseract
    max_x_height_px: float = 72.0  # larger text is scaled down to target_x_height_px (cost)
    target_x_height_px: float = 24.0  # about 10 pt at 300 dpi, where tesseract reads best
    blank_ink_fraction: float = 0.0001  # ink share (at ~100 dpi, margins cut) below -> blank
    read_coversheets: bool = True


class Segment(BaseModel):
    """One document of a batch scan, as split by cover sheets (cover sheets excluded)."""

    model_config = ConfigDict(frozen=True)
    pages: tuple[int, ...]
    mrn: str | None = None
    document_type: str | None = None  # LOINC document code


class OcrResult(BaseModel):
    model_config = ConfigDict(frozen=True)
    media_type: str
    pages: tuple[PageText, ...]
    text: str
    confidence: float  # 0..1, character-weighted over pages with text
    flags: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = Field(default_factory=tuple)
    engine: str = "tesseract"

    def segment_text(self, segment: Segment) -> str:
        by_number = {p.number: p for p in self.pages}
        return PAGE_SEPARATOR.join(by_number[n].text for n in segment.pages if by_number[n].text)


PAGE_SEPARATOR = "\n\n"
