"""The sandboxed child: parses one hostile file under kernel limits and streams page results.

Started by :mod:`ocr_pipeline.sandbox` as ``python -m ocr_pipeline.worker``; reads one JSON job
on stdin, sets RLIMIT_AS/RLIMIT_CPU on itself before touching the file, and writes one JSON
line per event to the original stdout.  Native libraries' stray output is sent to stderr so it
cannot corrupt the protocol.  Whatever happens here, only this process dies.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import ExtractionOptions, PageResult

if TYPE_CHECKING:
    from ocr_pipeline.render import RenderedPage

__all__ = ["main"]


def _apply_limits(options: ExtractionOptions) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (options.memory_bytes, options.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (options.cpu_seconds, options.cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _text_job(path: Path, options: ExtractionOptions) -> Iterator[dict[str, Any]]:
    from ocr_pipeline.pages import text_layer_page
    from ocr_pipeline.text_layer import font_names_by_page, might_be_legacy, open_pdf, page_texts

    document = open_pdf(path, options.max_pages)
    try:
        yield {"type": "meta", "page_count": len(document)}
        raw_pages = list(page_texts(document))
    finally:
        document.close()
    if all(raw is None for raw in raw_pages):
        raise ExtractionError("malformed", "no page can be loaded")
    suspicious = {i for i, raw in enumerate(raw_pages) if raw and might_be_legacy(raw)}
    fonts: dict[int, tuple[str, ...]] = {}
    font_warning: tuple[str, ...] = ()
    try:
        fonts = font_names_by_page(path, suspicious)
    except Exception as error:  # noqa: BLE001 - pdfminer may fail on files pdfium reads; go on
        font_warning = (f"font_names_unavailable:{type(error).__name__}",)
    for index, raw in enumerate(raw_pages):
        if raw is None:
            yield {"type": "page", "needs_ocr": False, **asdict(
                PageResult(index + 1, "", "failed", 0.0, ("page_unreadable",)))}
            continue
        result, assessment = text_layer_page(
            index + 1, raw, fonts.get(index, ()), options.min_text_chars
        )
        page = asdict(result)
        page["warnings"] = list(result.warnings + (font_warning if index in suspicious else ()))
        yield {"type": "page", "needs_ocr": assessment.action == "ocr", **page}


def _image_meta_job(path: Path, options: ExtractionOptions) -> Iterator[dict[str, Any]]:
    from ocr_pipeline.render import count_frames

    yield {"type": "meta", "page_count": count_frames(path, options.max_pixels, options.max_pages)}


def _ocr_job(
    path: Path, kind: str, numbers: list[int], options: ExtractionOptions
) -> Iterator[dict[str, Any]]:
    from ocr_pipeline.pages import ocr_page
    from ocr_pipeline.render import image_frames, render_pdf_page
    from ocr_pipeline.tesseract import TesseractEngine
    from ocr_pipeline.text_layer import open_pdf

    engine = TesseractEngine(options.lang, options.page_timeout_s, options.tesseract_cmd)
    wanted = set(numbers)

    def one(number: int, render: Callable[[], RenderedPage]) -> PageResult:
        try:
            return ocr_page(number, render(), engine)
        except ExtractionError as error:
            if error.code != "timeout":
                raise
            return PageResult(number, "", "failed", 0.0, ("ocr_timeout",))

    if kind == "pdf":
        document = open_pdf(path, options.max_pages)
        try:
            for number in numbers:
                page = one(number, partial(
                    render_pdf_page, document, number - 1, options.dpi, options.max_pixels))
                yield {"type": "page", **asdict(page)}
        finally:
            document.close()
        return
    for number, frame in enumerate(image_frames(path, options.max_pixels, options.max_pages), 1):
        if number in wanted:
            yield {"type": "page", **asdict(one(number, partial(_same, frame)))}


def _same(page: RenderedPage) -> RenderedPage:
    return page


def _emit(out: TextIO, event: dict[str, Any]) -> None:
    out.write(json.dumps(event, ensure_ascii=False) + "\n")
    out.flush()


def main() -> int:
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray native output goes to stderr
    job = json.loads(sys.stdin.read())
    options = ExtractionOptions(**job["options"])
    _apply_limits(options)
    path = Path(job["path"])
    try:
        if job["mode"] == "text" and job["kind"] == "pdf":
            events = _text_job(path, options)
        elif job["mode"] == "text":
            events = _image_meta_job(path, options)
        else:
            events = _ocr_job(path, job["kind"], job["pages"], options)
        for event in events:
            _emit(protocol, event)
    except ExtractionError as error:
        _emit(protocol, {"type": "error", "code": error.code, "detail": error.detail})
        return 2
    except MemoryError:
        _emit(protocol, {"type": "error", "code": "too_large", "detail": "memory limit"})
        return 2
    except RecursionError:
        _emit(protocol, {"type": "error", "code": "malformed", "detail": "nesting too deep"})
        return 2
    _emit(protocol, {"type": "done"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
