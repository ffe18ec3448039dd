"""The retention schedule: due dates for adults and minors, per-type rules from the data dir's
retention-rules.json, and what is never computed (no birth date, permanent types)."""

from __future__ import annotations

import json
from datetime import date

from chart.retention import DEFAULT_SCHEDULE, load_schedule, retention_date


def test_an_adult_is_kept_ten_years_after_the_last_encounter_by_default():
    s = load_schedule(None)
    until, minor, rule = retention_date(s, type_code="11506-3", last_encounter=date(2010, 6, 30),
                                        birth_date=date(1961, 3, 14))
    assert (until, minor) == (date(2020, 6, 30), False)
    assert "10 years after the last encounter" in rule


def test_a_minor_is_kept_until_majority_plus_ten_years_when_that_is_later():
    s = load_schedule(None)
    # seen at 5 (2005), born 2000: 18 + 10 = 2028-02-01, later than 2005 + 10 = 2015
    until, minor, _ = retention_date(s, type_code="11506-3", last_encounter=date(2005, 7, 1),
                                     birth_date=date(2000, 2, 1))
    assert (until, minor) == (date(2028, 2, 1), True)
    # seen at 17 (2017): majority + 10 = 2028-02-01 vs 2017 + 10 = 2027-03-01: the later wins
    until, minor, _ = retention_date(s, type_code="11506-3", last_encounter=date(2017, 3, 1),
                                     birth_date=date(2000, 2, 1))
    assert (until, minor) == (date(2028, 2, 1), True)
    # seen at 18 exactly: an adult
    until, minor, _ = retention_date(s, type_code="11506-3", last_encounter=date(2018, 2, 1),
                                     birth_date=date(2000, 2, 1))
    assert (until, minor) == (date(2028, 2, 1), False)


def test_a_leap_day_birth_lands_on_the_28th():
    s = load_schedule(None)
    until, _, _ = retention_date(s, type_code=None, last_encounter=date(2001, 1, 1), birth_date=date(2000, 2, 29))
    assert until == date(2028, 2, 28)


def test_no_birth_date_or_a_permanent_type_is_never_due(tmp_path):
    (tmp_path / "retention-rules.json").write_text(json.dumps({
        "age_of_majority": 21,
        "default": {"adult_years": 7, "minor_years_after_majority": 3},
        "types": {"11504-8": {"permanent": True}, "18842-5": {"adult_years": 25}}}))
    s = load_schedule(tmp_path)
    assert retention_date(s, type_code="11506-3", last_encounter=date(2010, 1, 1), birth_date=None)[0] is None
    assert retention_date(s, type_code="11504-8", last_encounter=date(1990, 1, 1),
                          birth_date=date(1950, 1, 1))[0] is None
    # the file's rules apply: 7 years default, 25 for discharge summaries, majority at 21 + 3
    assert retention_date(s, type_code="11506-3", last_encounter=date(2010, 1, 1),
                          birth_date=date(1950, 1, 1))[0] == date(2017, 1, 1)
    assert retention_date(s, type_code="18842-5", last_encounter=date(2010, 1, 1),
                          birth_date=date(1950, 1, 1))[0] == date(2035, 1, 1)
    assert retention_date(s, type_code="11506-3", last_encounter=date(2005, 1, 1),
                          birth_date=date(2000, 1, 1))[0] == date(2024, 1, 1)
    assert DEFAULT_SCHEDULE["default"] == {"adult_years": 10, "minor_years_after_majority": 10}
