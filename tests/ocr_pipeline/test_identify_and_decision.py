"""Pure stages: magic-byte identification, the per-page text-layer decision, TSV parsing."""

from __future__ import annotations

import pytest

from ocr_pipeline.decision import apply_assessment, assess_text_layer
from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.identify import identify
from ocr_pipeline.tesseract import parse_tsv
from ocr_pipeline.vietnamese import encode_legacy
from tests.material.hostile import (
    html_pretending_to_be_pdf,
    png_huge_dimensions,
    zip_pretending_to_be_pdf,
)
from tests.material.prose import PARAGRAPHS


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b"%PDF-1.7\n", "pdf"), (b"\n\n  junk %PDF-1.4", "pdf"), (png_huge_dimensions(), "png"),
     (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"), (b"II*\x00\x08", "tiff"), (b"MM\x00*", "tiff")],
)
def test_identify_by_magic(head: bytes, kind: str) -> None:
    assert identify(head) == kind


@pytest.mark.parametrize(
    ("head", "why"),
    [(html_pretending_to_be_pdf(), "HTML"), (zip_pretending_to_be_pdf(), "ZIP"),
     (b"GIF89a", "unknown"), (b"", "unknown")],
)
def test_identify_refuses_impostors(head: bytes, why: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        identify(head)
    assert caught.value.code == "unsupported"
    assert caught.value.permanent
    assert why in caught.value.detail
    assert caught.value.message_vi and caught.value.message_en


def test_good_vietnamese_text_is_used() -> None:
    assessment = assess_text_layer(PARAGRAPHS[0])
    assert assessment.action == "use"
    assert apply_assessment(PARAGRAPHS[0], assessment) == PARAGRAPHS[0]


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "text_layer_empty"), ("  \n 3 \n", "text_layer_thin"),
     ("\ufffd" * 40 + "abc", "unmapped_glyphs"), ("(cid:12)(cid:40)" * 20, "unmapped_glyphs"),
     ("\ue001\ue002 " * 30 + PARAGRAPHS[0][:60], "unmapped_glyphs"),
     ("!#$%&*+,-./:;<=>?@[]^_{|}~" * 4, "symbol_soup")],
)
def test_pages_sent_to_ocr(text: str, reason: str) -> None:
    assessment = assess_text_layer(text)
    assert assessment.action == "ocr"
    assert assessment.reasons == (reason,)


def test_legacy_text_is_converted() -> None:
    source = PARAGRAPHS[1].lower()
    assessment = assess_text_layer(encode_legacy(source, "tcvn3"), [".VnTime"])
    assert (assessment.action, assessment.encoding) == ("convert", "tcvn3")
    assert apply_assessment(encode_legacy(source, "tcvn3"), assessment) == source


def test_capitals_font_converts_to_upper_case() -> None:
    heading = encode_legacy("báo cáo tổng kết năm", "tcvn3")
    assessment = assess_text_layer(heading + " " + heading, [".VnTimeH"], min_chars=5)
    assert assessment.capitals_font
    assert apply_assessment(heading, assessment) == "BÁO CÁO TỔNG KẾT NĂM"


def test_utf8_mojibake_is_repaired() -> None:
    broken = PARAGRAPHS[2].encode().decode("cp1252", errors="ignore")
    assessment = assess_text_layer(broken)
    assert assessment.action == "repair"
    repaired = apply_assessment(broken, assessment)
    assert sum(a == b for a, b in zip(repaired, PARAGRAPHS[2], strict=False)) > len(repaired) * 0.5


def test_parse_tsv_rebuilds_lines_paragraphs_and_confidence() -> None:
    header = "\t".join(["level", "page_num", "block_num", "par_num", "line_num", "word_num",
                        "left", "top", "width", "height", "conf", "text"])
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tViệt",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tNam",
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tHà",
        "5\t1\t1\t2\t1\t1\t0\t0\t1\t1\t60\tNội",
    ]
    output = parse_tsv("\n".join([header, *rows]))
    assert output.text == "Việt Nam\nHà\n\nNội"
    expected = (90 * 4 + 80 * 3 + 70 * 2 + 60 * 3) / 12
    assert output.confidence == pytest.approx(expected, abs=0.01)
    assert parse_tsv(header).confidence == 0.0
