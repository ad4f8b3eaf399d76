"""The one entry point callers need: ``extract_document(path, options) -> DocumentResult``.

Order of work: identify by magic bytes and hash in this process (cheap, no parsing); read the
text layer in one sandboxed child; OCR the pages that need it in one child per core, pages
interleaved so a dense stretch does not land on one worker; then assemble, enforce the character
cap, and return frozen results.  Any child failure surfaces as a classified ``ExtractionError``.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.identify import HEAD_BYTES, identify
from ocr_pipeline.model import DocumentResult, ExtractionOptions, FileKind, PageResult
from ocr_pipeline.sandbox import WorkerJob, run_jobs

__all__ = ["extract_document", "file_sha256"]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _page(event: dict[str, Any]) -> PageResult:
    return PageResult(int(event["number"]), str(event["text"]), event["method"],
                      float(event["confidence"]), tuple(event.get("warnings", ())))


def _ocr_jobs(path: Path, kind: FileKind, numbers: list[int], workers: int) -> list[WorkerJob]:
    shares = [tuple(numbers[i::workers]) for i in range(max(1, workers))]
    return [WorkerJob(path, kind, "ocr", share) for share in shares if share]


def _cap_characters(pages: list[PageResult], max_chars: int) -> tuple[list[PageResult], bool]:
    kept: list[PageResult] = []
    remaining = max_chars
    for page in pages:
        if len(page.text) > remaining:
            kept.append(PageResult(page.number, page.text[:remaining], page.method,
                                   page.confidence, (*page.warnings, "text_truncated")))
            remaining = 0
            continue
        remaining -= len(page.text)
        kept.append(page)
    return kept, remaining == 0 and sum(len(p.text) for p in pages) > max_chars


def extract_document(path: Path, options: ExtractionOptions | None = None) -> DocumentResult:
    """Text of every page of ``path``; raises ``ExtractionError`` with a classified code."""
    options = options or ExtractionOptions()
    deadline = time.monotonic() + options.document_timeout_s
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        raise ExtractionError("malformed", f"cannot read file: {error}") from error
    kind = identify(head)
    sha256 = file_sha256(path)
    pages: dict[int, PageResult] = {}
    to_ocr: list[int] = []
    if kind == "pdf":
        (events,) = run_jobs([WorkerJob(path, kind, "text")], options, deadline)
        for event in events:
            if event.get("type") == "page":
                pages[int(event["number"])] = _page(event)
                if event.get("needs_ocr"):
                    to_ocr.append(int(event["number"]))
    else:
        (events,) = run_jobs([WorkerJob(path, kind, "text")], options, deadline)
        count = next(int(e["page_count"]) for e in events if e.get("type") == "meta")
        to_ocr = list(range(1, count + 1))
    warnings: list[str] = []
    if to_ocr and options.ocr:
        jobs = _ocr_jobs(path, kind, to_ocr, min(options.workers, len(to_ocr)))
        for events in run_jobs(jobs, options, deadline):
            for event in events:
                if event.get("type") == "page":
                    number = int(event["number"])
                    earlier = pages[number].warnings if number in pages else ()
                    page = _page(event)
                    pages[number] = PageResult(page.number, page.text, page.method,
                                               page.confidence, earlier + page.warnings)
    elif to_ocr:
        warnings.append("ocr_disabled")
        for number in to_ocr:
            page = pages.get(number, PageResult(number, "", "failed", 0.0))
            pages[number] = PageResult(number, page.text, "failed", 0.0, page.warnings)
    ordered, truncated = _cap_characters([pages[n] for n in sorted(pages)], options.max_chars)
    if truncated:
        warnings.append("text_truncated")
    return DocumentResult(sha256, kind, tuple(ordered), tuple(warnings))
