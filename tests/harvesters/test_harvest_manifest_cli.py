"""Manifest parsing (CSV/XLSX, template, row errors) and the command-line interface."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harvesters.errors import HarvestError
from harvesters.manifest import COLUMNS, parse_manifest, read_rows, template_path
from tests.fixture_server import FixtureServer
from tests.fixture_server.web import MANIFEST_HEADINGS

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "harvesters", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=REPO,
        check=False,
    )


def test_templates_ship_vietnamese_headings() -> None:
    csv_rows = read_rows(template_path("csv").read_bytes(), "csv")
    assert csv_rows[0] == [c.vi for c in COLUMNS]
    # The fixture server speaks the template's first (original) columns.
    assert tuple(csv_rows[0][: len(MANIFEST_HEADINGS)]) == MANIFEST_HEADINGS
    sheet = load_workbook(template_path("xlsx"), read_only=True).worksheets[0]
    assert [cell.value for cell in next(sheet.iter_rows())] == [c.vi for c in COLUMNS]
    example = parse_manifest(csv_rows, "tpl")
    assert len(example.records) == 1 and not example.errors
    assert parse_manifest(read_rows(template_path("xlsx").read_bytes(), "xlsx"), "tpl") == example


def test_manifest_rows_map_to_records(server: FixtureServer) -> None:
    body = (REPO / "harvesters/templates/manifest_template.csv").read_bytes()
    record = parse_manifest(read_rows(body, "csv"), "hoi").records[0]
    assert record.title.vi == "Đánh giá chất lượng nước sông Hồng"
    assert record.language == "vi" and record.year == 2020
    assert [a.name for a in record.authors] == ["Nguyễn Văn An", "Trần Thị Bích"]
    assert record.files[0].is_pdf and record.issn == ("1859-3100",)


def test_row_errors_name_row_and_column_and_keep_good_rows() -> None:
    headings = [c.vi for c in COLUMNS]
    good = ["a1", "Tiêu đề", "", "", "2020", "", "", "", "", "", "", "", "", "vi", "", ""]
    bad_year = ["a2", "Tiêu đề", "", "", "năm ngoái", *[""] * 11]
    bad_doi_issn = ["a3", "T", "", "", "", "not-a-doi", "1234-5678", *[""] * 9]
    no_title = ["a4", "", "", *[""] * 13]
    bad_url = ["a5", "T", *[""] * 12, "file:///etc/passwd", ""]
    duplicate = list(good)
    result = parse_manifest(
        [headings, good, bad_year, bad_doi_issn, no_title, bad_url, duplicate], "s"
    )
    assert [r.identifier for r in result.records] == ["a1"]
    found = {(e.row, e.column, e.problem) for e in result.errors}
    assert found == {
        (3, "Năm", "year"),
        (4, "DOI", "doi"),
        (4, "ISSN", "issn"),
        (5, "Tiêu đề (tiếng Việt)", "no_title"),
        (6, "Liên kết tệp", "url"),
        (7, "Mã định danh", "duplicate"),
    }
    message = next(e for e in result.errors if e.problem == "year")
    assert message.message("vi").startswith("Dòng 3, cột Năm")
    assert message.message("en").startswith("Row 3, column Năm")


def test_english_or_unaccented_headings_accepted() -> None:
    rows = [["Identifier", "Tieu de (tieng Viet)", "Tu khoa"], ["x", "Bài", "a; b"]]
    record = parse_manifest(rows, "s").records[0]
    assert record.title.vi == "Bài" and record.keywords == ("a", "b")


def test_manifest_without_identifier_column_is_refused() -> None:
    with pytest.raises(HarvestError) as caught:
        parse_manifest([["Tiêu đề"], ["x"]], "s")
    assert caught.value.code == "manifest_format"


def test_windows_1258_csv_is_read() -> None:
    # Windows-1258 stores tone marks as combining characters after the letter.
    text = "Identifier,Title (Vietnamese)\r\nm1,Hoa\u0300 bi\u0300nh\r\n"
    record = parse_manifest(read_rows(text.encode("cp1258"), "csv"), "s").records[0]
    assert record.title.vi == "Hòa bình"


def test_xlsx_zip_bomb_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (70 * 1024 * 1024))
    with pytest.raises(HarvestError) as caught:
        read_rows(buffer.getvalue(), "xlsx")
    assert caught.value.code == "manifest_format"


def test_cli_oai_writes_jsonl_with_tombstones(server: FixtureServer, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    done = cli(
        "oai",
        f"{server.base_url}/oai",
        "--out",
        str(out),
        "--profile",
        "oai_dc",
        "--profile",
        "ojs",
        "--allow-host",
        server.host_port,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 250 and sum(r["deleted"] for r in lines) == 10
    assert all(len(r["content_hash"]) == 64 for r in lines)
    assert "Xong: 250 bản ghi" in done.stderr and "Done: 250 records" in done.stderr


def test_cli_refuses_loopback_without_allow_host(server: FixtureServer, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    done = cli("oai", f"{server.base_url}/oai", "--out", str(out))
    assert done.returncode == 1
    assert "Refused to connect to 127.0.0.1" in done.stderr and not out.exists()


def test_cli_failed_run_leaves_only_a_partial_file(server: FixtureServer, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    done = cli(
        "oai",
        f"{server.base_url}/oai/fault/bad-token",
        "--out",
        str(out),
        "--allow-host",
        server.host_port,
    )
    assert done.returncode == 1 and "badResumptionToken" in done.stderr
    assert not out.exists()
    assert len((tmp_path / "records.jsonl.partial").read_text().splitlines()) == 100


def test_cli_ckan_removal_tombstones(server: FixtureServer, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    first = cli(
        "ckan",
        f"{server.base_url}/ckan",
        "--out",
        str(tmp_path / "a.jsonl"),
        "--ids-out",
        str(ids),
        "--allow-host",
        server.host_port,
    )
    assert first.returncode == 0, first.stderr
    second = cli(
        "ckan",
        f"{server.base_url}/ckan-after-removal",
        "--out",
        str(tmp_path / "b.jsonl"),
        "--from",
        "2022-01-20T00:00:00",
        "--previous-ids",
        str(ids),
        "--allow-host",
        server.host_port,
    )
    assert second.returncode == 0, second.stderr
    records = [json.loads(x) for x in (tmp_path / "b.jsonl").read_text().splitlines()]
    assert sum(r["deleted"] for r in records) == 2


@pytest.mark.parametrize(
    ("source", "extra"),
    [
        ("/feed/rss.xml", []),
        ("/wp", ["--mode", "wordpress"]),
        ("/wp/sitemap.xml", ["--mode", "sitemap"]),
    ],
)
def test_cli_feed_modes(
    server: FixtureServer, tmp_path: Path, source: str, extra: list[str]
) -> None:
    out = tmp_path / "feed.jsonl"
    done = cli(
        "feed",
        f"{server.base_url}{source}",
        "--out",
        str(out),
        "--allow-host",
        server.host_port,
        *extra,
    )
    assert done.returncode == 0, done.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 11


def test_cli_manifest_reports_row_errors(server: FixtureServer, tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    done = cli(
        "manifest",
        f"{server.base_url}/manifest/broken.csv",
        "--out",
        str(out),
        "--allow-host",
        server.host_port,
    )
    assert done.returncode == 2
    assert "Dòng 3, cột Năm" in done.stderr and "Row 4, column DOI" in done.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 7
