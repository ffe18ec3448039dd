"""Searchable PDF: the original pages with an invisible text layer from the OCR words.

The page content stays byte-for-byte what the scanner produced; each OCR'd page gets an extra
content stream drawing every recognised word in text render mode 3 (invisible) with the
Helvetica base-14 font, positioned over the word and stretched to its width, so viewers can
search and select it. Text-layer and blank pages are left alone. Images (TIFF/PNG/JPEG) are
first wrapped into a PDF, one page per frame at the image's resolution, turned upright as
their EXIF orientation says (as OCR read them).
Word boxes are mapped back through deskew, page rotation and the PDF's own /Rotate.

The rendition is inert: only the pages are copied (never the catalog's /OpenAction, /AA,
/Names JavaScript or EmbeddedFiles, /AcroForm, /Outlines, /URI), and on each page the
additional actions and every annotation action except an in-document /GoTo are removed, and
annotations that carry files, media or 3D content are dropped. A file pypdf cannot read here
(e.g. nesting deep enough to exhaust the recursion limit) is a permanent CORRUPT rejection.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from himflow import page_orientation
from himflow.untrusted import untrusted
from intake.ocr.models import OcrResult, PageText, Word

FONT_NAME = "/HimflowOcr"
_AVG_GLYPH_WIDTH = 0.5  # Helvetica, em units; only used to stretch invisible text to the box


def _font() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


class _PageMap:
    """Maps points of the OCR'd (turned, deskewed) image to the PDF page's user space."""

    def __init__(self, page: PageText, pdf_page: PageObject):
        box = pdf_page.mediabox
        self.x0, self.y0 = float(box.left), float(box.bottom)
        self.w, self.h = float(box.width), float(box.height)
        self.page_rotate = int(pdf_page.get("/Rotate", 0) or 0) % 360
        disp_w, disp_h = (self.h, self.w) if self.page_rotate in (90, 270) else (self.w, self.h)
        self.disp_w, self.disp_h = disp_w, disp_h
        self.rotation = page.rotation
        self.img_w, self.img_h = page.width, page.height  # the OCR'd image
        self.orig_w, self.orig_h = (
            (page.height, page.width) if page.rotation in (90, 270) else (page.width, page.height)
        )
        self.cx, self.cy = page.width / 2, page.height / 2
        a = math.radians(page.skew)
        self.cos_a, self.sin_a = math.cos(a), math.sin(a)
        self.sx = disp_w / self.orig_w
        self.sy = disp_h / self.orig_h

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        # deskewed -> turned image (undo a counter-clockwise turn about the centre)
        dx, dy = x - self.cx, y - self.cy
        xu = self.cx + dx * self.cos_a - dy * self.sin_a
        yu = self.cy + dx * self.sin_a + dy * self.cos_a
        # turned -> original image (undo the counter-clockwise quarter turns)
        r = self.rotation
        if r == 90:
            xo, yo = self.orig_w - yu, xu
        elif r == 180:
            xo, yo = self.orig_w - xu, self.orig_h - yu
        elif r == 270:
            xo, yo = yu, self.orig_h - xu
        else:
            xo, yo = xu, yu
        # original image pixels -> displayed page points (y up)
        X, Yd = xo * self.sx, self.disp_h - yo * self.sy
        # displayed -> user space (undo /Rotate, clockwise)
        R = self.page_rotate
        if R == 90:
            ux, uy = self.w - Yd, X
        elif R == 180:
            ux, uy = self.w - X, self.h - Yd
        elif R == 270:
            ux, uy = Yd, self.h - X
        else:
            ux, uy = X, Yd
        return self.x0 + ux, self.y0 + uy


def _hex(text: str) -> str:
    return "<" + text.encode("cp1252", errors="replace").hex() + ">"


def _word_ops(word: Word, to_user: _PageMap) -> str:
    x0, y0, x1, y1 = word.bbox
    height = max(1, y1 - y0)
    base_y = y1 - 0.2 * height  # baseline above the descenders
    sx, sy = to_user(x0, base_y)
    ex, ey = to_user(x1, base_y)
    tx, ty = to_user(x0, base_y - height)
    length = math.hypot(ex - sx, ey - sy)
    size = max(1.0, math.hypot(tx - sx, ty - sy))
    if length <= 0:
        return ""
    c, s = (ex - sx) / length, (ey - sy) / length
    text = word.text + " "
    natural = size * _AVG_GLYPH_WIDTH * len(text)
    stretch = max(1.0, min(1000.0, 100.0 * length / natural)) if natural else 100.0
    return (
        f"BT 3 Tr {FONT_NAME} {size:.2f} Tf {stretch:.1f} Tz "
        f"{c:.5f} {s:.5f} {-s:.5f} {c:.5f} {sx:.2f} {sy:.2f} Tm {_hex(text)} Tj ET"
    )


def _overlay(page: PageText, pdf_page: PageObject) -> PageObject | None:
    if page.source != "ocr" or not page.words or not page.width or not page.height:
        return None
    to_user = _PageMap(page, pdf_page)
    ops = [op for op in (_word_ops(w, to_user) for w in page.words) if op]
    if not ops:
        return None
    overlay = PageObject.create_blank_page(
        width=float(pdf_page.mediabox.right), height=float(pdf_page.mediabox.top)
    )
    stream = DecodedStreamObject()
    stream.set_data(("q\n" + "\n".join(ops) + "\nQ\n").encode("latin-1"))
    overlay[NameObject("/Contents")] = stream
    overlay[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject({NameObject(FONT_NAME): _font()}),
            NameObject("/ProcSet"): ArrayObject([NameObject("/PDF"), NameObject("/Text")]),
        }
    )
    return overlay


def _image_pdf(source: Path) -> io.BytesIO:
    buf = io.BytesIO()
    with Image.open(source) as img:
        frames = []
        for i in range(getattr(img, "n_frames", 1) or 1):
            img.seek(i)
            frame = page_orientation.upright(img)  # the pixels OCR read (EXIF orientation honoured)
            if frame.mode not in ("1", "L", "RGB"):
                frame = frame.convert("RGB")
            dpi = float((img.info.get("dpi") or (300, 300))[0] or 300)
            frame.info["dpi"] = (dpi, dpi)
            frames.append(frame)
    first = frames[0]
    first.save(
        buf, format="PDF", save_all=True, append_images=frames[1:],
        resolution=first.info["dpi"][0],
    )
    buf.seek(0)
    return buf


# Annotations that carry content a viewer may run or play: dropped from the rendition.
_ACTIVE_ANNOTS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"})
_INERT_ACTIONS = frozenset({"/GoTo"})  # a link to another page of the same document


def _inert_action(action: object) -> bool:
    try:
        a = action.get_object() if hasattr(action, "get_object") else action
        return isinstance(a, DictionaryObject) and a.get("/S") in _INERT_ACTIONS and "/Next" not in a
    except (AttributeError, TypeError):
        return False


def _make_inert(page: PageObject) -> None:
    """Remove the page's additional actions, active annotations and their actions."""
    for key in ("/AA", "/PresSteps"):
        page.pop(NameObject(key), None)
    annots = page.get("/Annots")
    if annots is None:
        return
    kept = ArrayObject()
    for ref in annots.get_object():
        annot = ref.get_object()
        if not isinstance(annot, DictionaryObject) or annot.get("/Subtype") in _ACTIVE_ANNOTS:
            continue
        for key in ("/AA", "/Parent", "/RichMediaContent", "/RichMediaSettings"):
            annot.pop(NameObject(key), None)
        if "/A" in annot and not _inert_action(annot["/A"]):
            del annot[NameObject("/A")]
        kept.append(ref)
    page[NameObject("/Annots")] = kept


