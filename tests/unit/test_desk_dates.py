"""Dates on the desk's pages: ISO 8601 in <time datetime> with a readable UTC fallback, for
app.js to show in the reader's locale (desk/dates.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desk import dates


def test_a_time_is_rendered_in_utc_with_its_iso_instant():
    oslo = timezone(timedelta(hours=1))
    assert dates.when(datetime(2026, 12, 3, 14, 40, tzinfo=oslo)) == (
        '<time datetime="2026-12-03T13:40:00Z">2026-12-03 13:40 UTC</time>')


def test_a_naive_time_from_sqlite_is_read_as_utc_and_an_iso_string_is_parsed():
    assert 'datetime="2026-12-03T13:40:00Z"' in dates.when(datetime(2026, 12, 3, 13, 40))  # noqa: DTZ001 (naive on purpose)
    assert 'datetime="2026-12-03T13:40:05Z"' in dates.when("2026-12-03T13:40:05+00:00")
    assert dates.when("not a time <b>") == "not a time &lt;b&gt;"
    assert dates.when(None) == "" and dates.when("") == ""


def test_a_calendar_day_keeps_its_date_and_reads_in_words():
    assert dates.day(date(1961, 3, 14)) == '<time datetime="1961-03-14">14 March 1961</time>'
    assert dates.day("2026-05-04") == '<time datetime="2026-05-04">4 May 2026</time>'
    assert dates.day(datetime(2026, 5, 4, 23, 0, tzinfo=UTC)).startswith('<time datetime="2026-05-04"')
    assert dates.day("unknown") == "unknown" and dates.day(None) == ""


def test_the_style_is_one_the_script_knows():
    assert 'data-style="medium"' in dates.day(date(1961, 3, 14), "medium")
    with pytest.raises(ValueError):
        dates.when(datetime(2026, 1, 1, tzinfo=UTC), "full")
