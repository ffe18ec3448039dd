from desk.reasons import PLAIN, plain


def test_known_codes_read_as_words_and_details_are_dropped():
    assert plain("no-patient-match").startswith("No patient matched")
    assert plain("flag:deskewed") == "Pages were straightened (deskewed)"
    assert plain("duplicate-of:" + "a" * 64) == PLAIN["duplicate-of"]


def test_unknown_codes_are_shown_as_they_are():
    assert plain("something-new") == "something-new"
