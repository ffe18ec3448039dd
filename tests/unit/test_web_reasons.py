from desk.reasons import PLAIN, plain


def test_known_codes_read_as_words_and_details_are_dropped():
    assert plain("no-patient-match").startswith("No patient matched")
    assert plain("flag:deskewed") == "Pages were straightened (deskewed)"
    assert plain("duplicate-of:" + "a" * 64) == PLAIN["duplicate-of"]


def test_unknown_codes_are_shown_as_they_are():
    assert plain("something-new") == "something-new"


def test_filing_rule_reasons_read_as_words_before_their_prefix_is_tried():
    assert plain("patient:unmatched") == "No patient matched"
    assert plain("misfile:mrn-mismatch") == "MRN on the page differs from the patient's"
    assert plain("flag:coverage-low:0.91 uncovered 12.0-27.5s") == "Part of the speech is missing from the transcript"
    assert plain("patient:something-new") == "patient:something-new"
