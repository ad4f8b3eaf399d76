"""The normalised record every harvester produces, and its JSON-lines form.

One shape for OAI-PMH, CKAN, feeds and manifests lets the portal side (and the dry-run
planner) treat all sources alike. The content hash covers what a librarian would call the
record's content, not the datestamp, so re-harvesting an unchanged record changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

__all__ = ["Author", "FileLink", "LangText", "Record", "record_from_json", "record_to_json"]

# Excluded from the content hash: when we saw it, how it was spelt on the wire, our own notes.
_NOT_CONTENT = frozenset({"datestamp", "raw", "warnings"})
# Fields added after records were first stored: hashed only once set, so adding a field does
# not make every stored record look changed (and re-imported) on the next run.
_HASHED_WHEN_SET = frozenset({"access", "embargo_until", "related_project", "funding"})


@dataclass(frozen=True)
class LangText:
    """One value per language: Vietnamese, English, and any others as (code, text) pairs."""

    vi: str = ""
    en: str = ""
    other: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str) -> str:
        if lang == "vi":
            return self.vi
        if lang == "en":
            return self.en
        return dict(self.other).get(lang, "")

    def first(self) -> str:
        return self.vi or self.en or (self.other[0][1] if self.other else "")

    def __bool__(self) -> bool:
        return bool(self.vi or self.en or self.other)


@dataclass(frozen=True)
class Author:
    name: str
    orcid: str = ""
    affiliation: str = ""


@dataclass(frozen=True)
class FileLink:
    url: str
    mime: str = ""
    is_pdf: bool = False


@dataclass(frozen=True)
class Record:
    source_id: str
    identifier: str
    datestamp: str = ""
    deleted: bool = False
    title: LangText = field(default_factory=LangText)
    abstract: LangText = field(default_factory=LangText)
    authors: tuple[Author, ...] = ()
    keywords: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    publication_type: str = ""
    language: str = ""  # ISO 639-1
    year: int | None = None
    date: str = ""
    doi: str = ""
    issn: tuple[str, ...] = ()
    isbn: tuple[str, ...] = ()
    journal_title: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    licence: str = ""
    files: tuple[FileLink, ...] = ()
    original_url: str = ""
    identifiers: tuple[str, ...] = ()  # other identifiers kept for provenance (handles, URNs)
    raw: str = ""
    warnings: tuple[str, ...] = ()  # data-quality notes, e.g. "tcvn3_converted:title"
    access: str = ""  # open | embargoed | restricted, when the source says so
    embargo_until: str = ""  # YYYY-MM-DD
    related_project: str = ""
    funding: str = ""

    @property
    def content_hash(self) -> str:
        """sha256 over the normalised content; stable across datestamp and wire format."""
        content = {k: v for k, v in asdict(self).items()
                   if k not in _NOT_CONTENT and (v or k not in _HASHED_WHEN_SET)}
        canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_to_json(record: Record) -> str:
    """One JSON line (UTF-8 text, Vietnamese kept readable), with the content hash."""
    data = asdict(record)
    data["content_hash"] = record.content_hash
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def record_from_json(line: str) -> Record:
    data: dict[str, Any] = json.loads(line)
    data.pop("content_hash", None)
    known = {f.name for f in fields(Record)}
    data = {k: v for k, v in data.items() if k in known}
    for key in ("title", "abstract"):
        value = data.get(key) or {}
        data[key] = LangText(
            vi=value.get("vi", ""),
            en=value.get("en", ""),
            other=tuple((str(a), str(b)) for a, b in value.get("other", ())),
        )
    data["authors"] = tuple(Author(**a) for a in data.get("authors", ()))
    data["files"] = tuple(FileLink(**f) for f in data.get("files", ()))
    for key in ("keywords", "subjects", "issn", "isbn", "identifiers", "warnings"):
        data[key] = tuple(data.get(key, ()))
    return Record(**data)
