"""Born-digital Vietnamese PDFs and their page images, clean and degraded, from known text.

Needs the Debian package ``fonts-dejavu-core`` (DejaVu Serif covers every Vietnamese letter).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
from fpdf import FPDF
from PIL import Image, ImageFilter

from tests.material.prose import TITLE

__all__ = ["DEJAVU_SERIF", "degrade", "page_images", "vietnamese_pdf"]

DEJAVU_SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def vietnamese_pdf(pages: list[list[str]], *, title: str = TITLE) -> bytes:
    """A born-digital PDF: the title on page 1, then each page's paragraphs (one page each)."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=False)
    pdf.add_font("DejaVuSerif", "", str(DEJAVU_SERIF))
    pdf.set_title(title)
    for number, paragraphs in enumerate(pages):
        pdf.add_page()
        if number == 0:
            pdf.set_font("DejaVuSerif", size=14)
            pdf.multi_cell(0, 8, title)
            pdf.ln(4)
        pdf.set_font("DejaVuSerif", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(3)
    return bytes(pdf.output())


def page_images(pdf_bytes: bytes, dpi: int = 300) -> list[Image.Image]:
    """Each page rendered in grey at ``dpi``: a perfect 'scan'."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        return [
            document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for i in range(len(document))
        ]
    finally:
        document.close()


def degrade(clean_300dpi: Image.Image, seed: int, *, angle: float = 3.0) -> Image.Image:
    """A poor office scan of a clean 300-dpi page: 150 dpi, skewed, unevenly lit, specks, JPEG.

    Returns an image at 150 dpi (half the pixels each way) with ``dpi`` recorded as 150.
    """
    rng = random.Random(seed)
    image = clean_300dpi.rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
    )
    image = image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    pixels = np.asarray(image, dtype=np.float32)
    height, width = pixels.shape
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    # Light falls off from one corner: paper goes from white to mid grey, ink lightens too.
    shade = 1.0 - 0.45 * ((xx / width) * 0.7 + (yy / height) * 0.3)
    pixels = 255 - (255 - pixels) * (0.75 + 0.25 * shade)
    pixels = pixels * shade + (1 - shade) * 40
    noise = np.random.default_rng(seed).normal(0, 6, pixels.shape)
    pixels = pixels + noise
    for _ in range(400):  # dust specks of one to three pixels
        x, y, size = rng.randrange(width - 3), rng.randrange(height - 3), rng.randint(1, 3)
        pixels[y:y + size, x:x + size] = rng.randint(0, 80)
    result = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    buffer = io.BytesIO()
    result.save(buffer, format="JPEG", quality=45)
    buffer.seek(0)
    degraded = Image.open(buffer)
    degraded.load()
    degraded.info["dpi"] = (150, 150)
    return degraded
