"""Cover sheets: printed by `himflow coversheet`, read back from a rendered page."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from himflow.cli import main
from intake.coversheet import (
    CoverSheet,
    encode_payload,
    parse_payload,
    read_coversheet,
    render_coversheet,
)
from tests.resources.pages import render_page


def _render(pdf_path, dpi=300):
    doc = pdfium.PdfDocument(pdf_path)
    try:
        return doc[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()


@pytest.mark.parametrize("dpi", [150, 300])
def test_rendered_cover_sheet_reads_back_its_patient_and_type(tmp_path, dpi):
    pdf = render_coversheet(mrn="MRN-0042", document_type="18842-5", out=tmp_path / "cs.pdf")
    assert len(pdfium.PdfDocument(pdf)) == 1
    assert read_coversheet(_render(pdf, dpi)) == CoverSheet(mrn="MRN-0042", document_type="18842-5")


def test_cover_sheet_reads_back_when_fed_upside_down(tmp_path):
    pdf = render_coversheet(mrn="A77", document_type=None, out=tmp_path / "cs.pdf")
    assert read_coversheet(_render(pdf).rotate(180)) == CoverSheet(mrn="A77")


def test_ordinary_page_is_not_a_cover_sheet():
    assert read_coversheet(render_page(["discharge summary"], dpi=100)) is None


def test_foreign_barcode_payload_is_not_a_cover_sheet():
    assert parse_payload("https://example.org/x") is None


def test_invalid_fields_are_dropped_but_the_page_stays_a_cover_sheet():
    assert parse_payload("HIMFLOW-CS1|MRN=<script>|TYPE=nope") == CoverSheet()


def test_payload_refuses_values_that_are_not_an_mrn_or_a_loinc_code():
    with pytest.raises(ValueError):
        encode_payload(mrn="a|b", document_type=None)
    with pytest.raises(ValueError):
        encode_payload(mrn=None, document_type="discharge")


def test_cli_prints_a_cover_sheet_the_reader_understands(tmp_path, capsys):
    out = tmp_path / "sheet.pdf"
    assert main(["coversheet", "--patient", "MRN-9", "--type", "11506-3", "-o", str(out)]) == 0
    assert read_coversheet(_render(out)) == CoverSheet(mrn="MRN-9", document_type="11506-3")


def test_cli_refuses_a_cover_sheet_without_patient_or_type(tmp_path):
    assert main(["coversheet", "-o", str(tmp_path / "x.pdf")]) == 2
