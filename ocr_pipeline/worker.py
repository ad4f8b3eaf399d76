"""The sandboxed child: parses hostile files under kernel limits and streams page results.

Started by :mod:`ocr_pipeline.sandbox` as ``python -m ocr_pipeline.worker MEMORY_BYTES`` and kept
alive across documents, because starting Python and importing pdfium, Pillow and NumPy costs
more than reading most documents.  It sets RLIMIT_AS once at start, then reads one JSON job per
line on stdin and answers each with JSON lines on the original stdout, the last one ``done`` or
``error``.  CPU time is budgeted per document: when a job names a new ``epoch`` the RLIMIT_CPU
soft limit is moved to the CPU already used plus ``cpu_seconds``, so a document that spins is
killed by SIGXCPU however long the child has lived.  OCR jobs share one Tesseract engine per
child, loaded on the first of them (:mod:`ocr_pipeline.tesseract_library`), so its models are
read once per child rather than once per page.  After an error the child exits, so a file
that upset a parser never shares a process with the next one.  Native libraries' stray output
is sent to stderr so it cannot corrupt the protocol.  Whatever happens here, only this process
dies.
"""

from __future__ import annotations

import json
import math
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import ExtractionOptions, PageResult

if TYPE_CHECKING:
    from ocr_pipeline.render import RenderedPage
    from ocr_pipeline.tesseract import OcrEngine
    from ocr_pipeline.tesseract_library import OcrEngines

__all__ = ["main"]

_FLUSH_EVERY_S = 0.05


def _apply_memory_limit(memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _cpu_used_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _budget_cpu(seconds: int) -> None:
    """Allow ``seconds`` more CPU from now (the hard limit is left as inherited)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(_cpu_used_s()) + seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _peak_rss_kb() -> int:
    """Peak resident memory of this child and of the Tesseract processes it ran.

    ``VmHWM`` rather than ``ru_maxrss`` for the child itself: Linux carries the spawning
    parent's peak into ``ru_maxrss`` across ``exec``, so a big parent would make every child
    look worn out.
    """
    own = 0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                own = int(line.split()[1])
                break
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


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
            failed = PageResult(index + 1, "", "failed", 0.0, ("page_unreadable",))
            yield _page_event(failed, needs_ocr=False)
            continue
        result, assessment = text_layer_page(
            index + 1, raw, fonts.get(index, ()), options.min_text_chars
        )
        if index in suspicious and font_warning:
            result = replace(result, warnings=result.warnings + font_warning)
        yield _page_event(result, needs_ocr=assessment.action == "ocr")


def _image_meta_job(path: Path, options: ExtractionOptions) -> Iterator[dict[str, Any]]:
    from ocr_pipeline.render import count_frames

    yield {"type": "meta", "page_count": count_frames(path, options.max_pixels, options.max_pages)}


class _ChildState:
    """What a child keeps from one job to the next: its OCR engine, made on the first OCR job
    (a child that only reads text layers never loads Pillow or Tesseract)."""

    def __init__(self) -> None:
        self.engines: OcrEngines | None = None

    def ocr_engine(self, options: ExtractionOptions) -> OcrEngine:
        from ocr_pipeline.tesseract_library import OcrEngines

        if self.engines is None:
            self.engines = OcrEngines()
        return self.engines.get(options.lang, options.page_timeout_s, options.tesseract_cmd)


def _ocr_job(
    path: Path, kind: str, numbers: list[int], options: ExtractionOptions, state: _ChildState
) -> Iterator[dict[str, Any]]:
    from ocr_pipeline.pages import ocr_page
    from ocr_pipeline.render import image_frames, render_pdf_page
    from ocr_pipeline.text_layer import open_pdf

    engine = state.ocr_engine(options)
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
                yield _page_event(page)
        finally:
            document.close()
        return
    frames = image_frames(path, options.max_pixels, options.max_pages, wanted)
    for number, frame in frames:
        yield _page_event(one(number, partial(_same, frame)))


def _same(page: RenderedPage) -> RenderedPage:
    return page


def _events(job: dict[str, Any], options: ExtractionOptions,
            state: _ChildState) -> Iterator[dict[str, Any]]:
    path = Path(job["path"])
    if job["mode"] == "text" and job["kind"] == "pdf":
        return _text_job(path, options)
    if job["mode"] == "text":
        return _image_meta_job(path, options)
    return _ocr_job(path, job["kind"], job["pages"], options, state)


def _page_event(page: PageResult, **extra: bool) -> dict[str, Any]:
    return {"type": "page", "number": page.number, "text": page.text, "method": page.method,
            "confidence": page.confidence, "warnings": list(page.warnings), **extra}


class _EventWriter:
    """JSON lines to the parent, flushed at the end of a job and otherwise at most every
    ``_FLUSH_EVERY_S``: text-layer pages (a millisecond each) travel in batches instead of one
    pipe write and one parent wake-up per page, while a page that took long (OCR) is flushed as
    soon as it is done, so the parent's stall watch sees the child is alive."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.flushed_at = time.monotonic()

    def write(self, event: dict[str, Any], *, last: bool = False) -> None:
        self.out.write(json.dumps(event, ensure_ascii=False) + "\n")
        now = time.monotonic()
        if last or now - self.flushed_at >= _FLUSH_EVERY_S:
            self.out.flush()
            self.flushed_at = now


def _run_one(job: dict[str, Any], protocol: _EventWriter, state: _ChildState) -> bool:
    """Run one job, streaming its events; ``False`` when it failed and the child must end."""
    options = ExtractionOptions(**job["options"])
    try:
        for event in _events(job, options, state):
            protocol.write(event)
    except ExtractionError as error:
        protocol.write({"type": "error", "code": error.code, "detail": error.detail}, last=True)
        return False
    except MemoryError:
        protocol.write({"type": "error", "code": "too_large", "detail": "memory limit"},
                       last=True)
        return False
    except RecursionError:
        protocol.write({"type": "error", "code": "malformed", "detail": "nesting too deep"},
                       last=True)
        return False
    protocol.write({"type": "done", "peak_rss_kb": _peak_rss_kb()}, last=True)
    return True


def serve(jobs: BinaryIO, protocol: _EventWriter) -> int:
    """Answer jobs until stdin closes (status 0) or one fails (status 2)."""
    epoch: object = None
    state = _ChildState()
    for line in iter(jobs.readline, b""):
        if not line.strip():
            continue
        job = json.loads(line)
        if job.get("epoch") != epoch:
            epoch = job.get("epoch")
            _budget_cpu(int(job["options"]["cpu_seconds"]))
        if not _run_one(job, protocol, state):
            return 2
    return 0


def main() -> int:
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray native output goes to stderr
    _apply_memory_limit(int(sys.argv[1]))
    status = serve(sys.stdin.buffer, _EventWriter(protocol))
    protocol.flush()
    sys.stderr.flush()
    # Nothing is left to clean up, and a normal interpreter exit (unloading pdfium, NumPy and
    # Pillow) would keep the parent's close() waiting for tens of milliseconds per child.
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
