"""Server-side SVG charts for the reports page: bars, stacked bars and lines. No JavaScript, no
fonts or files from elsewhere; every chart is an ``<svg role="img">`` named by its ``<title>``
and described by its ``<desc>`` (aria-labelledby both), values written as text on the chart
and repeated in each mark's own ``<title>`` (a hover tooltip, read by screen readers). Every
text that comes from data is XML-escaped here; the output is a fragment safe to place in HTML
as it is (Jinja's ``|safe``).

Colours: the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as _escape

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 64
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
MAX_X_LABELS = 12


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None: no value (a gap in a line, nothing in a bar)


def esc(text: object) -> str:
    """Text for an SVG element or a double-quoted attribute."""
    return _escape(str(text), {'"': "&quot;", "'": "&#39;"})


def _num(v: float) -> str:
    return f"{v:g}" if abs(v) >= 1 or v == 0 else f"{v:.2g}"


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * exp:
            return m * exp
    return 10 * exp


def _axis_max(values: Sequence[float]) -> float:
    """The top of the value axis: counts (whole numbers) get whole-number grid lines."""
    top = max(values)
    if all(float(v).is_integer() for v in values):
        return 4.0 * math.ceil(_nice_max(max(math.ceil(top / 4), 1)))
    return _nice_max(top)


def _open(chart_id: str, title: str, desc: str) -> list[str]:
    cid = esc(chart_id)
    return [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
         f'width="100%" aria-labelledby="{cid}-title {cid}-desc" id="{cid}">'),
        f'<title id="{cid}-title">{esc(title)}</title>',
        f'<desc id="{cid}-desc">{esc(desc)}</desc>',
    ]


def _frame(out: list[str], categories: Sequence[str], y_max: float, unit: str) -> None:
    """Axes, horizontal grid lines with their values, and the x labels (thinned to at most
    MAX_X_LABELS)."""
    plot_h = HEIGHT - TOP - BOTTOM
    for i in range(5):
        v = y_max * i / 4
        y = TOP + plot_h - plot_h * i / 4
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d0d7de"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
                   f'{esc(_num(v) + unit)}</text>')
    step = max(1, math.ceil(len(categories) / MAX_X_LABELS))
    slot = (WIDTH - LEFT - RIGHT) / max(len(categories), 1)
    for i, c in enumerate(categories):
        if i % step:
            continue
        x = LEFT + slot * (i + 0.5)
        out.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11">'
                   f'{esc(c)}</text>')
    out.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#333"/>')


def _legend(out: list[str], series: Sequence[Series]) -> None:
    x = LEFT
    y = HEIGHT - 18
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16}" y="{y}" font-size="12">{esc(s.name)}</text>')
        x += 28 + 7 * len(s.name)


def _empty(out: list[str]) -> str:
    out.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="14">'
               "No data in this period</text>")
    out.append("</svg>")
    return "\n".join(out)


def _check(categories: Sequence[str], series: Sequence[Series]) -> None:
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories")


def stacked_bar_chart(*, chart_id: str, title: str, desc: str, categories: Sequence[str],
                      series: Sequence[Series], unit: str = "") -> str:
    """One bar per category, the series stacked in it; the total written above each bar.
    One series makes a plain bar chart."""
    _check(categories, series)
    out = _open(chart_id, title, desc)
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    if not categories or not any(totals):
        return _empty(out)
    y_max = _axis_max(totals)
    _frame(out, categories, y_max, unit)
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(categories)
    bar_w = max(slot * 0.7, 1.0)
    show_totals = len(categories) <= 31
    for i, c in enumerate(categories):
        x = LEFT + slot * i + (slot - bar_w) / 2
        base = 0.0
        for j, s in enumerate(series):
            v = s.values[i] or 0
            if v <= 0:
                continue
            h = plot_h * v / y_max
            y = TOP + plot_h - plot_h * (base + v) / y_max
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                       f'fill="{PALETTE[j % len(PALETTE)]}"><title>{esc(f"{c}, {s.name}: {_num(v)}{unit}")}'
                       "</title></rect>")
            base += v
        if show_totals and totals[i]:
            y = TOP + plot_h - plot_h * totals[i] / y_max - 4
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{y:.1f}" text-anchor="middle" font-size="11">'
                       f"{esc(_num(totals[i]) + unit)}</text>")
    if len(series) > 1:
        _legend(out, series)
    out.append("</svg>")
    return "\n".join(out)


def bar_chart(*, chart_id: str, title: str, desc: str, categories: Sequence[str],
              values: Sequence[float | None], unit: str = "", name: str = "") -> str:
    return stacked_bar_chart(chart_id=chart_id, title=title, desc=desc, categories=categories,
                             series=[Series(name=name or title, values=tuple(values))], unit=unit)


def line_chart(*, chart_id: str, title: str, desc: str, categories: Sequence[str],
               series: Sequence[Series], unit: str = "", y_max: float | None = None) -> str:
    """One line per series over the categories (a gap where a value is None); each point a
    circle with its value as its title."""
    _check(categories, series)
    out = _open(chart_id, title, desc)
    present = [v for s in series for v in s.values if v is not None]
    if not categories or not present:
        return _empty(out)
    top = y_max if y_max is not None else _axis_max(present)
    _frame(out, categories, top, unit)
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(categories)
    for j, s in enumerate(series):
        colour = PALETTE[j % len(PALETTE)]
        runs: list[list[str]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
                continue
            x = LEFT + slot * (i + 0.5)
            y = TOP + plot_h - plot_h * min(v, top) / top
            runs[-1].append(f"{x:.1f},{y:.1f}")
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                       f'<title>{esc(f"{categories[i]}, {s.name}: {_num(v)}{unit}")}</title></circle>')
        for run in runs:
            if len(run) > 1:
                out.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"/>')
    _legend(out, series)
    out.append("</svg>")
    return "\n".join(out)
