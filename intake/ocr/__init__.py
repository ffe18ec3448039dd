"""Scanned documents -> page text. A pure pipeline: a local file in, a frozen OcrResult out.

    from intake.ocr import OcrOptions, ocr_file, make_pool
    with make_pool() as pool:             # or your own ProcessPoolExecutor(initializer=pool_initializer)
        result = ocr_file(path, pool=pool)  # from a worker thread, never the event loop
"""

from intake.ocr.models import OcrOptions, OcrResult, PageText, Segment, Word
from intake.ocr.page import pool_initializer
from intake.ocr.pipeline import make_pool, ocr_file

__all__ = [
    "OcrOptions",
    "OcrResult",
    "PageText",
    "Segment",
    "Word",
    "make_pool",
    "ocr_file",
    "pool_initializer",
]
