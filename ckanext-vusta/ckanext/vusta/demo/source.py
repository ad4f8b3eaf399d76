"""The demo's bundled harvest source: each member association's publications as a spreadsheet in
our manifest template (Vietnamese headings), with their PDFs, written to a folder that a small
local HTTP server serves, so `make run`'s publications arrive by a real harvest.

No CKAN here: the files are what a member association without a repository would publish.
"""

from __future__ import annotations

__all__ = ["PDF_DATE", "SourceFile", "build_source", "is_harvested", "manifest_rows"]

import csv
import datetime
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ckanext.vusta.demo.pdf import render_pdf, render_scanned_pdf
from harvesters.manifest_columns import COLUMNS

# Fixed, so the PDFs are byte-identical on every build (an unchanged source stays unchanged).
PDF_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


@dataclass(frozen=True)
class SourceFile:
    """One association's manifest as a harvest source sees it."""

    name: str
    title: str
    owner_org: str
    url: str


def is_harvested(record: dict[str, Any]) -> bool:
    """Publications carry the identifier they have in their association's spreadsheet."""
    return "identifier" in record


def _pdf_path(manifest_path: str, record: dict[str, Any]) -> str:
    return str(PurePosixPath(manifest_path).parent / "tep" / f"{record['identifier']}.pdf")


def _joined(values: Sequence[str]) -> str:
    return "; ".join(values)


def _cells(record: dict[str, Any], file_url: str) -> dict[str, str]:
    fields = record["fields"]
    authors = fields.get("authors", [])
    text = {key: str(fields.get(key, "")) for key in (
        "title_en", "year", "issued", "doi", "issn", "journal_title", "volume", "issue",
        "pages", "language", "publication_type", "publisher", "isbn", "access",
        "embargo_until", "related_project", "funding")}
    return {
        **text,
        "identifier": record["identifier"],
        "title_vi": fields["title"],
        "authors": _joined([a["name"] for a in authors]),
        # Same positions as the authors; blanks keep their place.
        "author_orcids": _joined([a.get("orcid", "") for a in authors]),
        "author_affiliations": _joined([a.get("affiliation", "") for a in authors]),
        "keywords": _joined(fields.get("tags", [])),
        "subjects": _joined(fields.get("subject", [])),
        "abstract": fields.get("notes", ""),
        "abstract_en": fields.get("notes_en", ""),
        "licence": fields.get("license_id", ""),
        "file_url": file_url,
    }


def manifest_rows(records: Sequence[dict[str, Any]], base_url: str,
                  manifest_path: str) -> list[list[str]]:
    """Heading row (the template's Vietnamese headings), then one row per publication."""
    rows = [[column.vi for column in COLUMNS]]
    for record in records:
        file_url = f"{base_url}/{_pdf_path(manifest_path, record)}" if record.get("file") else ""
        cells = _cells(record, file_url)
        rows.append([cells.get(column.key, "") for column in COLUMNS])
    return rows


def _write(path: Path, data: bytes) -> None:
    """Atomic replace: the server never hands out half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    tmp = Path(name)
    tmp.chmod(0o644)
    tmp.replace(path)


def _spreadsheet(rows: list[list[str]], kind: str) -> bytes:
    if kind == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return out.getvalue().encode("utf-8-sig")  # what Excel saves as "CSV UTF-8"
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pdf(record: dict[str, Any], font: str) -> bytes:
    pages = record["file"]["pages"]
    if record["file"].get("scanned"):
        return render_scanned_pdf(pages, font, PDF_DATE)
    return render_pdf(record["fields"]["title"], pages, font, PDF_DATE)


def build_source(content: dict[str, Any], folder: Path, base_url: str,
                 font: str) -> tuple[SourceFile, ...]:
    """Write every association's manifest and PDFs under ``folder`` (served at ``base_url``)."""
    base_url = base_url.rstrip("/")
    sources = []
    for source in content["sources"]:
        records = [r for r in content["records"]
                   if is_harvested(r) and r["fields"]["owner_org"] == source["owner_org"]]
        for record in records:
            if record.get("file"):
                _write(folder / _pdf_path(source["path"], record), _pdf(record, font))
        rows = manifest_rows(records, base_url, source["path"])
        _write(folder / source["path"], _spreadsheet(rows, source["path"].rsplit(".", 1)[-1]))
        sources.append(SourceFile(source["name"], source["title"], source["owner_org"],
                                  f"{base_url}/{source['path']}"))
    return tuple(sources)
