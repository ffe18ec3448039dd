"""Which way up a page image is: one rule for everything that turns an image into pixels.

A phone photo is stored as the sensor saw it, with an EXIF Orientation tag (6: turn 90
degrees clockwise to view, 8: 90 anticlockwise, 3: 180, 2/4/5/7: mirrored) that says how to
show it upright. OCR (intake/ocr/page.py), the searchable PDF (intake/searchable.py) and the
desk's page images (desk/views.py) all read pixels through ``upright``, so the page a clerk
sees is the page that was OCRed, and the word boxes of the text layer fall on it.

``turn_clockwise`` applies a reviewer's rotation (desk/rotations.py) on top: lossless
transposes in multiples of 90 degrees.
"""

from __future__ import annotations

from PIL import Image, ImageOps

EXIF_ORIENTATION = 0x0112  # the tag number (274)
TURNS = (0, 90, 180, 270)  # clockwise degrees a reviewer may set

_CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,  # PIL's ROTATE_* turn anticlockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def exif_orientation(img: Image.Image) -> int:
    """The current frame's EXIF Orientation (1 = as stored; 1 when absent or unreadable)."""
    try:
        value = int(img.getexif().get(EXIF_ORIENTATION, 1) or 1)
    except (ValueError, TypeError, SyntaxError, OSError):  # a damaged EXIF block: as stored
        return 1
    return value if 1 <= value <= 8 else 1


def upright(img: Image.Image) -> Image.Image:
    """A copy of the current frame turned (and un-mirrored) as its EXIF orientation says."""
    if exif_orientation(img) == 1:
        return img.copy()
    turned = ImageOps.exif_transpose(img)
    return turned if turned is not None else img.copy()


def turn_clockwise(img: Image.Image, degrees: int) -> Image.Image:
    """``img`` turned clockwise by 0, 90, 180 or 270 degrees (other values: a ValueError)."""
    degrees %= 360
    if degrees not in TURNS:
        raise ValueError("pages turn in steps of 90 degrees")
    return img.transpose(_CLOCKWISE[degrees]) if degrees else img
