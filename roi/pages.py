"""Page images: a document's pages as pictures, typed pages (cover letter, index, notices),
black boxes burned into the pixels, and the Bates number stamped on each page."""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from himflow.errors import RejectedInput
from himflow.pdfium_lock import PDFIUM

DPI = 200
LETTER = (8.5, 11.0)
_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _font(px: int) -> Any:
    return ImageFont.truetype(str(_FONT), px) if _FONT.exists() else ImageFont.load_default(px)


def document_images(row: Any, original: bytes, *, text: str | None) -> list[Any]:
    """The pages of a document as greyscale images at DPI: its PDF or image original (for a
    document cut from a batch, its own pages of it), else its text typed on letter pages."""

    media = row.media_type or ""
    wanted = [int(p) for p in json.loads(row.pages or "[]")] if row.pages else []
    if media == "application/pdf" or original[:5] == b"%PDF-":
        with PDFIUM:
            pdf = pdfium.PdfDocument(original)
            try:
                numbers = wanted or list(range(1, len(pdf) + 1))
                return [pdf[n - 1].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
                        for n in numbers if 1 <= n <= len(pdf)]
            finally:
                pdf.close()
    if media.startswith("image/"):
        img = Image.open(io.BytesIO(original))
        out = []
        for i in range(getattr(img, "n_frames", 1)):
            if wanted and i + 1 not in wanted:
                continue
            img.seek(i)
            out.append(img.convert("L"))
        return out
    if text:
        return typed_pages([text])
    raise RejectedInput("the document has neither page images nor text to release")


def typed_pages(paragraphs: Sequence[str], *, title: str | None = None, size_pt: float = 11) -> list[Any]:
    """Text set on letter pages (one inch margins), as many pages as it takes."""

    w, h = int(LETTER[0] * DPI), int(LETTER[1] * DPI)
    px = int(size_pt * DPI / 72)
    font, bold = _font(px), _font(int(px * 1.3))
    margin, line_h = DPI, int(px * 1.45)
    chars = int((w - 2 * margin) / (px * 0.55))
    lines: list[tuple[str, Any]] = [(title, bold), ("", font)] if title else []
    for para in paragraphs:
        for raw in para.split("\n"):
            wrapped = textwrap.wrap(raw, chars) or [""]
            lines += [(x, font) for x in wrapped]
    pages, y, img, draw = [], h, None, None
    for text, f in lines:
        if y + line_h > h - margin:
            img = Image.new("L", (w, h), 255)
            draw = ImageDraw.Draw(img)
            pages.append(img)
            y = margin
        draw.text((margin, y), text, fill=0, font=f)  # type: ignore[union-attr]
        y += line_h
    return pages


def burn(image: Any, boxes: Sequence[tuple[int, int, int, int]]) -> Any:
    """A copy of the page with every box filled black (the pixels are replaced)."""

    out = image.convert("L").copy()
    draw = ImageDraw.Draw(out)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle((max(0, x0), max(0, y0), min(out.width - 1, x1), min(out.height - 1, y1)), fill=0)
    return out


def to_letter(image: Any) -> Any:
    """The page scaled to fit a letter page at DPI (so every page of a packet has one size)."""

    w, h = int(LETTER[0] * DPI), int(LETTER[1] * DPI)
    img = image.convert("L")
    scale = min(w / img.width, (h - DPI // 3) / img.height)
    resized = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))))
    page = Image.new("L", (w, h), 255)
    page.paste(resized, ((w - resized.width) // 2, 0))
    return page


def stamp_bates(image: Any, number: str) -> Any:
    """The Bates number printed in the bottom margin (pixels, like everything else)."""

    out = image.copy()
    draw = ImageDraw.Draw(out)
    f = _font(int(9 * DPI / 72))
    tw = draw.textlength(number, font=f)
    draw.text((out.width - tw - DPI * 0.5, out.height - DPI * 0.3), number, fill=0, font=f)
    return out


def png_bytes(image: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def from_png(body: bytes) -> Any:
    return Image.open(io.BytesIO(body)).convert("L")
