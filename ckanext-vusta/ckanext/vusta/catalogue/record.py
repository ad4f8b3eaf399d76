"""One record as the citation formats see it, built from a package dict (as package_show gives
it) by a pure function, so every export is computed from the same facts."""

from __future__ import annotations

__all__ = ["CitationRecord", "Creator", "citation_record"]

import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from ckanext.vusta.catalogue.names import PersonName, split_name


@dataclass(frozen=True)
class Creator:
    name: PersonName
    orcid: str
    affiliation: str


@dataclass(frozen=True)
class CitationRecord:
    name: str
    record_type: str  # publication | research-dataset | project | dataset
    publication_type: str
    title: str
    title_en: str
    abstract: str
    creators: tuple[Creator, ...]
    year: str
    issued: str
    doi: str
    journal_title: str
    issn: str
    isbn: str
    volume: str
    issue: str
    pages: str
    publisher: str
    language: str
    keywords: tuple[str, ...]
    license_title: str
    license_url: str
    access: str
    url: str
    organization: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def _list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value] if value else []
    return list(value) if isinstance(value, list | tuple) else []


def _creators(pkg: dict[str, Any]) -> tuple[Creator, ...]:
    rows = _list(pkg.get("authors")) or _list(pkg.get("creators"))
    found = [Creator(split_name(_text(row.get("name"))), _text(row.get("orcid")),
                     _text(row.get("affiliation")))
             for row in rows if isinstance(row, dict) and _text(row.get("name"))]
    if not found and pkg.get("principal_investigator"):
        found = [Creator(split_name(_text(pkg["principal_investigator"])), "", "")]
    if not found and pkg.get("author"):
        found = [Creator(split_name(part), "", "")
                 for part in _text(pkg["author"]).split(";") if part.strip()]
    return tuple(found)


def citation_record(pkg: dict[str, Any], url: str) -> CitationRecord:
    organization = pkg.get("organization") or {}
    year = _text(pkg.get("year") or pkg.get("start_year"))
    issued = _text(pkg.get("issued"))
    if not year and issued[:4].isdigit():
        year = issued[:4]
    return CitationRecord(
        name=_text(pkg.get("name")),
        record_type=_text(pkg.get("type")) or "dataset",
        publication_type=_text(pkg.get("publication_type")),
        title=_text(pkg.get("title")),
        title_en=_text(pkg.get("title_en")),
        abstract=_text(pkg.get("notes")),
        creators=_creators(pkg),
        year=year,
        issued=issued[:10],
        doi=_text(pkg.get("doi")),
        journal_title=_text(pkg.get("journal_title")),
        issn=_text(pkg.get("issn")),
        isbn=_text(pkg.get("isbn")),
        volume=_text(pkg.get("volume")),
        issue=_text(pkg.get("issue")),
        pages=_text(pkg.get("pages")),
        publisher=_text(pkg.get("publisher")) or _text(organization.get("title")),
        language=_text(pkg.get("language")),
        keywords=tuple(_text(tag.get("display_name") or tag.get("name"))
                       for tag in pkg.get("tags") or [] if isinstance(tag, dict)),
        license_title=_text(pkg.get("license_title")),
        license_url=_text(pkg.get("license_url")),
        access=_text(pkg.get("access")) or "open",
        url=url,
        organization=_text(organization.get("title")),
    )
