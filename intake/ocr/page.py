"""OCR of one page image: the unit of work a pool process runs.

Script of one page (each stage cheap except tesseract):
    load_page_image -> analyse (ink map at ~100 dpi) -> blank? -> cover sheet? ->
    orient (line direction; OSD --psm 0 when lines run vertical) -> deskew -> tesseract
    (image_to_data) -> retry turned when the upright read is unconvincing -> PageText

Policies (stated once, here):
- tesseract timeout (``page_timeout_s``): the page comes back with empty text, confidence 0
  and the flag ``ocr-timeout``; the document goes on (and to review because of the flag).
- tesseract missing or failing on a decodable image: EngineFailed for the document.
- Orientation: lines that run top-to-bottom -> OSD decides 90 vs 270 (both tried when OSD is
  unsure). Upright-looking pages are read as they are; only if that read's confidence is below
  ``orientation_retry_below`` is OSD asked and the turned read kept when it scores better, so a
  clean upright page never pays for OSD. OSD failing ("too few characters") -> keep upright.
- Skew: estimated by projection profiles; corrected when above ``min_deskew_deg``.
- Blank: ink share below ``blank_ink_fraction`` -> no OCR, source "blank", flag "blank".
- Cover sheet (our QR payload) -> no OCR, source "blank", flag "cover-sheet".
Errors cross the process boundary as data (``PageOutcome.error``), never as pickled exceptions.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass

import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from himflow.errors import EngineFailed, HimflowError, RejectedInput, TransientError
from himflow.untrusted import PARSER_ERRORS, rejection
from intake.coversheet import CoverSheet, read_coversheet
from intake.limits import check_pixels, configure_pillow, pillow_bomb_guard
from intake.ocr import imaging
from intake.ocr.models import (
    BLANK,
    COVER_SHEET,
    DESKEWED,
    LOW_CONFIDENCE,
    LOW_RESOLUTION,
    NO_TEXT,
    OCR_TIMEOUT,
    ORIENTATION_UNSURE,
    ROTATED,
    OcrOptions,
    PageText,
    Word,
)
from schemas.events import ReasonCode


@dataclass(frozen=True)
class PageJob:
    path: str
    kind: str  # "pdf" | "image"
    index: int  # 0-based page / frame index
    options: OcrOptions
    source_dpi: float | None = None  # effective dpi of the scanned image, when known
    plain_scan: bool = False  # the PDF page is one plain image (checked by the parent)


@dataclass(frozen=True)
class PageOutcome:
    page: PageText | None = None
    cover: CoverSheet | None = None
    error: tuple[str, str, str] | None = None  # (error class, reason code, detail)

    def raise_error(self) -> None:
        if self.error is None:
            return
        cls_name, reason, detail = self.error
        classes = {"EngineFailed": EngineFailed, "RejectedInput": RejectedInput, "TransientError": TransientError}
        raise classes.get(cls_name, EngineFailed)(detail, reason=ReasonCode(reason))


# --- loading -----------------------------------------------------------------------------

_pdf_cache: dict[tuple[str, int, int], pdfium.PdfDocument] = {}


def _pdf_document(path: str) -> pdfium.PdfDocument:
    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    doc = _pdf_cache.get(key)
    if doc is None:
        for old in _pdf_cache.values():
            old.close()
        _pdf_cache.clear()
        doc = pdfium.PdfDocument(path)
        _pdf_cache[key] = doc
    return doc


def _sole_scan_image(page: pdfium.PdfPage, *, max_dpi: float) -> tuple[Image.Image, float] | None:
    """The page's only content when it is one upright full-page image (a scanner's PDF),
    decoded at its native resolution: no resampling, no render. None otherwise. Only asked
    for pages the parent found plain (no /Decode inversion or masks a raw decode ignores)."""
    if page.get_rotation() != 0:
        return None
    objects = list(page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != pdfium.raw.FPDF_PAGEOBJ_IMAGE:
        return None
    obj = objects[0]
    a, b, c, d, _e, _f = obj.get_matrix().get()
    w_pt, h_pt = page.get_size()
    left, bottom, right, top = obj.get_bounds()
    if b or c or a <= 0 or d <= 0 or (right - left) * (top - bottom) < 0.98 * w_pt * h_pt:
        return None
    px_w, _px_h = obj.get_px_size()
    dpi = px_w / ((right - left) / 72)
    if dpi > max_dpi:
        return None
    return obj.get_bitmap(render=False).to_pil().convert("L"), round(dpi, 1)


def load_page_image(job: PageJob) -> tuple[Image.Image, float]:
    """(grayscale page image, its dpi). A scanner's full-page image is taken at its native
    resolution (up to ``options.dpi``); any other PDF page is rendered at ``options.dpi``."""
    opts = job.options
    if job.kind == "pdf":
        page = _pdf_document(job.path)[job.index]
        try:
            native = _sole_scan_image(page, max_dpi=opts.dpi * 1.1) if job.plain_scan else None
            if native is not None:
                return native
            w_pt, h_pt = page.get_size()
            scale = opts.dpi / 72
            check_pixels(
                round(w_pt * scale), round(h_pt * scale),
                max_pixels=opts.max_pixels_per_page, page=job.index + 1,
            )
            bitmap = page.render(scale=scale, grayscale=True)
            return bitmap.to_pil().convert("L"), float(opts.dpi)
        finally:
            page.close()
    configure_pillow(opts.max_pixels_per_page)
    with pillow_bomb_guard(), Image.open(job.path) as img:
        img.seek(job.index)
        check_pixels(*img.size, max_pixels=opts.max_pixels_per_page, page=job.index + 1)
        dpi = float((img.info.get("dpi") or (0, 0))[0] or 0)
        gray = img.convert("L")
    return gray, dpi


# --- tesseract ---------------------------------------------------------------------------

class _Timeout(Exception):
    pass


def _run_tesseract(call, *args, **kwargs):
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        return call(*args, **kwargs)
    except pytesseract.TesseractNotFoundError as e:
        raise EngineFailed("tesseract is not installed") from e
    except pytesseract.TesseractError as e:
        raise EngineFailed(f"tesseract exited with status {e.status}") from e
    except RuntimeError as e:  # pytesseract kills tesseract at the timeout and raises this
        if "timeout" in str(e).lower():
            raise _Timeout() from e
        raise EngineFailed("tesseract failed") from e


def _save_for_tesseract(img: Image.Image, workdir: str, name: str) -> str:
    path = os.path.join(workdir, f"{name}.pgm")  # uncompressed: no PNG encode cost
    img.save(path, format="PPM")
    return path


@dataclass(frozen=True)
class _Read:
    rotation: int
    words: tuple[Word, ...]
    text: str
    confidence: float
    timed_out: bool = False


def _ocr(image_path: str, *, rotation: int, dpi: float, opts: OcrOptions) -> _Read:
    try:
        data = _run_tesseract(
            pytesseract.image_to_data,
            image_path,
            lang=opts.language,
            config=f"--psm {opts.psm} --dpi {max(70, round(dpi))}",
            output_type=pytesseract.Output.DICT,
            timeout=opts.page_timeout_s,
        )
    except _Timeout:
        return _Read(rotation=rotation, words=(), text="", confidence=0.0, timed_out=True)
    words: list[Word] = []
    lines: dict[tuple[int, int, int], list[str]] = {}
    for i, raw in enumerate(data["text"]):
        token = (raw or "").strip()
        conf = float(data["conf"][i])
        if not token or conf < 0:
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        words.append(Word(text=token, conf=round(conf / 100, 3), bbox=(x, y, x + w, y + h)))
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        lines.setdefault(key, []).append(token)
    text_parts: list[str] = []
    last_par: tuple[int, int] | None = None
    for (block, par, _line), tokens in lines.items():
        if last_par is not None and (block, par) != last_par:
            text_parts.append("")
        text_parts.append(" ".join(tokens))
        last_par = (block, par)
    confidence = sum(w.conf for w in words) / len(words) if words else 0.0
    return _Read(
        rotation=rotation, words=tuple(words), text="\n".join(text_parts),
        confidence=round(confidence, 4),
    )


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def _osd_turn(image_path: str, *, dpi: float, opts: OcrOptions) -> int | None:
    """The counter-clockwise turn OSD says the image needs, or None when OSD is unsure."""
    try:
        out = _run_tesseract(
            pytesseract.image_to_osd,
            image_path,
            config=f"--psm 0 --dpi {max(70, round(dpi))}",
            timeout=min(opts.osd_timeout_s, opts.page_timeout_s),
        )
    except (_Timeout, EngineFailed):  # "Too few characters" and friends: no opinion
        return None
    rotate, conf = _OSD_ROTATE.search(out), _OSD_CONF.search(out)
    if not rotate or not conf or float(conf.group(1)) < opts.osd_min_confidence:
        return None
    clockwise = int(rotate.group(1)) % 360
    return (360 - clockwise) % 360


# --- one page ----------------------------------------------------------------------------

def _prepared(gray: Image.Image, rotation: int, skew: float) -> Image.Image:
    img = imaging.turn(gray, rotation)
    return imaging.deskew(img, skew) if skew else img


def ocr_page_image(
    gray: Image.Image, *, number: int, dpi: float, options: OcrOptions,
    source_dpi: float | None = None,
) -> tuple[PageText, CoverSheet | None]:
    """Read one grayscale page image. Pure apart from tesseract subprocesses and temp files."""
    opts = options
    flags: list[str] = []
    if not dpi:  # an image without resolution: assume a letter-width page, within reason
        dpi = float(min(600, max(100, round(max(gray.width, gray.height) / 11))))
    effective_dpi = source_dpi or dpi
    if effective_dpi and effective_dpi < opts.low_resolution_dpi:
        flags.append(LOW_RESOLUTION)
        if dpi < opts.low_resolution_dpi:  # an image file: upsample so tesseract sees 300 dpi
            factor = opts.dpi / dpi
            gray = gray.resize(
                (round(gray.width * factor), round(gray.height * factor)),
                Image.Resampling.LANCZOS,
            )
            dpi = float(opts.dpi)
    small = imaging.analysis_image(gray, dpi)
    ink = imaging.ink_map(small)
    if imaging.is_blank(ink, threshold=opts.blank_ink_fraction):
        page = PageText(
            number=number, text="", confidence=1.0, source="blank",
            flags=tuple(flags + [BLANK]), phash=imaging.BLANK_PHASH,
            width=gray.width, height=gray.height, dpi=dpi,
        )
        return page, None
    if opts.read_coversheets:
        cover = read_coversheet(small)
        if cover is not None:
            page = PageText(
                number=number, text="", confidence=1.0, source="blank",
                flags=tuple(flags + [COVER_SHEET]), phash=imaging.phash(gray),
                width=gray.width, height=gray.height, dpi=dpi,
            )
            return page, cover

    vertical, skew = imaging.line_direction(ink, max_deg=opts.max_deskew_deg)
    if not opts.deskew or abs(skew) < opts.min_deskew_deg:
        skew = 0.0
    with tempfile.TemporaryDirectory(prefix="himflow-ocr-") as workdir:
        tried: dict[int, _Read] = {}
        images: dict[int, Image.Image] = {}

        def read(rotation: int) -> _Read:
            if rotation not in tried:
                images[rotation] = _prepared(gray, rotation, skew)
                path = _save_for_tesseract(images[rotation], workdir, f"r{rotation}")
                tried[rotation] = _ocr(path, rotation=rotation, dpi=dpi, opts=opts)
            return tried[rotation]

        def osd(rotation: int) -> int | None:
            path = os.path.join(workdir, f"r{rotation}.pgm")
            if not os.path.exists(path):
                images[rotation] = _prepared(gray, rotation, skew)
                _save_for_tesseract(images[rotation], workdir, f"r{rotation}")
            turn = _osd_turn(path, dpi=dpi, opts=opts)
            return None if turn is None else (rotation + turn) % 360

        unsure = False
        if opts.detect_orientation and vertical:
            turned = osd(90)
            if turned in (90, 270):
                best = read(turned)
            else:
                unsure = True
                best = max((read(90), read(270)), key=lambda r: r.confidence)
        else:
            best = read(0)
            if (
                opts.detect_orientation
                and not best.timed_out
                and best.confidence < opts.orientation_retry_below
            ):
                turned = osd(0)
                if turned not in (None, 0):
                    best = max((best, read(turned)), key=lambda r: r.confidence)
        final_image = images[best.rotation]

    if best.timed_out:
        flags.append(OCR_TIMEOUT)
    elif not best.words:
        flags.append(NO_TEXT)
    if best.confidence < opts.low_confidence and not best.timed_out:
        flags.append(LOW_CONFIDENCE)
    if best.rotation:
        flags.append(ROTATED)
    if unsure:
        flags.append(ORIENTATION_UNSURE)
    if skew:
        flags.append(DESKEWED)
    page = PageText(
        number=number, text=best.text, confidence=best.confidence, source="ocr",
        rotation=best.rotation, flags=tuple(flags), words=best.words,
        phash=imaging.phash(final_image), width=final_image.width,
        height=final_image.height, dpi=dpi, skew=skew,
    )
    return page, None


def run_page_job(job: PageJob) -> PageOutcome:
    """Pool entry point: never raises; errors come back as data."""
    try:
        gray, dpi = load_page_image(job)
        page, cover = ocr_page_image(
            gray, number=job.index + 1, dpi=dpi, options=job.options,
            source_dpi=job.source_dpi,
        )
        return PageOutcome(page=page, cover=cover)
    except HimflowError as e:
        return PageOutcome(error=(type(e).__name__, e.reason.value, e.detail))
    except (OSError, pdfium.PdfiumError, *PARSER_ERRORS) as e:
        # pdfium / Pillow / zxing on a hostile page: CORRUPT (a local I/O error: transient)
        err = rejection(e, f"page {job.index + 1}")
        return PageOutcome(error=(type(err).__name__, err.reason.value, err.detail))


def pool_initializer() -> None:
    """For the caller's ProcessPoolExecutor: one single-threaded tesseract per process."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    except (ValueError, OSError):  # pragma: no cover - not the main thread
        pass
