"""Tesseract behind a small adapter (``OcrEngine``): text + confidence for one page image.

``TesseractEngine`` runs the ``tesseract`` program once per page; the worker prefers the library
kept loaded across pages (:mod:`ocr_pipeline.tesseract_library`) and uses the program when a
command is configured or the library is missing.  Tesseract's default OpenMP build spends
several times the CPU for the same page on a small machine, so it always runs with
``OMP_THREAD_LIMIT=1``; parallelism comes from one worker per core instead.  Both ways ask for
TSV, which gives the words (rebuilt into lines and paragraphs) and a per-word confidence.
"""

from __future__ import annotations

import io
import os
import subprocess
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

from ocr_pipeline.errors import ExtractionError

__all__ = ["OcrEngine", "OcrOutput", "TesseractEngine", "parse_tsv"]


@dataclass(frozen=True)
class OcrOutput:
    text: str
    confidence: float  # mean word confidence 0–100, weighted by word length; 0 if no words


class OcrEngine(Protocol):
    def recognise(self, image: Image.Image, dpi: int) -> OcrOutput: ...


def parse_tsv(tsv: str) -> OcrOutput:
    """Rebuild text (lines, blank line between paragraphs) and confidence from Tesseract TSV."""
    lines: dict[tuple[int, int, int, int], list[str]] = {}
    weighted = 0.0
    weight = 0
    for row in tsv.splitlines():  # the program's header row, if any, is not a word row
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        word = cells[11].strip()
        if not word:
            continue
        key = (int(cells[1]), int(cells[2]), int(cells[3]), int(cells[4]))
        lines.setdefault(key, []).append(word)
        confidence = float(cells[10])
        if confidence >= 0:
            weighted += confidence * len(word)
            weight += len(word)
    parts: list[str] = []
    previous_paragraph: tuple[int, int, int] | None = None
    for key in sorted(lines):
        paragraph = key[:3]
        if previous_paragraph is not None and paragraph != previous_paragraph:
            parts.append("")
        parts.append(" ".join(lines[key]))
        previous_paragraph = paragraph
    return OcrOutput("\n".join(parts), round(weighted / weight, 2) if weight else 0.0)


@dataclass(frozen=True)
class TesseractEngine:
    """Runs ``tesseract stdin stdout -l LANG tsv`` with the page as PBM (or PNG) on stdin."""

    lang: str = "vie+eng"
    timeout_s: float = 60.0
    command: str = "tesseract"
    page_segmentation: int = 3

    def recognise(self, image: Image.Image, dpi: int) -> OcrOutput:
        buffer = io.BytesIO()
        # A 1-bit page goes as PBM: written in ~0.01 s (PNG ~0.25 s for a grey 300-dpi page)
        # and read by Tesseract as fast as any format.  Grey goes as PNG at the lowest
        # compression: Tesseract spends ~20% more CPU on a page handed over as PGM.
        if image.mode == "1":
            image.save(buffer, format="PPM")
        else:
            image.save(buffer, format="PNG", compress_level=1)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        argv = [self.command, "stdin", "stdout", "-l", self.lang, "--dpi", str(dpi),
                "--psm", str(self.page_segmentation), "tsv"]
        try:
            done = subprocess.run(
                argv, input=buffer.getvalue(), capture_output=True, timeout=self.timeout_s,
                env=env, check=False,
            )
        except FileNotFoundError as error:
            raise ExtractionError("ocr_unavailable", str(error)) from error
        except subprocess.TimeoutExpired as error:
            raise ExtractionError("timeout", f"tesseract > {self.timeout_s}s") from error
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise ExtractionError(
                "ocr_unavailable", f"tesseract exit {done.returncode}: {detail[0]}"
            )
        return parse_tsv(done.stdout.decode("utf-8", "replace"))
