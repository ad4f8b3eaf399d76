"""The entry points: ``extract_document(path, options)`` for one file, ``Extractor`` for many.

Order of work: identify by magic bytes and hash in this process (cheap, no parsing); read the
text layer in one sandboxed child; OCR the pages that need it on one child per core, a page at a
time to whichever child is free (an image file's frames in interleaved shares, since a frame
cannot be reached without decoding those before it); then assemble, enforce the character cap,
and return frozen results.  Any child failure surfaces as a classified ``ExtractionError``.

Children are reused across documents by an ``Extractor`` the caller keeps for a batch::

    with Extractor(options) as extractor:
        for path in paths:
            result = extractor.extract(path)

``extract_document`` is the same with a private extractor closed on return.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.identify import HEAD_BYTES, identify
from ocr_pipeline.model import DocumentResult, ExtractionOptions, FileKind, PageResult
from ocr_pipeline.pool import DEFAULT_JOBS_PER_CHILD, WorkerPool
from ocr_pipeline.sandbox import WorkerJob

__all__ = ["Extractor", "extract_document", "file_sha256"]


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
    if kind == "pdf":
        return [WorkerJob(path, kind, "ocr", (number,)) for number in numbers]
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


class Extractor:
    """Extracts documents one after another on worker children it keeps alive between them.

    Use as a context manager (or call ``close``); ``options`` apply to every document unless
    ``extract`` is given others.  One caller at a time: it is not thread-safe.
    """

    def __init__(self, options: ExtractionOptions | None = None, *,
                 jobs_per_child: int = DEFAULT_JOBS_PER_CHILD) -> None:
        self.options = options or ExtractionOptions()
        self.pool = WorkerPool(jobs_per_child=jobs_per_child)

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.pool.close()

    def extract(self, path: Path, options: ExtractionOptions | None = None) -> DocumentResult:
        """Text of every page of ``path``; raises ``ExtractionError`` with a classified code."""
        return _extract(self.pool, path, options or self.options)


def extract_document(path: Path, options: ExtractionOptions | None = None) -> DocumentResult:
    """Text of every page of ``path`` on children started for it alone."""
    with Extractor(options) as extractor:
        return extractor.extract(path)


def _extract(pool: WorkerPool, path: Path, options: ExtractionOptions) -> DocumentResult:
    deadline = time.monotonic() + options.document_timeout_s
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        raise ExtractionError("malformed", f"cannot read file: {error}") from error
    kind = identify(head)
    sha256 = file_sha256(path)
    epoch = pool.new_epoch()  # the document's pages share one CPU budget per child
    pages: dict[int, PageResult] = {}
    to_ocr: list[int] = []
    if kind == "pdf":
        (events,) = pool.run([WorkerJob(path, kind, "text")], options, deadline, epoch)
        for event in events:
            if event.get("type") == "page":
                pages[int(event["number"])] = _page(event)
                if event.get("needs_ocr"):
                    to_ocr.append(int(event["number"]))
    else:
        (events,) = pool.run([WorkerJob(path, kind, "text")], options, deadline, epoch)
        count = next(int(e["page_count"]) for e in events if e.get("type") == "meta")
        to_ocr = list(range(1, count + 1))
    warnings: list[str] = []
    if to_ocr and options.ocr:
        jobs = _ocr_jobs(path, kind, to_ocr, min(options.workers, len(to_ocr)))
        for events in pool.run(jobs, options, deadline, epoch):
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
