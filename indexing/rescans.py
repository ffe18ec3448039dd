"""Re-scan detection: the same sheets scanned again (new bytes, same pages).

Compares two claim checks (schemas.claims.ScanText). An exact re-upload has the same content
hash (compared as SHA-256 first). A re-scan differs in every byte, so pages are compared
instead: perceptual hashes of the upright page images within ``max_distance`` bits, and, when both pages have text, mostly the same words
(text pages look alike at 32x32 pixels, so the words settle it). Blank pages and cover sheets
never count. The caller decides what a match means (flag for review; never drop).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas.claims import BLANK_PHASH, COVER_SHEET, ScanPage, ScanText, phash_distance

_WORD = re.compile(r"[^\W_]{2,}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _comparable(page: ScanPage) -> bool:
    return page.source != "blank" and COVER_SHEET not in page.flags and page.phash not in ("", BLANK_PHASH)


def same_page(a: ScanPage, b: ScanPage, *, max_distance: int = 6, min_overlap: float = 0.8) -> bool:
    if not (_comparable(a) and _comparable(b)):
        return False
    if phash_distance(a.phash, b.phash) > max_distance:
        return False
    wa, wb = _words(a.text), _words(b.text)
    if wa and wb:
        return len(wa & wb) / len(wa | wb) >= min_overlap
    return not wa and not wb


def rescanned_pages(
    new: ScanText, old: ScanText, *, max_distance: int = 6, min_overlap: float = 0.8
) -> list[tuple[int, int]]:
    """(new page number, old page number) for each page of ``new`` that repeats a page of
    ``old``."""
    matches: list[tuple[int, int]] = []
    for p in new.pages:
        for q in old.pages:
            if same_page(p, q, max_distance=max_distance, min_overlap=min_overlap):
                matches.append((p.number, q.number))
                break
    return matches


def is_rescan(new: ScanText, old: ScanText, *, share: float = 0.8) -> bool:
    """True when at least ``share`` of ``new``'s comparable pages repeat pages of ``old``."""
    comparable: Iterable[ScanPage] = [p for p in new.pages if _comparable(p)]
    n = len(list(comparable))
    return n > 0 and len(rescanned_pages(new, old)) >= share * n
