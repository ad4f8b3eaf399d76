"""Shared fixtures for the OCR pipeline tests: paths to the real-world corpus and made material."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.material.born_digital import vietnamese_pdf
from tests.material.prose import pages_of_prose

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "pdf"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("real-world corpus ../shared/corpus/pdf not present")
    return CORPUS.resolve()


@pytest.fixture(scope="session")
def prose_pages() -> list[list[str]]:
    return pages_of_prose(3)


@pytest.fixture(scope="session")
def born_digital_pdf(tmp_path_factory: pytest.TempPathFactory,
                     prose_pages: list[list[str]]) -> Path:
    path = tmp_path_factory.mktemp("material") / "born_digital_vietnamese_3_pages.pdf"
    path.write_bytes(vietnamese_pdf(prose_pages))
    return path
