"""End to end through the sandboxed workers: born-digital and legacy-font PDFs, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ocr_pipeline.api import extract_document, file_sha256
from ocr_pipeline.model import ExtractionOptions
from ocr_pipeline.vietnamese import LegacyEncoding, encode_legacy
from tests.material.born_digital import vietnamese_pdf
from tests.material.cer import cer
from tests.material.prose import TITLE, pages_of_prose
from tests.material.rawpdf import legacy_font_pdf

REPO = Path(__file__).resolve().parents[2]
NO_OCR = ExtractionOptions(ocr=False)


def test_born_digital_pdf_has_zero_cer(born_digital_pdf: Path,
                                       prose_pages: list[list[str]]) -> None:
    result = extract_document(born_digital_pdf, NO_OCR)
    assert result.sha256 == file_sha256(born_digital_pdf)
    assert result.status == "complete"
    assert [p.number for p in result.pages] == [1, 2, 3]
    assert {p.method for p in result.pages} == {"text_layer"}
    for page, paragraphs in zip(result.pages, prose_pages, strict=True):
        reference = " ".join(([TITLE] if page.number == 1 else []) + paragraphs)
        assert cer(reference, page.text) == 0.0


@pytest.mark.parametrize(("enc", "font"), [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_legacy_font_pdf_is_converted_exactly(
    tmp_path: Path, enc: LegacyEncoding, font: str
) -> None:
    # TCVN3 fonts have no toned capitals: a .VnTime document is lower case where it is toned.
    pages = [[line.lower() if enc == "tcvn3" else line for line in page]
             for page in pages_of_prose(2, per_page=2)]
    lines = [[encode_legacy(paragraph, enc)] for paragraph in (p[0] for p in pages)]
    path = tmp_path / f"legacy_{enc}_font_text_layer.pdf"
    path.write_bytes(legacy_font_pdf(lines, font))
    result = extract_document(path, NO_OCR)
    assert [p.method for p in result.pages] == ["converted", "converted"]
    assert all(f"legacy_encoding_{enc}" in p.warnings for p in result.pages)
    for page, source in zip(result.pages, pages, strict=True):
        assert page.text == source[0]


def test_legacy_text_without_font_hint_is_found_by_statistics(tmp_path: Path) -> None:
    paragraph = pages_of_prose(1)[0][2].lower()
    path = tmp_path / "legacy_tcvn3_plain_font_name.pdf"
    path.write_bytes(legacy_font_pdf([[encode_legacy(paragraph, "tcvn3")]], "Times-Roman"))
    (page,) = extract_document(path, NO_OCR).pages
    assert page.method == "converted"
    assert page.text == paragraph


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ocr_pipeline", "extract", *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120, check=False)


def test_cli_json(born_digital_pdf: Path) -> None:
    done = _cli(str(born_digital_pdf), "--json", "--no-ocr")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert set(payload) >= {"sha256", "pages", "warnings"}
    assert payload["sha256"] == file_sha256(born_digital_pdf)
    assert set(payload["pages"][0]) >= {"number", "text", "method", "confidence"}
    assert payload["pages"][0]["text"].startswith(TITLE.split()[0])


def test_cli_plain_text(born_digital_pdf: Path) -> None:
    done = _cli(str(born_digital_pdf), "--no-ocr")
    assert done.returncode == 0
    assert done.stdout.count("\f") == 2
    assert TITLE.split()[1] in done.stdout


def test_cli_unusable_input_one_line_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "html_login_page_served_as_pdf.pdf"
    path.write_bytes(b"<html><body>Please log in</body></html>")
    done = _cli(str(path), "--english")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "unsupported" in done.stderr and "Unsupported file type" in done.stderr


def test_vietnamese_pdf_made_by_material_is_not_empty() -> None:
    assert vietnamese_pdf([["Xin chào"]]).startswith(b"%PDF-")
