"""Scan file -> OcrResult. The pure pipeline: a local path in, a frozen result out.

    check_limits -> sniff -> inspect (PDF: decrypt, lenient read, text layers, active content;
    image: frames, pixels) -> read pages (text layer in this thread, OCR spread over the
    caller's process pool) -> split at cover sheets -> OcrResult

Called from a worker thread (never the event loop). ``pool`` is the caller's
ProcessPoolExecutor built with ``pool_initializer`` (see ``make_pool``); pool=None runs pages
one after another in this process.

Policies:
- A page whose image cannot be decoded is kept with empty text and "page-unreadable" when
  other pages could be read; when none could: RejectedInput CORRUPT.
- A pool process that dies (out of memory, killed) -> TransientError: the caller retries the
  document (bounded) with a fresh pool; pages never silently disappear.
- Waiting for a page is bounded too: page_timeout_s x 4 + 60 s (tesseract calls have their own
  timeouts; this only guards against a hung worker) -> the page is flagged "ocr-timeout".
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError

from himflow.errors import RejectedInput, TransientError
from himflow.untrusted import PARSER_ERRORS, rejection, untrusted
from himflow.pdfium_lock import PDFIUM
from intake.coversheet import CoverSheet
from intake.limits import (
    check_page_count,
    check_pixels,
    check_size,
    configure_pillow,
    pillow_bomb_guard,
)
from intake.ocr import imaging
from intake.ocr.models import (
    ACTIVE_CONTENT_IGNORED,
    COVER_SHEET,
    LOW_CONFIDENCE,
    NO_TEXT,
    OCR_TIMEOUT,
    PAGE_SEPARATOR,
    PAGE_UNREADABLE,
    REPAIRED,
    OcrOptions,
    OcrResult,
    PageText,
)
from intake.ocr.page import PageJob, PageOutcome, pool_initializer, run_page_job
from intake.ocr.pdf import PDF_LIBRARY_ERRORS, inspect_pdf
from intake.sniff import SCAN_TYPES, sniff_file
from intake.ocr.split import split_segments
from schemas.events import ReasonCode

TEXT_LAYER_HASH_DPI = 24
DEFAULT_OPTIONS = OcrOptions()
_IMAGE_ERRORS: tuple[type[BaseException], ...] = (UnidentifiedImageError, OSError, *PARSER_ERRORS)


def make_pool(processes: int | None = None) -> cf.ProcessPoolExecutor:
    """A process pool for OCR pages: one single-threaded tesseract per core.

    Uses the forkserver start method: safe to create from a process that runs threads (an
    event loop, consumer threads).
    """
    return cf.ProcessPoolExecutor(
        max_workers=processes or max(1, os.cpu_count() or 1),
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=pool_initializer,
    )


def _text_layer_page(doc: pdfium.PdfDocument, index: int, text: str) -> PageText:
    page = doc[index]
    try:
        thumb = page.render(scale=TEXT_LAYER_HASH_DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()
    return PageText(
        number=index + 1, text=text, confidence=1.0, source="text-layer",
        phash=imaging.phash(thumb),
    )


def _image_frames(path: Path, *, options: OcrOptions) -> int:
    configure_pillow(options.max_pixels_per_page)
    try:
        with pillow_bomb_guard(), Image.open(path) as img:
            frames = int(getattr(img, "n_frames", 1) or 1)
            check_page_count(frames, max_pages=options.max_pages)
            for i in range(frames):
                img.seek(i)
                check_pixels(*img.size, max_pixels=options.max_pixels_per_page, page=i + 1)
            return frames
    except RejectedInput:
        raise
    except _IMAGE_ERRORS as e:
        raise rejection(e, "image") from e


def _submit(jobs: Sequence[PageJob], pool: cf.Executor | None) -> list[cf.Future] | None:
    if pool is None or not jobs:
        return None
    try:
        return [pool.submit(run_page_job, job) for job in jobs]
    except BrokenProcessPool as e:
        raise TransientError("an OCR worker process died") from e


def _collect(
    jobs: Sequence[PageJob], futures: list[cf.Future] | None, options: OcrOptions
) -> list[PageOutcome]:
    if futures is None:
        return [run_page_job(job) for job in jobs]
    outcomes: list[PageOutcome] = []
    wait_s = options.page_timeout_s * 4 + 60
    try:
        for job, fut in zip(jobs, futures, strict=True):
            try:
                outcomes.append(fut.result(timeout=wait_s))
            except cf.TimeoutError:
                outcomes.append(PageOutcome(page=PageText(
                    number=job.index + 1, text="", confidence=0.0, source="ocr",
                    flags=(OCR_TIMEOUT,),
                )))
    except BrokenProcessPool as e:
        raise TransientError("an OCR worker process died") from e
    finally:
        for fut in futures:
            fut.cancel()
    return outcomes


def _run_jobs(
    jobs: Sequence[PageJob], pool: cf.Executor | None, options: OcrOptions
) -> list[PageOutcome]:
    return _collect(jobs, _submit(jobs, pool), options)


def _assemble(
    outcomes: list[tuple[PageText | None, CoverSheet | None, PageOutcome | None]],
) -> tuple[list[PageText], list[CoverSheet | None]]:
    pages: list[PageText] = []
    covers: list[CoverSheet | None] = []
    failures = [o for _, _, o in outcomes if o is not None and o.error is not None]
    for outcome in failures:
        if outcome.error and outcome.error[1] != ReasonCode.CORRUPT.value:
            outcome.raise_error()  # IMAGE_BOMB, engine failure: the document fails
    if failures and len(failures) == len(outcomes):
        failures[0].raise_error()
    for index, (page, cover, _outcome) in enumerate(outcomes):
        if page is None:  # undecodable page among readable ones
            page = PageText(
                number=index + 1, text="", confidence=0.0, source="ocr",
                flags=(PAGE_UNREADABLE,),
            )
        pages.append(page)
        covers.append(cover)
    return pages, covers


def _result(
    media_type: str, pages: list[PageText], covers: list[CoverSheet | None],
    doc_flags: list[str], options: OcrOptions,
) -> OcrResult:
    content = [p for p in pages if p.text and COVER_SHEET not in p.flags]
    chars = sum(len(p.text) for p in content)
    confidence = (
        sum(p.confidence * len(p.text) for p in content) / chars if chars else 0.0
    )
    flags: list[str] = list(doc_flags)
    for p in pages:
        flags.extend(p.flags)
    if not chars:
        flags.append(NO_TEXT)
    elif confidence < options.low_confidence:
        flags.append(LOW_CONFIDENCE)
    segments, segment_flags = split_segments(pages, covers)
    flags.extend(segment_flags)
    return OcrResult(
        media_type=media_type,
        pages=tuple(pages),
        text=PAGE_SEPARATOR.join(p.text for p in content),
        confidence=round(confidence, 4),
        flags=tuple(dict.fromkeys(flags)),
        segments=tuple(segments),
    )


def ocr_file(
    path: Path,
    *,
    media_type: str | None = None,
    options: OcrOptions = DEFAULT_OPTIONS,
    pool: cf.Executor | None = None,
) -> OcrResult:
    """Text of every page of a scan (PDF, TIFF, PNG, JPEG) at ``path``.

    Raises RejectedInput (permanent, with a ReasonCode) for bad input, EngineFailed when
    tesseract itself fails, TransientError when a pool process died.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as e:
        raise RejectedInput("file is missing", reason=ReasonCode.OBJECT_MISSING) from e
    check_size(size, max_bytes=options.max_bytes)
    media_type = sniff_file(path)  # a declared type is only a hint: the bytes win
    if media_type not in SCAN_TYPES:
        raise RejectedInput(
            f"{media_type} is not a scan type", reason=ReasonCode.UNSUPPORTED_TYPE
        )

    with tempfile.TemporaryDirectory(prefix="himflow-scan-") as workdir:
        if media_type == "application/pdf":
            pages, covers, doc_flags = _read_pdf(path, options, pool, Path(workdir))
        else:
            pages, covers, doc_flags = _read_image(path, options, pool)
    return _result(media_type, pages, covers, doc_flags, options)


