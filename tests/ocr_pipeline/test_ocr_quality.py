"""OCR quality on page images made from known Vietnamese text: CER against the source.

Goals from the issue: clean 300-dpi scans ≤ 0.2 %, degraded scans (150 dpi, skew, uneven light,
specks, JPEG) ≤ 1 %, where raw ``tesseract -l vie`` on the same images does worse.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from ocr_pipeline.api import extract_document
from ocr_pipeline.model import ExtractionOptions
from ocr_pipeline.preprocess import clean_page, estimate_skew
from tests.material.born_digital import degrade, page_images, vietnamese_pdf
from tests.material.cer import cer
from tests.material.prose import TITLE, pages_of_prose

PAGES = pages_of_prose(2)
SKEWS = (3.0, -2.5)


def _reference(index: int) -> str:
    return " ".join(([TITLE] if index == 0 else []) + PAGES[index])


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("scans")
    made = []
    for index, image in enumerate(page_images(vietnamese_pdf(PAGES))):
        clean = folder / f"clean_300dpi_page{index + 1}.png"
        image.save(clean, dpi=(300, 300))
        poor = folder / f"degraded_150dpi_skew_specks_jpeg_page{index + 1}.jpg"
        degrade(image, seed=index, angle=SKEWS[index]).save(poor, quality=95, dpi=(150, 150))
        made.append((clean, poor))
    return made


def _raw_tesseract(path: Path) -> str:
    done = subprocess.run(["tesseract", str(path), "-", "-l", "vie"], capture_output=True,
                          text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=True)
    return done.stdout


def test_skew_is_measured(scans: list[tuple[Path, Path]]) -> None:
    for (clean, _), skew in zip(scans, SKEWS, strict=True):
        rotated = Image.open(clean).rotate(skew, expand=True, fillcolor=255)
        assert estimate_skew(rotated) == pytest.approx(-skew, abs=0.25)
        assert abs(estimate_skew(Image.open(clean))) < 0.2


def test_cleaning_makes_a_binary_upscaled_page(scans: list[tuple[Path, Path]]) -> None:
    _, poor = scans[0]
    with Image.open(poor) as image:
        cleaned = clean_page(image, 150)
        assert cleaned.width >= image.width * 1.9
    assert set(cleaned.getdata()) <= {0, 255}


@pytest.mark.slow
def test_clean_scans_cer_at_most_0_2_percent(scans: list[tuple[Path, Path]]) -> None:
    for index, (clean, _) in enumerate(scans):
        (page,) = extract_document(clean, ExtractionOptions()).pages
        assert page.method == "ocr"
        assert page.confidence > 90
        assert cer(_reference(index), page.text) <= 0.002


@pytest.mark.slow
def test_degraded_scans_cer_at_most_1_percent_and_better_than_raw(
    scans: list[tuple[Path, Path]],
) -> None:
    for index, (_, poor) in enumerate(scans):
        (page,) = extract_document(poor, ExtractionOptions()).pages
        ours = cer(_reference(index), page.text)
        raw = cer(_reference(index), _raw_tesseract(poor))
        assert ours <= 0.01, (ours, raw)
        assert ours < raw


@pytest.mark.slow
def test_scanned_pdf_pages_get_ocr(tmp_path: Path, scans: list[tuple[Path, Path]]) -> None:
    """A PDF made of page images has no text layer: every page goes to OCR, in order."""
    images = [Image.open(clean).convert("L") for clean, _ in scans]
    path = tmp_path / "scanned_two_pages_no_text_layer.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=300.0)
    result = extract_document(path, ExtractionOptions(workers=2))
    assert [p.number for p in result.pages] == [1, 2]
    assert [p.method for p in result.pages] == ["ocr", "ocr"]
    assert all("text_layer_empty" in p.warnings for p in result.pages)
    for index, page in enumerate(result.pages):
        assert cer(_reference(index), page.text) <= 0.002
