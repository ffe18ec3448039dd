"""Every library that reads untrusted bytes (pypdf, pypdfium2, Pillow, zxing-cpp, ffmpeg/ffprobe)
ends a hostile input with a permanent typed rejection, never an exception the worker would retry
as an internal error; the searchable PDF is inert whatever the original carried."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from himflow.errors import RejectedInput, TransientError
from himflow.policy import classify_error
from himflow.untrusted import untrusted
from intake.coversheet import read_coversheet
from intake.ocr import OcrOptions, ocr_file
from intake.searchable import make_searchable_pdf
from schemas.events import ReasonCode
from tests.resources.badinputs import (
    ACTIVE_PDF_NAMES,
    pdf_nested_arrays,
    pdf_with_a_kid_that_is_not_a_page,
    pdf_with_every_active_content,
    tiff_second_page_without_width,
)
from tests.resources.inert import active_names, assert_inert
from transcription.audio import _checked_probe, decode_audio, probe_audio


def _permanent(exc: BaseException, reason: ReasonCode = ReasonCode.CORRUPT) -> None:
    got, retryable, _ = classify_error(exc)
    assert (got, retryable) == (reason, False), (type(exc).__name__, got, retryable)


def test_pypdf_nested_arrays_in_the_searchable_step_is_corrupt_at_once(tmp_path: Path):
    src = tmp_path / "nested.pdf"
    src.write_bytes(pdf_nested_arrays())
    result = ocr_file(src, options=OcrOptions())  # pdfium reads it: the text step succeeds
    with pytest.raises(RejectedInput) as e:
        make_searchable_pdf(src, result, tmp_path / "out.pdf")
    _permanent(e.value)
    assert not (tmp_path / "out.pdf").exists()


def test_pdfium_page_that_is_not_a_page_is_corrupt(tmp_path: Path):
    src = tmp_path / "kid.pdf"
    src.write_bytes(pdf_with_a_kid_that_is_not_a_page())
    with pytest.raises(RejectedInput) as e:
        ocr_file(src, options=OcrOptions())
    _permanent(e.value)


def test_pillow_tiff_page_without_dimensions_is_corrupt(tmp_path: Path):
    src = tmp_path / "nowidth.tif"
    src.write_bytes(tiff_second_page_without_width())
    with pytest.raises(RejectedInput) as e:
        ocr_file(src, options=OcrOptions())
    _permanent(e.value)


def test_zxing_failing_on_a_page_means_no_cover_sheet():
    assert read_coversheet(Image.new("L", (0, 7))) is None  # zxing-cpp: ValueError on it
    assert read_coversheet(Image.new("I;16", (5, 5))) is None


def _wav(rate: int, channels: int, bits: int, data: bytes = b"\x00" * 1000) -> bytes:
    align = channels * bits // 8
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * align, align, bits)
    return (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<I", 16) + fmt
            + b"data" + struct.pack("<I", len(data)) + data)


@pytest.mark.parametrize("rate,channels,bits", [(0, 1, 16), (16000, 0, 16), (16000, 1, 0), (2**31 - 1, 1, 16),
                                                (16000, 255, 16)])
def test_ffmpeg_hostile_wav_headers_end_as_typed_rejections(tmp_path: Path, rate, channels, bits):
    src = tmp_path / "hostile.wav"
    src.write_bytes(_wav(rate, channels, bits, b"\x01" * 100_000))
    with pytest.raises(RejectedInput) as e:
        probe = probe_audio(src, max_bytes=10**8, max_duration_s=3600)
        decode_audio(src, probe=probe, max_duration_s=3600)
    assert e.value.retryable is False
    assert e.value.reason in (ReasonCode.AUDIO_UNDECODABLE, ReasonCode.UNSUPPORTED_TYPE)


@pytest.mark.parametrize("report", [b"[]", b'{"format": [], "streams": 5}',
                                    (b'{"format": {"format_name": "wav", "duration": "nan"},'
                                     b' "streams": ["x", {"codec_type": "audio", "codec_name": "pcm_s16le",'
                                     b' "sample_rate": "inf", "channels": "nan"}]}')])
def test_a_hostile_ffprobe_report_is_read_as_untrusted(report):
    proc = subprocess.CompletedProcess(["ffprobe"], 0, stdout=report, stderr=b"")
    try:
        probe = _checked_probe(proc, max_duration_s=3600, size=10)
    except RejectedInput as e:
        assert e.reason == ReasonCode.AUDIO_UNDECODABLE
    else:
        assert probe.duration_s is None and probe.sample_rate is None and probe.channels is None


def test_the_boundary_keeps_local_io_errors_transient():
    with pytest.raises(TransientError), untrusted("x"):
        raise OSError(28, "No space left on device")
    with pytest.raises(RejectedInput), untrusted("x"):
        raise OSError("cannot identify image file")  # Pillow's way: no errno
    with pytest.raises(RejectedInput) as e, untrusted("x"):
        raise RecursionError()
    assert "nested" in e.value.detail


def test_the_searchable_rendition_of_a_hostile_pdf_is_inert(tmp_path: Path):
    src = tmp_path / "active.pdf"
    src.write_bytes(pdf_with_every_active_content(tmp_path))
    assert set(ACTIVE_PDF_NAMES) <= active_names(src.read_bytes())  # the input really carries all of them
    result = ocr_file(src, options=OcrOptions())
    assert "active-content-ignored" in result.flags
    out = make_searchable_pdf(src, result, tmp_path / "out.pdf")
    assert_inert(out.read_bytes())
    kept = PdfReader(out)
    assert len(kept.pages) == 1 and "lisinopril" in kept.pages[0].extract_text().lower()
