"""Page cleaning steps on small made images: each fast path gives what the plain method gives."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from ocr_pipeline.preprocess import (
    _max_filter,
    clean_page,
    median_3x3,
    otsu_threshold,
    remove_specks,
)


def test_median_network_equals_pillows_median_filter() -> None:
    rng = np.random.default_rng(7)
    for shape in ((1, 1), (2, 5), (37, 53)):
        image = Image.fromarray(rng.integers(0, 256, shape, dtype=np.uint8), mode="L")
        expected = np.asarray(image.filter(ImageFilter.MedianFilter(3)))
        assert np.array_equal(np.asarray(median_3x3(image)), expected), shape


def test_separable_max_filter_equals_pillows() -> None:
    rng = np.random.default_rng(8)
    for shape in ((1, 1), (3, 9), (41, 29)):
        image = Image.fromarray(rng.integers(0, 256, shape, dtype=np.uint8), mode="L")
        expected = np.asarray(image.filter(ImageFilter.MaxFilter(7)))
        assert np.array_equal(np.asarray(_max_filter(image, 7)), expected), shape


def _text_page(ink: int = 20) -> Image.Image:
    image = Image.new("L", (900, 1200), 255)
    draw = ImageDraw.Draw(image)
    for row in range(10):
        draw.rectangle((100, 100 + row * 90, 800, 130 + row * 90), fill=ink)
    return image


def test_bilevel_page_keeps_its_ink() -> None:
    """Every split between two grey levels ties in Otsu's method; the ink must stay ink."""
    page = _text_page()
    assert otsu_threshold(np.asarray(page)) < 255
    cleaned = clean_page(page, 300)
    assert cleaned.mode == "1"
    ink = np.asarray(cleaned.convert("L")) == 0
    assert abs(ink.mean() - (np.asarray(page) == 20).mean()) < 0.001


def test_unevenly_lit_page_loses_its_shadow_not_its_text() -> None:
    """Grey ink (110) on the lit side is lighter than the paper (~100) on the dark side: no
    single threshold separates them until the lighting is flattened."""
    page = np.asarray(_text_page(ink=110), dtype=np.float32)
    shade = np.linspace(1.0, 0.4, page.shape[1], dtype=np.float32)[None, :]
    dim = Image.fromarray((page * shade).astype(np.uint8), mode="L")
    ink = np.asarray(clean_page(dim, 300).convert("L")) == 0
    assert not ink[:90].any()  # the darkened paper above the first line stays paper
    assert ink[115, 150] and ink[115, 750]  # both ends of a line survive


def test_specks_go_letters_stay() -> None:
    binary = Image.new("L", (400, 400), 255)
    draw = ImageDraw.Draw(binary)
    draw.rectangle((50, 50, 250, 80), fill=0)  # a word
    draw.rectangle((60, 40, 62, 42), fill=0)  # its diacritic, close by
    draw.rectangle((330, 330, 332, 332), fill=0)  # dust on bare paper
    cleaned = np.asarray(remove_specks(binary))
    assert cleaned[331, 331] == 255
    assert cleaned[41, 61] == 0 and cleaned[60, 100] == 0
