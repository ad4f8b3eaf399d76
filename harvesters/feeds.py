"""RSS 2.0 / Atom feeds and WordPress sites (REST API or sitemap, then article pages).

For members without a repository. Feeds are parsed with the strict XML parser; WordPress post
lists come from ``/wp-json/wp/v2/posts`` (paged by ``X-WP-TotalPages``) or ``sitemap.xml``;
each article page then gives citation metadata through ``harvesters.htmlmeta``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from lxml import etree

from harvesters.errors import HarvestError
from harvesters.htmlmeta import map_article_page
from harvesters.http import GuardedSession
from harvesters.profiles import clean_record, lang_text
from harvesters.records import Author, FileLink, Record
from harvesters.sniff import require_kind
from harvesters.text import normalise_language
from harvesters.xmlsafe import parse_xml

__all__ = ["article_urls_from_sitemap", "fetch_article", "parse_feed", "wordpress_post_urls"]

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _text(node: etree._Element | None) -> str:
    return "".join(str(t) for t in node.itertext()).strip() if node is not None else ""


def _rss_date(value: str) -> str:
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return value[:10]


def _rss_item(item: etree._Element, source_id: str, language: str) -> Record:
    link = _text(item.find("link"))
    identifier = _text(item.find("guid")) or link
    date = _rss_date(_text(item.find("pubDate")))
    files = tuple(
        FileLink(
            url=e.get("url", ""), mime=e.get("type", ""), is_pdf=e.get("type") == "application/pdf"
        )
        for e in item.findall("enclosure")
        if e.get("url")
    )
    creators = [_text(c) for c in item.findall(f"{DC}creator")] or [_text(item.find("author"))]
    return Record(
        source_id=source_id,
        identifier=identifier,
        title=lang_text([(_text(item.find("title")), "")], language),
        abstract=lang_text([(_text(item.find("description")), "")], language),
        authors=tuple(Author(name=c) for c in creators if c),
        keywords=tuple(_text(c) for c in item.findall("category") if _text(c)),
        language=language,
        date=date,
        year=int(date[:4]) if date[:4].isdigit() else None,
        files=files,
        original_url=link,
        raw=etree.tostring(item, encoding="unicode"),
    )


def _atom_entry(entry: etree._Element, source_id: str, language: str) -> Record:
    lang = normalise_language(entry.get(XML_LANG, "")) or language
    alternate = ""
    files: list[FileLink] = []
    for link in entry.findall(f"{ATOM}link"):
        rel, href, kind = link.get("rel", "alternate"), link.get("href", ""), link.get("type", "")
        if rel == "alternate" and not alternate:
            alternate = href
        elif rel == "enclosure" and href:
            files.append(FileLink(url=href, mime=kind, is_pdf=kind == "application/pdf"))
    date = (_text(entry.find(f"{ATOM}published")) or _text(entry.find(f"{ATOM}updated")))[:10]
    summary = _text(entry.find(f"{ATOM}summary")) or _text(entry.find(f"{ATOM}content"))
    return Record(
        source_id=source_id,
        identifier=_text(entry.find(f"{ATOM}id")) or alternate,
        datestamp=_text(entry.find(f"{ATOM}updated")),
        title=lang_text([(_text(entry.find(f"{ATOM}title")), "")], lang),
        abstract=lang_text([(summary, "")], lang),
        authors=tuple(
            Author(name=_text(a.find(f"{ATOM}name"))) for a in entry.findall(f"{ATOM}author")
        ),
        language=lang,
        date=date,
        year=int(date[:4]) if date[:4].isdigit() else None,
        files=tuple(files),
        original_url=alternate,
        raw=etree.tostring(entry, encoding="unicode"),
    )


def parse_feed(body: bytes, source_id: str) -> list[Record]:
    """Records from an RSS 2.0 or Atom document (strict XML; anything else is an error)."""
    root = parse_xml(body)
    if root.tag == "rss":
        channel = root.find("channel")
        language = normalise_language(
            _text(channel.find("language")) if channel is not None else ""
        )
        items = channel.findall("item") if channel is not None else []
        records = [_rss_item(item, source_id, language) for item in items]
    elif root.tag == f"{ATOM}feed":
        language = normalise_language(root.get(XML_LANG, ""))
        records = [_atom_entry(e, source_id, language) for e in root.findall(f"{ATOM}entry")]
    else:
        raise HarvestError("bad_response", url="", detail=f"not a feed: {root.tag}")
    return [clean_record(r) for r in records]


def wordpress_post_urls(
    base_url: str, session: GuardedSession, per_page: int = 50, max_pages: int = 1000
) -> Iterator[str]:
    """Links of every published post, from the WordPress REST API."""
    api = base_url.rstrip("/") + "/wp-json/wp/v2/posts"
    for page in range(1, max_pages + 1):
        result = session.fetch(api, {"page": str(page), "per_page": str(per_page)})
        require_kind(result.body, "json", result.url)
        try:
            posts = json.loads(result.body)
            total_pages = int(result.headers.get("x-wp-totalpages", "1"))
            links = [str(post["link"]) for post in posts]
        except (ValueError, KeyError, TypeError) as error:
            raise HarvestError(
                "bad_response", url=result.url, detail=type(error).__name__
            ) from error
        yield from links
        if page >= total_pages:
            return
    raise HarvestError("resumption_loop", detail=f"more than {max_pages} pages")


def article_urls_from_sitemap(url: str, session: GuardedSession) -> list[str]:
    result = session.fetch(url)
    require_kind(result.body, "xml", result.url)
    root = parse_xml(result.body)
    return [_text(loc) for loc in root.iter(f"{SITEMAP}loc") if _text(loc)]


def fetch_article(url: str, session: GuardedSession, source_id: str) -> Record:
    """Fetch one article page and map its citation metadata."""
    result = session.fetch(url, accept="text/html")
    require_kind(result.body, "html", result.url)
    html = result.body.decode(result.charset or "utf-8", errors="replace")
    record = map_article_page(html, result.url, source_id)
    if "\ufffd" in html:
        warnings = (*record.warnings, "undecodable_bytes:page")
        record = dataclasses.replace(record, warnings=warnings)
    return record
