"""Bad and unusual scan inputs get typed rejections or flags, before any costly OCR.

None of these run tesseract on a full page: text layers, blank pages and cover sheets are
read without it, and rejections happen at the limits.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from himflow.errors import RejectedInput
from intake.coversheet import CoverSheet, render_coversheet_image
from intake.ocr import OcrOptions, OcrResult, ocr_file
from intake.ocr.imaging import phash
from intake.ocr.models import PageText
from intake.ocr.split import split_segments
from schemas.claims import phash_distance
from schemas.events import ReasonCode
from tests.resources.pages import (
    blank_page,
    born_digital_pdf,
    images_to_pdf,
    images_to_tiff,
    lines_of,
    render_page,
    word_recall,
)

LINES = lines_of(11, lines=12)


@pytest.fixture(scope="module")
def born(tmp_path_factory) -> Path:
    return born_digital_pdf([LINES, lines_of(12, lines=12)], tmp_path_factory.mktemp("b") / "b.pdf")


def reason_of(path: Path, **options) -> ReasonCode:
    with pytest.raises(RejectedInput) as e:
        ocr_file(path, options=OcrOptions(**options))
    return e.value.reason


def test_born_digital_pages_come_from_the_text_layer_without_ocr(born):
    result = ocr_file(born)
    assert [p.source for p in result.pages] == ["text-layer", "text-layer"]
    assert word_recall(" ".join(LINES).split(), result.pages[0].text) == 1.0
    assert result.confidence == 1.0
    assert result.pages[0].phash and result.pages[0].phash != result.pages[1].phash
    assert result.segments[0].pages == (1, 2)
    assert OcrResult.model_validate_json(result.model_dump_json()) == result


def test_zero_byte_file_is_rejected_as_empty(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"")
    assert reason_of(tmp_path / "scan.pdf") is ReasonCode.EMPTY_FILE


def test_file_over_the_byte_limit_is_rejected_as_too_large(born):
    assert reason_of(born, max_bytes=100) is ReasonCode.TOO_LARGE


def test_audio_sent_to_ocr_is_rejected_as_unsupported(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"RIFF\x24\x08\x00\x00WAVEfmt " + b"\x00" * 100)
    assert reason_of(tmp_path / "x.pdf") is ReasonCode.UNSUPPORTED_TYPE


def test_pdf_with_a_user_password_is_rejected_as_encrypted(born, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(born))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-256")
    writer.write(tmp_path / "enc.pdf")
    assert reason_of(tmp_path / "enc.pdf") is ReasonCode.ENCRYPTED


def test_pdf_with_only_an_owner_password_opens_with_the_empty_password(born, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(born))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    writer.write(tmp_path / "owner.pdf")
    result = ocr_file(tmp_path / "owner.pdf")
    assert word_recall(" ".join(LINES).split(), result.pages[0].text) == 1.0


def test_garbage_after_a_pdf_header_is_rejected_as_corrupt(tmp_path):
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert reason_of(tmp_path / "junk.pdf") is ReasonCode.CORRUPT


def test_pdf_cut_off_before_its_trailer_is_rejected_as_corrupt(born, tmp_path):
    data = born.read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: data.rindex(b"endobj") + 7])
    assert reason_of(tmp_path / "cut.pdf") is ReasonCode.CORRUPT


def test_pdf_with_a_broken_xref_is_read_leniently_and_flagged(born, tmp_path):
    data = re.sub(rb"startxref\n\d+", b"startxref\n999", born.read_bytes())
    (tmp_path / "xref.pdf").write_bytes(data)
    result = ocr_file(tmp_path / "xref.pdf")
    assert "repaired" in result.flags
    assert word_recall(" ".join(LINES).split(), result.pages[0].text) == 1.0


def test_javascript_is_never_run_and_the_document_is_flagged(born, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(born))
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    writer.write(tmp_path / "js.pdf")
    result = ocr_file(tmp_path / "js.pdf")
    assert "active-content-ignored" in result.flags
    assert word_recall(" ".join(LINES).split(), result.pages[0].text) == 1.0


def test_embedded_files_are_not_extracted_and_the_document_is_flagged(born, tmp_path):
    writer = PdfWriter(clone_from=PdfReader(born))
    writer.add_attachment("payload.exe", b"MZ" + b"\x00" * 64)
    writer.write(tmp_path / "att.pdf")
    result = ocr_file(tmp_path / "att.pdf")
    assert "active-content-ignored" in result.flags
    assert "MZ" not in result.text
    assert not list(tmp_path.glob("payload*"))


def _png_claiming_size(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header claims ``width`` x ``height`` pixels (a bomb)."""
    raw = b"".join(b"\x00" + b"\xff" for _ in range(1))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_image_bomb_is_rejected_before_decoding(tmp_path):
    (tmp_path / "bomb.png").write_bytes(_png_claiming_size(60_000, 60_000))
    assert reason_of(tmp_path / "bomb.png") is ReasonCode.IMAGE_BOMB


