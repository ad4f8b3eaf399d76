"""The two ways to run Tesseract agree, and the in-process one keeps the page time limit.

The worker uses Tesseract's library, loaded once per child, when the command is the plain
``tesseract``; a configured command runs as a program per page.  Both must read a page the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr_pipeline.api import extract_document
from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import ExtractionOptions
from ocr_pipeline.tesseract import TesseractEngine
from ocr_pipeline.tesseract_library import OcrEngines, TesseractLibrary
from tests.material.born_digital import DEJAVU_SERIF, page_images, vietnamese_pdf
from tests.material.prose import pages_of_prose

LINES = ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập, tự do, hạnh phúc",
         "Nghiên cứu biến đổi khí hậu ở đồng bằng sông Cửu Long")


@pytest.fixture(scope="module")
def short_page() -> Image.Image:
    """Three printed lines at 300 dpi: quick to read, with every kind of Vietnamese mark."""
    image = Image.new("L", (2400, 520), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(DEJAVU_SERIF), 60)
    for row, line in enumerate(LINES):
        draw.text((100, 60 + row * 140), line, font=font, fill=0)
    return image


@pytest.fixture(scope="module")
def library() -> Iterator[TesseractLibrary]:
    engine = TesseractLibrary.open("vie+eng", 60.0)
    if engine is None:
        pytest.skip("libtesseract.so.5 not installed")
    with engine:
        yield engine


def test_library_reads_the_page_as_the_program_does(library: TesseractLibrary,
                                                    short_page: Image.Image) -> None:
    ours = library.recognise(short_page, 300)
    program = TesseractEngine("vie+eng", 60.0).recognise(short_page, 300)
    assert ours == program
    assert [line for line in ours.text.split("\n") if line] == list(LINES)
    assert ours.confidence > 90


def test_one_library_serves_page_after_page(library: TesseractLibrary,
                                            short_page: Image.Image) -> None:
    first = library.recognise(short_page, 300)
    blank = library.recognise(Image.new("L", (1200, 800), 255), 300)
    again = library.recognise(short_page, 300)
    assert (blank.text, blank.confidence) == ("", 0.0)
    assert again == first  # nothing of one page leaks into the next


def test_engines_keep_one_library_until_the_settings_change() -> None:
    engines = OcrEngines()
    try:
        first = engines.get("vie+eng", 60.0, "tesseract")
        if not isinstance(first, TesseractLibrary):
            pytest.skip("libtesseract.so.5 not installed")
        assert engines.get("vie+eng", 60.0, "tesseract") is first
        other = engines.get("eng", 60.0, "tesseract")
        assert isinstance(other, TesseractLibrary) and other is not first
        program = engines.get("eng", 60.0, "/usr/bin/tesseract")
        assert isinstance(program, TesseractEngine)  # a configured command is run as given
    finally:
        engines.close()


def test_unknown_language_is_ocr_unavailable() -> None:
    with pytest.raises(ExtractionError) as caught:
        TesseractLibrary.open("no_such_language", 10.0)
    assert caught.value.code == "ocr_unavailable"


def test_page_time_limit_holds_in_the_library(tmp_path: Path) -> None:
    """A dense page with 50 ms allowed: that page fails as timed out, the document completes."""
    scan = tmp_path / "dense_page_300dpi.png"
    page_images(vietnamese_pdf(pages_of_prose(1)))[0].save(scan, dpi=(300, 300))
    result = extract_document(scan, ExtractionOptions(page_timeout_s=0.05, workers=1))
    (page,) = result.pages
    assert (page.method, page.text) == ("failed", "")
    assert "ocr_timeout" in page.warnings
    assert result.status == "partial"
