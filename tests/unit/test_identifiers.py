"""Identifiers from document text: MRN, patient name, birth date, service dates, author."""

from __future__ import annotations

from datetime import date

import pytest

from himflow.errors import RejectedInput
from indexing.identifiers import extract, parse_date

LETTER = """Lakeshore Community Hospital
Patient Name: KOWALSKI, OLGA M
MRN: 00482913
DOB: 03/14/1956
Date of Service: March 2, 2025

DISCHARGE SUMMARY
Admission Date: 2025-02-26
The patient's husband, John Smith, visited daily.
Electronically signed by: Dr. Priya Haddad, MD
"""


def test_labelled_identifiers_are_found_with_spans_pointing_at_the_values():
    ids = extract(LETTER)
    assert [m.value for m in ids.mrns] == ["00482913"]
    (name,) = ids.patient_names
    assert (name.family, name.given) == ("KOWALSKI", "OLGA")
    assert [d.value for d in ids.birth_dates] == ["1956-03-14"]
    assert [d.value for d in ids.service_dates] == ["2025-03-02", "2025-02-26"]
    assert [a.value for a in ids.authors] == ["Dr. Priya Haddad, MD"]
    for found in (*ids.mrns, name, *ids.birth_dates, *ids.service_dates, *ids.authors):
        s, e = found.span
        raw = getattr(found, "raw", "") or found.value
        assert LETTER[s:e] == raw


def test_names_mentioned_in_prose_are_not_taken_for_the_patient():
    ids = extract(LETTER)
    assert all("Smith" not in n.value for n in ids.patient_names)


@pytest.mark.parametrize("raw,expected", [
    ("2024-03-05", date(2024, 3, 5)),
    ("03/05/2024", date(2024, 3, 5)),
    ("3-5-1948", date(1948, 3, 5)),
    ("25/03/2024", date(2024, 3, 25)),  # impossible month: day first
    ("March 5, 2024", date(2024, 3, 5)),
    ("05-Mar-2024", date(2024, 3, 5)),
    ("5 Sept 2024", date(2024, 9, 5)),
    ("02/30/2024", None),
    ("13/13/2024", None),
])
def test_dates_in_the_formats_forms_use_are_parsed(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("line,value", [
    ("MRN: 12345678", "12345678"),
    ("MR#: 12345678", "12345678"),
    ("Medical Record Number: AB-1234567", "AB-1234567"),
    ("Patient ID 998877", "998877"),
    ("mrn 55555", "55555"),
])
def test_default_mrn_labels(line, value):
    assert extract(line).mrn_values == (value,)


def test_mrn_patterns_are_configurable():
    text = "Account: H-00991122\nMRN: 12345678"
    ids = extract(text, mrn_patterns=[r"\bH-(\d{8})\b"])
    assert ids.mrn_values == ("00991122",)
    with pytest.raises(RejectedInput):
        extract(text, mrn_patterns=["(unclosed"])


def test_text_without_identifiers_gives_empty_results():
    ids = extract("The quick brown fox.")
    assert not (ids.mrns or ids.patient_names or ids.birth_dates or ids.service_dates or ids.authors)


def test_huge_text_is_scanned_on_its_start():
    ids = extract("MRN: 12345678\n" + "x " * 3_000_000 + "\nMRN: 99999999")
    assert ids.mrn_values == ("12345678",)


@pytest.mark.parametrize("text,family,given", [
    ("Patient: Smith, John  DOB: 01/02/1970  MRN: 123456", "Smith", "John"),  # next column after 2 spaces
    ("Name: John A. Smith   Sex: M", "Smith", "John"),
    ("Patient Name\nJohn Smith\nDOB\n01/02/1970", "Smith", "John"),  # value below its label
    ("Patient: SMITH, JOHN Q\tAcct: 5555", "SMITH", "JOHN"),
])
def test_form_layouts_keep_the_name_apart_from_the_next_field(text, family, given):
    (name,) = extract(text).patient_names
    assert (name.family, name.given) == (family, given)
    assert text[name.span[0]:name.span[1]] == name.value
