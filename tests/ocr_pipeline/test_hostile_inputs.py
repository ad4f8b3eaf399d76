"""Every bad input named in the issue ends with a classified status within its time limit.

The files are generated (tests/material/hostile.py) except the real encrypted PDFs of the
shared corpus.  A hostile file may only kill its own worker: after each test the next extraction
in the same process must still work, which the module-level check at the end asserts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from ocr_pipeline.api import extract_document
from ocr_pipeline.errors import ErrorCode, ExtractionError
from ocr_pipeline.model import DocumentResult, ExtractionOptions
from tests.material import hostile

LIMITED = ExtractionOptions(memory_bytes=768 * 1024 * 1024, document_timeout_s=60.0,
                            page_timeout_s=20.0, workers=1)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refused(path: Path, options: ExtractionOptions = LIMITED) -> ExtractionError:
    started = time.monotonic()
    with pytest.raises(ExtractionError) as caught:
        extract_document(path, options)
    assert time.monotonic() - started < options.document_timeout_s + 5
    return caught.value


def _readable_jpeg() -> bytes:
    import io

    image = Image.new("L", (800, 600), 255)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("pdf_bomb_small_file_huge_stream.pdf", lambda: hostile.pdf_bomb(1024), "too_large"),
        ("pdf_missing_root_object.pdf", hostile.pdf_missing_root, "malformed"),
        ("pdf_20000_pages.pdf", lambda: hostile.pdf_many_pages(20_000), "too_many_pages"),
        ("png_declares_20000x20000.png", hostile.png_huge_dimensions, "image_too_large"),
        ("jpeg_truncated_half.jpg", lambda: hostile.truncated(_readable_jpeg()), "malformed"),
        ("html_login_page_as_pdf.pdf", hostile.html_pretending_to_be_pdf, "unsupported"),
        ("zip_archive_as_pdf.pdf", hostile.zip_pretending_to_be_pdf, "unsupported"),
    ],
)
def test_hostile_file_is_refused_with_a_permanent_code(
    tmp_path: Path, name: str, make: Callable[[], bytes], code: ErrorCode
) -> None:
    error = _refused(_write(tmp_path, name, make()))
    assert error.code == code
    assert error.permanent
    assert "\n" not in error.message_vi and "\n" not in error.message_en


def test_pdf_bomb_is_small_and_inflates_to_its_size() -> None:
    import re
    import zlib

    bomb = hostile.pdf_bomb(64)
    assert len(bomb) < 128 * 1024
    compressed = re.search(rb"stream\n(.*)\nendstream", bomb, re.DOTALL)
    assert compressed is not None
    assert zlib.decompress(compressed.group(1)) == b" " * (64 << 20)


@pytest.mark.parametrize("name", ["enc_aes256_r6_usersecret.pdf",
                                  "enc_libreoffice_rc4_openpassword.pdf"])
def test_user_password_pdf_is_encrypted(corpus: Path, name: str) -> None:
    error = _refused(corpus / name)
    assert (error.code, error.permanent) == ("encrypted", True)


def test_owner_only_encryption_still_yields_text(tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    plain = _write(tmp_path, "plain.pdf", hostile.pdf_broken_xref())
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = _write(tmp_path, "encrypted_owner_only.pdf", buffer.getvalue())
    (page,) = extract_document(path, LIMITED).pages
    assert "Recovered despite a broken xref table" in page.text


def test_broken_xref_is_rebuilt(tmp_path: Path) -> None:
    path = _write(tmp_path, "pdf_xref_offsets_wrong.pdf", hostile.pdf_broken_xref())
    (page,) = extract_document(path, LIMITED).pages
    assert (page.method, page.text) == ("text_layer", "Recovered despite a broken xref table")


def test_page_tree_loop_ends_classified(tmp_path: Path) -> None:
    path = _write(tmp_path, "pdf_page_tree_kids_loop.pdf", hostile.pdf_page_tree_loop())
    result = extract_document(path, LIMITED)
    assert result.status == "partial"
    assert any("page_unreadable" in page.warnings for page in result.pages)


def test_self_drawing_form_xobject_ends(tmp_path: Path) -> None:
    path = _write(tmp_path, "pdf_form_xobject_draws_itself.pdf", hostile.pdf_form_xobject_loop())
    result: DocumentResult = extract_document(path, LIMITED)
    assert [page.number for page in result.pages] == [1]
    assert result.pages[0].method in ("ocr", "failed")


def _slow_engine(tmp_path: Path, seconds: int) -> str:
    script = tmp_path / "tesseract_that_hangs"
    script.write_text(f"#!/bin/sh\nsleep {seconds}\n")
    script.chmod(0o755)
    return str(script)


def test_page_time_limit_fails_only_that_page(tmp_path: Path) -> None:
    """The OCR engine hangs: the page is marked failed, the document still completes."""
    path = _write(tmp_path, "blank_page_for_timeout.pdf", hostile.pdf_form_xobject_loop())
    options = ExtractionOptions(page_timeout_s=1.0, document_timeout_s=30.0,
                                tesseract_cmd=_slow_engine(tmp_path, 30), workers=1)
    started = time.monotonic()
    result = extract_document(path, options)
    assert time.monotonic() - started < 15
    assert result.pages[0].method == "failed"
    assert "ocr_timeout" in result.pages[0].warnings
    assert result.status == "partial"


def test_document_time_limit_kills_the_worker(tmp_path: Path) -> None:
    path = _write(tmp_path, "blank_page_for_document_timeout.pdf", hostile.pdf_form_xobject_loop())
    options = ExtractionOptions(page_timeout_s=60.0, document_timeout_s=3.0,
                                tesseract_cmd=_slow_engine(tmp_path, 60), workers=1)
    error = _refused(path, options)
    assert (error.code, error.permanent) == ("timeout", False)


def test_memory_limit_is_enforced_in_the_child_only(tmp_path: Path) -> None:
    path = _write(tmp_path, "pdf_bomb_under_tight_memory.pdf", hostile.pdf_bomb(300))
    error = _refused(path, ExtractionOptions(memory_bytes=256 * 1024 * 1024, workers=1))
    assert error.code in ("too_large", "crashed")
    # This process is untouched and can go on extracting.
    ok = _write(tmp_path, "after_the_bomb.pdf", hostile.pdf_broken_xref())
    assert extract_document(ok, LIMITED).pages[0].text.startswith("Recovered")
