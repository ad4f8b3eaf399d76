"""Record model, identifiers, text cleaning and language normalisation."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from harvesters.identifiers import find_doi, find_isbns, find_issns, find_orcids
from harvesters.records import Author, FileLink, LangText, Record, record_from_json, record_to_json
from harvesters.text import (
    clean_text,
    detect_legacy,
    guess_language,
    html_to_text,
    normalise_language,
)
from ocr_pipeline.vietnamese import encode_legacy, normalise_text


def sample() -> Record:
    return Record(
        source_id="hoi-tin-hoc",
        identifier="oai:x:1",
        datestamp="2024-01-01T00:00:00Z",
        title=LangText(vi="Công nghệ thông tin", en="Information technology"),
        authors=(Author("Nguyễn Văn An", orcid="0000-0002-1825-0097"),),
        keywords=("công nghệ",),
        year=2020,
        files=(FileLink("https://x.vn/a.pdf", "application/pdf", True),),
        raw="<record/>",
    )


def test_json_line_round_trip_keeps_everything() -> None:
    record = sample()
    line = record_to_json(record)
    assert "\n" not in line and "Công nghệ" in line
    assert record_from_json(line) == record


def test_content_hash_ignores_datestamp_and_raw_but_not_content() -> None:
    record = sample()
    moved = dataclasses.replace(record, datestamp="2025-05-05T00:00:00Z", raw="<other/>")
    assert moved.content_hash == record.content_hash
    retitled = dataclasses.replace(record, title=LangText(vi="Khác", en="Other"))
    assert retitled.content_hash != record.content_hash


def test_tombstone_is_a_record_with_deleted_flag() -> None:
    tomb = Record(source_id="s", identifier="oai:x:9", deleted=True)
    assert record_from_json(record_to_json(tomb)).deleted


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("https://doi.org/10.15625/2525-2518/58/1/14277.", "10.15625/2525-2518/58/1/14277"),
        ("doi:10.1000/ABC.def", "10.1000/abc.def"),
        ("Tạp chí; 45-52", ""),
    ],
)
def test_find_doi(text: str, doi: str) -> None:
    assert find_doi(text) == doi


def test_issn_checksum_rejects_page_ranges() -> None:
    assert find_issns("ISSN 1859-3100; eISSN 2525-2518; pages 1234-5678") == (
        "1859-3100",
        "2525-2518",
    )
    assert find_issns("0378-5955 and 0378-5954") == ("0378-5955",)


def test_orcid_checksum() -> None:
    assert find_orcids("https://orcid.org/0000-0002-1694-233x") == ("0000-0002-1694-233X",)
    assert find_orcids("0000-0002-1825-0098") == ()


def test_isbn_checksum() -> None:
    assert find_isbns("ISBN 978-604-913-088-5 or 0-306-40615-2") == ("9786049130885", "0306406152")
    assert find_isbns("978-604-913-088-4") == ()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("vie", "vi"),
        ("vi_VN", "vi"),
        ("Vietnamese", "vi"),
        ("Tiếng Việt", "vi"),
        (unicodedata.normalize("NFD", "Tiếng Việt"), "vi"),
        ("eng", "en"),
        ("en-US", "en"),
        ("fre", "fr"),
        ("klingon", ""),
    ],
)
def test_language_codes_normalised(value: str, code: str) -> None:
    assert normalise_language(value) == code


def test_guess_language() -> None:
    assert guess_language("Đánh giá chất lượng") == "vi"
    assert guess_language("Water quality") == "en"
    assert guess_language("Качество воды") == ""


def test_clean_text_is_nfc_with_one_tone_style() -> None:
    cleaned = clean_text(unicodedata.normalize("NFD", "Hoà nhập xã hội"))
    assert cleaned == unicodedata.normalize("NFC", "Hòa nhập xã hội")
    assert cleaned.warnings == ()


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_font_mojibake_is_converted_and_reported(encoding: str) -> None:
    original = "Đánh giá chất lượng nước sông Hồng và tác động của biến đổi khí hậu"
    legacy = encode_legacy(original, encoding)  # type: ignore[arg-type]
    cleaned = clean_text(legacy)
    assert cleaned.lower() == original.lower()
    assert cleaned.warnings == (f"{encoding}_converted",)


def test_utf8_read_as_latin1_is_repaired_including_c1_controls() -> None:
    original = "Nghiên cứu ứng dụng công nghệ thông tin"
    garbled = original.encode("utf-8").decode("latin-1")
    assert any(0x80 <= ord(c) < 0xA0 for c in garbled)
    cleaned = clean_text(garbled)
    assert cleaned == original and cleaned.warnings == ("mojibake_repaired",)


def test_replacement_character_is_never_stored() -> None:
    cleaned = clean_text("Vi\ufffdt Nam")
    assert "\ufffd" not in cleaned and "replacement_character_removed" in cleaned.warnings


def test_genuine_latin1_text_left_alone() -> None:
    assert clean_text("café Größe") == "café Größe"


def test_html_to_text_drops_markup_and_scripts() -> None:
    text = html_to_text("<p>Tóm tắt <b>đậm</b></p><script>alert(1)</script><p>Hai &amp; ba</p>")
    assert "alert" not in text and "<" not in text
    assert "Tóm tắt đậm" in text and "Hai & ba" in text


def test_vni_names_not_mistaken_for_tcvn3() -> None:
    # Regression: the shared detector ties VNI and TCVN3 on short Vietnamese names.
    names = "Trần Thị Bích\nPhạm Thùy Dung\nViện Hàn lâm Khoa học và Công nghệ Việt Nam"
    assert detect_legacy(encode_legacy(names, "vni")) == "vni"
    assert detect_legacy(encode_legacy(names, "tcvn3")) == "tcvn3"
    assert detect_legacy(names) is None


@pytest.mark.parametrize(
    "text",
    [" Water quality of the Red River ", "a\tb", "x  y", "line\nbreak", "ctrl\x07char", "plain"],
)
def test_ascii_fast_path_matches_full_normalisation(text: str) -> None:
    assert clean_text(text) == normalise_text(text)
