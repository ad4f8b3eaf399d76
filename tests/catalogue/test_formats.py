"""Citation exports parse back in a reference manager's format, Vietnamese names intact,
hostile text inert."""

from __future__ import annotations

import json
import unicodedata

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

from ckanext.vusta.catalogue.formats import bibtex, csl_json, formatted_citation, ris
from tests.catalogue.records import URL, record


def _parse_bibtex(text: str) -> dict[str, object]:
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(),
                                 SplitNameParts()])
    assert not library.failed_blocks
    assert len(library.entries) == 1
    entry = library.entries[0]
    fields: dict[str, object] = {key: field.value for key, field in entry.fields_dict.items()}
    fields["ENTRYTYPE"] = entry.entry_type
    return fields


def test_bibtex_parses_with_vietnamese_names_family_first() -> None:
    fields = _parse_bibtex(bibtex(record()))
    assert fields["ENTRYTYPE"] == "article"
    assert fields["title"] == "Đánh giá xâm nhập mặn ở Đồng bằng sông Cửu Long"
    authors = fields["author"]
    assert isinstance(authors, list)
    assert [(a.last, a.first) for a in authors] == [
        (["Nguyễn"], ["Thị", "Hương"]), (["Trần"], ["Văn", "Đức"]), (["Smith"], ["John"])]
    assert fields["journal"] == "Tạp chí Khoa học Thủy lợi"
    assert fields["doi"] == "10.1234/tlvn.2023.15"
    assert fields["pages"] == "45–60"  # "--" decoded as an en dash
    assert fields["year"] == "2023"
    assert fields["url"] == URL


def test_bibtex_entry_types_follow_publication_type() -> None:
    kinds = {"conference-paper": "inproceedings", "book": "book", "book-chapter": "incollection",
             "report": "techreport", "thesis": "phdthesis", "standard": "misc"}
    for publication_type, entry in kinds.items():
        assert _parse_bibtex(bibtex(record(publication_type=publication_type)))[
            "ENTRYTYPE"] == entry
    dataset = _parse_bibtex(bibtex(record(type="research-dataset", publication_type="")))
    assert dataset["ENTRYTYPE"] == "misc"


def test_bibtex_special_characters_round_trip() -> None:
    hostile = "50% {tăng} & $giảm$ #1 a_b \\ <script>alert(1)</script>"
    fields = _parse_bibtex(bibtex(record(title=hostile)))
    assert fields["title"] == "50% {tăng} & $giảm$ #1 a_b \\ <script>alert(1)</script>"


def test_ris_parses_and_one_author_per_line() -> None:
    entries = rispy.loads(ris(record()))
    assert len(entries) == 1
    entry = entries[0]
    assert entry["type_of_reference"] == "JOUR"
    assert entry["authors"] == ["Nguyễn, Thị Hương", "Trần, Văn Đức", "Smith, John"]
    assert entry["title"] == "Đánh giá xâm nhập mặn ở Đồng bằng sông Cửu Long"
    assert entry["secondary_title"] == "Tạp chí Khoa học Thủy lợi"
    assert (entry["start_page"], entry["end_page"]) == ("45", "60")
    assert entry["doi"] == "10.1234/tlvn.2023.15"
    assert entry["keywords"] == ["xâm nhập mặn", "Cửu Long"]


def test_ris_newline_in_a_title_cannot_forge_tags() -> None:
    forged = "Nhan đề\nER  - \nTY  - JOUR\nTI  - giả mạo"
    entries = rispy.loads(ris(record(title=forged)))
    assert len(entries) == 1
    assert entries[0]["title"] == "Nhan đề ER - TY - JOUR TI - giả mạo"


def test_csl_json_names_and_dates() -> None:
    items = json.loads(csl_json(record()))
    item = items[0]
    assert item["type"] == "article-journal"
    assert item["author"][0] == {"family": "Nguyễn", "given": "Thị Hương"}
    assert item["issued"] == {"date-parts": [[2023, 6, 15]]}
    assert item["DOI"] == "10.1234/tlvn.2023.15"
    assert item["container-title"] == "Tạp chí Khoa học Thủy lợi"
    dataset = json.loads(csl_json(record(type="research-dataset")))[0]
    assert dataset["type"] == "dataset"


def test_formatted_citation_keeps_full_vietnamese_names() -> None:
    text = formatted_citation(record())
    assert text == ("Nguyễn Thị Hương, Trần Văn Đức, John Smith (2023). Đánh giá xâm nhập mặn "
                    "ở Đồng bằng sông Cửu Long. Tạp chí Khoa học Thủy lợi, 12(3), 45-60. "
                    "https://doi.org/10.1234/tlvn.2023.15")


def test_decomposed_input_comes_out_composed_in_every_format() -> None:
    nfd = record(title=unicodedata.normalize("NFD", "Đánh giá xâm nhập mặn"),
                 authors=[{"name": unicodedata.normalize("NFD", "Nguyễn Thị Hương")}])
    for text in (bibtex(nfd), ris(nfd), csl_json(nfd), formatted_citation(nfd)):
        assert unicodedata.is_normalized("NFC", text)
        assert "Nguyễn" in text