_Outcomes = list[tuple[PageText | None, CoverSheet | None, PageOutcome | None]]


def _read_pdf(
    path: Path, options: OcrOptions, pool: cf.Executor | None, workdir: Path
) -> tuple[list[PageText], list[CoverSheet | None], list[str]]:
    info = inspect_pdf(
        path, max_pages=options.max_pages, max_pixels=options.max_pixels_per_page,
        min_text_layer_chars=options.min_text_layer_chars, workdir=workdir,
        min_scan_text_layer_chars=options.min_scan_text_layer_chars,
    )
    doc_flags: list[str] = []
    if info.active_content:
        doc_flags.append(ACTIVE_CONTENT_IGNORED)
    if info.repaired:
        doc_flags.append(REPAIRED)
    render_path = info.render_path or path
    jobs = [
        PageJob(path=str(render_path), kind="pdf", index=i, options=options,
                source_dpi=info.source_dpi[i], plain_scan=info.plain_scan[i])
        for i in range(info.page_count) if info.texts[i] is None
    ]
    pending = _submit(jobs, pool)  # the pool OCRs while this thread takes the text layers
    text_pages: dict[int, PageText] = {}
    with PDFIUM, untrusted("PDF", library=PDF_LIBRARY_ERRORS):
        doc = pdfium.PdfDocument(render_path)
        try:
            for i, text in enumerate(info.texts):
                if text is not None:
                    text_pages[i] = _text_layer_page(doc, i, text)
        finally:
            doc.close()
    ocr_outcomes = iter(_collect(jobs, pending, options))
    outcomes: _Outcomes = []
    for i in range(info.page_count):
        if i in text_pages:
            outcomes.append((text_pages[i], None, None))
        else:
            o = next(ocr_outcomes)
            outcomes.append((o.page, o.cover, o))
    pages, covers = _assemble(outcomes)
    return pages, covers, doc_flags


def _read_image(
    path: Path, options: OcrOptions, pool: cf.Executor | None
) -> tuple[list[PageText], list[CoverSheet | None], list[str]]:
    frames = _image_frames(path, options=options)
    jobs = [PageJob(path=str(path), kind="image", index=i, options=options)
            for i in range(frames)]
    outcomes: _Outcomes = [(o.page, o.cover, o) for o in _run_jobs(jobs, pool, options)]
    pages, covers = _assemble(outcomes)
    return pages, covers, []