def _writer(source: Path, media_type: str) -> PdfWriter:
    if media_type == "application/pdf":
        reader = PdfReader(source, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
    else:
        reader = PdfReader(_image_pdf(source))
    writer = PdfWriter()
    for page in reader.pages:  # the pages only: the catalog's actions and names stay behind
        _make_inert(writer.add_page(page))
    return writer


def _drop_unreferenced(writer: PdfWriter) -> None:
    """Objects the copied annotations referred to before their actions were removed."""
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)


def make_searchable_pdf(source: Path, result: OcrResult, out: Path) -> Path:
    """Write ``source`` with an invisible text layer for its OCR'd pages to ``out``, inert
    (no scripts, actions, embedded files or media). Raises RejectedInput CORRUPT when the
    file cannot be read by pypdf (or Pillow, for images)."""
    source, out = Path(source), Path(out)
    tmp = out.with_name(out.name + ".part")
    with untrusted("searchable PDF source", library=(PyPdfError, UnidentifiedImageError, Image.DecompressionBombError)):
        writer = _writer(source, result.media_type)
        for page_text in result.pages:
            index = page_text.number - 1
            if index >= len(writer.pages):
                continue
            target = writer.pages[index]
            overlay = _overlay(page_text, target)
            if overlay is not None:
                target.merge_page(overlay)
        _drop_unreferenced(writer)
        with open(tmp, "wb") as fh:
            writer.write(fh)
    tmp.replace(out)
    return out
