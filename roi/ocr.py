"""Word boxes of a page image, from tesseract (pytesseract), as text with character offsets.

The redaction boxes come from these: a finding's characters -> the words they touch -> one
box per line. Policy as in the OCR stage: one thread (``OMP_THREAD_LIMIT=1``), a timeout per
page; a page tesseract cannot read in time is an error (a page nobody could check for PHI is
never released unreviewed), never an empty result.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from himflow.errors import EngineTimeout
import pytesseract

OCR_TIMEOUT_S = 120
MIN_CONF = 10  # tesseract confidences 0..100; below this a "word" is usually a speck


@dataclass(frozen=True)
class Word:
    text: str
    start: int  # offsets in PageWords.text
    end: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in image pixels
    line: tuple[int, int, int]  # (block, paragraph, line): words of one line share it


@dataclass(frozen=True)
class PageWords:
    text: str
    words: tuple[Word, ...]


def read_words(image: object, *, timeout_s: float = OCR_TIMEOUT_S) -> PageWords:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(image, lang="eng", config="--psm 3",
                                         output_type=pytesseract.Output.DICT, timeout=timeout_s)
    except RuntimeError as e:  # pytesseract raises RuntimeError on its timeout
        raise EngineTimeout("tesseract timed out on a release page") from e
    parts: list[str] = []
    words: list[Word] = []
    pos, last_line = 0, None
    for i, raw in enumerate(data["text"]):
        text = (raw or "").strip()
        if not text or float(data["conf"][i]) < MIN_CONF:
            continue
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        sep = "" if last_line is None else ("\n" if line != last_line else " ")
        parts.append(sep)
        pos += len(sep)
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(Word(text=text, start=pos, end=pos + len(text), box=(x, y, x + w, y + h), line=line))
        parts.append(text)
        pos += len(text)
        last_line = line
    return PageWords(text="".join(parts), words=tuple(words))


def boxes_for(page: PageWords, start: int, end: int, *, pad: int = 3) -> list[tuple[int, int, int, int]]:
    """The box(es) covering characters [start, end): one per line the span crosses."""
    by_line: dict[tuple[int, int, int], list[tuple[int, int, int, int]]] = {}
    for w in page.words:
        if w.start < end and w.end > start:
            by_line.setdefault(w.line, []).append(w.box)
    out = []
    for boxes in by_line.values():
        out.append((min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad,
                    max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad))
    return out
