"""Pages whose way up can be read back from the pixels, for the document viewer's tests: a
portrait sheet with a solid dark mark in its top-left corner, as PNG, as a phone photo (JPEG
stored sideways with an EXIF Orientation tag saying how to show it upright) and as a PDF."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageStat

from himflow.page_orientation import EXIF_ORIENTATION

WIDTH, HEIGHT = 420, 600  # portrait


def marked_page(label: int = 0) -> Image.Image:
    """White portrait page, a dark square in its top-left corner, ``label`` bars along the
    bottom (tells pages of one document apart)."""
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((20, 20, 130, 130), fill=(20, 20, 20))
    for i in range(label):
        draw.rectangle((160 + i * 30, HEIGHT - 60, 175 + i * 30, HEIGHT - 20), fill=(60, 60, 60))
    return img


def png_of(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def tiff_of(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, format="TIFF", save_all=True, append_images=pages[1:])
    return out.getvalue()


def phone_photo(orientation: int) -> bytes:
    """JPEG of ``marked_page()`` as a phone stores it: pixels sideways, EXIF ``orientation``
    6 (show turned 90 clockwise) or 8 (show turned 90 anticlockwise)."""
    stored = {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}[orientation]
    img = marked_page().transpose(stored)
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def mark_corner(data_or_image: bytes | Image.Image) -> str:
    """Which corner holds the dark mark: "top-left", "top-right", "bottom-left", "bottom-right"."""
    img = data_or_image if isinstance(data_or_image, Image.Image) else Image.open(io.BytesIO(data_or_image))
    gray = img.convert("L")
    w, h = gray.size
    box = max(4, min(w, h) // 8)
    corners = {
        "top-left": (0, 0), "top-right": (w - box, 0),
        "bottom-left": (0, h - box), "bottom-right": (w - box, h - box),
    }

    def darkness(x: int, y: int) -> float:
        return 255 - ImageStat.Stat(gray.crop((x, y, x + box, y + box))).mean[0]

    return max(corners, key=lambda k: darkness(*corners[k]))


def size_of(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size
