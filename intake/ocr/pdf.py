"""Open and inspect a PDF before any page is OCR'd: decryption, lenient read, limits, active
content, text layers, the resolution of scanned page images.

Policies:
- Encrypted: the empty user password is tried (owner-password-only PDFs open); otherwise
  RejectedInput ENCRYPTED.
- Broken: pypdf reads with ``strict=False`` (it rebuilds a damaged xref); when pypdf gives up,
  pdfium is asked; the document carries the flag "repaired" when either leniency was needed.
  When neither can read it: RejectedInput CORRUPT.
- Active content (JavaScript, embedded files, launch actions, XFA): never executed, never
  extracted. pdfium here renders without a form environment or a JavaScript engine, and pypdf
  only reads text; the pages are processed and the document gets "active-content-ignored".
- Text layer: a page whose extracted text has at least ``min_text_layer_chars`` letters or
  digits and is mostly letters/digits is taken as is (source "text-layer"); otherwise the page
  is rendered and OCR'd. A page that is mostly one scanned image is OCR'd unless its text
  layer is substantial (``min_scan_text_layer_chars``): a fax header or stamp is not the page,
  while a scan that already carries a full OCR layer keeps it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pypdf import PdfReader, PdfWriter
from pypdf.errors import (
    DependencyError,
    FileNotDecryptedError,
    PdfReadError,
    PdfStreamError,
    PyPdfError,
)
from pypdf.generic import DictionaryObject

from himflow.errors import EngineFailed, RejectedInput
from himflow.untrusted import PARSER_ERRORS, untrusted
from himflow.pdfium_lock import PDFIUM
from intake.limits import check_page_count, check_pixels
from schemas.events import ReasonCode

log = logging.getLogger(__name__)

SCAN_COVERAGE = 0.5  # an image covering at least this share of the page makes it a scan

# pypdf on a hostile file: its own errors and whatever its parser lets through (struct.error,
# zlib.error, RecursionError from deep nesting, MemoryError, ...).
_PDF_READ_ERRORS: tuple[type[BaseException], ...] = (PdfReadError, PdfStreamError, PyPdfError, OSError, *PARSER_ERRORS)
PDF_LIBRARY_ERRORS = (PyPdfError, pdfium.PdfiumError)


@dataclass
class PdfInspection:
    page_count: int
    texts: list[str | None]  # per page: usable text layer, or None (OCR it)
    source_dpi: list[float | None]  # per page: effective dpi of the largest image
    active_content: bool = False
    repaired: bool = False
    render_path: Path | None = None  # a rewritten copy for pdfium when the original is broken
    plain_scan: list[bool] = field(default_factory=list)  # one plain image: decode natively
    flags: list[str] = field(default_factory=list)


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _quiet_pypdf() -> Iterator[_WarningCounter]:
    """pypdf logs warnings about broken files; they can quote document content, so they are
    counted (a warning while opening = the file needed repair) and never propagated."""
    logger = logging.getLogger("pypdf")
    counter = _WarningCounter()
    propagate = logger.propagate
    logger.addHandler(counter)
    logger.propagate = False
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.propagate = propagate


def open_reader(path: Path) -> tuple[PdfReader | None, bool]:
    """(reader or None when pypdf cannot read it at all, repaired?). Raises ENCRYPTED."""
    try:
        with _quiet_pypdf() as warned:
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):
                        raise RejectedInput("PDF needs a password", reason=ReasonCode.ENCRYPTED)
                except (FileNotDecryptedError, NotImplementedError) as e:
                    raise RejectedInput(
                        "PDF needs a password", reason=ReasonCode.ENCRYPTED
                    ) from e
                except DependencyError as e:
                    raise EngineFailed("PDF decryption support is missing") from e
            _ = len(reader.pages)
            return reader, warned.count > 0
    except RejectedInput:
        raise
    except EngineFailed:
        raise
    except _PDF_READ_ERRORS as e:
        log.info("pypdf could not read a PDF (%s); trying pdfium", type(e).__name__)
        return None, True


def has_active_content(reader: PdfReader) -> bool:
    """JavaScript, embedded files, launch/JS actions, XFA forms or file attachment annots."""
    try:
        # an untrusted PDF: any object may be of any type; what breaks ends in the except below
        root: Any = reader.trailer["/Root"].get_object()
        names = root.get("/Names")
        if names is not None:
            names = names.get_object()
            if "/JavaScript" in names or "/EmbeddedFiles" in names:
                return True
        if "/AA" in root:
            return True
        action = root.get("/OpenAction")
        if isinstance(action, DictionaryObject) or hasattr(action, "get_object"):
            action = action.get_object()
            if isinstance(action, DictionaryObject) and action.get("/S") in (
                "/JavaScript", "/Launch", "/ImportData", "/SubmitForm",
            ):
                return True
        form = root.get("/AcroForm")
        if form is not None and "/XFA" in form.get_object():
            return True
        for page in reader.pages:
            if "/AA" in page:
                return True
            for annot in page.get("/Annots") or ():
                annot = annot.get_object()
                if annot.get("/Subtype") == "/FileAttachment":
                    return True
                act = annot.get("/A")
                if act is not None and act.get_object().get("/S") in ("/JavaScript", "/Launch"):
                    return True
    except _PDF_READ_ERRORS:
        return False
    return False


def _is_plain_scan(reader: PdfReader | None, index: int) -> bool:
    """True when the page's only XObject is an image whose pixels mean what they say (no
    /Decode inversion, no masks) on an unrotated page: its decoded pixels are the page."""
    if reader is None:
        return False
    try:
        page = reader.pages[index]
        if int(page.get("/Rotate", 0) or 0) % 360:
            return False
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        xobjects = xobjects.get_object()
        if len(xobjects) != 1:
            return False
        image = next(iter(xobjects.values())).get_object()
        if image.get("/Subtype") != "/Image":
            return False
        if any(k in image for k in ("/SMask", "/Mask", "/ImageMask")):
            return False
        decode = image.get("/Decode")
        return decode is None or [float(v) for v in decode][:2] == [0.0, 1.0]
    except _PDF_READ_ERRORS:
        return False


def alnum_count(text: str) -> int:
    return sum(map(str.isalnum, text))  # C-level loop: ~3x a generator on long pages


def usable_text(text: str | None, *, min_chars: int) -> str | None:
    if not text:
        return None
    alnum = alnum_count(text)
    visible = len(text) - sum(map(str.isspace, text))
    if alnum < min_chars or alnum < 0.6 * visible:
        return None
    return text.strip()


def _text_layers(reader: PdfReader | None, count: int, *, min_chars: int) -> list[str | None]:
    texts: list[str | None] = []
    for i in range(count):
        text = None
        if reader is not None:
            try:
                with _quiet_pypdf():
                    text = reader.pages[i].extract_text()
            except _PDF_READ_ERRORS:
                text = None
        texts.append(usable_text(text, min_chars=min_chars))
    return texts


def open_pdfium(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path, password=None)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise RejectedInput("PDF needs a password", reason=ReasonCode.ENCRYPTED) from e
        raise RejectedInput("PDF could not be read", reason=ReasonCode.CORRUPT) from e


def _page_images(
    doc: pdfium.PdfDocument, index: int, *, max_pixels: int
) -> tuple[float | None, float]:
    """(effective dpi of the page's largest image or None, share of the page it covers).
    Raises IMAGE_BOMB for an embedded image above the pixel limit (before any decoding)."""
    page = doc[index]
    try:
        page_w, page_h = page.get_size()
        best: tuple[float, float] | None = None  # (area in points, dpi)
        for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            px_w, px_h = obj.get_px_size()
            check_pixels(px_w, px_h, max_pixels=max_pixels, page=index + 1)
            left, bottom, right, top = obj.get_bounds()
            width_pt, height_pt = max(right - left, 1e-3), max(top - bottom, 1e-3)
            area = width_pt * height_pt
            dpi = max(px_w, px_h) / (max(width_pt, height_pt) / 72)  # long side: turn-proof
            if best is None or area > best[0]:
                best = (area, dpi)
        if best is None:
            return None, 0.0
        return round(best[1], 1), min(1.0, best[0] / max(page_w * page_h, 1e-3))
    finally:
        page.close()


def _rewrite(reader: PdfReader, workdir: Path) -> Path:
    """pypdf's lenient reading, written out again as a well-formed PDF for pdfium."""
    out = workdir / "repaired.pdf"
    try:
        with _quiet_pypdf():
            writer = PdfWriter(clone_from=reader)
            with open(out, "wb") as fh:
                writer.write(fh)
    except _PDF_READ_ERRORS as e:
        raise RejectedInput("PDF could not be read", reason=ReasonCode.CORRUPT) from e
    return out


def inspect_pdf(
    path: Path, *, max_pages: int, max_pixels: int, min_text_layer_chars: int,
    workdir: Path, min_scan_text_layer_chars: int = 200,
) -> PdfInspection:
    """Everything about a PDF that decides how its pages are read. ``workdir`` receives a
    repaired copy when only pypdf's lenient read could make sense of the file. Whatever pdfium
    or pypdf raise on the file that is not handled below is a CORRUPT rejection."""
    with PDFIUM, untrusted("PDF", library=PDF_LIBRARY_ERRORS):
        return _inspect_pdf(path, max_pages=max_pages, max_pixels=max_pixels,
                            min_text_layer_chars=min_text_layer_chars, workdir=workdir,
                            min_scan_text_layer_chars=min_scan_text_layer_chars)


def _inspect_pdf(
    path: Path, *, max_pages: int, max_pixels: int, min_text_layer_chars: int,
    workdir: Path, min_scan_text_layer_chars: int,
) -> PdfInspection:
    reader, repaired = open_reader(path)
    render_path: Path | None = None
    try:
        doc = open_pdfium(path)
    except RejectedInput as e:
        if e.reason is not ReasonCode.CORRUPT or reader is None:
            raise
        render_path = _rewrite(reader, workdir)
        repaired = True
        doc = open_pdfium(render_path)
    try:
        count = len(doc)
        if reader is not None:
            try:
                count = max(count, len(reader.pages)) if count == 0 else count
            except _PDF_READ_ERRORS:
                pass
        check_page_count(count, max_pages=max_pages)
        texts = _text_layers(reader, count, min_chars=min_text_layer_chars)
        images = [_page_images(doc, i, max_pixels=max_pixels) for i in range(count)]
        dpis = [dpi for dpi, _ in images]
        # A scanned page with a thin text layer (a fax header, a stamp, a Bates number) is
        # still a scan: OCR it, or the page body would be lost. (Every page's images are
        # looked at, rich text or not: an image bomb must not hide behind a text layer.)
        texts = [
            None if text is not None and cover >= SCAN_COVERAGE
            and alnum_count(text) < min_scan_text_layer_chars else text
            for text, (_, cover) in zip(texts, images, strict=True)
        ]
    finally:
        doc.close()
    active = has_active_content(reader) if reader is not None else False
    plain = [render_path is None and _is_plain_scan(reader, i) for i in range(count)]
    return PdfInspection(
        page_count=count, texts=texts, source_dpi=dpis, active_content=active,
        repaired=repaired, render_path=render_path, plain_scan=plain,
    )
