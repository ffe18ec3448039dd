"""Split a batch scan into documents at barcode cover sheets.

Rules: with no cover sheet the whole file is one document. Pages before the first cover sheet
form a document without hints. Each cover sheet starts a document carrying its MRN and LOINC
type; the cover sheet pages themselves belong to no document. A cover sheet followed directly
by another cover sheet (or by the end of the file) makes no document: the batch is flagged
"empty-segment" so records staff can check the batch; nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.coversheet import CoverSheet
from intake.ocr.models import EMPTY_SEGMENT, PageText, Segment


def split_segments(
    pages: Sequence[PageText], covers: Sequence[CoverSheet | None]
) -> tuple[list[Segment], list[str]]:
    """(segments, batch flags) for pages in file order and the cover sheet found on each."""
    segments: list[Segment] = []
    flags: list[str] = []
    current: list[int] = []
    hint: CoverSheet | None = None
    seen_cover = False

    def close() -> None:
        if current:
            segments.append(
                Segment(
                    pages=tuple(current),
                    mrn=hint.mrn if hint else None,
                    document_type=hint.document_type if hint else None,
                )
            )
        elif seen_cover and hint is not None:
            flags.append(EMPTY_SEGMENT)

    for page, cover in zip(pages, covers, strict=True):
        if cover is not None:
            close()
            current, hint, seen_cover = [], cover, True
        else:
            current.append(page.number)
    close()
    if not segments and not seen_cover:
        segments.append(Segment(pages=tuple(p.number for p in pages)))
    return segments, list(dict.fromkeys(flags))
