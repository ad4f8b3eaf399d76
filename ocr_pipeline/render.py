"""Pages as pixels: render PDF pages with pdfium, open image files with Pillow, bombs refused.

Every image is checked against ``max_pixels`` before its pixels are decoded, and Pillow's
decompression-bomb warning is turned into an error, so a PNG that declares 20000×20000 pixels
costs a header read, not 400 MB.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageSequence

from ocr_pipeline.errors import ExtractionError

__all__ = ["RenderedPage", "count_frames", "image_frames", "render_pdf_page"]

POINTS_PER_INCH = 72.0


class RenderedPage:
    """A page image plus the resolution it represents and any warnings from getting it."""

    __slots__ = ("dpi", "image", "warnings")

    def __init__(self, image: Image.Image, dpi: float, warnings: tuple[str, ...] = ()) -> None:
        self.image = image
        self.dpi = dpi
        self.warnings = warnings


def _scan_dpi(page: pdfium.PdfPage) -> float | None:
    """Native resolution of a page that is one big image (a scan), else ``None``."""
    width_pt, height_pt = page.get_size()
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1):
        left, bottom, right, top = item.get_bounds()
        if (right - left) * (top - bottom) < 0.5 * width_pt * height_pt:
            continue
        if isinstance(item, pdfium.PdfImage):
            pixels_wide, _ = item.get_px_size()
            inches_wide = (float(right) - float(left)) / POINTS_PER_INCH
            return float(pixels_wide) / inches_wide
    return None


def render_pdf_page(
    document: pdfium.PdfDocument, index: int, dpi: int, max_pixels: int
) -> RenderedPage:
    """Render page ``index`` in grey at ``dpi``, lowered if the page would exceed ``max_pixels``.

    A scan below ``dpi`` is rendered at its own resolution instead: rendering would only
    interpolate, and preprocessing must know the page is low-resolution to upscale it properly
    and remove the dust such scans carry.
    """
    page = document[index]
    try:
        width_pt, height_pt = page.get_size()
        native = _scan_dpi(page)
        target = min(float(dpi), native) if native and native >= 72 else float(dpi)
        scale = target / POINTS_PER_INCH
        notes: tuple[str, ...] = ()
        pixels = width_pt * height_pt * scale * scale
        if pixels > max_pixels:
            scale *= (max_pixels / pixels) ** 0.5
            notes = ("page_rendered_below_target_dpi",)
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            image = bitmap.to_pil().convert("L")
        finally:
            bitmap.close()
    finally:
        page.close()
    return RenderedPage(image, scale * POINTS_PER_INCH, notes)


def _frame_dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and float(dpi[0]) > 1:
        return float(dpi[0])
    # No resolution recorded: assume an A4-ish page fills the image.
    return max(image.size) / 11.69


def count_frames(path: Path, max_pixels: int, max_pages: int) -> int:
    """Frames in an image file, each checked against ``max_pixels`` from its header only."""
    return sum(1 for _ in _frames(path, max_pixels, max_pages, decode=False))


def image_frames(path: Path, max_pixels: int, max_pages: int) -> Iterator[RenderedPage]:
    """Frames of a PNG/JPEG/TIFF as grey pages; bombs and truncated data are classified."""
    for page in _frames(path, max_pixels, max_pages, decode=True):
        if page is not None:
            yield page


def _frames(
    path: Path, max_pixels: int, max_pages: int, *, decode: bool
) -> Iterator[RenderedPage | None]:
    Image.MAX_IMAGE_PIXELS = max_pixels  # process-local: this runs in the sandboxed child
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                count = getattr(image, "n_frames", 1)
                if count > max_pages:
                    raise ExtractionError("too_many_pages", f"{count} frames > {max_pages}")
                for frame in ImageSequence.Iterator(image):
                    width, height = frame.size
                    if width * height > max_pixels:
                        raise ExtractionError("image_too_large", f"{width}x{height}")
                    yield RenderedPage(frame.convert("L"), _frame_dpi(frame)) if decode else None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ExtractionError("image_too_large", str(error)) from error
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            # Pillow reports truncated or corrupt data as OSError/SyntaxError/EOFError.
            raise ExtractionError("malformed", f"{type(error).__name__}: {error}") from error
