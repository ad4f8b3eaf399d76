"""Google Scholar (Highwire Press) `citation_*` meta tags for a landing page.

Scholar's inclusion rules: title, at least one author and the publication date are required;
one `citation_author` per author; `citation_pdf_url` only where the full text is really open.
"""

from __future__ import annotations

__all__ = ["highwire_tags"]

from collections.abc import Sequence

from ckanext.vusta.catalogue.formats import _split_pages
from ckanext.vusta.catalogue.record import CitationRecord


def _date(record: CitationRecord) -> str:
    if record.issued:
        return record.issued.replace("-", "/")
    return record.year


def highwire_tags(record: CitationRecord, open_pdf_urls: Sequence[str]) -> list[tuple[str, str]]:
    """(name, content) pairs; empty when Scholar's required fields are missing."""
    date = _date(record)
    if not (record.title and record.creators and date):
        return []
    tags = [("citation_title", " ".join(record.title.split()))]
    tags += [("citation_author", c.name.inverted) for c in record.creators]
    tags.append(("citation_publication_date", date))
    kind = record.publication_type if record.record_type == "publication" else ""
    if kind == "conference-paper":
        tags.append(("citation_conference_title", record.journal_title))
    elif kind == "report":
        tags.append(("citation_technical_report_institution", record.publisher))
    elif kind == "thesis":
        tags.append(("citation_dissertation_institution", record.publisher))
    else:
        tags.append(("citation_journal_title", record.journal_title))
    first, last = _split_pages(record.pages) if record.pages else ("", "")
    tags += [("citation_volume", record.volume), ("citation_issue", record.issue),
             ("citation_firstpage", first), ("citation_lastpage", last),
             ("citation_doi", record.doi), ("citation_issn", record.issn),
             ("citation_isbn", record.isbn), ("citation_publisher", record.publisher),
             ("citation_language", record.language),
             ("citation_keywords", "; ".join(record.keywords)),
             ("citation_abstract_html_url", record.url)]
    if record.access == "open":
        tags += [("citation_pdf_url", url) for url in open_pdf_urls]
    return [(name, " ".join(value.split())) for name, value in tags if value]
