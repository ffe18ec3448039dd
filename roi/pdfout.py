"""The released PDF: every page an image, nothing else.

Written by hand (about forty lines of PDF syntax) so that what is in the file is exactly what is
listed here: a catalog, a page tree, and per page one Flate-compressed greyscale image drawn to
fill it. No text objects, no fonts, no document information dictionary, no XMP metadata, no
annotations, no JavaScript, no embedded files: a redacted pixel is gone and nothing lies
under it.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any


def images_to_pdf(images: Sequence[Any], *, dpi: int) -> bytes:
    """PIL images -> a PDF of image-only pages, each page the image's size at ``dpi``."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages = add(b"")
    kids = []
    for img in images:
        gray = img.convert("L")
        w, h = gray.size
        data = zlib.compress(gray.tobytes(), 6)
        image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(data))
                    + data + b"\nendstream")
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources "
                        b"<< /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pages, pw, ph, image, stream)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages
    objects[pages - 1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
                          + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)
