"""Hostile and broken files, generated cheaply: bombs, broken structure, loops, impostors.

Each function returns bytes; tests write them to a temporary directory under a name that says
what they test (``pdf_bomb_small_file_huge_stream.pdf``).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from tests.material.rawpdf import assemble, stream

__all__ = [
    "html_pretending_to_be_pdf", "pdf_bomb", "pdf_broken_xref", "pdf_form_xobject_loop",
    "pdf_many_pages", "pdf_missing_root", "pdf_page_tree_loop", "png_huge_dimensions",
    "truncated", "zip_pretending_to_be_pdf",
]

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _simple_pages(content_number: int) -> bytes:
    return (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            f"<< /Font << /F1 3 0 R >> >> /Contents {content_number} 0 R >>").encode()


def pdf_bomb(decompressed_mb: int) -> bytes:
    """One page whose content stream inflates to ``decompressed_mb`` MB (file stays ~1 KB/MB)."""
    # After a full flush deflate starts afresh, so every further megabyte of spaces compresses to
    # the same bytes: compress one, repeat it, and close the stream with the right checksum.
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(decompressed_mb):
        checksum = zlib.adler32(chunk, checksum)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    body = first + again * (decompressed_mb - 1) + final + struct.pack(">I", checksum)
    content = f"<< /Length {len(body)} /Filter /FlateDecode >>\nstream\n".encode()
    content += body + b"\nendstream"
    return assemble([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>", _FONT, _simple_pages(5),
                     content])


def _hello(text: str = "Hello broken world") -> list[bytes]:
    return [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
            _FONT, _simple_pages(5),
            stream(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())]


def pdf_broken_xref() -> bytes:
    """Objects intact but every xref offset and startxref wrong: readers must rebuild or refuse."""
    good = assemble(_hello("Recovered despite a broken xref table"))
    head, _, _ = good.rpartition(b"xref\n")
    return head + (b"xref\n0 6\n0000000000 65535 f \n" + b"0000099999 00000 n \n" * 5
                   + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n123456\n%%EOF\n")


def pdf_missing_root() -> bytes:
    """A trailer pointing at a catalog that does not exist."""
    return assemble(_hello()[1:], root=42)


def pdf_many_pages(count: int) -> bytes:
    """``count`` pages sharing one content stream (20,000 pages in ~1.5 MB)."""
    first_page = 5
    kids = " ".join(f"{first_page + i} 0 R" for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Count {count} /Kids [{kids}] >>".encode(), _FONT,
               stream(b"BT /F1 12 Tf 72 720 Td (page) Tj ET")]
    objects += [_simple_pages(4)] * count
    return assemble(objects)


def pdf_page_tree_loop() -> bytes:
    """A page tree whose Kids include the tree itself: a naive walker never stops."""
    return assemble([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Count 2 /Kids [2 0 R 4 0 R] >>", _FONT,
                     _simple_pages(5), stream(b"BT /F1 12 Tf 72 720 Td (loop) Tj ET")])


def pdf_form_xobject_loop() -> bytes:
    """A form XObject that draws itself: infinite recursion when rendering or extracting."""
    form = stream(b"/X1 Do", "/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                  "/Resources << /XObject << /X1 6 0 R >> >> ")
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            b"<< /XObject << /X1 6 0 R >> /Font << /F1 3 0 R >> >> /Contents 5 0 R >>")
    return assemble([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>", _FONT, page,
                     stream(b"/X1 Do"), form])


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_huge_dimensions(width: int = 20000, height: int = 20000) -> bytes:
    """A tiny PNG whose header declares ``width``×``height`` grey pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + _png_chunk(b"IEND", b""))


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: int(len(data) * keep)]


def pdf_header_only() -> bytes:
    """A PDF header, one line of text and an end marker: no objects, no xref, no trailer."""
    return b"%PDF-1.3\nThis is not a valid PDF file\n%%EOF\n"


def html_pretending_to_be_pdf() -> bytes:
    return (b"<!DOCTYPE html>\n<html><head><title>Login</title></head>"
            b"<body><form>Password</form></body></html>\n")


def zip_pretending_to_be_pdf() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("document.pdf", b"%PDF-1.4 not really")
    return buffer.getvalue()
