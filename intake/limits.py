"""Input limits for scans: bytes, pages, pixels per page (decompression bombs).

Checked before any page is decoded or OCR'd, so a hostile or broken file costs almost nothing.
Each breach is a permanent ``RejectedInput`` with its reason code; details carry numbers only.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image

from himflow.errors import RejectedInput
from schemas.events import ReasonCode

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
DEFAULT_MAX_PAGES = 300
# A letter page at 300 dpi is 8.4 Mpx, A3 17 Mpx, A1 70 Mpx; anything above 100 Mpx per page
# is a bomb or a mistake.
DEFAULT_MAX_PIXELS = 100_000_000


def check_size(size: int, *, max_bytes: int) -> None:
    if size <= 0:
        raise RejectedInput("file has no bytes", reason=ReasonCode.EMPTY_FILE)
    if size > max_bytes:
        raise RejectedInput(
            f"{size} bytes exceeds the limit of {max_bytes}", reason=ReasonCode.TOO_LARGE
        )


def check_page_count(pages: int, *, max_pages: int) -> None:
    if pages > max_pages:
        raise RejectedInput(
            f"{pages} pages exceeds the limit of {max_pages}", reason=ReasonCode.TOO_MANY_PAGES
        )
    if pages <= 0:
        raise RejectedInput("document has no pages", reason=ReasonCode.CORRUPT)


def check_pixels(width: int, height: int, *, max_pixels: int, page: int | None = None) -> None:
    if width <= 0 or height <= 0:
        raise RejectedInput("page has no pixels", reason=ReasonCode.CORRUPT)
    if width * height > max_pixels:
        where = f"page {page}: " if page else ""
        raise RejectedInput(
            f"{where}{width}x{height} pixels exceeds the limit of {max_pixels}",
            reason=ReasonCode.IMAGE_BOMB,
        )


def configure_pillow(max_pixels: int) -> None:
    """Set Pillow's bomb limit deliberately (process-wide): Pillow warns above the limit and
    raises above twice the limit; ``pillow_bomb_guard`` turns both into IMAGE_BOMB."""
    Image.MAX_IMAGE_PIXELS = max_pixels


@contextmanager
def pillow_bomb_guard() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise RejectedInput(
                f"image exceeds the limit of {Image.MAX_IMAGE_PIXELS} pixels",
                reason=ReasonCode.IMAGE_BOMB,
            ) from e
