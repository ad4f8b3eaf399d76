"""Vietnamese normalisation, folding and legacy-encoding repair."""

from __future__ import annotations

import unicodedata

import pytest

from ocr_pipeline.vietnamese import (
    LegacyEncoding,
    convert_legacy,
    detect_legacy_encoding,
    encode_legacy,
    fold_diacritics,
    is_vietnamese_syllable,
    join_hyphenated_lines,
    normalise_text,
    normalise_tone_placement,
    repair_mojibake,
)

PROSE = (
    "Nghiên cứu này đánh giá ảnh hưởng của biến đổi khí hậu đến năng suất lúa ở đồng bằng "
    "sông Cửu Long. Kết quả cho thấy nhiệt độ tăng làm giảm đáng kể sản lượng vụ hè thu; "
    "những hộ nông dân nghèo chịu thiệt hại nặng nề nhất. Chúng tôi đề xuất giải pháp thích ứng "
    "dựa vào cộng đồng, kết hợp giống chịu mặn với lịch thời vụ mới."
)
EVERY_LETTER = (
    "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự "
    "yỳýỷỹỵ đ"
)


def test_nfc_from_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    assert decomposed != "Việt Nam"
    assert normalise_text(decomposed) == "Việt Nam"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("hoà", "hòa"), ("thuý", "thúy"), ("khoẻ", "khỏe"), ("Hoà", "Hòa"), ("uỷ ban", "ủy ban"),
     ("hòa", "hòa"), ("quý", "quý"), ("hoàng", "hoàng"), ("thuyết", "thuyết"), ("giá", "giá"),
     ("toà án", "tòa án"), ("ngoài", "ngoài")],
)
def test_tone_placement_is_traditional(given: str, expected: str) -> None:
    assert normalise_tone_placement(given) == expected
    assert normalise_text(unicodedata.normalize("NFD", given)) == expected


def test_both_placements_normalise_to_the_same_string() -> None:
    assert normalise_text("Cộng hoà xã hội") == normalise_text("Cộng hòa xã hội")
    assert normalise_text("Thuý Kiều") == normalise_text("Thúy Kiều")


def test_controls_removed_whitespace_tidied_paragraphs_kept() -> None:
    raw = "Dòng\x00 một\u200b  có\ttab \r\nDòng hai\x07\n\n\n\nĐoạn\u00ad mới\ufeff  \ue000"
    assert normalise_text(raw) == "Dòng một có tab\nDòng hai\n\nĐoạn mới"


def test_ligatures_expanded() -> None:
    assert normalise_text("sta\ufb00 e\ufb03cient") == "staff efficient"


def test_dehyphenation_joins_broken_words_only() -> None:
    assert join_hyphenated_lines("infor-\nmation and well-\nknown") == "information and wellknown"
    assert join_hyphenated_lines("năm 1990-\n1995") == "năm 1990-\n1995"


def test_fold_diacritics() -> None:
    assert fold_diacritics("Đường Nguyễn Trãi") == "duong nguyen trai"
    assert {fold_diacritics(w) for w in ["bàn", "bạn", "bản", "bán", "ban"]} == {"ban"}
    assert fold_diacritics(EVERY_LETTER).replace(" ", "").isascii()


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_legacy_round_trip_every_letter(enc: LegacyEncoding) -> None:
    legacy = encode_legacy(EVERY_LETTER, enc)
    assert legacy != EVERY_LETTER
    # What a legacy font shows is plain cp1252: every character must be representable there.
    legacy.encode("cp1252")
    assert convert_legacy(legacy, enc) == EVERY_LETTER


def test_vni_capitals_round_trip() -> None:
    text = "VIỆT NAM ĐỘC LẬP TỰ DO HẠNH PHÚC ĂN Ở ỶY ỴY"
    assert convert_legacy(encode_legacy(text, "vni"), "vni") == text


def test_known_tcvn3_sample() -> None:
    # The classic .VnTime rendering of "Cộng hòa Xã hội chủ nghĩa Việt Nam".
    assert convert_legacy("Céng hßa X· héi chñ nghÜa ViÖt Nam", "tcvn3") == (
        "Cộng hòa Xã hội chủ nghĩa Việt Nam"
    )
    assert convert_legacy("céng hßa", "tcvn3", capitals_font=True) == "CỘNG HÒA"


