"""Citation exports (BibTeX, RIS, CSL-JSON) and the formatted citation on the landing page.

All are plain text built from a `CitationRecord`; the web layer escapes for HTML. Values are
flattened to one line first: RIS is line-based, so a newline in a title could otherwise forge
a tag (`ER  - `) in a reference manager.
"""

from __future__ import annotations

__all__ = ["FORMATS", "bibtex", "citation_key", "csl_json", "formatted_citation", "ris"]

import json
import re
import unicodedata
from collections.abc import Callable

from ckanext.vusta.catalogue.record import CitationRecord

BIBTEX_TYPES = {"journal-article": "article", "conference-paper": "inproceedings",
                "book": "book", "book-chapter": "incollection", "report": "techreport",
                "thesis": "phdthesis"}
RIS_TYPES = {"journal-article": "JOUR", "conference-paper": "CPAPER", "book": "BOOK",
             "book-chapter": "CHAP", "report": "RPRT", "thesis": "THES", "standard": "STAND"}
CSL_TYPES = {"journal-article": "article-journal", "conference-paper": "paper-conference",
             "book": "book", "book-chapter": "chapter", "report": "report", "thesis": "thesis",
             "standard": "standard"}


def _line(text: str) -> str:
    return " ".join(text.split())


def _ascii_fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def citation_key(record: CitationRecord) -> str:
    family = record.creators[0].name.family if record.creators else record.name
    key = re.sub(r"[^A-Za-z0-9]", "", _ascii_fold(family)) or "vusta"
    return f"{key}{record.year}" + (f"-{record.name[:20]}" if record.name else "")


def _bib_escape(text: str) -> str:
    out = _line(text).replace("\\", r"\textbackslash{}")
    for ch in "{}":
        out = out.replace(ch, "\\" + ch)
    out = out.replace(r"\textbackslash\{\}", r"\textbackslash{}")
    for ch in "&%$#_":
        out = out.replace(ch, "\\" + ch)
    return out.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def _kind(record: CitationRecord) -> str:
    if record.record_type == "publication":
        return record.publication_type or "other"
    return record.record_type


def bibtex(record: CitationRecord) -> str:
    kind = _kind(record)
    entry = BIBTEX_TYPES.get(kind, "misc")
    container = {"article": "journal", "inproceedings": "booktitle",
                 "incollection": "booktitle"}.get(entry)
    fields: list[tuple[str, str]] = [
        ("title", record.title),
        ("author", " and ".join(c.name.inverted for c in record.creators)),
        ("year", record.year),
    ]
    if container:
        fields.append((container, record.journal_title))
    if entry == "techreport":
        fields.append(("institution", record.publisher))
    elif entry == "phdthesis":
        fields.append(("school", record.publisher))
    else:
        fields.append(("publisher", record.publisher))
    fields += [("volume", record.volume), ("number", record.issue),
               ("pages", record.pages.replace("-", "--") if "--" not in record.pages
                else record.pages),
               ("doi", record.doi), ("issn", record.issn), ("isbn", record.isbn),
               ("url", record.url), ("language", record.language),
               ("keywords", ", ".join(record.keywords)), ("abstract", record.abstract)]
    if entry == "misc" and kind == "research-dataset":
        fields.append(("howpublished", "Dataset"))
    body = ",\n".join(f"  {name} = {{{_bib_escape(value)}}}" for name, value in fields if value)
    return f"@{entry}{{{citation_key(record)},\n{body}\n}}\n"


def _split_pages(pages: str) -> tuple[str, str]:
    parts = re.split(r"\s*[-–—]+\s*", pages, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (pages, "")


def ris(record: CitationRecord) -> str:
    kind = _kind(record)
    tag_type = RIS_TYPES.get(kind, "DATA" if kind == "research-dataset" else "GEN")
    lines = [("TY", tag_type)]
    lines += [("AU", c.name.inverted) for c in record.creators]
    start, end = _split_pages(record.pages)
    lines += [("TI", record.title), ("T2", record.journal_title), ("PY", record.year),
              ("DA", record.issued.replace("-", "/")), ("VL", record.volume),
              ("IS", record.issue), ("SP", start), ("EP", end),
              ("SN", record.issn or record.isbn), ("DO", record.doi), ("PB", record.publisher),
              ("LA", record.language), ("UR", record.url), ("AB", record.abstract)]
    lines += [("KW", keyword) for keyword in record.keywords]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_line(value)}\n" for tag, value in lines
                   if value or tag == "ER")


def csl_json(record: CitationRecord) -> str:
    kind = _kind(record)
    item: dict[str, object] = {
        "id": citation_key(record),
        "type": CSL_TYPES.get(kind, "dataset" if kind == "research-dataset" else "document"),
        "title": record.title,
        "author": [{"family": c.name.family, "given": c.name.given} for c in record.creators],
    }
    if record.issued:
        item["issued"] = {"date-parts": [[int(p) for p in record.issued.split("-") if p]]}
    elif record.year.isdigit():
        item["issued"] = {"date-parts": [[int(record.year)]]}
    optional = {"container-title": record.journal_title, "volume": record.volume,
                "issue": record.issue, "page": record.pages, "DOI": record.doi,
                "ISSN": record.issn, "ISBN": record.isbn, "publisher": record.publisher,
                "language": record.language, "URL": record.url, "abstract": record.abstract,
                "keyword": ", ".join(record.keywords)}
    item.update({key: value for key, value in optional.items() if value})
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def formatted_citation(record: CitationRecord) -> str:
    """Author-year style with full names (initials mean little for Vietnamese names)."""
    authors = ", ".join(c.name.display for c in record.creators)
    parts = [f"{authors} ({record.year or 'n.d.'})." if authors
             else f"({record.year or 'n.d.'}).", f"{_line(record.title)}."]
    if record.journal_title:
        detail = record.journal_title
        if record.volume:
            detail += f", {record.volume}" + (f"({record.issue})" if record.issue else "")
        if record.pages:
            detail += f", {record.pages}"
        parts.append(detail + ".")
    elif record.publisher:
        parts.append(f"{record.publisher}.")
    parts.append(f"https://doi.org/{record.doi}" if record.doi else record.url)
    return " ".join(part for part in parts if part)


FORMATS: dict[str, tuple[Callable[[CitationRecord], str], str, str]] = {
    # format -> (builder, mimetype, file extension)
    "bibtex": (bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": (csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}
