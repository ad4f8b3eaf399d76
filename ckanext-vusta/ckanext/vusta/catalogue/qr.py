"""Printable QR codes (PNG and SVG) for a record or collection address, via segno."""

from __future__ import annotations

__all__ = ["QR_FORMATS", "qr_code"]

import io

import segno

QR_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


def qr_code(url: str, kind: str) -> bytes:
    """Error correction M (survives a folded handout); scale fits a printed page."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    if kind == "png":
        code.save(out, kind="png", scale=8, border=4)
    elif kind == "svg":
        code.save(out, kind="svg", scale=8, border=4, xmldecl=True, svgns=True,
                  title=url)
    else:
        raise ValueError(kind)
    return out.getvalue()
