"""Clean a page image before OCR: the difference between Tesseract reading a poor scan or not.

Steps, in order: remove salt-and-pepper noise from low-resolution scans, flatten uneven lighting
by dividing by an estimated background, find the skew from a projection profile, straighten and
upscale to ~300 dpi, binarise with Otsu's threshold, and drop isolated specks of dust.  Pillow and
NumPy only.

Cost matters as much as the result: preprocessing runs once per page on the same cores as
Tesseract, so each step is written to be cheap where it is needed and skipped where a quick test
says it cannot help.  Noise and dust removal are for low-resolution scans only; the lighting
step only divides when the paper is unevenly lit; the 3×3 median is a NumPy sorting network
(exactly Pillow's ``MedianFilter(3)``, several times faster); skew is measured by projecting the
ink pixels' coordinates instead of rotating an image per candidate angle; a low-resolution page
is rotated before it is enlarged (a quarter of the pixels to turn); the result is a 1-bit image
(an eighth of the memory of grey).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageChops, ImageFilter, ImageOps

__all__ = [
    "TARGET_DPI",
    "clean_page",
    "estimate_skew",
    "median_3x3",
    "otsu_threshold",
    "remove_specks",
]

TARGET_DPI = 300.0
_UPSCALE_BELOW_DPI = 250.0
_MAX_SKEW_DEGREES = 6.0
_MIN_SKEW_DEGREES = 0.2
# Paper whose darkest estimated point is this close to its lightest is evenly lit: dividing by it
# would scale all pixels nearly alike, which Otsu's threshold does not notice.
_EVEN_LIGHTING = 0.92
_U8 = NDArray[np.uint8]


def _lighting_table() -> _U8:
    """``table[paper, pixel]``: the pixel divided by its paper level, as 0–255."""
    paper = np.maximum(np.arange(256, dtype=np.float32), 1.0)[:, None]
    pixel = np.arange(256, dtype=np.float32)[None, :]
    table = np.clip(pixel * (255.0 / paper), 0, 255).astype(np.uint8)
    table.setflags(write=False)
    return table


_LIGHTING = _lighting_table()  # a read-only constant of 64 KiB, built once at import


def _flatten_background(image: Image.Image, dpi: float) -> Image.Image:
    """Divide by a smooth estimate of the paper so shading and grey paper become white.

    The estimate is made on a copy reduced to about 37 dpi (a maximum filter over ~5 mm, then a
    blur), so its cost does not grow with the resolution.
    """
    step = max(1, round(8 * dpi / TARGET_DPI))
    small = image.reduce(step) if min(image.size) >= step * 8 else image
    paper = _max_filter(small, 7).filter(ImageFilter.GaussianBlur(6))
    levels = np.asarray(paper, dtype=np.uint8)  # small: about 37 dpi
    if int(levels.min()) >= _EVEN_LIGHTING * int(levels.max()):
        return image
    background = np.asarray(paper.resize(image.size, Image.Resampling.BILINEAR), dtype=np.uint8)
    pixels = np.asarray(image, dtype=np.uint8)
    return Image.fromarray(_LIGHTING[background, pixels], mode="L")


def _max_filter(image: Image.Image, size: int) -> Image.Image:
    """Pillow's ``MaxFilter(size)`` (edges replicated) as two 1-D running maxima: ``2 × size``
    array operations instead of ``size²`` comparisons per pixel."""
    reach = size // 2
    padded = np.pad(np.asarray(image, dtype=np.uint8), reach, mode="edge")
    height, width = image.height, image.width
    across = padded[:, :width].copy()
    for shift in range(1, size):
        np.maximum(across, padded[:, shift:shift + width], out=across)
    result = across[:height].copy()
    for shift in range(1, size):
        np.maximum(result, across[shift:shift + height], out=result)
    return Image.fromarray(result, mode="L")


def median_3x3(image: Image.Image) -> Image.Image:
    """The 3×3 median of a grey image, edges replicated: Pillow's ``MedianFilter(3)``, faster.

    Each pixel's 3×3 window is three columns of three; with every vertical triple sorted, the
    median of the nine is the median of (largest of the column minima, median of the column
    medians, smallest of the column maxima).  All of it is element-wise minimum and maximum.
    """
    padded = np.pad(np.asarray(image, dtype=np.uint8), 1, mode="edge")
    top, middle, bottom = padded[:-2], padded[1:-1], padded[2:]
    low, high = np.minimum(top, middle), np.maximum(top, middle)
    middle, high = np.minimum(high, bottom), np.maximum(high, bottom)
    low, middle = np.minimum(low, middle), np.maximum(low, middle)
    lows = np.maximum(np.maximum(low[:, :-2], low[:, 1:-1]), low[:, 2:])
    highs = np.minimum(np.minimum(high[:, :-2], high[:, 1:-1]), high[:, 2:])
    medians = _median_of_three(middle[:, :-2], middle[:, 1:-1], middle[:, 2:])
    return Image.fromarray(_median_of_three(lows, medians, highs), mode="L")


def _median_of_three(a: _U8, b: _U8, c: _U8) -> _U8:
    return np.maximum(np.minimum(a, b), np.minimum(np.maximum(a, b), c))


def _otsu_from_histogram(histogram: Sequence[int] | NDArray[np.int64]) -> int:
    counts = np.asarray(histogram[:256], dtype=np.float64)
    total = counts.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight_dark = np.cumsum(counts)
    mass_dark = np.cumsum(counts * levels)
    weight_light = total - weight_dark
    mean_dark = mass_dark / np.maximum(weight_dark, 1e-9)
    mean_light = (mass_dark[-1] - mass_dark) / np.maximum(weight_light, 1e-9)
    between = weight_dark * weight_light * (mean_dark - mean_light) ** 2
    return int(np.argmax(between))


def otsu_threshold(pixels: _U8) -> int:
    """The lightest grey level that is still ink.

    Otsu (1979): the split of the histogram into levels ``<= t`` (ink) and ``> t`` (paper)
    with the largest between-class variance.  On a bilevel page every split between its two
    levels ties and the first, 0, wins: ink must therefore be ``<= t``, not ``< t``.
    """
    return _otsu_from_histogram(np.bincount(pixels.ravel(), minlength=256))


def estimate_skew(image: Image.Image) -> float:
    """Angle in degrees to rotate ``image`` by (counter-clockwise) to make text lines level.

    The angle whose row profile of ink is sharpest (text lines and the gaps between them are
    crisp only when level), searched at 0.5° and then 0.1° steps.  The profile for an angle is a
    histogram of the ink pixels' rotated row coordinates, on a copy reduced four times.
    """
    small = image.reduce(4) if min(image.size) >= 400 else image
    pixels = np.asarray(small, dtype=np.uint8)
    rows, columns = np.nonzero(pixels <= otsu_threshold(pixels))
    if rows.size == 0:
        return 0.0
    y = (rows - small.height // 2).astype(np.float32)
    x = (columns - small.width // 2).astype(np.float32)

    def sharpness(angle: float) -> float:
        radians = math.radians(angle)
        turned = np.floor(y * math.cos(radians) - x * math.sin(radians)).astype(np.int64)
        profile = np.bincount(turned - turned.min()).astype(np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    coarse = np.arange(-_MAX_SKEW_DEGREES, _MAX_SKEW_DEGREES + 0.01, 0.5)
    best = max(coarse, key=lambda angle: sharpness(float(angle)))
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return float(max(fine, key=lambda angle: sharpness(float(angle))))


def _binarise(grey: Image.Image, mode: str) -> Image.Image:
    threshold = _otsu_from_histogram(grey.histogram())
    return grey.point([0 if level <= threshold else 255 for level in range(256)], mode)


def remove_specks(binary: Image.Image, radius: int = 12, density: float = 0.08) -> Image.Image:
    """Whiten ink pixels with little other ink around them: dust, not letters or diacritics.

    ``binary`` is a 0/255 grey image.  A letter's marks sit next to its strokes, so their
    neighbourhood (a box of ``radius`` px, about 1 mm at 300 dpi) is busy; a speck on bare paper
    is alone in its box.
    """
    # The ink share around each pixel is measured at half resolution (a quarter of the work;
    # the box is the same size on paper) and the verdict is shared by each 2×2 block.
    ink = ImageOps.invert(binary)
    halved = ink.reduce(2) if min(ink.size) >= 2 * radius else ink
    local_ink = halved.filter(ImageFilter.BoxBlur(max(1, radius * halved.width // ink.width)))
    limit = density * 255
    lonely = local_ink.point([255 if level < limit else 0 for level in range(256)])
    if lonely.size != binary.size:
        lonely = lonely.resize(binary.size, Image.Resampling.NEAREST)
    return ImageChops.lighter(binary, lonely)  # lonely pixels become paper, the rest stay


def clean_page(image: Image.Image, dpi: float) -> Image.Image:
    """A 1-bit, straightened, evenly lit page at about 300 dpi, ready for Tesseract."""
    grey = image.convert("L")
    low_resolution = dpi < _UPSCALE_BELOW_DPI
    if low_resolution:
        # Salt-and-pepper noise and JPEG ringing come with cheap low-resolution scans; on a
        # 300-dpi page the median gains nothing.
        grey = median_3x3(grey)
    grey = _flatten_background(grey, dpi)
    angle = estimate_skew(grey)
    if abs(angle) >= _MIN_SKEW_DEGREES:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if not low_resolution:
        return _binarise(grey, "1")
    factor = TARGET_DPI / max(dpi, 50.0)
    size = (round(grey.width * factor), round(grey.height * factor))
    binary = _binarise(grey.resize(size, Image.Resampling.BICUBIC), "L")
    # Only on upscaled low-resolution scans: there dust is common and the enlarged marks stay
    # attached to their letters; on crisp 300-dpi pages thin hooks would be lost.
    return remove_specks(binary).convert("1", dither=Image.Dither.NONE)
