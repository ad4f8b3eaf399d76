"""Which resources have text worth extracting, and what identifies their current source.

Pure functions over resource dicts, so the decision is testable without CKAN.
"""

from __future__ import annotations

__all__ = ["is_extractable", "source_stamp"]

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

EXTRACTABLE_FORMATS = frozenset({"pdf", "png", "jpeg", "jpg", "tif", "tiff"})
EXTRACTABLE_MIMETYPES = frozenset({
    "application/pdf", "image/png", "image/jpeg", "image/tiff",
})
EXTRACTABLE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def is_extractable(resource: Mapping[str, Any]) -> bool:
    fmt = str(resource.get("format") or "").strip().lower().lstrip(".")
    mimetype = str(resource.get("mimetype") or "").strip().lower()
    path = urlparse(str(resource.get("url") or "")).path.lower()
    return (fmt in EXTRACTABLE_FORMATS or mimetype in EXTRACTABLE_MIMETYPES
            or path.endswith(EXTRACTABLE_SUFFIXES))


def source_stamp(resource: Mapping[str, Any]) -> str:
    """Changes whenever the file behind a resource may have changed (not on metadata edits)."""
    return "|".join(str(resource.get(key) or "") for key in
                    ("url", "url_type", "last_modified", "size"))
