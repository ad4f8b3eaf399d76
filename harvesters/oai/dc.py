"""Profiles for Dublin Core (``oai_dc``): the base mapping and identifier discovery."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from harvesters.identifiers import find_doi, find_isbns, find_issns, find_orcids
from harvesters.profiles import lang_text
from harvesters.records import Author, FileLink, Record
from harvesters.text import normalise_language

__all__ = ["DcValues", "dc_base", "dc_identifiers", "dc_values"]

DC_NS = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SPACES = re.compile(r"[ \t\r\n]+")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_ORCID_IN_NAME = re.compile(
    r"\s*[\(\[]?\s*(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\s*[\)\]]?"
)
_TYPE_NAMES = {
    "article": "article",
    "journalarticle": "article",
    "bookpart": "book_part",
    "book": "book",
    "conferenceobject": "conference_paper",
    "doctoralthesis": "thesis",
    "masterthesis": "thesis",
    "report": "report",
    "dataset": "dataset",
}


@dataclass(frozen=True)
class DcValues:
    """Every Dublin Core element as ``name -> ((text, xml:lang), ...)``, in document order."""

    values: Mapping[str, tuple[tuple[str, str], ...]]

    def texts(self, name: str) -> tuple[str, ...]:
        return tuple(text for text, _lang in self.values.get(name, ()) if text)

    def pairs(self, name: str) -> tuple[tuple[str, str], ...]:
        return self.values.get(name, ())


def dc_values(metadata: etree._Element) -> DcValues:
    collected: dict[str, list[tuple[str, str]]] = {}
    for child in metadata:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{DC_NS}}}"):
            continue
        name = child.tag.split("}", 1)[1]
        # Collapse only ASCII whitespace: a no-break space may be half of a mojibake pair.
        text = _SPACES.sub(" ", "".join(str(t) for t in child.itertext())).strip()
        collected.setdefault(name, []).append((text, child.get(XML_LANG, "")))
    return DcValues({k: tuple(v) for k, v in collected.items()})


def _publication_type(types: tuple[str, ...]) -> str:
    for value in types:
        key = value.rsplit("/", 1)[-1].replace(" ", "").replace("-", "").lower()
        if key in _TYPE_NAMES:
            return _TYPE_NAMES[key]
    for value in types:
        if "version" not in value.lower():
            return value
    return ""


def _licence(rights: tuple[str, ...]) -> str:
    for value in rights:
        if _URL.match(value) and ("creativecommons" in value or "opendatacommons" in value):
            return value
    return rights[0] if rights else ""


def dc_base(record: Record, dc: DcValues) -> Record:
    language = ""
    for value in dc.texts("language"):
        language = normalise_language(value)
        if language:
            break
    dates = dc.texts("date")
    year_match = re.search(r"\b(1[89]\d\d|20\d\d)\b", dates[0]) if dates else None
    identifiers = dc.texts("identifier")
    urls = [v for v in identifiers if _URL.match(v) and "doi.org/" not in v.lower()]
    files = tuple(
        FileLink(url=v, mime="application/pdf", is_pdf=True)
        for v in (*identifiers, *dc.texts("relation"))
        if _URL.match(v) and v.lower().split("?", 1)[0].endswith(".pdf")
    )
    keywords: list[str] = []
    for text in dc.texts("subject"):
        keywords.extend(part.strip() for part in text.split(";") if part.strip())
    others = tuple(v for v in identifiers if not _URL.match(v) and not find_doi(v))
    return dataclasses.replace(
        record,
        title=lang_text(dc.pairs("title"), language),
        abstract=lang_text(dc.pairs("description"), language),
        authors=tuple(Author(name=name) for name in dc.texts("creator")),
        keywords=tuple(dict.fromkeys(keywords)),
        publication_type=_publication_type(dc.texts("type")),
        language=language,
        date=dates[0] if dates else "",
        year=int(year_match.group(1)) if year_match else None,
        publisher=next(iter(dc.texts("publisher")), ""),
        licence=_licence(dc.texts("rights")),
        original_url=urls[0] if urls else "",
        files=files,
        identifiers=others,
    )


def dc_identifiers(record: Record, dc: DcValues) -> Record:
    """DOI, ISSN, ISBN and ORCID from identifier/source/relation; ORCIDs attached when
    unambiguous (named inside a creator, or one ORCID for a single author)."""
    places = (*dc.texts("identifier"), *dc.texts("source"), *dc.texts("relation"))
    doi = next((d for d in map(find_doi, places) if d), "")
    issns = tuple(dict.fromkeys(i for text in dc.texts("source") for i in find_issns(text)))
    isbns = tuple(dict.fromkeys(i for text in places for i in find_isbns(text) if not doi))
    loose = list(dict.fromkeys(o for text in places for o in find_orcids(text)))
    authors = []
    for author in record.authors:
        match = _ORCID_IN_NAME.search(author.name)
        orcids = find_orcids(author.name)
        if match and orcids:
            name = _ORCID_IN_NAME.sub("", author.name).strip(" ,;")
            author = Author(name=name, orcid=orcids[0], affiliation=author.affiliation)
        authors.append(author)
    identifiers = list(record.identifiers)
    if len(authors) == 1 and len(loose) == 1 and not authors[0].orcid:
        authors[0] = dataclasses.replace(authors[0], orcid=loose[0])
    else:
        attached = {a.orcid for a in authors}
        identifiers.extend(f"orcid:{o}" for o in loose if o not in attached)
    return dataclasses.replace(
        record,
        doi=doi or record.doi,
        issn=issns or record.issn,
        isbn=isbns or record.isbn,
        authors=tuple(authors),
        identifiers=tuple(dict.fromkeys(identifiers)),
    )
