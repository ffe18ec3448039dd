"""The scale of a page comes from its pixels, not from the file's dpi tag (runs tesseract: slow).

Screenshots and phone pictures carry 72 or 96 dpi tags for 200-300 dpi content, some files
carry none or absurd ones. The same pixels must read the same whatever the tag says, never
worse than raw tesseract on the same file, never be enlarged, never flagged low-resolution;
text that really is small is enlarged and flagged. An upright page is never turned on a guess.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytesseract
import pytest
from PIL import Image

from intake.ocr import OcrOptions, imaging, ocr_file
from intake.ocr.page import _scaled_for_text
from tests.resources.pages import lines_of, render_page, word_recall

pytestmark = pytest.mark.slow

HALF_LETTER = (8.5, 5.5)
TEXT = lines_of(77, lines=9, per_line=7)
EXPECTED = " ".join(TEXT).split()


def _save(img: Image.Image, path: Path, tag: int | None) -> Path:
    clean = img.copy()
    clean.info.pop("dpi", None)
    if tag is None:
        clean.save(path, format="PNG")
    else:
        clean.save(path, format="PNG", dpi=(tag, tag))
    return path


@pytest.fixture(scope="module")
def page_300() -> Image.Image:
    return render_page(TEXT, dpi=300, font_pt=10, page_in=HALF_LETTER)


def _raw_tesseract_recall(path: Path) -> float:
    return word_recall(EXPECTED, pytesseract.image_to_string(str(path), config="--psm 3"))


@pytest.mark.parametrize("tag", [96, 72, None, 3000])
def test_a_lying_dpi_tag_changes_nothing_and_reads_at_least_as_well_as_raw(tag, page_300, tmp_path):
    path = _save(page_300, tmp_path / f"page-{tag}.png", tag)
    page = ocr_file(path).pages[0]
    assert "low-resolution" not in page.flags
    assert page.rotation == 0 and "orientation-unsure" not in page.flags
    assert (page.width, page.height) == page_300.size  # read pixel for pixel, not resampled
    ours = word_recall(EXPECTED, page.text)
    assert ours >= 0.95
    assert ours >= _raw_tesseract_recall(path) - 0.01


def test_text_that_really_is_small_is_enlarged_and_flagged(tmp_path):
    small = render_page(TEXT, dpi=100, font_pt=10, page_in=HALF_LETTER)
    path = _save(small, tmp_path / "fax.png", 300)  # the tag claims 300 dpi: it lies the other way
    page = ocr_file(path).pages[0]
    assert "low-resolution" in page.flags
    assert page.width > 2 * small.width
    assert word_recall(EXPECTED, page.text) >= 0.8


def test_x_height_is_measured_from_glyphs_whatever_the_resolution():
    for dpi, pt in [(300, 10), (200, 10), (100, 14), (300, 24)]:
        img = render_page(TEXT, dpi=dpi, font_pt=pt, page_in=HALF_LETTER)
        expected_px = pt * dpi / 72 * 0.53
        xh = imaging.x_height(img)
        assert xh is not None and abs(xh - expected_px) <= 0.25 * expected_px + 1, (dpi, pt, xh)


def test_x_height_ignores_speckle_and_uneven_light():
    few_lines = TEXT[:2]
    noisy = render_page(few_lines, dpi=300, font_pt=10, noise=0.03, seed=3)
    xh = imaging.x_height(noisy)
    assert xh is not None and 18 <= xh <= 30  # salt and pepper outnumbers the glyphs here
    faint = render_page(TEXT, dpi=300, font_pt=10).point(lambda v: 150 + v * 105 // 255)
    xh = imaging.x_height(faint)  # ink at gray 150, paper at 255: above a fixed 128 cut
    assert xh is not None and 18 <= xh <= 30


def test_a_page_without_text_has_no_scale_opinion():
    blank = Image.new("L", (1700, 2200), 255)
    assert imaging.x_height(blank) is None
    img, dpi, low = _scaled_for_text(blank, tag_dpi=96, source_dpi=None, opts=OcrOptions())
    assert img is blank and not low and dpi == 96


def test_huge_text_is_reduced_and_the_dpi_follows(tmp_path):
    big = render_page(TEXT[:4], dpi=600, font_pt=24, page_in=(8.5, 3.0))
    img, dpi, low = _scaled_for_text(big, tag_dpi=72, source_dpi=None, opts=OcrOptions())
    assert img.width < big.width and not low
    assert 70 <= dpi <= 1200


def _shadowed_photo(img: Image.Image) -> Image.Image:
    """Grey paper with a shadow falling across it, ink a little lighter than black, JPEG."""
    shade = Image.linear_gradient("L").resize(img.size).point(lambda v: int(150 + v * 0.35))
    ink = img.point(lambda v: int(35 + v * 0.8))
    photo = Image.composite(ink, shade, img.point(lambda v: 255 - v))
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=70)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def test_grey_shadowed_paper_is_made_white_and_read_where_raw_tesseract_reads_nothing(tmp_path):
    photo = _shadowed_photo(render_page(TEXT, dpi=170, font_pt=12, page_in=HALF_LETTER))
    path = _save(photo, tmp_path / "photo.png", 72)
    raw = _raw_tesseract_recall(path)
    page = ocr_file(path).pages[0]
    assert word_recall(EXPECTED, page.text) >= 0.95
    assert word_recall(EXPECTED, page.text) > raw


def test_white_evenly_lit_paper_is_left_alone(page_300):
    assert imaging.flatten_paper(page_300) is None
