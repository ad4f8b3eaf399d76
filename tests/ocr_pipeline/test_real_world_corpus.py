"""The real-world PDFs of ../shared/corpus/pdf through the whole pipeline.

Born-digital files keep their text layer, the two scans get OCR, broken and encrypted files are
classified.  Only the scans run Tesseract (marked slow).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr_pipeline.api import extract_document
from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import ExtractionOptions
from tests.material.cer import cer

TEXT_ONLY = ExtractionOptions(ocr=False)


@pytest.mark.parametrize(
    ("name", "pages", "needle"),
    [("book_geotopo_de_117p.pdf", 117, "Geometrie und Topologie"),
     ("sci_hindawi_rehab2010_2col_ligatures_ccby.pdf", 6, "staff"),
     ("sci_bmc_trauma2010_2col_ccby.pdf", 4, "thrombosis"),
     ("sci_peerj_vespa2017_ccby4.pdf", 16, "VESPA"),
     ("gov_federal-register-2020-17221_3col.pdf", 15, "FEDERAL REGISTER"),
     ("tiny_simple1_hello.pdf", 1, "Hello World"),
     ("broken_zen_of_python_corrupted.pdf", 1, "Beautiful is better than ugly"),
     ("cjk_japanese_miyazawa_jo.pdf", 1, "宇宙塵")],
)
def test_born_digital_keeps_its_text_layer(corpus: Path, name: str, pages: int,
                                           needle: str) -> None:
    result = extract_document(corpus / name, TEXT_ONLY)
    assert len(result.pages) == pages
    assert needle in result.text
    assert sum(p.method == "text_layer" for p in result.pages) >= pages - 1
    assert "\ufb00" not in result.text  # ligatures expanded by normalisation


@pytest.mark.parametrize("name", ["scan_gutenberg_huckfinn_p22.pdf", "scan_linn_brochure_2col.pdf"])
def test_scans_are_sent_to_ocr(corpus: Path, name: str) -> None:
    (page,) = extract_document(corpus / name, TEXT_ONLY).pages
    assert page.method == "failed"
    assert page.warnings == ("text_layer_empty",)


def test_broken_file_is_malformed(corpus: Path) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_document(corpus / "broken_invalid_header_eof_only.pdf", TEXT_ONLY)
    assert (caught.value.code, caught.value.permanent) == ("malformed", True)


@pytest.mark.slow
def test_scans_are_read_by_ocr(corpus: Path) -> None:
    options = ExtractionOptions(lang="eng")
    (huck,) = extract_document(corpus / "scan_gutenberg_huckfinn_p22.pdf", options).pages
    assert huck.method == "ocr"
    assert "kitchen" in huck.text and "Jim" in huck.text
    (linn,) = extract_document(corpus / "scan_linn_brochure_2col.pdf", options).pages
    truth = (corpus / "scan_linn_brochure_2col.groundtruth.txt").read_text(encoding="utf-8")
    assert linn.method == "ocr"
    # The ground truth is itself approximate (OCR-derived), so the bound is loose.
    assert cer(truth, linn.text) < 0.15
