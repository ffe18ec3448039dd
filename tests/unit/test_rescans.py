"""Re-scans of the same sheets are recognised from page hashes and words (indexing reads two
scans' claim checks; the hashes are OCR's)."""

from __future__ import annotations

from indexing.rescans import is_rescan, rescanned_pages
from intake.ocr.imaging import phash
from schemas.claims import ScanPage, ScanText
from tests.resources.pages import blank_page, lines_of, render_page

A, B = lines_of(51, lines=20), lines_of(52, lines=20)


def _page(number, lines, **render) -> ScanPage:
    return ScanPage(number=number, text="\n".join(lines), confidence=0.9, source="ocr",
                    phash=phash(render_page(lines, font_pt=10, **render)))


def _result(*pages: ScanPage) -> ScanText:
    return ScanText(doc_id="d", pages=pages)


def test_rescan_of_the_same_sheets_is_recognised():
    first = _result(_page(1, A), _page(2, B))
    again = _result(_page(1, A, noise=0.01, seed=2), _page(2, B, skew_deg=0.4))
    assert rescanned_pages(again, first) == [(1, 1), (2, 2)]
    assert is_rescan(again, first)


def test_different_sheets_with_the_same_layout_are_not_a_rescan():
    assert not is_rescan(_result(_page(1, A)), _result(_page(1, B)))


def test_blank_pages_never_make_a_match():
    blank = ScanPage(number=1, text="", confidence=1.0, source="blank", phash=phash(blank_page()))
    assert rescanned_pages(_result(blank), _result(blank)) == []
    assert not is_rescan(_result(blank), _result(blank))
