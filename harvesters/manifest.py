"""CSV/XLSX manifests: one row per publication, for members that only keep a spreadsheet.

Headings are Vietnamese (English accepted too, and matched without diacritics so "Tu khoa"
or "Từ khoá" still work). Every bad cell becomes a row error with row number, column and a
bilingual message; good rows still import. XLSX files are checked for zip bombs first.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from harvesters.errors import HarvestError, render
from harvesters.identifiers import find_doi, find_isbns, find_issns, is_valid_issn
from harvesters.manifest_columns import (
    ACCESS,
    COLUMNS,
    PUBLICATION_TYPES,
    aligned_authors,
    column_by_heading,
    controlled_value,
    heading_of,
    is_fos_code,
    split_list,
)
from harvesters.profiles import clean_record, lang_text
from harvesters.records import FileLink, Record
from harvesters.text import normalise_language

__all__ = [
    "COLUMNS",
    "ManifestResult",
    "RowError",
    "parse_manifest",
    "read_rows",
    "template_path",
    "write_templates",
]


MAX_XLSX_UNPACKED = 64 * 1024 * 1024
MAX_ROWS = 100_000

# (vi, en) detail messages for row errors
_PROBLEMS = {
    "missing": ("thiếu giá trị bắt buộc", "required value missing"),
    "no_title": ("cần ít nhất một tiêu đề", "at least one title is required"),
    "year": ("năm phải là 4 chữ số (1800–2100)", "year must be 4 digits (1800–2100)"),
    "doi": ("DOI không hợp lệ (dạng 10.xxxx/...)", "invalid DOI (form 10.xxxx/...)"),
    "issn": ("ISSN không hợp lệ (sai số kiểm tra)", "invalid ISSN (bad check digit)"),
    "url": ("liên kết phải bắt đầu bằng http:// hoặc https://", "link must start with http(s)://"),
    "language": ("không nhận ra ngôn ngữ", "unknown language"),
    "duplicate": ("mã định danh bị trùng", "duplicate identifier"),
    "date": ("ngày phải có dạng YYYY-MM-DD", "date must be YYYY-MM-DD"),
    "isbn": ("ISBN không hợp lệ (sai số kiểm tra)", "invalid ISBN (bad check digit)"),
    "orcid": ("ORCID không hợp lệ hoặc nhiều hơn số tác giả",
              "invalid ORCID, or more entries than authors"),
    "affiliation": ("nhiều cơ quan hơn số tác giả", "more affiliations than authors"),
    "choice": ("giá trị không có trong danh sách cho phép", "value not in the allowed list"),
    "fos": ("mã lĩnh vực phải có dạng OECD FOS (ví dụ 1.2)",
            "subject codes must be OECD FOS codes (e.g. 1.2)"),
    "embargo": ("cần ngày hết hạn chế khi quyền truy cập là hạn chế đến ngày",
                "an embargoed record needs the date the embargo ends"),
}


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number (heading row is 1)
    column: str
    problem: str

    def message(self, lang: str = "vi") -> str:
        vi, en = _PROBLEMS[self.problem]
        return render(
            "manifest_row",
            lang,
            {"row": self.row, "column": self.column, "detail_vi": vi, "detail_en": en},
        )


@dataclass(frozen=True)
class ManifestResult:
    records: tuple[Record, ...]
    errors: tuple[RowError, ...]


def template_path(kind: str = "csv") -> Path:
    return Path(__file__).with_name("templates") / f"manifest_template.{kind}"


def _check_xlsx(body: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise HarvestError("manifest_format", detail="not an XLSX file") from error
    if unpacked > MAX_XLSX_UNPACKED:
        raise HarvestError("manifest_format", detail=f"unpacks to {unpacked} bytes")


def read_rows(body: bytes, kind: str) -> list[list[str]]:
    """Rows of text cells from CSV (UTF-8, or Windows-1258 as saved by Vietnamese Excel) or XLSX."""
    if kind == "xlsx":
        from openpyxl import load_workbook

        _check_xlsx(body)
        workbook = load_workbook(io.BytesIO(body), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [
            ["" if v is None else str(v) for v in row]
            for row, _ in zip(sheet.iter_rows(values_only=True), range(MAX_ROWS + 1), strict=False)
        ]
        workbook.close()
        return rows
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = body.decode("cp1258", errors="strict") if _cp1258_ok(body) else ""
        if not text:
            raise HarvestError("manifest_format", detail="not UTF-8 or Windows-1258 text") from None
    return [row for row, _ in zip(csv.reader(io.StringIO(text)), range(MAX_ROWS + 1), strict=False)]


def _cp1258_ok(body: bytes) -> bool:
    try:
        body.decode("cp1258")
    except UnicodeDecodeError:
        return False
    return True


def _iso_date(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and _real_date(value)


def _real_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _row_record(
    row: int, cells: dict[str, str], source_id: str, errors: list[RowError]
) -> Record | None:
    def fail(key: str, problem: str) -> None:
        errors.append(RowError(row, heading_of(key), problem))

    before = len(errors)
    identifier = cells.get("identifier", "")
    if not identifier:
        fail("identifier", "missing")
    if not (cells.get("title_vi") or cells.get("title_en")):
        fail("title_vi", "no_title")
    year = cells.get("year", "")
    if year and not (re.fullmatch(r"\d{4}", year) and 1800 <= int(year) <= 2100):
        fail("year", "year")
    doi = find_doi(cells.get("doi", ""))
    if cells.get("doi") and not doi:
        fail("doi", "doi")
    issns = split_list(cells.get("issn", ""))
    if any(not is_valid_issn(i) for i in issns):
        fail("issn", "issn")
    isbns = [find_isbns(v) for v in split_list(cells.get("isbn", ""))]
    if any(len(found) != 1 for found in isbns):
        fail("isbn", "isbn")
    language = normalise_language(cells.get("language", "")) if cells.get("language") else ""
    if cells.get("language") and not language:
        fail("language", "language")
    urls = re.split(r"[\s;]+", cells.get("file_url", "").strip()) if cells.get("file_url") else []
    landing = cells.get("landing_page", "")
    for key, values in (("file_url", urls), ("landing_page", [landing] if landing else [])):
        if any(not re.match(r"^https?://\S+$", u, re.IGNORECASE) for u in values):
            fail(key, "url")
    authors = aligned_authors(cells.get("authors", ""), cells.get("author_orcids", ""),
                              cells.get("author_affiliations", ""))
    if isinstance(authors, str):
        fail(authors, "orcid" if authors == "author_orcids" else "affiliation")
    kind = cells.get("publication_type", "")
    publication_type = controlled_value(kind, PUBLICATION_TYPES) if kind else ""
    if publication_type is None:
        fail("publication_type", "choice")
    access = controlled_value(cells["access"], ACCESS) if cells.get("access") else ""
    if access is None:
        fail("access", "choice")
    for key in ("issued", "embargo_until"):
        if cells.get(key) and not _iso_date(cells[key]):
            fail(key, "date")
    if access == "embargoed" and not cells.get("embargo_until"):
        fail("embargo_until", "embargo")
    subjects = split_list(cells.get("subjects", ""))
    if any(not is_fos_code(code) for code in subjects):
        fail("subjects", "fos")
    if len(errors) > before or isinstance(authors, str):
        return None
    titles = [(cells.get("title_vi", ""), "vi"), (cells.get("title_en", ""), "en")]
    # The English abstract first: an untagged abstract guessed as English must not displace it.
    abstracts = [(cells.get("abstract_en", ""), "en"), (cells.get("abstract", ""), "")]
    return Record(
        source_id=source_id,
        identifier=identifier,
        title=lang_text(titles),
        abstract=lang_text(abstracts, language),
        authors=authors,
        keywords=tuple(split_list(cells.get("keywords", ""))),
        subjects=tuple(dict.fromkeys(subjects)),
        language=language,
        year=int(year) if year else None,
        date=cells.get("issued") or year,
        doi=doi,
        issn=tuple(i for v in issns for i in find_issns(v)),
        isbn=tuple(found[0] for found in isbns),
        journal_title=cells.get("journal_title", ""),
        volume=cells.get("volume", ""),
        issue=cells.get("issue", ""),
        pages=cells.get("pages", ""),
        publisher=cells.get("publisher", ""),
        licence=cells.get("licence", ""),
        files=tuple(
            FileLink(
                url=u,
                mime="application/pdf" if u.lower().endswith(".pdf") else "",
                is_pdf=u.lower().endswith(".pdf"),
            )
            for u in urls
        ),
        # A spreadsheet row has no page of its own unless the member gives one: the first file
        # is then where the record came from.
        original_url=landing or (urls[0] if urls else ""),
        publication_type=publication_type or ("article" if cells.get("journal_title") else ""),
        access=access or "",
        embargo_until=cells.get("embargo_until", ""),
        related_project=cells.get("related_project", ""),
        funding=cells.get("funding", ""),
        raw=repr(cells),
    )


def parse_manifest(rows: Sequence[Sequence[str]], source_id: str) -> ManifestResult:
    """Map rows (heading row first) to records; collect every row error, keep good rows."""
    if not rows:
        raise HarvestError("manifest_format", detail="empty file")
    headings = [column_by_heading(h) for h in rows[0]]
    if not any(c is not None and c.key == "identifier" for c in headings):
        raise HarvestError("manifest_format", detail="missing column 'Mã định danh' (Identifier)")
    records: list[Record] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for number, row in _numbered(rows[1:]):
        if not any(cell.strip() for cell in row):
            continue
        cells = {c.key: cell.strip() for c, cell in zip(headings, row, strict=False) if c}
        record = _row_record(number, cells, source_id, errors)
        if record is None:
            continue
        if record.identifier in seen:
            errors.append(RowError(number, heading_of("identifier"), "duplicate"))
            continue
        seen.add(record.identifier)
        records.append(clean_record(record))
    return ManifestResult(tuple(records), tuple(errors))


def _numbered(rows: Sequence[Sequence[str]]) -> Iterator[tuple[int, Sequence[str]]]:
    return ((index + 2, row) for index, row in enumerate(rows))


def write_templates(folder: Path) -> None:
    """(Re)generate the shipped templates: headings plus one example row."""
    from openpyxl import Workbook

    example = [
        "tc-2020-12-3-45",
        "Đánh giá chất lượng nước sông Hồng",
        "Assessing water quality of the Red River",
        "Nguyễn Văn An; Trần Thị Bích",
        "2020",
        "10.15625/2525-2518/58/1/14277",
        "1859-3100",
        "Tạp chí Khoa học và Công nghệ",
        "12",
        "3",
        "45-52",
        "chất lượng nước; sông Hồng",
        "Tóm tắt bài báo.",
        "Tiếng Việt",
        "https://hoi.example.vn/files/bai-bao.pdf",
        "CC BY 4.0",
        "Bài báo tạp chí",
        "0000-0002-1825-0097; ",
        "Viện Hóa học; Trường Đại học Thủy lợi",
        "The article assesses water quality of the Red River.",
        "2020-09-15",
        "Nhà xuất bản Khoa học tự nhiên và Công nghệ",
        "",
        "1.5; 2.7",
        "Truy cập mở",
        "",
        "",
        "",
        "https://hoi.example.vn/tap-chi/bai-bao",
    ]
    headings = [c.vi for c in COLUMNS]
    with (folder / "manifest_template.csv").open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headings)
        writer.writerow(example)
    workbook = Workbook()
    default_sheets = list(workbook.worksheets)
    sheet = workbook.create_sheet("Danh sách", 0)
    for extra in default_sheets:
        workbook.remove(extra)
    sheet.append(headings)
    sheet.append(example)
    workbook.save(folder / "manifest_template.xlsx")
