"""Renders a demo publication's page texts into a born-digital PDF with a Vietnamese font."""

from __future__ import annotations

__all__ = ["render_pdf"]

from collections.abc import Sequence

from fpdf import FPDF


def render_pdf(title: str, pages: Sequence[str], font_path: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.add_font("body", fname=font_path)
    pdf.set_font("body", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())
