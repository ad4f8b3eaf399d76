"""OJS specifics on top of oai_dc: citation parts in ``dc:source``, galley download links.

OJS writes ``dc:source`` as "Journal; Vol. 12 No. 3 (2020); 45-52" (in the Vietnamese locale
"Tạp chí X; Tập 12 Số 3 (2020); 45-52") and ``dc:relation`` as galley *view* pages
(``/article/view/ID/GALLEY``), which are HTML wrappers; the file itself is at ``/download/``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from harvesters.oai.dc import DcValues
from harvesters.records import FileLink, Record
from harvesters.text import normalise_language

__all__ = ["SourceCitation", "galley_download_url", "ojs_profile", "parse_ojs_source"]

_VOLUME = re.compile(r"(?:\bvol(?:ume)?\.?|\btập|\bt\.)\s*(\w+)", re.IGNORECASE)
_ISSUE = re.compile(r"(?:\bno\.?|\bnumber|\bissue|\bsố|\bs\.)\s*(\w+)", re.IGNORECASE)
_YEAR = re.compile(r"\((\d{4})\)")
_PAGES = re.compile(r"^(?:pp?\.|tr\.|trang)?\s*(\d+)\s*(?:[-–—]\s*(\d+))?$", re.IGNORECASE)
_GALLEY_VIEW = re.compile(r"^(https?://.+/article/)view/(\d+)/(\d+)/?$")
_ARTICLE_VIEW = re.compile(r"^https?://.+/article/view/\d+/?$")


@dataclass(frozen=True)
class SourceCitation:
    journal_title: str = ""
    volume: str = ""
    issue: str = ""
    year: str = ""
    pages: str = ""


def parse_ojs_source(value: str) -> SourceCitation:
    """Split an OJS ``dc:source`` string into journal, volume, issue, year and pages."""
    parts = [part.strip() for part in value.split(";") if part.strip()]
    journal = volume = issue = year = pages = ""
    for index, part in enumerate(parts):
        page_match = _PAGES.match(part)
        if page_match and index > 0:
            first, last = page_match.groups()
            pages = f"{first}-{last}" if last else first
            continue
        vol, iss, yr = _VOLUME.search(part), _ISSUE.search(part), _YEAR.search(part)
        if vol or iss or yr:
            volume = volume or (vol.group(1) if vol else "")
            issue = issue or (iss.group(1) if iss else "")
            year = year or (yr.group(1) if yr else "")
        elif index == 0:
            journal = part
    return SourceCitation(journal, volume, issue, year, pages)


def galley_download_url(url: str) -> str | None:
    match = _GALLEY_VIEW.match(url.strip())
    if not match:
        return None
    prefix, article, galley = match.groups()
    return f"{prefix}download/{article}/{galley}"


def ojs_profile(record: Record, dc: DcValues) -> Record:
    citations: list[tuple[SourceCitation, str]] = []
    for text, tag in dc.pairs("source"):
        citation = parse_ojs_source(text)
        if citation.journal_title or citation.volume or citation.pages:
            citations.append((citation, normalise_language(tag) if tag else ""))
    # Prefer the citation in the record's language, then Vietnamese, then any.
    citations.sort(key=lambda c: (c[1] != record.language, c[1] != "vi"))
    best = citations[0][0] if citations else SourceCitation()
    formats = [f.lower() for f in dc.texts("format")]
    only_pdf = bool(formats) and all(f == "application/pdf" for f in formats)
    files = list(record.files)
    for relation in dc.texts("relation"):
        download = galley_download_url(relation)
        if download and all(f.url != download for f in files):
            files.append(
                FileLink(url=download, mime="application/pdf" if only_pdf else "", is_pdf=only_pdf)
            )
    original = record.original_url
    for identifier in dc.texts("identifier"):
        if _ARTICLE_VIEW.match(identifier):
            original = identifier
            break
    year = record.year or (int(best.year) if best.year else None)
    return dataclasses.replace(
        record,
        journal_title=best.journal_title or record.journal_title,
        volume=best.volume or record.volume,
        issue=best.issue or record.issue,
        pages=best.pages or record.pages,
        year=year,
        files=tuple(files),
        original_url=original,
    )
