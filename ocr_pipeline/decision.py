"""Decide, from a page's text layer alone, whether it can be used, converted, or needs OCR.

A pure function over strings so every rule can be tested with a literal: empty or thin pages,
glyphs the PDF never mapped to Unicode (U+FFFD, private use, pdfminer's ``(cid:N)``), symbol
soup from fonts without a ToUnicode map, and TCVN3/VNI or UTF-8-as-cp1252 mojibake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ocr_pipeline.vietnamese import (
    LegacyEncoding,
    convert_legacy,
    detect_legacy_encoding,
    repair_mojibake,
)

__all__ = ["Assessment", "apply_assessment", "assess_text_layer"]

Action = Literal["use", "convert", "repair", "ocr"]

_CID = re.compile(r"\(cid:\d+\)")
_UNMAPPED_LIMIT = 0.05
_LETTER_SHARE_MIN = 0.5
_CAPITALS_FONT = re.compile(r"\.vn\w*h$", re.IGNORECASE)


@dataclass(frozen=True)
class Assessment:
    """What to do with a page's text layer and why (the reasons become page warnings)."""

    action: Action
    reasons: tuple[str, ...] = ()
    encoding: LegacyEncoding | None = None
    capitals_font: bool = False


# Replacement characters, private-use code points, non-characters, stray controls.
_UNMAPPED = re.compile(
    "[\ufffd\ufffe\uffff\ue000-\uf8ff\U000f0000-\U0010ffff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
)
_NOT_ALNUM = re.compile(r"[\W_]+")


def assess_text_layer(
    text: str, font_names: Sequence[str] = (), *, min_chars: int = 25
) -> Assessment:
    """Classify one page's extracted text; ``font_names`` are the page's fonts, if known."""
    visible = "".join((_CID.sub("\ufffd", text) if "(cid:" in text else text).split())
    if len(visible) < min_chars:
        return Assessment("ocr", ("text_layer_empty" if not visible else "text_layer_thin",))
    unmapped = len(_UNMAPPED.findall(visible))
    if unmapped / len(visible) > _UNMAPPED_LIMIT:
        return Assessment("ocr", ("unmapped_glyphs",))
    letters = len(_NOT_ALNUM.sub("", visible))
    if letters / len(visible) < _LETTER_SHARE_MIN:
        return Assessment("ocr", ("symbol_soup",))
    encoding = detect_legacy_encoding(text, font_names)
    if encoding is not None:
        capitals = any(_CAPITALS_FONT.search(name) for name in font_names)
        return Assessment("convert", (f"legacy_encoding_{encoding}",), encoding, capitals)
    if repair_mojibake(text) != text:
        return Assessment("repair", ("utf8_read_as_cp1252",))
    reasons = ("unmapped_glyphs_dropped",) if unmapped else ()
    return Assessment("use", reasons)


def apply_assessment(text: str, assessment: Assessment) -> str:
    """The page text after the conversion the assessment asks for (unchanged for use/ocr)."""
    if assessment.action == "convert" and assessment.encoding is not None:
        return convert_legacy(text, assessment.encoding, capitals_font=assessment.capitals_font)
    if assessment.action == "repair":
        return repair_mojibake(text)
    return text