def test_image_over_the_pixel_limit_but_under_pillows_error_is_still_a_bomb(tmp_path):
    Image.new("1", (400, 400)).save(tmp_path / "big.png")
    assert reason_of(tmp_path / "big.png", max_pixels_per_page=100_000) is ReasonCode.IMAGE_BOMB


def test_pdf_page_too_large_to_render_is_a_bomb(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=14_000, height=14_000)  # 194 x 194 inches
    writer.write(tmp_path / "huge.pdf")
    assert reason_of(tmp_path / "huge.pdf") is ReasonCode.IMAGE_BOMB


def test_tiff_of_500_pages_is_rejected_before_any_ocr(tmp_path):
    frames = [Image.new("1", (16, 16), 1) for _ in range(500)]
    frames[0].save(tmp_path / "many.tif", save_all=True, append_images=frames[1:])
    assert reason_of(tmp_path / "many.tif") is ReasonCode.TOO_MANY_PAGES


def test_pdf_over_the_page_limit_is_rejected(born):
    assert reason_of(born, max_pages=1) is ReasonCode.TOO_MANY_PAGES


def test_blank_pages_are_flagged_and_not_ocrd(tmp_path):
    pdf = images_to_pdf([blank_page(speckle=300), blank_page()], tmp_path / "blank.pdf")
    result = ocr_file(pdf)
    assert [p.source for p in result.pages] == ["blank", "blank"]
    assert all("blank" in p.flags for p in result.pages)
    assert "no-text" in result.flags and result.text == ""


def test_cover_sheets_split_a_batch_and_are_left_out_of_its_documents(tmp_path):
    def sheet(mrn, doc_type):
        return render_coversheet_image(mrn=mrn, document_type=doc_type).resize((2550, 3300))

    pages = [blank_page(), sheet("MRN-1001", "18842-5"), blank_page(), sheet("MRN-2002", None),
             blank_page(), blank_page()]
    tif = images_to_tiff(pages, tmp_path / "batch.tif")
    result = ocr_file(tif)
    assert [(s.pages, s.mrn, s.document_type) for s in result.segments] == [
        ((1,), None, None),
        ((3,), "MRN-1001", "18842-5"),
        ((5, 6), "MRN-2002", None),
    ]
    assert "cover-sheet" in result.pages[1].flags and "cover-sheet" in result.pages[3].flags


def _page(n: int) -> PageText:
    return PageText(number=n, text=f"p{n}", confidence=1.0, source="ocr")


def test_back_to_back_cover_sheets_make_no_empty_document_but_flag_the_batch():
    covers = [CoverSheet(mrn="A1"), CoverSheet(mrn="B2"), None, CoverSheet(mrn="C3")]
    segments, flags = split_segments([_page(i) for i in range(1, 5)], covers)
    assert [(s.pages, s.mrn) for s in segments] == [((3,), "B2")]
    assert flags == ["empty-segment"]


def test_without_cover_sheets_the_file_is_one_document():
    segments, flags = split_segments([_page(1), _page(2)], [None, None])
    assert [s.pages for s in segments] == [(1, 2)] and flags == []


def test_a_rescan_of_the_same_page_has_a_close_perceptual_hash():
    original = render_page(LINES, font_pt=10)
    rescan = render_page(LINES, font_pt=10, noise=0.01, skew_deg=0.3, seed=3)
    other = render_page(lines_of(99, lines=30), font_pt=10)
    assert phash_distance(phash(original), phash(rescan)) <= 4
    assert phash_distance(phash(original), phash(other)) > phash_distance(phash(original), phash(rescan))


def test_tesseract_timeout_flags_the_page_instead_of_failing_the_document(tmp_path):
    pdf = images_to_pdf([render_page(LINES, font_pt=10)], tmp_path / "slow.pdf")
    result = ocr_file(pdf, options=OcrOptions(page_timeout_s=0.01))
    page = result.pages[0]
    assert "ocr-timeout" in page.flags and page.text == "" and page.confidence == 0.0


def test_only_plain_page_images_are_decoded_natively_instead_of_rendered(tmp_path):
    from pypdf.generic import ArrayObject, FloatObject

    from intake.ocr.pdf import inspect_pdf

    scan = images_to_pdf([blank_page(dpi=100), blank_page(dpi=100)], tmp_path / "scan.pdf")
    writer = PdfWriter(clone_from=PdfReader(scan))
    xobjects = writer.pages[1]["/Resources"]["/XObject"]
    image = next(iter(xobjects.values())).get_object()
    image[NameObject("/Decode")] = ArrayObject([FloatObject(1), FloatObject(0)])  # inverted
    writer.write(tmp_path / "inverted.pdf")
    info = inspect_pdf(tmp_path / "inverted.pdf", max_pages=10, max_pixels=10**8,
                       min_text_layer_chars=20, workdir=tmp_path)
    assert info.plain_scan == [True, False]
    assert info.source_dpi == [100.0, 100.0]
