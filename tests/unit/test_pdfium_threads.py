"""PDFium is not thread-safe (pypdfium2: no two threads may call it at once, not even on
different documents). A worker reads several documents at once in threads, and a good PDF
read beside a corrupt one was rejected as corrupt: CI saw it twice (a good scan rejected in
`test_upload_cli` and in the bad-input corpus). Every in-process PDFium call holds
``himflow.pdfium_lock.PDFIUM``: checked on each path that opens a PDF in a worker or the desk,
and by reading good and hostile PDFs from several threads at once (without the lock, 26 of 30
good reads failed in that loop)."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pypdfium2
import pytest

from desk.views import render_page_png
from himflow.errors import RejectedInput
from himflow.pdfium_lock import PDFIUM
from intake.ocr import OcrOptions, ocr_file
from roi.pages import document_images
from tests.resources.badinputs import good_pdf_bytes, pdf_nested_arrays
from tests.resources.pages import images_to_pdf, lines_of, render_page

ORIGINAL = pypdfium2.PdfDocument


class _Checked(ORIGINAL):  # type: ignore[misc, valid-type]
    opened = 0

    def __init__(self, *args, **kwargs):
        assert PDFIUM.held(), "a PDFium document was opened without the process-wide lock"
        type(self).opened += 1
        super().__init__(*args, **kwargs)


@pytest.fixture
def checked(monkeypatch):
    _Checked.opened = 0
    monkeypatch.setattr(pypdfium2, "PdfDocument", _Checked)
    return _Checked


def test_the_lock_is_reentrant_and_per_thread():
    seen = []
    with PDFIUM:
        with PDFIUM:
            assert PDFIUM.held()
        t = threading.Thread(target=lambda: seen.append(PDFIUM.held()))
        t.start()
        t.join()
        assert PDFIUM.held()
    assert not PDFIUM.held() and seen == [False]


def test_every_path_that_opens_a_pdf_in_process_holds_the_lock(checked, tmp_path: Path):
    born = tmp_path / "born.pdf"
    born.write_bytes(good_pdf_bytes(tmp_path, 3))
    scan = images_to_pdf([render_page(lines_of(5, lines=6), dpi=150)], tmp_path / "scan.pdf", dpi=150)
    for path in (born, scan):  # no pool: the page jobs run in this thread too
        assert ocr_file(path, media_type="application/pdf", options=OcrOptions(), pool=None).pages
    store = SimpleNamespace(get_bytes=lambda bucket, key: scan.read_bytes())
    assert render_page_png(store, bucket="b", key=f"k-{tmp_path.name}", media_type="application/pdf",
                           page=1)[:8] == b"\x89PNG\r\n\x1a\n"
    row = SimpleNamespace(media_type="application/pdf", pages=None)
    assert len(document_images(row, born.read_bytes(), text=None)) == 1
    assert checked.opened >= 5


def test_good_pdfs_read_beside_hostile_ones_in_other_threads_are_all_read(tmp_path: Path):
    good = tmp_path / "good.pdf"
    good.write_bytes(good_pdf_bytes(tmp_path, 6))
    nested = tmp_path / "nested.pdf"
    nested.write_bytes(pdf_nested_arrays())
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 500)
    good_failures: list[str] = []
    bad_accepted: list[str] = []

    def read(path: Path, rounds: int) -> None:
        for _ in range(rounds):
            try:
                ocr_file(path, media_type="application/pdf", options=OcrOptions(), pool=None)
                if path != good:
                    bad_accepted.append(path.name)
            except RejectedInput as e:
                if path == good:
                    good_failures.append(str(e))

    threads = [threading.Thread(target=read, args=(p, 10)) for p in (good, nested, junk, good)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert good_failures == []
    assert "junk.pdf" not in bad_accepted  # the hostile files still end as rejections
