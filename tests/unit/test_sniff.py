"""Media types come from the bytes; names can lie."""

from __future__ import annotations

import pytest

from himflow.errors import RejectedInput
from intake.sniff import check_extension, sniff_media_type
from schemas.events import ReasonCode

PAD = b"\x00" * 64

SAMPLES = {
    "application/pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + PAD,
    "image/tiff": b"II*\x00\x08\x00\x00\x00" + PAD,
    "image/png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + PAD,
    "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + PAD,
    "audio/wav": b"RIFF\x24\x08\x00\x00WAVEfmt " + PAD,
    "audio/mpeg": b"ID3\x04\x00\x00\x00\x00\x00\x00" + PAD,
    "audio/mp4": b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + PAD,
    "audio/flac": b"fLaC\x00\x00\x00\x22" + PAD,
    "audio/ogg": b"OggS\x00\x02" + PAD,
    "audio/webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + PAD,
}


@pytest.mark.parametrize("media_type", sorted(SAMPLES))
def test_sniffs_each_accepted_type_from_its_magic_bytes(media_type):
    assert sniff_media_type(SAMPLES[media_type]) == media_type


def test_mp3_without_id3_tag_is_recognised_by_its_frame_sync():
    assert sniff_media_type(b"\xff\xfb\x90\x64" + PAD) == "audio/mpeg"


def test_pdf_header_after_leading_junk_is_still_a_pdf():
    assert sniff_media_type(b"\r\n\x00junk" + SAMPLES["application/pdf"]) == "application/pdf"


def test_zero_bytes_is_rejected_as_empty_file():
    with pytest.raises(RejectedInput) as e:
        sniff_media_type(b"")
    assert e.value.reason is ReasonCode.EMPTY_FILE


@pytest.mark.parametrize("head", [b"MZ\x90\x00" + PAD, b"PK\x03\x04" + PAD, b"hello world" * 8])
def test_unknown_content_is_rejected_as_unsupported(head):
    with pytest.raises(RejectedInput) as e:
        sniff_media_type(head)
    assert e.value.reason is ReasonCode.UNSUPPORTED_TYPE


def test_extension_that_names_another_type_is_a_lie():
    assert check_extension("report.pdf", "image/jpeg") is False
    assert check_extension("dictation.wav", "application/pdf") is False


def test_matching_missing_or_unknown_extensions_are_accepted():
    assert check_extension("Scan 0001.PDF", "application/pdf") is True
    assert check_extension("page.tif", "image/tiff") is True
    assert check_extension("note.m4a", "audio/mp4") is True
    assert check_extension("scan_0001", "application/pdf") is True
    assert check_extension("scan_0001.tmp", "image/png") is True
