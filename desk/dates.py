"""Dates and times on the desk's pages, shown in the reader's locale.

The server renders ISO 8601 in a ``<time datetime=...>`` element with a readable fallback
(UTC, "2026-12-03 13:40 UTC"; a date "14 March 1961"); ``static/app.js`` formats every
``time[datetime]`` with ``Intl.DateTimeFormat`` in the browser's locale and time zone (a date
alone is a calendar day: formatted in UTC so it never moves by a day). ``data-style`` picks
the length (``short``, ``medium``, ``long``; default: ``long`` for a date, ``medium`` for a
date and time). Without JavaScript the fallback stays.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from markupsafe import Markup, escape

from desk.chart import long_date

STYLES = ("short", "medium", "long")


def _utc(moment: datetime) -> datetime:
    """Stored times are UTC; SQLite hands them back naive."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def when(moment: datetime | str | None, style: str | None = None) -> Markup:
    """A date and time: ``<time datetime="2026-12-03T13:40:00Z">2026-12-03 13:40 UTC</time>``
    (an ISO 8601 string is read first; one that is not is shown as it is)."""
    if not moment:
        return Markup("")
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return escape(moment)
    at = _utc(moment)
    iso = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return _element(iso, at.strftime("%Y-%m-%d %H:%M UTC"), style)


def day(value: date | datetime | str | None, style: str | None = None) -> Markup:
    """A calendar day: ``<time datetime="1961-03-14">14 March 1961</time>`` (a YYYY-MM-DD
    string that is not a date is shown as it is)."""
    if not value:
        return Markup("")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return escape(value)
    return _element(value.isoformat(), long_date(value), style)


def _element(iso: str, fallback: str, style: str | None) -> Markup:
    if style is not None and style not in STYLES:
        raise ValueError(f"date style must be one of {', '.join(STYLES)}")
    extra = Markup(' data-style="{}"').format(style) if style else Markup("")
    return Markup('<time datetime="{}"{}>{}</time>').format(iso, extra, fallback)
