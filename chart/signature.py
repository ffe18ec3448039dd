"""An empty signature block on a scanned page, from the OCR words and their boxes.

A signature block is a label ("Signature", "Signed", "Physician signature", "Signed by") with
the space to its right on the same line, or the line just above it (where a signature sits on
its rule). The block is empty when nothing but rule characters (``_``, ``-``, ``.``) or a date
label is there: a signature, even one tesseract cannot read, comes out as some word (often of
low confidence) in that space. Works on ``intake.ocr.models.Word``-like objects (text, conf,
bbox x0, y0, x1, y1). Words only: pixel ink is not measured (see docs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_LABEL = re.compile(r"^(signature|signed|sign)[:\-]?$", re.IGNORECASE)
_RULE = re.compile(r"^[_\-.=~:]+$")
_NOT_INK = {"date", "date:", "time", "time:", "by", "by:", "md", "m.d.", "do", "(signature)", "x"}


def _box(w: Any) -> tuple[int, int, int, int]:
    return tuple(w.bbox if hasattr(w, "bbox") else w["bbox"])


def _text(w: Any) -> str:
    return str(w.text if hasattr(w, "text") else w["text"]).strip()


def signature_blocks(words: Iterable[Any]) -> list[bool]:
    """One entry per signature label on the page: True when its block is empty."""
    words = [w for w in words if _text(w)]
    out: list[bool] = []
    for lab in words:
        if not _LABEL.match(_text(lab)):
            continue
        _, y0, x1, y1 = _box(lab)
        h = max(y1 - y0, 1)
        # same line, to the right (up to 40 label heights wide), and the line above it
        region = (x1, y0 - int(1.6 * h), x1 + 40 * h, y1)
        inked = False
        for w in words:
            if w is lab:
                continue
            a0, b0, a1, b1 = _box(w)
            cx, cy = (a0 + a1) / 2, (b0 + b1) / 2
            if not (region[0] <= cx <= region[2] and region[1] <= cy <= region[3]):
                continue
            t = _text(w)
            if _RULE.match(t) or t.lower() in _NOT_INK:
                continue
            inked = True
            break
        out.append(not inked)
    return out


def has_empty_signature_block(words: Iterable[Any]) -> bool:
    return any(signature_blocks(words))
