"""Content sniffing by magic bytes: trust what a response *is*, not what it claims.

Repositories behind single sign-on answer a PDF or OAI URL with an HTML login page and status
200; a Content-Type header is often wrong. These checks look at the first bytes.
"""

from __future__ import annotations

from harvesters.errors import HarvestError

__all__ = ["is_html", "is_json", "is_pdf", "is_xml", "require_kind", "sniff_kind"]

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _head(body: bytes, size: int = 1024) -> bytes:
    head = body[:size]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    return head.lstrip()


def is_pdf(body: bytes) -> bool:
    """PDF files start with ``%PDF-`` (readers tolerate up to 1 KiB of junk before it)."""
    return b"%PDF-" in body[:1024]


def is_html(body: bytes) -> bool:
    head = _head(body).lower()
    if head.startswith(b"<?xml"):
        # XHTML declares itself XML; an <html> root still makes it a web page.
        head = head[head.find(b"?>") + 2 :].lstrip()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or (
        head.startswith(b"<!--") and b"<html" in head
    )


def is_xml(body: bytes) -> bool:
    """XML document, not HTML: starts with a declaration, comment, PI or element."""
    if body[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with BOM
        return True
    head = _head(body)
    return head.startswith(b"<") and not is_html(body)


def is_json(body: bytes) -> bool:
    return _head(body)[:1] in (b"{", b"[")


def sniff_kind(body: bytes) -> str:
    """One of ``pdf``, ``html``, ``xml``, ``json``, ``empty`` or ``unknown``."""
    if not body.strip():
        return "empty"
    if is_pdf(body):
        return "pdf"
    if is_html(body):
        return "html"
    if is_xml(body):
        return "xml"
    if is_json(body):
        return "json"
    return "unknown"


def require_kind(body: bytes, expected: str, url: str) -> None:
    """Raise ``unexpected_content`` unless the body really is ``expected``."""
    actual = sniff_kind(body)
    if actual != expected:
        raise HarvestError("unexpected_content", url=url, expected=expected, actual=actual)
