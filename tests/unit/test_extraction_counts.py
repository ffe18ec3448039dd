"""The extraction counts the indexing stage stores for the reports (indexing/quality.py)."""

from indexing.quality import extraction_counts
from schemas.claims import DictationTranscript, ScanPage, ScanText, TranscriptSegment, TranscriptWord


def _page(n, source, flags=()):
    return ScanPage(number=n, text="x" if source != "blank" else "", confidence=0.5, source=source, flags=flags)


def test_a_scan_counts_ocr_pages_and_those_flagged_low_confidence():
    scan = ScanText(pages=(_page(1, "ocr", ("low-confidence",)), _page(2, "ocr", ("deskewed",)),
                           _page(3, "text-layer", ("low-confidence",)), _page(4, "blank"),
                           _page(5, "ocr", ("rotated", "low-confidence"))))
    assert extraction_counts(scan) == {"ocr_pages": 3, "low_confidence_pages": 2, "audio_seconds": None,
                                       "unsure_words": None}


def _seg(start, words=(), placeholder=False):
    return TranscriptSegment(start=start, end=start + 1, text="t", avg_logprob=-0.2, no_speech_prob=0.0,
                             compression_ratio=1.0, placeholder=placeholder, unsure=placeholder,
                             words=tuple(TranscriptWord(word=w, start=start, end=start + 0.5, probability=0.9,
                                                        flagged=f) for w, f in words))


def test_a_dictation_counts_flagged_words_and_placeholders_over_its_seconds():
    t = DictationTranscript(text="", language="en", duration=125.4567, model="base", segments=(
        _seg(0, [("She", False), ("denies", True), ("pain", False)]), _seg(2, placeholder=True),
        _seg(4, [("Lasix", True), ("daily", True)])))
    assert extraction_counts(t) == {"ocr_pages": None, "low_confidence_pages": None, "audio_seconds": 125.457,
                                    "unsure_words": 4}
