"""Per-page stages as plain functions: text-layer page → result or "needs OCR", OCR page → result.

These are the pieces the sandboxed worker strings together; they take values and return frozen
results, so they are tested without processes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ocr_pipeline.decision import Assessment, apply_assessment, assess_text_layer
from ocr_pipeline.model import Method, PageResult
from ocr_pipeline.vietnamese import join_hyphenated_lines, normalise_text

if TYPE_CHECKING:  # imaging libraries load only in OCR workers, keeping text workers quick
    from ocr_pipeline.render import RenderedPage
    from ocr_pipeline.tesseract import OcrEngine

__all__ = ["finish_text", "ocr_page", "text_layer_page"]


def finish_text(text: str) -> str:
    """Normalise extracted text: NFC, tone placement, controls, whitespace, de-hyphenation."""
    return join_hyphenated_lines(normalise_text(text))


def text_layer_page(
    number: int, raw: str, font_names: Sequence[str], min_chars: int
) -> tuple[PageResult, Assessment]:
    """The page's result from its text layer; ``assessment.action == "ocr"`` means replace it.

    Legacy conversion runs before normalisation on purpose: TCVN3 puts ``ư`` on the byte that
    Latin-1 calls a soft hyphen, which normalisation would delete.
    """
    assessment = assess_text_layer(raw, font_names, min_chars=min_chars)
    converted = apply_assessment(raw, assessment)
    method: Method = "text_layer"
    if assessment.action in ("convert", "repair"):
        method = "converted"
    elif assessment.action == "ocr":
        method = "failed"  # until OCR replaces it
    return (
        PageResult(number, finish_text(converted), method, 100.0, assessment.reasons),
        assessment,
    )


def ocr_page(number: int, rendered: RenderedPage, engine: OcrEngine,
             carried: tuple[str, ...] = ()) -> PageResult:
    """Clean the page image, OCR it, normalise the text."""
    from ocr_pipeline.preprocess import TARGET_DPI, clean_page

    cleaned = clean_page(rendered.image, rendered.dpi)
    output = engine.recognise(cleaned, int(TARGET_DPI))
    warnings = carried + rendered.warnings
    if output.confidence and output.confidence < 60:
        warnings += ("low_ocr_confidence",)
    return PageResult(number, finish_text(output.text), "ocr", output.confidence, warnings)
