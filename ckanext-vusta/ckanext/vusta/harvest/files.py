"""Linked files of a harvested record: downloaded through the egress guard, capped, checked.

Only PDFs become resources (the full-text pipeline reads them). A link to a private address, a
"PDF" that is really an HTML login page, or a file over the size cap is refused with a readable
message; the record itself still imports.
"""

from __future__ import annotations

__all__ = ["FetchedFile", "fetch_files", "file_name"]

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ckanext.vusta.harvest.listing import guarded_session
from ckanext.vusta.harvest.source_config import SourceConfig
from harvesters.errors import HarvestError
from harvesters.records import FileLink, Record
from harvesters.sniff import require_kind

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class FetchedFile:
    url: str
    filename: str
    body: bytes
    sha256: str


def _is_pdf_link(link: FileLink) -> bool:
    path = urlsplit(link.url).path.lower()
    return link.is_pdf or link.mime == "application/pdf" or path.endswith(".pdf")


def file_name(url: str) -> str:
    name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or "toan-van"
    name = _UNSAFE.sub("-", name).strip("-.")[:100] or "toan-van"
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"


def fetch_files(record: Record, config: SourceConfig) -> tuple[list[FetchedFile],
                                                                list[HarvestError]]:
    """Download the record's PDFs; return what arrived and why the others did not."""
    links = [link for link in record.files if _is_pdf_link(link)]
    if not config.download_files or not links:
        return [], []
    fetched: list[FetchedFile] = []
    errors: list[HarvestError] = []
    with guarded_session(config, max_bytes=config.max_file_mb * 1024 * 1024) as session:
        for link in dict.fromkeys(links):
            try:
                result = session.fetch(link.url, accept="application/pdf")
                require_kind(result.body, "pdf", result.url)
            except HarvestError as error:
                errors.append(error)
                continue
            fetched.append(FetchedFile(link.url, file_name(link.url), result.body,
                                       hashlib.sha256(result.body).hexdigest()))
    return fetched, errors