def test_known_vni_sample() -> None:
    assert convert_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_detects_and_converts_prose(enc: LegacyEncoding) -> None:
    source = PROSE.lower() if enc == "tcvn3" else PROSE
    mojibake = encode_legacy(source, enc)
    assert detect_legacy_encoding(mojibake) == enc
    assert convert_legacy(mojibake, enc) == source


@pytest.mark.parametrize(
    "text",
    [
        PROSE,
        "Die Größe der Straße über dem Fluß ist größer als erwartet, schön und müde.",
        "L'été dernier, nous étions à Paris où l'on a visité le musée d'Orsay et l'église.",
        "Plain English text about machine learning and climate models, nothing special here.",
        "",
    ],
)
def test_real_text_is_not_flagged(text: str) -> None:
    assert detect_legacy_encoding(text) is None


def test_font_name_hint_catches_a_short_heading() -> None:
    heading = encode_legacy("tóm tắt", "tcvn3")
    assert detect_legacy_encoding(heading) is None
    assert detect_legacy_encoding(heading, font_names=["ABCDEF+.VnTime"]) == "tcvn3"
    vni_heading = encode_legacy("Tóm tắt", "vni")
    assert detect_legacy_encoding(vni_heading, font_names=["VNI-Times"]) == "vni"


def test_syllable_shape() -> None:
    assert all(is_vietnamese_syllable(w) for w in ["nghiêng", "khuyết", "quốc", "gia", "trường"])
    assert not any(is_vietnamese_syllable(w) for w in ["Größe", "strength", "ộtộ"])


def _as_cp1252(text: str) -> str:
    """UTF-8 bytes shown through cp1252, undefined bytes passed through (lenient decoders)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def test_repair_utf8_read_as_cp1252() -> None:
    broken = _as_cp1252(PROSE + " " + EVERY_LETTER.upper())
    assert broken != PROSE
    assert repair_mojibake(broken) == PROSE + " " + EVERY_LETTER.upper()
    assert repair_mojibake("Viá»‡t Nam") == "Việt Nam"
    assert repair_mojibake("Cá»™ng hÃ²a") == "Cộng hòa"


@pytest.mark.parametrize("text", ["café Größe naïve", "Việt Nam", "ÀÉÎ õ", "Â»"[0] + " x"])
def test_repair_leaves_genuine_text_alone(text: str) -> None:
    assert repair_mojibake(text) == text


def test_tcvn3_u_restored_when_extractor_reports_a_hyphen() -> None:
    # pdfium and pdfminer read TCVN3's "ư" byte (0xAD, WinAnsi hyphen) as "-".
    seen = encode_legacy("người dân vượt ngưỡng, lúa-tôm 1990-2020", "tcvn3").replace("\u00ad", "-")
    assert convert_legacy(seen, "tcvn3") == "người dân vượt ngưỡng, lúa-tôm 1990-2020"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("hoà", "hòa"),  # the whole text is the word
        ("(hoà)", "(hòa)"),  # word bounded by punctuation
        ("Toà hoà giải thuỷ lợi", "Tòa hòa giải thủy lợi"),  # several words in a row
        ("xoàxoà", "xoàxoà"),  # two rhymes in one letter run: not a syllable, left alone
        ("HOÀ THUÝ", "HÒA THÚY"),  # capitals
        ("hoà2hoà", "hòa2hòa"),  # digits end a word
    ],
)
def test_tone_placement_finds_each_word_around_its_rhyme(given: str, expected: str) -> None:
    assert normalise_tone_placement(given) == expected


def test_whitespace_of_every_kind_is_tidied_line_by_line() -> None:
    raw = "\u00a0 đầu\u3000dòng \t\n\t giữa  dòng\u2028cuối \n \n \n\n kết\u00a0"
    assert normalise_text(raw) == "đầu dòng\ngiữa dòng cuối\n\nkết"


def test_dehyphenation_with_each_hyphen_kind_and_none() -> None:
    assert join_hyphenated_lines("ngôn-\nngữ bộ\u2010\nbinh") == "ngônngữ bộbinh"
    assert join_hyphenated_lines("không có gạch nối\nở cuối dòng") == (
        "không có gạch nối\nở cuối dòng"
    )


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_legacy_prefilter_flags_mojibake_but_not_unicode_vietnamese(enc: LegacyEncoding) -> None:
    from ocr_pipeline.text_layer import might_be_legacy

    source = PROSE.lower() if enc == "tcvn3" else PROSE
    assert might_be_legacy(encode_legacy(source, enc))
    assert not might_be_legacy(PROSE)
    assert not might_be_legacy("Plain English text about climate models, nothing special here.")
