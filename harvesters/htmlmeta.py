"""Scholarly metadata from article pages: Highwire ``citation_*`` meta tags and JSON-LD.

Members without a repository often run WordPress with a citation plugin; Google Scholar's
Highwire tags and schema.org JSON-LD are then the only structured metadata. Parsing uses the
standard library's tolerant tokenizer: nothing is executed, fetched or expanded.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from harvesters.identifiers import find_doi, find_isbns, find_issns
from harvesters.profiles import Profile, apply_profiles, lang_text
from harvesters.records import Author, FileLink, Record
from harvesters.text import normalise_language

__all__ = ["PAGE_PROFILES", "PageMeta", "map_article_page", "parse_page_meta"]

_MAX_JSON_LD = 256 * 1024


@dataclass(frozen=True)
class PageMeta:
    meta: Mapping[str, tuple[str, ...]]  # lower-case name -> values in page order
    json_ld: tuple[Mapping[str, Any], ...]
    html_lang: str

    def first(self, name: str) -> str:
        values = self.meta.get(name, ())
        return values[0].strip() if values else ""


class _MetaCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.scripts: list[str] = []
        self.html_lang = ""
        self._in_ld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "html":
            self.html_lang = values.get("lang", "")
        elif tag == "meta":
            name = (values.get("name") or values.get("property") or "").lower()
            if name and "content" in values:
                self.meta.setdefault(name, []).append(values["content"])
        elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self._in_ld, self._buffer = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_ld:
            self._in_ld = False
            self.scripts.append("".join(self._buffer))

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self._buffer.append(data)


def _json_ld_objects(scripts: list[str]) -> tuple[Mapping[str, Any], ...]:
    found: list[Mapping[str, Any]] = []
    for script in scripts:
        if len(script) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(script)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        found.extend(item for item in items if isinstance(item, dict))
    return tuple(found)


def parse_page_meta(html: str) -> PageMeta:
    collector = _MetaCollector()
    collector.feed(html)
    collector.close()
    return PageMeta(
        meta={k: tuple(v) for k, v in collector.meta.items()},
        json_ld=_json_ld_objects(collector.scripts),
        html_lang=collector.html_lang,
    )


def _article_ld(page: PageMeta) -> Mapping[str, Any]:
    for item in page.json_ld:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(k in ("ScholarlyArticle", "Article", "BlogPosting", "Report") for k in kinds):
            return item
    return {}


def _ld_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("@value") or "")
    return str(value) if value else ""


def highwire(record: Record, page: PageMeta) -> Record:
    language = normalise_language(page.first("citation_language") or page.html_lang)
    date = page.first("citation_publication_date") or page.first("citation_date")
    year = date[:4] if date[:4].isdigit() else ""
    first, last = page.first("citation_firstpage"), page.first("citation_lastpage")
    keywords = [k.strip() for v in page.meta.get("citation_keywords", ()) for k in v.split(";")]
    pdf = page.first("citation_pdf_url")
    return dataclasses.replace(
        record,
        title=lang_text([(page.first("citation_title"), "")], language),
        abstract=lang_text([(page.first("citation_abstract"), "")], language),
        authors=tuple(Author(name=a.strip()) for a in page.meta.get("citation_author", ())),
        keywords=tuple(k for k in keywords if k),
        language=language,
        date=date.replace("/", "-"),
        year=int(year) if year else None,
        journal_title=page.first("citation_journal_title"),
        volume=page.first("citation_volume"),
        issue=page.first("citation_issue"),
        pages=f"{first}-{last}" if first and last else first,
        doi=find_doi(page.first("citation_doi")),
        issn=tuple(i for v in page.meta.get("citation_issn", ()) for i in find_issns(v)),
        isbn=tuple(i for v in page.meta.get("citation_isbn", ()) for i in find_isbns(v)),
        publisher=page.first("citation_publisher"),
        files=(FileLink(url=pdf, mime="application/pdf", is_pdf=True),) if pdf else (),
        publication_type="article" if page.first("citation_journal_title") else "",
    )


def schema_org(record: Record, page: PageMeta) -> Record:
    """Fill gaps from JSON-LD (never overrides Highwire values)."""
    item = _article_ld(page)
    if not item:
        return record
    language = record.language or normalise_language(_ld_text(item.get("inLanguage")))
    titles = [(_ld_text(item.get("headline")), ""), (_ld_text(item.get("alternativeHeadline")), "")]
    title = lang_text(titles, language)
    abstract = lang_text([(_ld_text(item.get("description")), "")], language)
    merged_title = dataclasses.replace(
        record.title, vi=record.title.vi or title.vi, en=record.title.en or title.en
    )
    authors_ld = item.get("author") or []
    authors = record.authors or tuple(
        Author(name=_ld_text(a))
        for a in (authors_ld if isinstance(authors_ld, list) else [authors_ld])
    )
    published = _ld_text(item.get("datePublished"))
    return dataclasses.replace(
        record,
        title=merged_title,
        abstract=record.abstract or abstract,
        authors=authors,
        language=language,
        date=record.date or published[:10],
        year=record.year or (int(published[:4]) if published[:4].isdigit() else None),
    )


PAGE_PROFILES: Mapping[str, Profile[PageMeta]] = {"highwire": highwire, "schema_org": schema_org}


def map_article_page(
    html: str, url: str, source_id: str, profiles: tuple[str, ...] = ("highwire", "schema_org")
) -> Record:
    page = parse_page_meta(html)
    base = Record(source_id=source_id, identifier=url, original_url=url, raw=html)
    return apply_profiles(base, page, profiles, PAGE_PROFILES)
