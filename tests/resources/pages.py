"""Synthetic document pages with known text, made here for OCR tests and the OCR bench.

Everything is generated: Pillow draws words in DejaVu Sans (Debian `fonts-dejavu-core`) onto a
white page at a chosen dpi; helpers turn the images into scanned PDFs or multi-page TIFFs, and
write born-digital PDFs (a real text layer in Helvetica) without any extra library.
No real PHI: the vocabulary is clinical words and synthetic identifiers only.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LETTER_IN = (8.5, 11.0)

VOCABULARY = (  # noqa: SIM905 - one readable block of words
    "patient admitted discharge summary history physical examination assessment plan "
    "medication allergies penicillin metformin lisinopril atorvastatin insulin aspirin "
    "hypertension diabetes mellitus asthma pneumonia fracture radiology report chest "
    "abdomen normal findings impression follow clinic weeks laboratory results glucose "
    "hemoglobin creatinine sodium potassium blood pressure pulse temperature respiratory "
    "oxygen saturation consultation referral surgery procedure anesthesia recovery stable "
    "condition nursing progress note therapy physician signed reviewed dictated morning "
    "evening daily twice tablet orally symptoms cough fever headache nausea vomiting pain "
    "cardiology neurology oncology pediatrics emergency department outpatient inpatient"
).split()


def words(seed: int, n: int) -> list[str]:
    """``n`` pseudo-random clinical words, reproducible from ``seed``."""
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(n)]


def lines_of(seed: int, *, lines: int, per_line: int = 8) -> list[str]:
    ws = words(seed, lines * per_line)
    return [" ".join(ws[i * per_line : (i + 1) * per_line]) for i in range(lines)]


def font(size_px: int) -> ImageFont.FreeTypeFont:
    if not FONT_PATH.exists():  # pragma: no cover - install.sh installs fonts-dejavu-core
        raise RuntimeError("DejaVuSans.ttf missing: apt-get install fonts-dejavu-core")
    return ImageFont.truetype(str(FONT_PATH), size_px)


def render_page(
    text_lines: Sequence[str],
    *,
    dpi: int = 300,
    font_pt: float = 12.0,
    page_in: tuple[float, float] = LETTER_IN,
    rotate: int = 0,
    skew_deg: float = 0.0,
    noise: float = 0.0,
    seed: int = 0,
) -> Image.Image:
    """A grayscale ("L") page image with ``text_lines`` typed from the top-left margin.

    ``rotate`` turns the finished page counter-clockwise by 90/180/270 (a page fed sideways or
    upside down); ``skew_deg`` tilts it (a crooked feed); ``noise`` is the fraction of pixels
    flipped to salt-and-pepper speckle.
    """
    w, h = round(page_in[0] * dpi), round(page_in[1] * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    size_px = max(6, round(font_pt * dpi / 72))
    f = font(size_px)
    x, y = round(dpi * 1.0), round(dpi * 1.0)
    for line in text_lines:
        draw.text((x, y), line, fill=0, font=f)
        y += round(size_px * 1.6)
    if skew_deg:
        img = img.rotate(skew_deg, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
    if noise:
        rng = random.Random(seed)
        px = img.load()
        for _ in range(int(w * h * noise)):
            px[rng.randrange(w), rng.randrange(h)] = 0 if rng.random() < 0.5 else 255
    if rotate:
        img = img.rotate(rotate, expand=True)
    img.info["dpi"] = (dpi, dpi)
    return img


def blank_page(*, dpi: int = 300, speckle: int = 0, seed: int = 0) -> Image.Image:
    """A white page, optionally with a few isolated dust specks (still blank to a reader)."""
    w, h = round(LETTER_IN[0] * dpi), round(LETTER_IN[1] * dpi)
    img = Image.new("L", (w, h), 255)
    rng = random.Random(seed)
    px = img.load()
    for _ in range(speckle):
        px[rng.randrange(w), rng.randrange(h)] = 0
    img.info["dpi"] = (dpi, dpi)
    return img


def images_to_pdf(images: Sequence[Image.Image], out: Path, *, dpi: int | None = None) -> Path:
    """A scanned PDF: one page per image, each image at its own dpi (or ``dpi``)."""
    first, rest = images[0], list(images[1:])
    res = dpi or first.info.get("dpi", (300, 300))[0]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=float(res))
    return out


def images_to_tiff(images: Sequence[Image.Image], out: Path, *, dpi: int = 300) -> Path:
    """A multi-page TIFF (Group 4 for bilevel pages, deflate otherwise), like a scanner makes."""
    first, rest = images[0], list(images[1:])
    first.save(
        out, format="TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi),
        compression="tiff_deflate",
    )
    return out


def image_bytes(img: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, dpi=img.info.get("dpi", (300, 300)))
    return buf.getvalue()


def _pdf_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def born_digital_pdf(
    pages: Iterable[Sequence[str]], out: Path, *, font_pt: float = 11.0
) -> Path:
    """A born-digital PDF (text drawn with the Helvetica base-14 font: a real text layer)."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    writer = PdfWriter()
    font_dict = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(font_dict)
    for text_lines in pages:
        page = writer.add_blank_page(width=612, height=792)
        ops = [f"BT /F1 {font_pt:g} Tf {font_pt * 1.5:g} TL 72 720 Td"]
        for line in text_lines:
            ops.append(f"({_pdf_escape(line)}) Tj T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref}),
                NameObject("/ProcSet"): ArrayObject([NameObject("/PDF"), NameObject("/Text")]),
            }
        )
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


def word_recall(expected: Iterable[str], got: str) -> float:
    """Fraction of expected words found in ``got`` (multiset, case-insensitive)."""
    from collections import Counter

    want = Counter(w.lower() for w in expected)
    have = Counter(t.strip(".,;:").lower() for t in got.split())
    total = sum(want.values())
    if not total:
        return 1.0
    return sum(min(n, have[w]) for w, n in want.items()) / total
