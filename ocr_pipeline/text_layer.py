"""Read a PDF's text layer page by page: pypdfium2 for speed, pdfminer.six for font names.

pdfium gives the text (about 20× faster than pdfminer.six); pdfminer.six is consulted only for
pages whose text might be legacy-font mojibake, because there the font names (``.VnTime``,
``VNI-Times``) decide.  Runs inside the sandboxed child: a hostile PDF is parsed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium

from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.legacy_encoding import is_unicode_vietnamese

__all__ = ["font_names_by_page", "might_be_legacy", "open_pdf", "page_texts"]

# High Latin-1 letters: legacy-font mojibake lives there (TCVN3 and VNI both use 0xA1–0xFF).
_HIGH_LATIN1 = re.compile("[\u00a1-\u00ff]")
_LETTERS = re.compile(r"[^\W\d_]")


def open_pdf(path: Path, max_pages: int) -> pdfium.PdfDocument:
    """Open ``path`` with pdfium, classifying failures; refuse documents over ``max_pages``."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message or "security" in message:
            raise ExtractionError("encrypted", str(error)) from error
        raise ExtractionError("malformed", str(error)) from error
    pages = len(document)
    if pages > max_pages:
        document.close()
        raise ExtractionError("too_many_pages", f"{pages} pages > {max_pages}")
    if pages == 0:
        document.close()
        raise ExtractionError("malformed", "no pages")
    return document


def _page_text(document: pdfium.PdfDocument, index: int) -> str | None:
    try:
        page = document[index]
    except pdfium.PdfiumError:
        return None  # a page pdfium cannot load (broken or looping page tree)
    try:
        textpage = page.get_textpage()
        try:
            text = str(textpage.get_text_range())
        finally:
            textpage.close()
    finally:
        page.close()
    # pdfium marks a hyphen it saw at a line end with U+FFFE; make it an ordinary hyphen so
    # de-hyphenation can join the word.
    return text.replace("\r\n", "\n").replace("\ufffe", "-")


def page_texts(document: pdfium.PdfDocument) -> Iterator[str | None]:
    """Raw text of each page in order, ``None`` for a page that cannot be loaded."""
    for index in range(len(document)):
        yield _page_text(document, index)


def might_be_legacy(text: str) -> bool:
    """Cheap pre-filter: enough high Latin-1 letters that font names are worth reading.

    Legacy Vietnamese puts a fifth or more of its letters there; German or French prose
    (``Größe``, ``été``) a few per cent, so those pages skip the slower pdfminer.six pass.
    """
    high = len(_HIGH_LATIN1.findall(text))
    if high < 3:
        return False
    # Real Vietnamese letters settle it without font names (detect_legacy_encoding agrees); the
    # test is quick on Vietnamese pages, whose accented Latin-1 letters sit right at the bar.
    if is_unicode_vietnamese(text):
        return False
    # Counting letters is slow; when even every non-space character being a letter would keep
    # the share above the bar, the count cannot change the answer.
    most_letters = len(text) - text.count(" ") - text.count("\n")
    return high >= 0.08 * most_letters or high >= 0.08 * len(_LETTERS.findall(text))


def font_names_by_page(path: Path, wanted: set[int]) -> dict[int, tuple[str, ...]]:
    """BaseFont names used by the 0-based pages in ``wanted`` (pdfminer.six, no layout)."""
    found: dict[int, tuple[str, ...]] = {}
    if not wanted:
        return found  # before the imports: loading pdfminer.six costs a fresh child ~80 ms
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    with path.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        for index, page in enumerate(PDFPage.create_pages(document)):
            if index > max(wanted):
                break
            if index not in wanted:
                continue
            fonts = resolve1((page.resources or {}).get("Font")) or {}
            names: list[str] = []
            for ref in fonts.values() if isinstance(fonts, dict) else ():
                base = resolve1(resolve1(ref).get("BaseFont")) if resolve1(ref) else None
                if isinstance(base, PSLiteral):
                    names.append(str(base.name))
                elif isinstance(base, bytes):
                    names.append(base.decode("latin-1"))
            found[index] = tuple(names)
    return found
