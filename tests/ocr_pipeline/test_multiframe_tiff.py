"""A multi-page TIFF (how many archives keep scans): every frame is a page, every limit per frame.

Frames are short one-line scans of different heights, so the whole file is read in seconds.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr_pipeline.api import extract_document
from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import ExtractionOptions
from ocr_pipeline.render import count_frames, image_frames
from tests.material.born_digital import DEJAVU_SERIF

LINES = ("Trang thứ nhất của bản quét", "Trang thứ hai có dấu hỏi ngã",
         "Trang thứ ba là trang cuối")


def _line_frame(text: str, height: int) -> Image.Image:
    image = Image.new("L", (2400, height), 255)
    font = ImageFont.truetype(str(DEJAVU_SERIF), 60)
    ImageDraw.Draw(image).text((100, 100), text, font=font, fill=0)
    return image


@pytest.fixture(scope="module")
def three_page_tiff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bilevel frames compressed with CCITT Group 4, as archives keep scans; heights 300, 350,
    400 px."""
    first, *others = [_line_frame(text, 300 + 50 * index).convert("1")
                      for index, text in enumerate(LINES)]
    path = tmp_path_factory.mktemp("tiff") / "tiff_three_frames_group4.tif"
    first.save(path, save_all=True, append_images=others, compression="group4", dpi=(300, 300))
    return path


def _tiff_with_many_frames(count: int) -> bytes:
    """A little-endian TIFF of ``count`` 1×1 grey frames sharing one byte of pixel data."""
    entries = 8
    directory_size = 2 + entries * 12 + 4
    pixel_at = 8 + count * directory_size
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for index in range(count):
        following = 8 + (index + 1) * directory_size if index + 1 < count else 0
        out += struct.pack("<H", entries)
        for tag, kind, value in ((256, 3, 1), (257, 3, 1), (258, 3, 8), (259, 3, 1),
                                 (262, 3, 1), (273, 4, pixel_at), (278, 3, 1), (279, 4, 1)):
            packed = struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
            out += struct.pack("<HHI", tag, kind, 1) + packed
        out += struct.pack("<I", following)
    return bytes(out + b"\x80")


def test_every_frame_is_a_page_in_order(three_page_tiff: Path) -> None:
    result = extract_document(three_page_tiff, ExtractionOptions(workers=2))
    assert result.kind == "tiff"
    assert [page.number for page in result.pages] == [1, 2, 3]
    assert [page.method for page in result.pages] == ["ocr"] * 3
    assert [page.text for page in result.pages] == list(LINES)
    assert result.status == "complete"


def test_only_the_frames_asked_for_are_decoded(three_page_tiff: Path) -> None:
    pages = list(image_frames(three_page_tiff, 10**8, 10, wanted={2}))
    assert [(number, page.image.size, page.image.mode) for number, page in pages] == [
        (2, (2400, 350), "L")]
    assert pages[0][1].dpi == pytest.approx(300)


def test_frames_count_against_the_page_limit(three_page_tiff: Path) -> None:
    assert count_frames(three_page_tiff, 10**8, 3) == 3
    with pytest.raises(ExtractionError) as caught:
        extract_document(three_page_tiff, ExtractionOptions(max_pages=2))
    assert (caught.value.code, caught.value.permanent) == ("too_many_pages", True)


def test_pixel_limit_applies_to_each_frame(three_page_tiff: Path) -> None:
    """The first frame fits, the second (2400×350) does not: the file is refused."""
    with pytest.raises(ExtractionError) as caught:
        extract_document(three_page_tiff, ExtractionOptions(max_pixels=2400 * 320))
    assert (caught.value.code, caught.value.detail) == ("image_too_large", "2400x350")


def test_tiff_with_60000_frames_is_refused_at_the_limit_not_after_reading_all(
    tmp_path: Path,
) -> None:
    """Asking Pillow for the frame count first walks every directory: 30 s for this file."""
    path = tmp_path / "tiff_60000_frames.tif"
    path.write_bytes(_tiff_with_many_frames(60_000))
    started = time.monotonic()
    with pytest.raises(ExtractionError) as caught:
        extract_document(path, ExtractionOptions(max_pages=2000, workers=1))
    assert (caught.value.code, caught.value.permanent) == ("too_many_pages", True)
    assert time.monotonic() - started < 5
