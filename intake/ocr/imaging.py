"""Cheap page-image analysis before OCR: ink map, blank pages, line direction, skew, pHash.

All of it works on a ~100 dpi grayscale copy with numpy (milliseconds per page), so the only
expensive step per page stays tesseract itself.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image
from scipy import ndimage

from schemas.claims import BLANK_PHASH

ANALYSIS_DPI = 100
INK_LEVEL = 160  # gray below this (after box-filter downscale) counts as ink; specks fade out
MARGIN = 0.04  # share of each edge ignored (scanner borders, punch holes)


def analysis_image(gray: Image.Image, dpi: float) -> Image.Image:
    """A ~100 dpi box-filtered copy: isolated speckle averages away, text strokes stay dark."""
    factor = max(1, round((dpi or 300) / ANALYSIS_DPI))
    return gray.reduce(factor) if factor > 1 else gray


MIN_GLYPHS = 40  # fewer glyph-sized marks than this: no opinion on the text size
_MEASURE_MAX_SIDE = 2200  # larger images are measured on a half-size copy


def otsu_level(a: np.ndarray) -> int:
    """Otsu's threshold of a grayscale array: the gray level that best splits ink from paper
    (blurred, faint or unevenly lit pages have ink well above a fixed 128)."""
    hist = np.bincount(a.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    mean0 = np.divide(m0, w0, out=np.zeros_like(m0), where=w0 > 0)
    mean1 = np.divide(m0[-1] - m0, w1, out=np.zeros_like(m0), where=w1 > 0)
    between = w0 * w1 * (mean0 - mean1) ** 2
    return int(np.argmax(between))


def x_height(gray: Image.Image) -> float | None:
    """The median height in pixels of the page's glyph-sized marks: about the x-height of its
    body text (lower-case letters dominate running text), whatever dpi the file claims.

    Connected components of dark pixels; specks (under 3 px) and rules, pictures and borders
    (over a twentieth of the page) are left out. Orientation-proof enough for a scale: a page
    turned 90 degrees swaps glyph heights for glyph widths, which are of the same size.
    None when the page has too few marks to say (blank, a photo, a few big words).
    """
    factor = 2 if max(gray.size) > _MEASURE_MAX_SIDE else 1
    img = gray.reduce(factor) if factor > 1 else gray
    a = np.asarray(img, dtype=np.uint8)
    dark = a < min(otsu_level(a), INK_LEVEL)
    labels, count = ndimage.label(dark)
    if count < MIN_GLYPHS:
        return None
    boxes = ndimage.find_objects(labels)
    heights = np.fromiter((b[0].stop - b[0].start for b in boxes), dtype=np.int32, count=count)
    widths = np.fromiter((b[1].stop - b[1].start for b in boxes), dtype=np.int32, count=count)
    areas = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    size = np.maximum(heights, widths)
    limit = max(img.size) / 20
    glyphs = size[(size >= 3) & (size <= limit) & (areas >= 6)]  # specks and dust clusters out
    if glyphs.size < MIN_GLYPHS:
        return None
    return float(np.median(glyphs)) * factor


_PAPER_REDUCE = 8  # the paper is estimated on a 1/8 copy: lighting changes slowly
PAPER_WHITE = 225  # paper darker than this somewhere (grey stock, a shadow) gets flattened
PAPER_SPREAD = 30  # or lit this unevenly across the page


def _paper(gray: Image.Image) -> np.ndarray:
    """The paper's brightness around each point of a 1/8 copy: the brightest pixel nearby
    (text is darker than the paper it is on), smoothed."""
    small = np.asarray(gray.reduce(_PAPER_REDUCE) if min(gray.size) >= 8 * _PAPER_REDUCE else gray,
                       dtype=np.float32)
    return ndimage.uniform_filter(ndimage.maximum_filter(small, size=7), size=7)


def flatten_paper(gray: Image.Image) -> Image.Image | None:
    """A copy with the paper made white and even, or None when it already is.

    Phone pictures and scans of grey or yellowed stock have dark paper, often lit unevenly (a
    shadow across the page); tesseract's global threshold then loses whole lines (raw
    tesseract read none of such a page that a person reads at a glance). Dividing by the
    paper's brightness and stretching the ink back to black gives it a clean page. White,
    evenly lit scans (nearly every scanner page) are left alone at the cost of the check.
    """
    paper = _paper(gray)
    lo, mid, hi = np.percentile(paper, (5, 50, 95))
    if mid >= PAPER_WHITE and hi - lo <= PAPER_SPREAD:
        return None
    full = np.asarray(
        Image.fromarray(paper).resize(gray.size, Image.Resampling.BILINEAR), dtype=np.float32
    )
    out = np.asarray(gray, dtype=np.float32) / np.maximum(full, 1.0)
    ink = float(np.percentile(out, 1))
    out = np.clip((out - ink) / max(1e-3, 1.0 - ink), 0.0, 1.0) * 255.0
    return Image.fromarray(out.astype(np.uint8), mode="L")


def ink_map(small: Image.Image) -> np.ndarray:
    a = np.asarray(small, dtype=np.uint8)
    return a < INK_LEVEL


def _inner(ink: np.ndarray) -> np.ndarray:
    h, w = ink.shape
    dy, dx = int(h * MARGIN), int(w * MARGIN)
    return ink[dy : h - dy, dx : w - dx]


def ink_fraction(ink: np.ndarray) -> float:
    inner = _inner(ink)
    return float(inner.mean()) if inner.size else 0.0


def is_blank(ink: np.ndarray, *, threshold: float) -> bool:
    return ink_fraction(ink) < threshold


def _profile_sharpness(ink: np.ndarray, axis: int) -> float:
    """Sum of squared differences of the ink projection: high when lines run across ``axis``."""
    profile = ink.sum(axis=axis, dtype=np.float64)
    total = profile.sum()
    if total <= 0:
        return 0.0
    return float(np.square(np.diff(profile)).sum() / (total * total))


def _score(img: Image.Image, angle: float) -> float:
    rot = img.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    return _profile_sharpness(np.asarray(rot) > 127, axis=1)


def _best_angle(img: Image.Image, angles: np.ndarray) -> tuple[float, float]:
    """(angle, sharpness): the counter-clockwise turn that makes the row profile sharpest."""
    scores = {round(float(a), 2): _score(img, float(a)) for a in angles}
    best = max(scores, key=scores.__getitem__)
    return best, scores[best]


def line_direction(ink: np.ndarray, *, max_deg: float = 6.0) -> tuple[bool, float]:
    """(vertical, skew) of the text lines on an ink map.

    ``vertical`` is True when lines run top-to-bottom (a page turned 90 or 270 degrees):
    horizontal lines alternate ink and gap down the page, so the row profile is sharp; turned
    pages show that in the column profile. ``skew`` is the counter-clockwise turn (degrees)
    that makes the lines straight. Projection-profile search: 1 degree steps for both
    directions on a half-size map, then 0.1 degree steps around the winner.
    """
    inner = _inner(ink)
    if inner.sum() < 50:
        return False, 0.0
    img = Image.fromarray((inner * 255).astype(np.uint8), mode="L")
    half = img.reduce(2)
    coarse = np.arange(-max_deg, max_deg + 1e-9, 1.0)
    h_angle, h_score = _best_angle(half, coarse)
    turned = half.transpose(Image.Transpose.ROTATE_90)
    v_angle, v_score = _best_angle(turned, coarse)
    vertical = v_score > 1.5 * h_score
    base, angle = (turned, v_angle) if vertical else (half, h_angle)
    fine = np.arange(angle - 0.7, angle + 0.7 + 1e-9, 0.1)
    skew, _ = _best_angle(base, fine)
    return vertical, skew


def turn(img: Image.Image, rotation: int) -> Image.Image:
    """Turn counter-clockwise by a multiple of 90 degrees (lossless)."""
    ops = {
        90: Image.Transpose.ROTATE_90,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_270,
    }
    return img.transpose(ops[rotation]) if rotation in ops else img


def deskew(img: Image.Image, angle: float) -> Image.Image:
    return img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)


@lru_cache(maxsize=4)
def _dct_matrix(n: int) -> np.ndarray:
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    m = np.cos(np.pi * (2 * i + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    m[0, :] = np.sqrt(1.0 / n)
    return m




def phash(img: Image.Image) -> str:
    """64-bit perceptual hash (DCT of a 32x32 gray thumbnail; bits above the median), hex.

    Pages that look alike (a re-scan of the same sheet) land within a few bits of each other;
    ``schemas.claims.phash_distance`` counts them. A flat (blank) image hashes to all zeros.
    """
    small = img.convert("L").resize((32, 32), Image.Resampling.BOX)
    a = np.asarray(small, dtype=np.float64)
    if a.std() < 1.0:
        return BLANK_PHASH
    d = _dct_matrix(32)
    coeffs = (d @ a @ d.T)[:8, :8].flatten()
    bits = coeffs[1:] > np.median(coeffs[1:])
    value = 0
    for b in np.concatenate([[False], bits]):
        value = (value << 1) | int(b)
    return f"{value:016x}"

