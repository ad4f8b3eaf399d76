"""Scanned PDF pages reach OCR as scanned: decoded when the page is only its image, drawn
by the renderer whenever anything else (rotation, overlays, margins) changes what is seen."""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw

from ocr_pipeline.render import _plain_scan, render_pdf_page

WIDTH_PX, HEIGHT_PX, SCAN_DPI = 600, 800, 300
WIDTH_PT, HEIGHT_PT = WIDTH_PX * 72 / SCAN_DPI, HEIGHT_PX * 72 / SCAN_DPI


@pytest.fixture(scope="module")
def scan() -> Image.Image:
    image = Image.new("L", (WIDTH_PX, HEIGHT_PX), 255)
    draw = ImageDraw.Draw(image)
    draw.text((50, 50), "Trang quet", fill=0)
    draw.rectangle((100, 300, 400, 310), fill=90)
    return image


def _scanned_pdf(scan: Image.Image, *, overlay: str = "", margin_pt: float = 0.0) -> bytes:
    """One page holding ``scan`` (losslessly, Flate), at 300 dpi unless shrunk by a margin."""
    pdf = FPDF(unit="pt", format=(WIDTH_PT, HEIGHT_PT))
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.image(scan, x=margin_pt, y=margin_pt, w=WIDTH_PT - 2 * margin_pt,
              h=HEIGHT_PT - 2 * margin_pt)
    if overlay:
        pdf.set_font("helvetica", size=14)
        pdf.text(20, 120, overlay)
    return bytes(pdf.output())


def _rotated(pdf_bytes: bytes, degrees: int) -> bytes:
    document = pdfium.PdfDocument(pdf_bytes)
    document[0].set_rotation(degrees)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _is_plain(pdf_bytes: bytes) -> bool:
    document = pdfium.PdfDocument(pdf_bytes)
    return _plain_scan(document[0], max_pixels=10**8) is not None


def test_plain_scan_page_gives_the_scanned_pixels(scan: Image.Image) -> None:
    pdf_bytes = _scanned_pdf(scan)
    assert _is_plain(pdf_bytes)
    page = render_pdf_page(pdfium.PdfDocument(pdf_bytes), 0, 300, 10**8)
    assert page.dpi == pytest.approx(SCAN_DPI)
    assert np.array_equal(np.asarray(page.image), np.asarray(scan))


def test_rotated_page_is_rendered_turned(scan: Image.Image) -> None:
    pdf_bytes = _rotated(_scanned_pdf(scan), 90)
    assert not _is_plain(pdf_bytes)
    page = render_pdf_page(pdfium.PdfDocument(pdf_bytes), 0, 300, 10**8)
    assert page.image.size == (HEIGHT_PX, WIDTH_PX)


def test_text_drawn_over_the_scan_is_kept(scan: Image.Image) -> None:
    pdf_bytes = _scanned_pdf(scan, overlay="overlay")
    assert not _is_plain(pdf_bytes)
    page = render_pdf_page(pdfium.PdfDocument(pdf_bytes), 0, 300, 10**8)
    assert page.image.size == scan.size
    ink_added = np.asarray(page.image) < np.asarray(scan)
    rows = np.nonzero(ink_added.any(axis=1))[0]
    baseline_px = 120 * SCAN_DPI / 72  # fpdf places the text's baseline at y = 120 pt
    assert rows.size and baseline_px - 60 < rows.min() and rows.max() < baseline_px + 15


def test_scan_not_filling_the_page_is_rendered_with_its_margins(scan: Image.Image) -> None:
    pdf_bytes = _scanned_pdf(scan, margin_pt=10)
    assert not _is_plain(pdf_bytes)
    page = render_pdf_page(pdfium.PdfDocument(pdf_bytes), 0, 300, 10**8)
    assert page.image.size == scan.size  # the page, not the smaller image


def test_scan_finer_than_the_target_is_rendered_down(scan: Image.Image) -> None:
    page = render_pdf_page(pdfium.PdfDocument(_scanned_pdf(scan)), 0, 150, 10**8)
    assert page.dpi == pytest.approx(150)
    assert page.image.size == (WIDTH_PX // 2, HEIGHT_PX // 2)
