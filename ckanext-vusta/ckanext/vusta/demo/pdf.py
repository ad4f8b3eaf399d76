"""Renders demo publications into PDFs with a Vietnamese font: born-digital (a text layer) and
scanned-looking (page images only, slightly skewed and specked, so the OCR path is shown).

Given a creation date, the bytes are the same on every run, so the demo source serves the very
files it served before (a re-harvest finds nothing changed)."""

from __future__ import annotations

__all__ = ["render_pdf", "render_scanned_pdf"]

import datetime
import io
import random
import textwrap
from collections.abc import Sequence

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

A4_300DPI = (2480, 3508)


def render_pdf(title: str, pages: Sequence[str], font_path: str,
               created: datetime.datetime | None = None) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_font("body", fname=font_path)
    pdf.set_font("body", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def _scan_page(text: str, font_path: str, seed: int) -> Image.Image:
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_path, 46)
    y = 260
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, 70) or [""]:
            draw.text((220, y), line, font=font, fill=20)
            y += 72
    rng = random.Random(seed)  # noqa: S311 (specks on a demo page, not security)
    for _ in range(400):  # dust and specks of an old photocopy
        x, y = rng.randrange(A4_300DPI[0]), rng.randrange(A4_300DPI[1])
        draw.point((x, y), fill=rng.randrange(60, 160))
    return page.rotate(0.8, fillcolor=255, resample=Image.Resampling.BICUBIC)


def render_scanned_pdf(pages: Sequence[str], font_path: str,
                       created: datetime.datetime | None = None) -> bytes:
    images = [_scan_page(text, font_path, seed) for seed, text in enumerate(pages)]
    out = io.BytesIO()
    dates = {} if created is None else {"creationDate": created.utctimetuple(),
                                        "modDate": created.utctimetuple()}
    images[0].save(out, "PDF", resolution=300, save_all=True, append_images=images[1:],
                   **dates)
    return out.getvalue()
