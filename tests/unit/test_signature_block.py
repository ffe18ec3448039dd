"""Empty signature blocks on a scanned page from OCR words and boxes (issue 15.2)."""

from chart.signature import has_empty_signature_block, signature_blocks
from intake.ocr.models import Word


def w(text, x0, y0, x1, y1, conf=0.9):
    return Word(text=text, conf=conf, bbox=(x0, y0, x1, y1))


BODY = [w("Discharge", 100, 100, 220, 120), w("summary", 230, 100, 330, 120)]


def test_label_with_only_a_rule_is_an_empty_block():
    page = BODY + [w("Signature:", 100, 900, 220, 920), w("________________", 230, 905, 600, 920),
                   w("Date:", 650, 900, 710, 920)]
    assert signature_blocks(page) == [True] and has_empty_signature_block(page)


def test_an_unreadable_scrawl_next_to_the_label_is_ink():
    page = BODY + [w("Signature:", 100, 900, 220, 920), w("________________", 230, 905, 600, 920),
                   w("Jkhw~", 260, 880, 420, 902, conf=0.21)]  # on the rule, above it
    assert signature_blocks(page) == [False] and not has_empty_signature_block(page)


def test_no_label_no_block_and_text_far_away_is_not_ink():
    assert signature_blocks(BODY) == []
    page = BODY + [w("Signed", 100, 900, 170, 920), w("Plan", 100, 300, 160, 320)]
    assert signature_blocks(page) == [True]
