"""Empty signature blocks on a scanned page from OCR words and boxes (issue 15.2)."""

from intake.ocr.signature import has_empty_signature_block, signature_blocks
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


# -- through tesseract on rendered pages (the OCR stage's own path) -----------------------------

from PIL import Image, ImageDraw  # noqa: E402

from intake.ocr import OcrOptions  # noqa: E402
from intake.ocr.page import ocr_page_image  # noqa: E402
from intake.ocr.models import SIGNATURE_EMPTY  # noqa: E402
from tests.resources.pages import font  # noqa: E402

BODY_LINES = ["DISCHARGE SUMMARY", "Patient: Wren Halvorsen   MRN 4410021", "Hospital course: uneventful recovery.",
              "Discharged home in stable condition."]


def _page(sign_line: str, scrawl: bool = False) -> Image.Image:
    dpi, size = 300, round(11 * 300 / 72)
    img = Image.new("L", (2550, 3300), 255)
    d = ImageDraw.Draw(img)
    f = font(size)
    y = 300
    for line in BODY_LINES:
        d.text((300, y), line, fill=0, font=f)
        y += round(size * 1.6)
    y += 400
    d.text((300, y), sign_line, fill=0, font=f)
    if "____" in sign_line or scrawl:
        x0 = 300 + round(d.textlength("Signature: ", font=f))
        d.line((x0, y + size, x0 + 900, y + size), fill=0, width=3)
    if scrawl:  # a handwritten signature: loops over the rule, nothing tesseract can read
        pts = [(x0 + 40 + i * 14, y + size - 10 - (i * 37 % 50)) for i in range(40)]
        d.line(pts, fill=0, width=5, joint="curve")
    return img


def _flags(img):
    page, _ = ocr_page_image(img, number=1, dpi=300, options=OcrOptions())
    return page.flags


def test_an_empty_signature_line_is_flagged_on_the_page():
    assert SIGNATURE_EMPTY in _flags(_page("Signature:"))


def test_a_handwritten_signature_tesseract_cannot_read_is_ink():
    assert SIGNATURE_EMPTY not in _flags(_page("Signature:", scrawl=True))


def test_an_electronic_signature_is_signed_and_a_page_without_a_block_is_not_flagged():
    assert SIGNATURE_EMPTY not in _flags(_page("Electronically signed by: Dr. Ana Ruiz, MD"))
    assert SIGNATURE_EMPTY not in _flags(_page("Follow up with primary care in two weeks."))


def test_pixels_alone_decide_when_no_word_is_in_the_block():
    lab = w("Signature:", 100, 900, 220, 930)
    img = Image.new("L", (1400, 1100), 255)
    d = ImageDraw.Draw(img)
    d.line((240, 925, 1100, 925), fill=0, width=3)  # the rule only
    assert signature_blocks([lab], img) == [True]
    d.line([(300 + i * 12, 915 - (i * 31 % 40)) for i in range(50)], fill=0, width=4)
    assert signature_blocks([lab], img) == [False]
