"""The manifest's columns and the small vocabularies its cells use.

Kept apart from the reader so the template, the parser and the portal's demo builder share one
list. Columns added later go at the end: older spreadsheets (and positional test rows) keep
working. A cell with a controlled value (publication type, access) accepts our code or its
Vietnamese/English label, matched without diacritics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harvesters.identifiers import find_orcids
from harvesters.records import Author
from ocr_pipeline.vietnamese import fold_diacritics

__all__ = [
    "ACCESS",
    "COLUMNS",
    "PUBLICATION_TYPES",
    "Column",
    "aligned_authors",
    "column_by_heading",
    "controlled_value",
    "heading_of",
    "is_fos_code",
    "split_list",
]


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("identifier", "Mã định danh", "Identifier", required=True),
    Column("title_vi", "Tiêu đề (tiếng Việt)", "Title (Vietnamese)"),
    Column("title_en", "Tiêu đề (tiếng Anh)", "Title (English)"),
    Column("authors", "Tác giả", "Authors"),
    Column("year", "Năm", "Year"),
    Column("doi", "DOI", "DOI"),
    Column("issn", "ISSN", "ISSN"),
    Column("journal_title", "Tên tạp chí", "Journal"),
    Column("volume", "Tập", "Volume"),
    Column("issue", "Số", "Issue"),
    Column("pages", "Trang", "Pages"),
    Column("keywords", "Từ khóa", "Keywords"),
    Column("abstract", "Tóm tắt", "Abstract"),
    Column("language", "Ngôn ngữ", "Language"),
    Column("file_url", "Liên kết tệp", "File link"),
    Column("licence", "Giấy phép", "Licence"),
    # Added for members who describe publications fully (all optional):
    Column("publication_type", "Loại ấn phẩm", "Publication type"),
    Column("author_orcids", "ORCID tác giả", "Author ORCIDs"),
    Column("author_affiliations", "Cơ quan tác giả", "Author affiliations"),
    Column("abstract_en", "Tóm tắt (tiếng Anh)", "Abstract (English)"),
    Column("issued", "Ngày xuất bản", "Date issued"),
    Column("publisher", "Nhà xuất bản", "Publisher"),
    Column("isbn", "ISBN", "ISBN"),
    Column("subjects", "Lĩnh vực (mã OECD FOS)", "Subjects (OECD FOS codes)"),
    Column("access", "Quyền truy cập", "Access"),
    Column("embargo_until", "Hạn chế đến ngày", "Embargoed until"),
    Column("related_project", "Đề tài, dự án liên quan", "Related project"),
    Column("funding", "Nguồn tài trợ", "Funding"),
    Column("landing_page", "Trang gốc", "Landing page"),
)

# code -> labels a librarian may type (compared folded and lower-cased)
PUBLICATION_TYPES: dict[str, tuple[str, ...]] = {
    "journal-article": ("bài báo tạp chí", "bài báo", "journal article", "article"),
    "conference-paper": ("báo cáo hội thảo", "báo cáo hội nghị", "conference paper"),
    "book": ("sách", "book"),
    "book-chapter": ("chương sách", "book chapter"),
    "report": ("báo cáo", "report"),
    "thesis": ("luận văn, luận án", "luận văn", "luận án", "thesis"),
    "standard": ("tiêu chuẩn", "standard"),
    "other": ("khác", "other"),
}
ACCESS: dict[str, tuple[str, ...]] = {
    "open": ("truy cập mở", "mở", "open access"),
    "embargoed": ("hạn chế đến một ngày", "hạn chế đến ngày", "embargoed until a date",
                  "embargo"),
    "restricted": ("hạn chế", "restricted"),
}
_FOS = re.compile(r"[1-6]\.\d{1,2}")


def _folded(text: str) -> str:
    return " ".join(fold_diacritics(text).split())  # lower-cased, tone marks and đ folded


_BY_HEADING = {_folded(h): c for c in COLUMNS for h in (c.vi, c.en, c.key)}


def column_by_heading(heading: str) -> Column | None:
    return _BY_HEADING.get(_folded(heading))


def heading_of(key: str) -> str:
    return next(c.vi for c in COLUMNS if c.key == key)


def controlled_value(text: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    """The code for a cell's code or label, or None when it is neither."""
    wanted = _folded(text)
    for code, labels in vocabulary.items():
        if wanted == code or wanted in (_folded(label) for label in labels):
            return code
    return None


def is_fos_code(value: str) -> bool:
    return bool(_FOS.fullmatch(value))


def split_list(value: str) -> list[str]:
    """A multi-value cell: parts separated by ';' or line breaks, blanks dropped."""
    return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]


def _positions(value: str) -> list[str]:
    """Like split_list, but blanks keep their place (so "; Hội X" is the second author's)."""
    parts = [part.strip() for part in re.split(r"[;\n]", value)]
    while parts and not parts[-1]:
        parts.pop()
    return parts


def aligned_authors(names: str, orcids: str, affiliations: str) -> tuple[Author, ...] | str:
    """Authors with the ORCID and affiliation at the same position of their own columns;
    on a problem, the name of the column at fault (as a string) instead."""
    people = split_list(names)
    orcid_cells, affiliation_cells = _positions(orcids), _positions(affiliations)
    if len(orcid_cells) > len(people):
        return "author_orcids"
    if len(affiliation_cells) > len(people):
        return "author_affiliations"
    authors = []
    for index, name in enumerate(people):
        orcid_cell = orcid_cells[index] if index < len(orcid_cells) else ""
        found = find_orcids(orcid_cell)
        if orcid_cell and len(found) != 1:
            return "author_orcids"
        affiliation = affiliation_cells[index] if index < len(affiliation_cells) else ""
        authors.append(Author(name=name, orcid=found[0] if found else "",
                              affiliation=affiliation))
    return tuple(authors)
