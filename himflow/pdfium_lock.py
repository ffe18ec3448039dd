"""PDFium is not thread-safe: no two threads of one process may call it at the same time, not
even on different documents (pypdfium2's documentation: doing so "would crash or corrupt the
process"). A worker process reads several documents at once in threads (the OCR stage's
concurrency, the embedded stack's workers in one process, the desk's request threads), and
one document's failed load then made another's fail: a good PDF read beside a corrupt one was
rejected as corrupt (`PdfiumError`, or pdfium's error state of the other document). Every
in-process PDFium call therefore runs under ``PDFIUM``, one re-entrant lock per process. The
OCR engine processes run one page at a time and take it at no cost.

pypdf (pure Python) is not PDFium and needs no lock; the GIL already serialises it."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Self


class PdfiumLock:
    """A process-wide re-entrant lock that can say whether the calling thread holds it."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._local = threading.local()

    def __enter__(self) -> Self:
        self._lock.acquire()
        self._local.depth = getattr(self._local, "depth", 0) + 1
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._local.depth -= 1
        self._lock.release()

    def held(self) -> bool:
        return getattr(self._local, "depth", 0) > 0


PDFIUM = PdfiumLock()
