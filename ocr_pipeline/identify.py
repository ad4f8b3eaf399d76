"""Identify a file by its first bytes, never by its name or declared MIME type.

A "PDF" from a harvest may be an HTML login page or a ZIP; those get a clear "unsupported".
"""

from __future__ import annotations

from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import FileKind

__all__ = ["HEAD_BYTES", "identify"]

HEAD_BYTES = 1024

_SIGNATURES: tuple[tuple[bytes, FileKind], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_KNOWN_IMPOSTORS: tuple[tuple[bytes, str], ...] = (
    (b"pk\x03\x04", "ZIP archive"),  # compared lower-cased
    (b"<!doctype html", "HTML page"),
    (b"<html", "HTML page"),
    (b"<?xml", "XML document"),
    (b"{", "JSON document"),
)


def identify(head: bytes) -> FileKind:
    """Kind of file whose first bytes are ``head`` (give it at least ``HEAD_BYTES``).

    PDF readers accept the ``%PDF-`` header anywhere in the first kilobyte, so do we; any other
    content raises ``ExtractionError("unsupported")`` naming what it looks like when we can tell.
    """
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    lowered = head.lstrip().lower()
    # Impostors first: a ZIP may well hold "%PDF-" in its first kilobyte.
    for magic, name in _KNOWN_IMPOSTORS:
        if lowered.startswith(magic):
            raise ExtractionError("unsupported", f"looks like a {name}")
    if b"%PDF-" in head[:HEAD_BYTES]:
        return "pdf"
    raise ExtractionError("unsupported", "unknown file signature")
