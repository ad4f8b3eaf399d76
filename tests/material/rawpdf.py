"""A tiny hand-rolled PDF writer for files no layout library will produce on purpose:
legacy-font text layers, bombs, broken xrefs, reference loops and 20,000-page documents."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

__all__ = ["assemble", "legacy_font_pdf", "stream"]


def stream(data: bytes, extra: str = "", *, compress: bool = True) -> bytes:
    body = zlib.compress(data, 9) if compress else data
    filt = " /Filter /FlateDecode" if compress else ""
    return f"<< /Length {len(body)}{filt} {extra}>>\nstream\n".encode() + body + b"\nendstream"


def assemble(objects: Sequence[bytes], root: int = 1, *, trailer_extra: str = "") -> bytes:
    """Objects numbered from 1 in order, with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R {trailer_extra}>>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _escape(raw: bytes) -> bytes:
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def legacy_font_pdf(pages: Sequence[Sequence[str]], font_name: str) -> bytes:
    """Pages of lines written as cp1252 bytes with a font named ``font_name`` (e.g. ``.VnTime``).

    This is how a TCVN3/VNI document looks to a text extractor: a simple font with WinAnsi
    encoding, so the text layer reads back as Western mojibake.  The font is not embedded.
    """
    page_count = len(pages)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # page tree, filled below
        (f"<< /Type /Font /Subtype /Type1 /BaseFont /{font_name} "
         f"/Encoding /WinAnsiEncoding >>").encode(),
    ]
    kids = []
    for lines in pages:
        content = bytearray(b"BT /F1 11 Tf 14 TL 56 790 Td\n")
        for line in lines:
            content += b"(" + _escape(line.encode("cp1252")) + b") Tj T*\n"
        content += b"ET"
        objects.append(stream(bytes(content)))
        content_number = len(objects)
        objects.append(
            (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
             f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_number} 0 R >>").encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Count {page_count} /Kids [{' '.join(kids)}] >>".encode()
    return assemble(objects)
