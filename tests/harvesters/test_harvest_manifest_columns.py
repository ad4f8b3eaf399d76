"""The manifest's full description of a publication: type, authors with ORCID and affiliation,
English abstract, issue date, publisher, ISBN, FOS subjects, access and embargo, project,
funding and landing page; each refused with a row error naming its column when wrong."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from harvesters.manifest import COLUMNS, parse_manifest
from harvesters.manifest_columns import ACCESS, PUBLICATION_TYPES, controlled_value
from harvesters.records import Author, Record

HEADINGS = [c.vi for c in COLUMNS]


def row(**cells: str) -> list[str]:
    values = {"identifier": "vaip-1", "title_vi": "Bài báo", **cells}
    return [values.get(c.key, "") for c in COLUMNS]


def parse_one(**cells: str) -> Record:
    result = parse_manifest([HEADINGS, row(**cells)], "src")
    assert not result.errors, [e.message("en") for e in result.errors]
    return result.records[0]


def problems(**cells: str) -> set[tuple[str, str]]:
    result = parse_manifest([HEADINGS, row(**cells)], "src")
    assert not result.records
    return {(e.column, e.problem) for e in result.errors}


def test_full_description_of_a_publication() -> None:
    record = parse_one(
        title_en="Digital transformation", publication_type="Báo cáo hội thảo",
        authors="Nguyễn Thị Hương; Trần Văn Đức; Lê Minh",
        author_orcids="0000-0002-1825-0097;;",
        author_affiliations="Hội Thủy lợi Việt Nam; Hội Tin học Việt Nam",
        abstract="Bài báo phân tích hiện trạng.", abstract_en="The article analyses.",
        year="2023", issued="2023-06-15", publisher="NXB Khoa học",
        isbn="978-604-357-000-7", subjects="1.5; 2.7", access="Hạn chế đến ngày",
        embargo_until="2031-01-01", related_project="de-tai-man", funding="Quỹ NAFOSTED",
        landing_page="https://vaip.org.vn/an-pham/1",
        file_url="https://vaip.org.vn/files/1.pdf")
    assert record.publication_type == "conference-paper"
    assert record.authors == (
        Author("Nguyễn Thị Hương", "0000-0002-1825-0097", "Hội Thủy lợi Việt Nam"),
        Author("Trần Văn Đức", "", "Hội Tin học Việt Nam"),
        Author("Lê Minh", "", ""),
    )
    assert record.abstract.vi == "Bài báo phân tích hiện trạng."
    assert record.abstract.en == "The article analyses."
    assert record.title.en == "Digital transformation"
    assert (record.date, record.year) == ("2023-06-15", 2023)
    assert record.publisher == "NXB Khoa học" and record.isbn == ("9786043570007",)
    assert record.subjects == ("1.5", "2.7")
    assert (record.access, record.embargo_until) == ("embargoed", "2031-01-01")
    assert (record.related_project, record.funding) == ("de-tai-man", "Quỹ NAFOSTED")
    assert record.original_url == "https://vaip.org.vn/an-pham/1"


def test_short_rows_keep_the_old_meaning() -> None:
    record = parse_one(journal_title="Tạp chí Thủy lợi", year="2020",
                       file_url="https://viwa.vn/a.pdf")
    assert record.publication_type == "article"  # a journal title says "article"
    assert record.date == "2020" and record.access == ""
    assert record.original_url == "https://viwa.vn/a.pdf"  # no landing page: the file


def test_codes_and_labels_of_controlled_values_are_accepted() -> None:
    for code, labels in PUBLICATION_TYPES.items():
        assert controlled_value(code, PUBLICATION_TYPES) == code
        assert all(controlled_value(label.upper(), PUBLICATION_TYPES) == code for label in labels)
    assert controlled_value("Truy cap mo", ACCESS) == "open"
    assert controlled_value("hạn chế", ACCESS) == "restricted"
    assert controlled_value("poster", PUBLICATION_TYPES) is None


def test_bad_cells_are_refused_with_their_column() -> None:
    assert problems(publication_type="áp phích") == {("Loại ấn phẩm", "choice")}
    assert problems(access="công khai một phần") == {("Quyền truy cập", "choice")}
    assert problems(access="embargoed") == {("Hạn chế đến ngày", "embargo")}
    assert problems(issued="15/06/2023") == {("Ngày xuất bản", "date")}
    assert problems(issued="2023-02-30") == {("Ngày xuất bản", "date")}
    assert problems(isbn="978-604-357-000-8") == {("ISBN", "isbn")}
    assert problems(subjects="1.5; Khoa học máy tính") == {("Lĩnh vực (mã OECD FOS)", "fos")}
    assert problems(landing_page="javascript:alert(1)") == {("Trang gốc", "url")}


def test_author_columns_must_line_up() -> None:
    assert problems(authors="A; B", author_orcids="0000-0002-1825-0097; 0000-0001-5109-3700; "
                    "0000-0002-1825-0097") == {("ORCID tác giả", "orcid")}
    assert problems(authors="A", author_orcids="0000-0002-1825-0098") == {
        ("ORCID tác giả", "orcid")}  # bad check digit
    assert problems(authors="A", author_affiliations="X; Y") == {
        ("Cơ quan tác giả", "affiliation")}


def test_fields_added_later_leave_stored_hashes_valid() -> None:
    """A record that does not use the newer fields hashes as it did before they existed, so
    sources harvested earlier are not all re-imported; setting one changes the hash."""
    plain = parse_one(year="2020")
    before = {k: v for k, v in dataclasses.asdict(plain).items()
              if k not in {"datestamp", "raw", "warnings", "access", "embargo_until",
                           "related_project", "funding"}}
    canonical = json.dumps(before, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert plain.content_hash == hashlib.sha256(canonical.encode()).hexdigest()
    assert parse_one(year="2020", access="open").content_hash != plain.content_hash
