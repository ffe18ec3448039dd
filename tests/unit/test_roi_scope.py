"""Out-of-scope content on a release page (minimum necessary): dated entries and sections
outside the request's range proposed, those in range kept; a sensitive section the
authorization does not name proposed (whole, or only its lines when the section is mostly
something else), an authorised one kept; birth, print and signature dates and history lists
never put content out of range."""

from __future__ import annotations

from datetime import date

from roi.scope import KIND, Scope, care_dates, find

RANGE = Scope(date_from=date(2025, 1, 1), date_to=date(2025, 6, 30))
LOG = """PROGRESS NOTES - Lakeview Family Clinic
Patient: Ann Doe   DOB: 02/03/1950   MRN: LV-220931
Printed 11/20/2026

03/12/2025 Follow-up for hypertension. BP 130/80.
Continue lisinopril 10 mg.
11/02/2023 Annual visit. Right knee pain.
Refer to orthopaedics.
Sept 7, 2025 Phone call about a rash.

PAST SURGICAL HISTORY
2019-04-02 appendectomy
06/11/2018 cholecystectomy
"""


def _texts(text, props):
    return [text[p.start:p.end] for p in props]


def test_an_entry_in_range_is_kept_and_one_out_of_range_is_proposed_with_its_reason():
    props = find(LOG, RANGE)
    texts = _texts(LOG, props)
    assert "11/02/2023 Annual visit. Right knee pain.\nRefer to orthopaedics." in texts
    assert "Sept 7, 2025 Phone call about a rash." in texts
    assert not [t for t in texts if "03/12/2025" in t or "lisinopril" in t]
    old = next(p for p in props if LOG[p.start:p.end].startswith("11/02/2023"))
    assert old.kind == KIND and old.basis == "date"
    assert "2023-11-02" in old.reason and "2025-01-01 to 2025-06-30" in old.reason


def test_birth_print_dates_and_history_items_do_not_put_content_out_of_range():
    texts = _texts(LOG, find(LOG, RANGE))
    assert not [t for t in texts if "DOB" in t or "Printed" in t or "appendectomy" in t or "cholecystectomy" in t]
    assert [d[2] for d in care_dates("DOB: 02/03/1950  seen 2025-03-12")] == [date(2025, 3, 12)]


def test_a_dated_section_heading_out_of_range_proposes_the_whole_section():
    text = ("DISCHARGE SUMMARY\nAdmitted 04/02/2025 for pneumonia.\n\n"
            "PRIOR ADMISSION 01/04/2024\nAdmitted for cellulitis of the left leg.\nCefazolin given.\n")
    texts = _texts(text, find(text, RANGE))
    assert texts == ["PRIOR ADMISSION 01/04/2024\nAdmitted for cellulitis of the left leg.\nCefazolin given."]
    assert find(text, Scope()) == []  # no range on the request: nothing is out of range


def test_a_month_named_without_a_day_is_out_only_when_the_whole_month_is():
    text = "VISITS\nJune 2025 telehealth check-in.\nDecember 2024 flu shot.\n"
    assert find(text, RANGE) == []  # entries start with a day date only; month headings are not entries
    heading = "VISIT OF JULY 2025\nTelehealth check-in.\n"
    assert _texts(heading, find(heading, RANGE)) == ["VISIT OF JULY 2025\nTelehealth check-in."]
    kept = "VISIT OF JUNE 2025\nTelehealth check-in.\n"
    assert find(kept, RANGE) == []


PART2 = """CONSULT NOTE
Patient: Ann Doe   MRN: LV-220931
Seen 03/12/2025 for chest pain; troponin negative.

SUBSTANCE USE TREATMENT
Enrolled in methadone maintenance program; counselling weekly.
Urine drug screen reviewed with the counsellor.

PLAN
Stress test next week.
"""


def test_an_unauthorised_part2_section_is_proposed_and_an_authorised_one_kept():
    props = find(PART2, RANGE)
    assert _texts(PART2, props) == [("SUBSTANCE USE TREATMENT\nEnrolled in methadone maintenance program; "
                                     "counselling weekly.\nUrine drug screen reviewed with the counsellor.")]
    assert props[0].basis == "part2" and "42 CFR Part 2" in props[0].reason
    authorised = Scope(date_from=RANGE.date_from, date_to=RANGE.date_to, covers=frozenset({"part2"}))
    assert find(PART2, authorised) == []


def test_a_sensitive_mention_in_an_unrelated_section_proposes_only_its_line():
    text = ("MEDICATIONS\nLisinopril 10 mg daily.\nAtorvastatin 20 mg nightly.\nMetformin 500 mg twice daily.\n"
            "Buprenorphine-naloxone 8 mg/2 mg daily per outside clinic.\n")
    props = find(text, RANGE)
    assert _texts(text, props) == ["Buprenorphine-naloxone 8 mg/2 mg daily per outside clinic."]
    assert props[0].reason.startswith("line: ")


def test_hiv_and_psychotherapy_sections_follow_their_own_categories():
    text = ("HIV CLINIC NOTE\nHIV viral load undetectable on antiretroviral therapy.\n\n"
            "PSYCHOTHERAPY NOTE\nSession focused on grief; psychotherapy continues weekly.\n")
    hiv_only = Scope(covers=frozenset({"hiv-sti"}))
    props = find(text, hiv_only)
    assert [p.basis for p in props] == ["behavioral"]
    assert text[props[0].start:props[0].end].startswith("PSYCHOTHERAPY NOTE")
    assert {p.basis for p in find(text, Scope())} == {"hiv-sti", "behavioral"}


def test_a_negated_mention_is_no_sensitive_content():
    text = "SOCIAL HISTORY\nDenies alcohol use disorder or any substance use treatment.\nNever smoked.\n"
    assert find(text, RANGE) == []
