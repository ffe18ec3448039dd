"""OCR of one page image: the unit of work a pool process runs.

Script of one page (each stage cheap except tesseract):
    load_page_image -> analyse (ink map at ~100 dpi) -> blank? -> cover sheet? ->
    orient (line direction; OSD --psm 0 when lines run vertical) -> deskew -> tesseract
    (image_to_data) -> retry turned when the upright read is unconvincing -> PageText

Policies (stated once, here):
- tesseract timeout (``page_timeout_s``): the page comes back with empty text, confidence 0
  and the flag ``ocr-timeout``; the document goes on (and to review because of the flag).
- tesseract missing or failing on a decodable image: EngineFailed for the document.
- Scale: from the size of the text on the pixels (``_scaled_for_text``), never from the file's
  dpi tag: small text is enlarged, huge text reduced, the rest read pixel for pixel.
- Paper: grey, yellowed or unevenly lit paper (phone pictures, old stock) is made white and
  even before anything else (``imaging.flatten_paper``); white scans are left as they are.
- Orientation: lines that run top-to-bottom -> OSD decides 90 vs 270. When OSD is unsure the
  page is read upright and both ways turned, and turned only when that read is clearly better
  (``_clearly_better``); otherwise it stays upright and, if that read is weak, is flagged
  ``orientation-unsure``. Upright-looking pages are read as they are; only if that read's
  confidence is below ``orientation_retry_below`` is OSD asked and the turned read kept when it
  is clearly better, so a clean upright page never pays for OSD. OSD failing ("too few
  characters") -> keep upright.
- Skew: estimated by projection profiles; corrected when above ``min_deskew_deg``.
- Blank: ink share below ``blank_ink_fraction`` -> no OCR, source "blank", flag "blank".
- EXIF orientation (phone photos): honoured before anything else (``himflow.page_orientation.
  upright``), as the searchable PDF and the desk's page images do, so all three agree.
- Cover sheet (our QR payload) -> no OCR, source "blank", flag "cover-sheet".
Errors cross the process boundary as data (``PageOutcome.error``), never as pickled exceptions.
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
from dataclasses import dataclass

import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from himflow.errors import EngineFailed, HimflowError, RejectedInput, TransientError
from himflow.untrusted import PARSER_ERRORS, rejection
from himflow import page_orientation
from himflow.pdfium_lock import PDFIUM
from intake.coversheet import CoverSheet, read_coversheet
from intake.limits import check_pixels, configure_pillow, pillow_bomb_guard
from intake.ocr import imaging
from intake.ocr.signature import has_empty_signature_block
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
    SIGNATURE_EMPTY,
    OcrOptions,
    PageText,
    Word,
)
from schemas.claims import BLANK_PHASH
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
        with PDFIUM:  # a page job runs in the calling thread when there is no pool
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
        gray = page_orientation.upright(img).convert("L")  # a phone photo's EXIF orientation: read it upright
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

TURN_MARGIN = 0.10  # a turned read must beat the upright one by this much mean word confidence


def _clearly_better(turned: _Read, upright: _Read) -> bool:
    """Keep a page as it is unless reading it turned is clearly better: more confident by
    ``TURN_MARGIN``. A page is never turned on a coin toss."""
    if turned.timed_out or not turned.words:
        return False
    if upright.timed_out or not upright.words:
        return True
    return turned.confidence >= upright.confidence + TURN_MARGIN


def _prepared(gray: Image.Image, rotation: int, skew: float) -> Image.Image:
    img = imaging.turn(gray, rotation)
    return imaging.deskew(img, skew) if skew else img


# Body-text x-height as a share of the type size (DejaVu Sans, Helvetica, Times: 0.45-0.55).
_X_HEIGHT_EM = 0.52
_BODY_PT = (6.0, 36.0)  # type sizes a page's body text plausibly has


def _scaled_for_text(
    gray: Image.Image, *, tag_dpi: float, source_dpi: float | None, opts: OcrOptions
) -> tuple[Image.Image, float, bool]:
    """(image to read, its dpi, low-resolution?) from the size of the text on the pixels.

    The dpi tag of an image file lies often (screenshots and phone pictures say 72 or 96 for
    200-300 dpi content; some files carry none or absurd values), so the scale is taken from
    the glyphs: text smaller than ``min_x_height_px`` is enlarged to ``target_x_height_px``
    (the only case resampling helps tesseract), text larger than ``max_x_height_px`` is
    reduced (same words, less work); anything in between is read as it is, pixel for pixel.
    The tag is kept as the dpi when it agrees with the text (body text of a plausible type
    size); otherwise the dpi is the one that makes the body text 10 pt. A PDF page rendered
    from a lower-resolution scan (``source_dpi`` below the render's) is judged on the text's
    size in the scan's own pixels: rendering enlarged it without adding detail.
    """
    xh = imaging.x_height(gray)
    if xh is None:  # no measurable text: read as it is
        dpi = tag_dpi if 50 <= tag_dpi <= 1200 else float(opts.dpi)
        return gray, dpi, False
    pt_at_tag = xh / _X_HEIGHT_EM * 72 / tag_dpi if tag_dpi > 0 else 0.0
    if _BODY_PT[0] <= pt_at_tag <= _BODY_PT[1]:
        dpi = float(tag_dpi)
    else:
        dpi = xh / _X_HEIGHT_EM * 72 / 10.0
    source_xh = xh * source_dpi / tag_dpi if source_dpi and tag_dpi and source_dpi < tag_dpi else xh
    low = source_xh < opts.low_resolution_x_height_px
    factor = 1.0
    if xh < opts.min_x_height_px:
        factor = min(4.0, opts.target_x_height_px / xh)
    elif xh > opts.max_x_height_px:
        factor = opts.target_x_height_px / xh
    factor = min(factor, (opts.max_pixels_per_page / (gray.width * gray.height)) ** 0.5)
    if abs(factor - 1.0) > 0.05:
        size = (max(1, round(gray.width * factor)), max(1, round(gray.height * factor)))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    else:
        factor = 1.0
    dpi *= factor
    return gray, round(max(70.0, min(1200.0, dpi)), 1), low


def ocr_page_image(
    gray: Image.Image, *, number: int, dpi: float, options: OcrOptions,
    source_dpi: float | None = None,
) -> tuple[PageText, CoverSheet | None]:
    """Read one grayscale page image. Pure apart from tesseract subprocesses and temp files."""
    opts = options
    flags: list[str] = []
    gray, dpi, low_resolution = _scaled_for_text(
        gray, tag_dpi=dpi, source_dpi=source_dpi, opts=opts
    )
    if low_resolution:
        flags.append(LOW_RESOLUTION)
    flat = imaging.flatten_paper(gray)  # grey or shadowed paper: even white first
    if flat is not None:
        gray = flat
    small = imaging.analysis_image(gray, dpi)
    ink = imaging.ink_map(small)
    if imaging.is_blank(ink, threshold=opts.blank_ink_fraction):
        page = PageText(
            number=number, text="", confidence=1.0, source="blank",
            flags=tuple(flags + [BLANK]), phash=BLANK_PHASH,
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
            else:  # OSD has no opinion: a turn must be earned by a clearly better read
                upright = read(0)
                sideways = max((read(90), read(270)), key=lambda r: r.confidence)
                best = sideways if _clearly_better(sideways, upright) else upright
                unsure = best is upright and upright.confidence < opts.orientation_retry_below
        else:
            best = read(0)
            if (
                opts.detect_orientation
                and not best.timed_out
                and best.confidence < opts.orientation_retry_below
            ):
                turned = osd(0)
                if turned not in (None, 0) and _clearly_better(read(turned), best):
                    best = read(turned)
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
    if has_empty_signature_block(best.words, final_image):
        flags.append(SIGNATURE_EMPTY)
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
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides about Ctrl-C
    except (ValueError, OSError):  # pragma: no cover - not the main thread
        pass
