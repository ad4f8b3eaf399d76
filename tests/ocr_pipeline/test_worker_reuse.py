"""Worker children are reused across documents without loosening any limit.

An ``Extractor`` keeps its children between documents; these tests look at the children's
process ids and their kernel limits (``/proc/PID/limits``) to show that one child serves several
documents, that a child which crashed, failed or overran is replaced by a fresh one that then
works, and that memory, CPU and wall-clock limits still hold on a child that has served before.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from ocr_pipeline.api import Extractor, extract_document
from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import ExtractionOptions
from tests.material import hostile
from tests.material.born_digital import page_images, vietnamese_pdf
from tests.material.prose import pages_of_prose

TEXT_ONLY = ExtractionOptions(ocr=False, workers=1, memory_bytes=768 * 1024 * 1024)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _limit(pid: int, name: str) -> tuple[str, str]:
    """(soft, hard) of one line of ``/proc/PID/limits``, e.g. ``Max cpu time``."""
    text = Path(f"/proc/{pid}/limits").read_text()
    match = re.search(rf"^{name}\s+(\S+)\s+(\S+)", text, re.MULTILINE)
    assert match is not None, text
    return match.group(1), match.group(2)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _engine(tmp_path: Path, name: str, body: str) -> str:
    """A stand-in ``tesseract`` command: a shell script doing ``body``."""
    script = tmp_path / name
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


def test_one_child_serves_consecutive_documents(born_digital_pdf: Path, tmp_path: Path) -> None:
    other = _write(tmp_path, "pdf_xref_offsets_wrong.pdf", hostile.pdf_broken_xref())
    with Extractor(TEXT_ONLY) as extractor:
        first = extractor.extract(born_digital_pdf)
        (pid,) = extractor.pool.pids
        second = extractor.extract(other)
        assert extractor.pool.pids == (pid,)
        again = extractor.extract(born_digital_pdf)
        assert extractor.pool.pids == (pid,)
        # The child's own peak (VmHWM), not the test runner's carried over at exec.
        high_water = re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
        assert high_water is not None
        assert 0 < extractor.pool.peak_rss_kb <= int(high_water.group(1))
    assert extractor.pool.pids == ()
    assert not Path(f"/proc/{pid}").exists() or "zombie" not in Path(
        f"/proc/{pid}/status").read_text()
    assert second.pages[0].text == "Recovered despite a broken xref table"
    assert again == first == extract_document(born_digital_pdf, TEXT_ONLY)


def test_child_is_replaced_after_jobs_per_child(born_digital_pdf: Path) -> None:
    with Extractor(TEXT_ONLY, jobs_per_child=2) as extractor:
        extractor.extract(born_digital_pdf)
        (pid,) = extractor.pool.pids
        extractor.extract(born_digital_pdf)  # second job: the child retires after it
        assert extractor.pool.pids == ()
        extractor.extract(born_digital_pdf)
        (fresh,) = extractor.pool.pids
    assert fresh != pid


def test_a_classified_failure_ends_its_child_and_the_next_document_works(
    born_digital_pdf: Path, tmp_path: Path
) -> None:
    broken = _write(tmp_path, "pdf_missing_root_object.pdf", hostile.pdf_missing_root())
    with Extractor(TEXT_ONLY) as extractor:
        extractor.extract(born_digital_pdf)
        (pid,) = extractor.pool.pids
        with pytest.raises(ExtractionError) as caught:
            extractor.extract(broken)
        assert caught.value.code == "malformed"
        assert extractor.pool.pids == ()
        assert extractor.extract(born_digital_pdf).status == "complete"
        (fresh,) = extractor.pool.pids
    assert fresh != pid


def test_a_crash_in_one_job_leaves_the_next_job_a_fresh_child(
    born_digital_pdf: Path, tmp_path: Path
) -> None:
    """The OCR engine kills its caller, the worker child, with SIGSEGV mid-page."""
    blank = _write(tmp_path, "blank_page_needs_ocr.pdf", hostile.pdf_form_xobject_loop())
    crashing = ExtractionOptions(workers=1, memory_bytes=TEXT_ONLY.memory_bytes,
                                 tesseract_cmd=_engine(tmp_path, "segv", "kill -SEGV $PPID"))
    with Extractor(crashing) as extractor:
        extractor.extract(born_digital_pdf)
        (pid,) = extractor.pool.pids
        with pytest.raises(ExtractionError) as caught:
            extractor.extract(blank)
        assert (caught.value.code, caught.value.permanent) == ("crashed", False)
        assert "exit status -11" in caught.value.detail
        assert extractor.pool.pids == ()
        result = extractor.extract(born_digital_pdf)
        (fresh,) = extractor.pool.pids
    assert fresh != pid
    assert result.status == "complete"
    assert [page.number for page in result.pages] == [1, 2, 3]


def test_memory_limit_is_set_once_and_holds_on_a_reused_child(
    born_digital_pdf: Path, tmp_path: Path
) -> None:
    tight = ExtractionOptions(ocr=False, workers=1, memory_bytes=256 * 1024 * 1024)
    bomb = _write(tmp_path, "pdf_bomb_on_a_reused_child.pdf", hostile.pdf_bomb(300))
    with Extractor(tight) as extractor:
        extractor.extract(born_digital_pdf)
        extractor.extract(born_digital_pdf)
        (pid,) = extractor.pool.pids
        assert _limit(pid, "Max address space") == (str(tight.memory_bytes),) * 2
        with pytest.raises(ExtractionError) as caught:
            extractor.extract(bomb)
        assert caught.value.code in ("too_large", "crashed")
        assert extractor.pool.pids == ()
        # Another memory cap gets another child; this one is set from the start, too.
        extractor.extract(born_digital_pdf, TEXT_ONLY)
        (other,) = extractor.pool.pids
        assert _limit(other, "Max address space") == (str(TEXT_ONLY.memory_bytes),) * 2


def test_cpu_budget_is_renewed_per_document_not_per_child_lifetime(
    born_digital_pdf: Path,
) -> None:
    options = ExtractionOptions(ocr=False, workers=1, cpu_seconds=7)
    with Extractor(options) as extractor:
        for _ in range(3):
            extractor.extract(born_digital_pdf)
            (pid,) = extractor.pool.pids
            soft, hard = _limit(pid, "Max cpu time")
            used = _cpu_seconds(pid)
            # Set when this document began: what the child had used then, plus the budget.
            assert used < int(soft) <= used + options.cpu_seconds + 1
            assert hard == _limit(os.getpid(), "Max cpu time")[1]


def _three_dense_scans(tmp_path: Path) -> Path:
    """Three full pages of print in one TIFF: several seconds of OCR, all inside the child
    (Tesseract runs in the child's own process, so its CPU counts against the child's limit)."""
    frames = page_images(vietnamese_pdf(pages_of_prose(3)))
    path = tmp_path / "tiff_three_dense_pages_costly_to_read.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(300, 300),
                   compression="tiff_deflate")
    return path


@pytest.mark.slow
def test_cpu_limit_kills_a_reused_child_that_spins(born_digital_pdf: Path,
                                                  tmp_path: Path) -> None:
    scans = _three_dense_scans(tmp_path)
    options = ExtractionOptions(workers=1, cpu_seconds=1)
    with Extractor(options) as extractor:
        extractor.extract(born_digital_pdf, ExtractionOptions(ocr=False, workers=1,
                                                              cpu_seconds=1))
        (pid,) = extractor.pool.pids
        started = time.monotonic()
        with pytest.raises(ExtractionError) as caught:
            extractor.extract(scans)
        assert (caught.value.code, caught.value.detail) == ("timeout", "CPU time limit")
        assert time.monotonic() - started < 30
        assert extractor.extract(born_digital_pdf, TEXT_ONLY).status == "complete"
        assert pid not in extractor.pool.pids


def test_wall_clock_limit_kills_a_reused_child_and_the_next_job_works(
    born_digital_pdf: Path, tmp_path: Path
) -> None:
    blank = _write(tmp_path, "blank_page_for_document_timeout.pdf",
                   hostile.pdf_form_xobject_loop())
    hanging = ExtractionOptions(workers=1, document_timeout_s=3.0,
                                tesseract_cmd=_engine(tmp_path, "hangs", "sleep 60"))
    with Extractor(hanging) as extractor:
        extractor.extract(born_digital_pdf)
        (pid,) = extractor.pool.pids
        started = time.monotonic()
        with pytest.raises(ExtractionError) as caught:
            extractor.extract(blank)
        assert (caught.value.code, caught.value.detail) == ("timeout", "document time limit")
        assert time.monotonic() - started < 8
        assert not Path(f"/proc/{pid}").exists()
        assert extractor.extract(born_digital_pdf).status == "complete"
        assert pid not in extractor.pool.pids
