"""Vietnamese names split family-first; the FOS vocabulary has both languages."""

from __future__ import annotations

import unicodedata

import pytest

from ckanext.vusta.catalogue import fos
from ckanext.vusta.catalogue.names import split_name


@pytest.mark.parametrize(("raw", "family", "given", "display"), [
    ("Nguyễn Thị Hương", "Nguyễn", "Thị Hương", "Nguyễn Thị Hương"),
    ("Đỗ Quang Huy", "Đỗ", "Quang Huy", "Đỗ Quang Huy"),
    ("Smith, John", "Smith", "John", "John Smith"),
    ("John Smith", "Smith", "John", "John Smith"),
    ("Nguyễn, Văn A", "Nguyễn", "Văn A", "Nguyễn Văn A"),
    ("Aristotle", "Aristotle", "", "Aristotle"),
])
def test_split_name(raw: str, family: str, given: str, display: str) -> None:
    name = split_name(raw)
    assert (name.family, name.given, name.display) == (family, given, display)


def test_decomposed_vietnamese_name_is_recognised_and_composed() -> None:
    name = split_name(unicodedata.normalize("NFD", "Trần   Văn Đức"))
    assert name.family == "Trần"
    assert name.inverted == "Trần, Văn Đức"
    assert unicodedata.is_normalized("NFC", name.inverted)


def test_fos_vocabulary_is_complete_and_bilingual() -> None:
    top = [code for code in fos.FOS if "." not in code]
    assert top == ["1", "2", "3", "4", "5", "6"]
    assert len(fos.FOS) == 48
    for code, (vi, en) in fos.FOS.items():
        assert vi and en and vi != en, code
        assert code.split(".")[0] in top
    assert fos.fos_label("1.2", "vi") == "1.2 Khoa học máy tính và thông tin"
    assert fos.fos_label("1.2", "en") == "1.2 Computer and information sciences"
    assert fos.unknown_codes(["1.2", "9.9", "1.8"]) == ["9.9", "1.8"]
    assert [c["value"] for c in fos.fos_choices("en")] == list(fos.FOS)
