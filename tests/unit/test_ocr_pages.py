"""OCR accuracy on pages rendered here with known text (runs tesseract: marked slow).

One batch PDF (upright 300 dpi, turned 90 and 180 degrees, skewed 3 degrees, noisy) and one
multi-page 200 dpi TIFF are OCR'd once per module over a two-process pool; the tests assert
word recall against the text that was drawn, orientation, skew and flags.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from himflow.cli import main
from intake.ocr import OcrResult, make_pool, ocr_file
from intake.searchable import make_searchable_pdf
from tests.resources.pages import (
    images_to_pdf,
    images_to_tiff,
    lines_of,
    render_page,
    word_recall,
)

pytestmark = pytest.mark.slow

TEXT = {name: lines_of(seed, lines=6) for seed, name in enumerate(
    ["upright", "turned90", "turned180", "skewed", "noisy", "tiff1", "tiff2", "lowres"], start=21
)}
BATCH = ["upright", "turned90", "turned180", "skewed", "noisy"]


def expected(name: str) -> list[str]:
    return " ".join(TEXT[name]).split()


@pytest.fixture(scope="module")
def pool():
    with make_pool(2) as p:
        yield p


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("scans")
    batch = [
        render_page(TEXT["upright"], font_pt=10),
        render_page(TEXT["turned90"], font_pt=10, rotate=90),
        render_page(TEXT["turned180"], font_pt=10, rotate=180),
        render_page(TEXT["skewed"], font_pt=10, skew_deg=3),
        render_page(TEXT["noisy"], font_pt=10, noise=0.03, seed=5),
    ]
    tiff = [render_page(TEXT[n], dpi=200, font_pt=10) for n in ("tiff1", "tiff2")]
    lowres = render_page(TEXT["lowres"], dpi=100, font_pt=14)
    lowres.save(d / "lowres.png", dpi=(100, 100))
    return {
        "batch": images_to_pdf(batch, d / "batch.pdf", dpi=300),
        "tiff": images_to_tiff(tiff, d / "pages.tif", dpi=200),
        "lowres": d / "lowres.png",
    }


@pytest.fixture(scope="module")
def batch(files, pool) -> OcrResult:
    return ocr_file(files["batch"], pool=pool)


@pytest.fixture(scope="module")
def tiff(files, pool) -> OcrResult:
    return ocr_file(files["tiff"], pool=pool)


@pytest.mark.parametrize("number,name", [(1, "upright"), (2, "turned90"), (3, "turned180")])
def test_clean_300dpi_pages_are_read_in_any_orientation(batch, number, name):
    page = batch.pages[number - 1]
    assert page.source == "ocr"
    assert word_recall(expected(name), page.text) >= 0.95


def test_orientation_is_detected_and_reported(batch):
    upright, turned90, turned180 = batch.pages[:3]
    assert upright.rotation == 0 and "rotated" not in upright.flags
    assert turned90.rotation == 270 and "rotated" in turned90.flags  # fed a quarter turn left
    assert turned180.rotation == 180 and "rotated" in turned180.flags


def test_skewed_page_is_straightened_and_read(batch):
    page = batch.pages[3]
    assert abs(page.skew + 3.0) <= 0.5 and "deskewed" in page.flags
    assert word_recall(expected("skewed"), page.text) >= 0.9


def test_noisy_page_is_read(batch):
    assert word_recall(expected("noisy"), batch.pages[4].text) >= 0.9


def test_word_confidences_and_boxes_are_kept(batch):
    page = batch.pages[0]
    assert len(page.words) >= len(expected("upright")) * 0.9
    assert all(0.0 <= w.conf <= 1.0 for w in page.words)
    assert all(0 <= w.bbox[0] < w.bbox[2] <= page.width for w in page.words)
    assert 0.8 <= page.confidence <= 1.0 and "low-confidence" not in page.flags
    assert batch.segments[0].pages == (1, 2, 3, 4, 5)


def test_multi_page_tiff_at_200dpi_is_read_page_by_page(tiff):
    assert [p.number for p in tiff.pages] == [1, 2]
    assert word_recall(expected("tiff1"), tiff.pages[0].text) >= 0.9
    assert word_recall(expected("tiff2"), tiff.pages[1].text) >= 0.9
    assert all(p.dpi == 200 and "low-resolution" not in p.flags for p in tiff.pages)


def test_low_resolution_image_is_flagged_for_review(files):
    result = ocr_file(files["lowres"])  # in-process, no pool
    assert "low-resolution" in result.pages[0].flags
    assert word_recall(expected("lowres"), result.text) >= 0.8


def test_searchable_pdf_carries_the_ocr_text_over_the_original_pages(files, batch, tmp_path):
    out = make_searchable_pdf(files["batch"], batch, tmp_path / "searchable.pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == len(batch.pages)
    for number, name in enumerate(BATCH, start=1):
        assert word_recall(expected(name), reader.pages[number - 1].extract_text()) >= 0.9, name


def test_searchable_pdf_from_a_tiff(files, tiff, tmp_path):
    out = make_searchable_pdf(files["tiff"], tiff, tmp_path / "tiff.pdf")
    text = PdfReader(out).pages[1].extract_text()
    assert word_recall(expected("tiff2"), text) >= 0.9


def test_cli_prints_one_json_line_per_file_and_fails_on_a_rejection(files, tmp_path, capsys):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    code = main(["ocr", "--json", "--jobs", "1", str(files["lowres"]), str(empty)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert lines[0]["file"] == str(files["lowres"])
    page = lines[0]["pages"][0]
    assert set(page) >= {"number", "text", "confidence", "source", "rotation", "flags"}
    assert page["source"] == "ocr" and lines[0]["text"]
    assert lines[1] == {"file": str(empty), "error": {"reason": "empty-file", "detail": "file has no bytes"}}


def test_scan_with_a_thin_fax_header_text_layer_is_still_ocrd(tmp_path):
    from pypdf import PdfWriter

    from tests.resources.pages import born_digital_pdf

    scan = images_to_pdf([render_page(TEXT["upright"], font_pt=10)], tmp_path / "scan.pdf")
    header = born_digital_pdf([["FAX 2026-11-23 12:00 page 1 of 1"]], tmp_path / "hdr.pdf")
    writer = PdfWriter(clone_from=PdfReader(scan))
    writer.pages[0].merge_page(PdfReader(header).pages[0])
    writer.write(tmp_path / "faxed.pdf")
    result = ocr_file(tmp_path / "faxed.pdf")
    assert result.pages[0].source == "ocr"
    assert word_recall(expected("upright"), result.text) >= 0.95


def test_searchable_text_follows_a_pdf_page_rotate_entry(tmp_path):
    from pypdf import PdfWriter

    # The scanner stored the image sideways and set /Rotate 90 so it displays upright.
    sideways = images_to_pdf([render_page(TEXT["upright"], font_pt=10, rotate=90)], tmp_path / "s.pdf")
    writer = PdfWriter(clone_from=PdfReader(sideways))
    writer.pages[0].rotate(90)
    writer.write(tmp_path / "rotated.pdf")
    result = ocr_file(tmp_path / "rotated.pdf")
    assert result.pages[0].rotation == 0  # displayed upright: nothing to turn
    assert word_recall(expected("upright"), result.text) >= 0.95
    out = make_searchable_pdf(tmp_path / "rotated.pdf", result, tmp_path / "searchable.pdf")
    page = PdfReader(out).pages[0]
    assert page.rotation == 90
    assert word_recall(expected("upright"), page.extract_text()) >= 0.9
