"""Barcode cover sheets that separate the documents of a batch scan.

A cover sheet is a printed page with a QR code carrying ``HIMFLOW-CS1|MRN=...|TYPE=...``
(the patient's MRN and/or a LOINC document type, both optional) and the same facts in print
for the person at the scanner. ``render_coversheet`` makes one (a one-page PDF, QR drawn by
zxing-cpp's writer into a Pillow page); ``read_coversheet`` finds it again on a page image.
Payload fields that fail validation are dropped, the page still counts as a cover sheet (so
it never leaks into a document).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont
from pydantic import BaseModel, ConfigDict

from himflow.untrusted import PARSER_ERRORS

PAYLOAD_PREFIX = "HIMFLOW-CS1"
MRN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]{0,31}$")
LOINC_RE = re.compile(r"^\d{1,7}-\d$")
SHEET_DPI = 200
_DECODER_ERRORS: tuple[type[BaseException], ...] = (RuntimeError, *PARSER_ERRORS)
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


class CoverSheet(BaseModel):
    model_config = ConfigDict(frozen=True)
    mrn: str | None = None
    document_type: str | None = None  # LOINC document code


def encode_payload(*, mrn: str | None, document_type: str | None) -> str:
    parts = [PAYLOAD_PREFIX]
    if mrn is not None:
        if not MRN_RE.match(mrn):
            raise ValueError("MRN must be 1-32 letters, digits or dashes")
        parts.append(f"MRN={mrn}")
    if document_type is not None:
        if not LOINC_RE.match(document_type):
            raise ValueError("document type must be a LOINC code like 18842-5")
        parts.append(f"TYPE={document_type}")
    return "|".join(parts)


def parse_payload(text: str) -> CoverSheet | None:
    """The cover sheet a barcode payload names, or None when it is not one of ours."""
    parts = text.strip().split("|")
    if parts[0] != PAYLOAD_PREFIX:
        return None
    fields = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    mrn = fields.get("MRN")
    doc_type = fields.get("TYPE")
    return CoverSheet(
        mrn=mrn if mrn and MRN_RE.match(mrn) else None,
        document_type=doc_type if doc_type and LOINC_RE.match(doc_type) else None,
    )


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def render_coversheet_image(*, mrn: str | None, document_type: str | None) -> Image.Image:
    payload = encode_payload(mrn=mrn, document_type=document_type)
    w, h = int(8.5 * SHEET_DPI), int(11 * SHEET_DPI)
    page = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(page)
    title, body = _font(SHEET_DPI // 3), _font(SHEET_DPI // 5)
    draw.text((SHEET_DPI, SHEET_DPI), "HIMFLOW DOCUMENT COVER SHEET", font=title, fill=0)
    y = SHEET_DPI * 2
    for line in (
        f"MRN: {mrn or '-'}",
        f"Document type (LOINC): {document_type or '-'}",
        "Place this sheet in front of the document it describes.",
    ):
        draw.text((SHEET_DPI, y), line, font=body, fill=0)
        y += SHEET_DPI // 2
    code = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = np.asarray(code.to_image(scale=1, add_quiet_zones=True))
    side = int(2.5 * SHEET_DPI)
    qr = Image.fromarray(modules).resize((side, side), Image.Resampling.NEAREST)
    page.paste(qr, ((w - side) // 2, int(4.5 * SHEET_DPI)))
    page.info["dpi"] = (SHEET_DPI, SHEET_DPI)
    return page


def render_coversheet(*, mrn: str | None, document_type: str | None, out: Path) -> Path:
    """Write a one-page cover sheet PDF to ``out`` and return ``out``."""
    page = render_coversheet_image(mrn=mrn, document_type=document_type)
    page.save(out, format="PDF", resolution=float(SHEET_DPI))
    return out


def read_coversheet(image: Image.Image | np.ndarray) -> CoverSheet | None:
    """The cover sheet on a page image (PIL image or uint8 array), or None.

    Looks for QR codes only (fast: a ~100 dpi page copy is enough for our 2.5 inch code).
    Policy: zxing-cpp failing on a page (an image it cannot take, a barcode that breaks its
    decoder) means no cover sheet on that page; the page itself is still OCR'd.
    """
    try:
        if isinstance(image, Image.Image) and image.mode not in ("L", "RGB"):
            image = image.convert("L")
        found_codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    except _DECODER_ERRORS:
        return None
    for found in found_codes:
        sheet = parse_payload(found.text)
        if sheet is not None:
            return sheet
    return None
