"""A normalised harvest record -> the publication fields of the agreed metadata contract.

Pure functions (no CKAN), so the mapping, the dataset name and the duplicate keys can be tested
with a string. The CKAN side decides only where the fields go (schema fields or extras).
"""

from __future__ import annotations

__all__ = ["dataset_name", "match_keys", "publication_fields", "publication_type"]

import hashlib
import re
import unicodedata
from typing import Any

from harvesters.records import Record
from ocr_pipeline.vietnamese import fold_diacritics

_TYPES = {
    "article": "journal-article", "journal-article": "journal-article",
    "conference_paper": "conference-paper", "conference-paper": "conference-paper",
    "book": "book", "book_part": "book-chapter", "book-chapter": "book-chapter",
    "report": "report", "thesis": "thesis", "standard": "standard",
}
_LICENCES = (
    ("by-sa", "cc-by-sa"), ("by-nc", "cc-nc"), ("cc-by-sa", "cc-by-sa"),
    ("zero", "cc-zero"), ("cc0", "cc-zero"), ("/by/", "cc-by"), ("cc by", "cc-by"),
    ("cc-by", "cc-by"), ("odc-by", "odc-by"),
)
_TAG_BAD = re.compile(r"[^\w \-.]", re.UNICODE)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def publication_type(value: str) -> str:
    return _TYPES.get(value.strip().lower(), "other")


def _licence_id(value: str) -> str:
    text = value.lower()
    for needle, licence in _LICENCES:
        if needle in text:
            return licence
    return "other-open" if text else "notspecified"


def _tag(value: str) -> str:
    return " ".join(_TAG_BAD.sub(" ", value).split())[:100]


def _slug(text: str) -> str:
    folded = fold_diacritics(unicodedata.normalize("NFC", text)).lower().replace("đ", "d")
    return _NON_WORD.sub("-", folded).strip("-")


def dataset_name(record: Record) -> str:
    """Readable and stable: slug of the title plus a digest of (source, identifier)."""
    digest = hashlib.sha256(f"{record.source_id}\n{record.identifier}".encode()).hexdigest()[:10]
    slug = _slug(record.title.first())[:80].strip("-") or "ban-ghi"
    return f"{slug}-{digest}"


def match_keys(record: Record) -> tuple[str, ...]:
    """Keys for "same publication from another source": normalised title + year + first
    author's name, one per title language (a copy may only carry the English title)."""
    if record.year is None or not record.authors:
        return ()
    author = _slug(record.authors[0].name)
    titles = (record.title.vi, record.title.en, *(text for _, text in record.title.other))
    keys = [f"{_slug(t)}|{record.year}|{author}" for t in titles if _slug(t)]
    return tuple(dict.fromkeys(keys))


def _iso_date(value: str) -> str:
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else ""


_FOS = re.compile(r"[1-6]\.\d{1,2}")


def _source_curation(record: Record) -> dict[str, Any]:
    """Fields librarians may also curate (FOS subjects, embargo, project, funding): present only
    when the source sends them, so an update never blanks a librarian's value."""
    fields: dict[str, Any] = {}
    subjects = [s for s in record.subjects if _FOS.fullmatch(s)]  # free-text subjects are tags
    if subjects:
        fields["subject"] = subjects
    for key in ("embargo_until", "related_project", "funding"):
        if getattr(record, key):
            fields[key] = getattr(record, key)
    return fields


def publication_fields(record: Record, harvest_source_id: str) -> dict[str, Any]:
    """Contract fields (strings, lists) for one live record."""
    title = record.title.vi or record.title.first()
    notes = record.abstract.vi or record.abstract.first()
    return {
        **_source_curation(record),
        "title": title[:1000],
        "title_en": record.title.en if record.title.en != title else "",
        "notes": notes,
        "notes_en": record.abstract.en if record.abstract.en != notes else "",
        "publication_type": publication_type(record.publication_type),
        "authors": [
            {"name": a.name, "orcid": a.orcid, "affiliation": a.affiliation}
            for a in record.authors
        ],
        "tags": [{"name": t} for t in dict.fromkeys(_tag(k) for k in record.keywords)
                 if len(t) >= 2],
        "language": record.language,
        "year": str(record.year) if record.year else "",
        "issued": _iso_date(record.date),
        "doi": record.doi,
        "journal_title": record.journal_title,
        "issn": record.issn[0] if record.issn else "",  # all of them stay in the raw record
        "isbn": record.isbn[0] if record.isbn else "",
        "volume": record.volume,
        "issue": record.issue,
        "pages": record.pages,
        "publisher": record.publisher,
        "license_id": _licence_id(record.licence),
        "access": record.access or "open",
        "harvest_source_id": harvest_source_id,
        "original_identifier": record.identifier,
        "original_url": record.original_url,
    }
