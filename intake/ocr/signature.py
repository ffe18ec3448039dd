"""An empty signature block on a scanned page, from the OCR words, their boxes and the pixels.

A signature block is a label ("Signature", "Signed", "Physician signature", "Signed by") with
the space to its right on the same line and the line just above it (where a signature sits on
its rule). The block is signed when a word other than rule characters (``_``, ``-``, ``.``) or a
date label is there ("Electronically signed by: Dr. Ana Ruiz" is signed), or, when tesseract
read nothing there, when the page has ink there that is not the rule: a handwritten signature
often comes out of tesseract as no word at all. The ink check removes the rule (rows that are
dark over most of the block's width) and salt noise (a 3x3 median) first, then counts the dark
pixels left against the label's height. Empty = no such word and no such ink.
Works on ``intake.ocr.models.Word``-like objects (text, conf, bbox x0, y0, x1, y1); the image,
when given, is the page in the words' frame (grayscale).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

_LABEL = re.compile(r"^(signature|signed|sign)[:\-]?$", re.IGNORECASE)
_RULE = re.compile(r"^[_\-.=~:]+$")
_NOT_INK = {"date", "date:", "time", "time:", "by", "by:", "md", "m.d.", "do", "(signature)", "x"}
_DARK = 128  # gray level below which a pixel is ink
_RULE_ROW = 0.5  # a row dark over this share of the block's width is the rule, not a signature
_MIN_INK = 0.25  # dark pixels needed, in units of (label height)^2: a scrawl, not a speck


def _box(w: Any) -> tuple[int, int, int, int]:
    return tuple(w.bbox if hasattr(w, "bbox") else w["bbox"])


def _text(w: Any) -> str:
    return str(w.text if hasattr(w, "text") else w["text"]).strip()


def _ink_left(image: Image.Image, region: tuple[int, int, int, int], skip: list[tuple[int, int, int, int]],
              h: int) -> bool:
    x0, y0, x1, y1 = (max(0, region[0]), max(0, region[1]), min(image.width, region[2]), min(image.height, region[3]))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return False
    crop = image.convert("L").crop((x0, y0, x1, y1)).filter(ImageFilter.MedianFilter(3))
    dark = np.asarray(crop) < _DARK
    for a0, b0, a1, b1 in skip:  # the rule's and date label's own boxes
        dark[max(0, b0 - y0):max(0, b1 - y0), max(0, a0 - x0):max(0, a1 - x0)] = False
    rows = dark.mean(axis=1) > _RULE_ROW
    for r in np.flatnonzero(rows):  # the rule and a pixel of its thickness either side
        dark[max(0, r - 1):r + 2, :] = False
    return int(dark.sum()) >= _MIN_INK * h * h


def signature_blocks(words: Iterable[Any], image: Image.Image | None = None) -> list[bool]:
    """One entry per signature label on the page: True when its block is empty."""
    words = [w for w in words if _text(w)]
    out: list[bool] = []
    for lab in words:
        if not _LABEL.match(_text(lab)):
            continue
        _, y0, x1, y1 = _box(lab)
        h = max(y1 - y0, 1)
        # same line, to the right (up to 40 label heights wide), and the line above it
        region = (x1 + max(2, h // 4), y0 - int(1.6 * h), x1 + 40 * h, y1 + max(2, h // 4))
        inked = False
        skip: list[tuple[int, int, int, int]] = []
        for w in words:
            if w is lab:
                continue
            a0, b0, a1, b1 = _box(w)
            cx, cy = (a0 + a1) / 2, (b0 + b1) / 2
            if not (region[0] <= cx <= region[2] and region[1] <= cy <= region[3]):
                continue
            t = _text(w)
            if _RULE.match(t) or t.lower() in _NOT_INK:
                skip.append((a0, b0, a1, b1))
                continue
            if _LABEL.match(t):  # the next label on the line ends this block
                region = (region[0], region[1], a0 - 1, region[3])
                continue
            inked = True
            break
        if not inked and image is not None:
            inked = _ink_left(image, region, skip, h)
        out.append(not inked)
    return out


def has_empty_signature_block(words: Iterable[Any], image: Image.Image | None = None) -> bool:
    return any(signature_blocks(words, image))
