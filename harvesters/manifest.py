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
from pathlib import Path

from harvesters.errors import HarvestError, render
from harvesters.identifiers import find_doi, find_issns, is_valid_issn
from harvesters.profiles import clean_record, lang_text
from harvesters.records import Author, FileLink, Record
from harvesters.text import normalise_language
from ocr_pipeline.vietnamese import fold_diacritics

__all__ = [
    "COLUMNS",
    "ManifestResult",
    "RowError",
    "parse_manifest",
    "read_rows",
    "template_path",
    "write_templates",
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
)
_BY_HEADING = {fold_diacritics(h).strip(): c for c in COLUMNS for h in (c.vi, c.en, c.key)}
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


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", value) if part.strip()]


def _row_record(
    row: int, cells: dict[str, str], source_id: str, errors: list[RowError]
) -> Record | None:
    def fail(key: str, problem: str) -> None:
        heading = next(c.vi for c in COLUMNS if c.key == key)
        errors.append(RowError(row, heading, problem))

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
    issns = _split(cells.get("issn", ""))
    if any(not is_valid_issn(i) for i in issns):
        fail("issn", "issn")
    language = normalise_language(cells.get("language", "")) if cells.get("language") else ""
    if cells.get("language") and not language:
        fail("language", "language")
    urls = re.split(r"[\s;]+", cells.get("file_url", "").strip()) if cells.get("file_url") else []
    if any(not re.match(r"^https?://\S+$", u, re.IGNORECASE) for u in urls):
        fail("file_url", "url")
    if len(errors) > before:
        return None
    pairs = [(cells.get("title_vi", ""), "vi"), (cells.get("title_en", ""), "en")]
    return Record(
        source_id=source_id,
        identifier=identifier,
        title=lang_text(pairs),
        abstract=lang_text([(cells.get("abstract", ""), "")], language),
        authors=tuple(Author(name=a) for a in _split(cells.get("authors", ""))),
        keywords=tuple(_split(cells.get("keywords", ""))),
        language=language,
        year=int(year) if year else None,
        date=year,
        doi=doi,
        issn=tuple(i for v in issns for i in find_issns(v)),
        journal_title=cells.get("journal_title", ""),
        volume=cells.get("volume", ""),
        issue=cells.get("issue", ""),
        pages=cells.get("pages", ""),
        licence=cells.get("licence", ""),
        files=tuple(
            FileLink(
                url=u,
                mime="application/pdf" if u.lower().endswith(".pdf") else "",
                is_pdf=u.lower().endswith(".pdf"),
            )
            for u in urls
        ),
        publication_type="article" if cells.get("journal_title") else "",
        raw=repr(cells),
    )


def parse_manifest(rows: Sequence[Sequence[str]], source_id: str) -> ManifestResult:
    """Map rows (heading row first) to records; collect every row error, keep good rows."""
    if not rows:
        raise HarvestError("manifest_format", detail="empty file")
    headings = [_BY_HEADING.get(fold_diacritics(h).strip()) for h in rows[0]]
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
            errors.append(RowError(number, COLUMNS[0].vi, "duplicate"))
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
