"""The frozen values that flow through the pipeline: options in, page and document results out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["DocumentResult", "ExtractionOptions", "FileKind", "Method", "PageResult"]

FileKind = Literal["pdf", "png", "jpeg", "tiff"]
Method = Literal["text_layer", "converted", "ocr", "failed"]


def _default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


@dataclass(frozen=True)
class ExtractionOptions:
    """Everything configurable about one extraction, limits included.

    The limits protect the worker from hostile files: a document over ``max_pages`` or an image
    over ``max_pixels`` is refused up front; ``memory_bytes`` and ``cpu_seconds`` are kernel
    limits (RLIMIT_AS, RLIMIT_CPU) on each child process; the wall-clock limits kill a child
    that hangs.  With ``tesseract_cmd`` left as ``"tesseract"`` the workers use Tesseract's
    library (models loaded once per worker); any other command is run as a program per page.
    """

    lang: str = "vie+eng"
    dpi: int = 300
    ocr: bool = True
    max_pages: int = 2000
    max_pixels: int = 80_000_000
    max_chars: int = 5_000_000
    page_timeout_s: float = 60.0
    document_timeout_s: float = 1800.0
    memory_bytes: int = 1536 * 1024 * 1024
    cpu_seconds: int = 3600
    workers: int = field(default_factory=_default_workers)
    min_text_chars: int = 25
    tesseract_cmd: str = "tesseract"


@dataclass(frozen=True)
class PageResult:
    """Text of one page, 1-based ``number``; ``confidence`` is 0–100 (100 for a text layer)."""

    number: int
    text: str
    method: Method
    confidence: float
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentResult:
    """All pages of one file, keyed by the file's sha256 so it is never extracted twice."""

    sha256: str
    kind: FileKind
    pages: tuple[PageResult, ...]
    warnings: tuple[str, ...] = ()

    @property
    def status(self) -> Literal["complete", "partial"]:
        """``partial`` when a page failed or text was cut at ``max_chars``."""
        failed = any(page.method == "failed" for page in self.pages)
        return "partial" if failed or "text_truncated" in self.warnings else "complete"

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages if page.text)
