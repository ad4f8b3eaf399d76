"""OCR pipeline benchmark: ratios against peers measured in the same run.

    python bench/ocr/run.py [--quick] [--memory-pages 500] [--skip text,ocr,memory]

The pipeline runs as a batch job would: one ``Extractor`` whose sandboxed worker children are
reused across the documents of a section (their start-up is inside the timing).

1. Text layer, 300+ born-digital pages (generated Vietnamese PDFs + ../shared/corpus/pdf):
   pipeline pages/s vs a bare pypdfium2 loop (the limit) and bare pdfminer.six, plus CER of each
   on the Vietnamese pages.  Goals: ≥ 0.5× pypdfium2, ≥ 10× pdfminer.six.  The two fast ones
   alternate for three rounds and keep their best time (each round starts a fresh Extractor).
2. OCR, 20 pages (10 clean 300 dpi, 10 degraded 150 dpi) on all cores: pipeline pages/s vs two
   parallel single-threaded tesseract processes on the already-cleaned images (goal ≥ 0.8×) and
   vs a naive loop of default-threaded tesseract (goal ≥ 3×).  CER of each is printed too.
   The cleaned images are what ``clean_page`` returns (1-bit), saved as PNG.  The pipeline and
   the parallel peer alternate for two rounds and keep their best; the naive loop runs once.
   CPU seconds (this process and its reaped children) are printed beside each wall time.
3. Memory: a many-page scanned PDF; peak RSS of the parent and of the largest worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from ocr_pipeline.api import Extractor  # noqa: E402
from ocr_pipeline.model import ExtractionOptions  # noqa: E402
from ocr_pipeline.preprocess import clean_page  # noqa: E402
from tests.material.born_digital import degrade, page_images, vietnamese_pdf  # noqa: E402
from tests.material.cer import cer  # noqa: E402
from tests.material.prose import TITLE, pages_of_prose  # noqa: E402

TEXT_ROUNDS = 3
OCR_ROUNDS = 2
CORPUS = REPO.parent / "shared" / "corpus" / "pdf"
BORN_DIGITAL = ["book_geotopo_de_117p.pdf", "sci_peerj_vespa2017_ccby4.pdf",
                "gov_federal-register-2020-17221_3col.pdf",
                "sci_hindawi_rehab2010_2col_ligatures_ccby.pdf",
                "sci_bmc_trauma2010_2col_ccby.pdf",
                "gov_fbi_nics-background-checks-2015-11_table.pdf",
                "tiny_minimal-document_pdflatex.pdf"]


def _references(count: int) -> list[str]:
    return [" ".join(([TITLE] if i == 0 else []) + page) for i, page in
            enumerate(pages_of_prose(count))]


def _mean_cer(references: list[str], texts: list[str]) -> float:
    return sum(cer(r, t) for r, t in zip(references, texts, strict=True)) / len(references)


def _pdfium_loop(paths: list[Path]) -> list[list[str]]:
    import pypdfium2 as pdfium

    out = []
    for path in paths:
        document = pdfium.PdfDocument(str(path))
        out.append([document[i].get_textpage().get_text_range() for i in range(len(document))])
        document.close()
    return out


def _pdfminer_loop(paths: list[Path]) -> list[list[str]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        ["".join(item.get_text() for item in page if isinstance(item, LTTextContainer))
         for page in extract_pages(str(path))]
        for path in paths
    ]


def _cpu_seconds() -> float:
    """CPU used so far by this process and its reaped descendants (workers, Tesseracts)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _timed(label: str, work: object) -> float:
    started, cpu = time.perf_counter(), _cpu_seconds()
    work()  # type: ignore[operator]
    elapsed = time.perf_counter() - started
    print(f"  {label:<34} {elapsed:7.2f} s   CPU {_cpu_seconds() - cpu:7.2f} s")
    return elapsed


def bench_text_layer(folder: Path, vietnamese_pages: int) -> None:
    print(f"\n[1] text layer: {vietnamese_pages} Vietnamese pages + corpus")
    references = _references(vietnamese_pages)
    ours_pdf = folder / "vietnamese_born_digital.pdf"
    ours_pdf.write_bytes(vietnamese_pdf(pages_of_prose(vietnamese_pages)))
    paths = [ours_pdf] + [CORPUS / name for name in BORN_DIGITAL if (CORPUS / name).exists()]
    results: dict[str, list[list[str]]] = {}

    def pipeline() -> None:
        # As a batch job runs it: one extractor, its worker children reused across documents.
        with Extractor(ExtractionOptions(ocr=False)) as extractor:
            results["pipeline"] = [[p.text for p in extractor.extract(path).pages]
                                   for path in paths]

    def pdfium_loop() -> None:
        results["pypdfium2"] = _pdfium_loop(paths)

    def pdfminer_loop() -> None:
        results["pdfminer.six"] = _pdfminer_loop(paths)

    # The two fast peers alternate for a few rounds and keep their best time: on a shared,
    # noisy machine one run of either can be slowed by a neighbour.  pdfminer.six runs once.
    seconds: dict[str, float] = {}
    for round_number in range(1, TEXT_ROUNDS + 1):
        for name, work in (("pypdfium2", pdfium_loop), ("pipeline", pipeline)):
            elapsed = _timed(f"{name} (round {round_number})", work)
            seconds[name] = min(seconds.get(name, elapsed), elapsed)
    seconds["pdfminer.six"] = _timed("pdfminer.six", pdfminer_loop)
    pages = sum(len(doc) for doc in results["pipeline"])
    for name, elapsed in seconds.items():
        vietnamese = results[name][0]
        mean_cer = _mean_cer(references, vietnamese)
        print(f"  {name:<14} {pages / elapsed:8.1f} pages/s   Vietnamese CER {mean_cer:.4%}")
    print(f"  pages: {pages}")
    limit = seconds["pypdfium2"] / seconds["pipeline"]
    print(f"  RATIO pipeline / pypdfium2    = {limit:.2f}  (goal ≥ 0.5)")
    print(f"  RATIO pipeline / pdfminer.six = "
          f"{seconds['pdfminer.six'] / seconds['pipeline']:.1f}  (goal ≥ 10)")


def _tesseract(path: Path, threads_limited: bool) -> str:
    env = dict(os.environ)
    if threads_limited:
        env["OMP_THREAD_LIMIT"] = "1"
    else:
        env.pop("OMP_THREAD_LIMIT", None)
    return subprocess.run(["tesseract", str(path), "-", "-l", "vie+eng", "--dpi", "300"],
                          capture_output=True, text=True, env=env, check=True).stdout


def bench_ocr(folder: Path, count: int) -> None:
    from PIL import Image

    half = count // 2
    print(f"\n[2] OCR: {count} pages ({half} clean 300 dpi, {count - half} degraded 150 dpi), "
          f"{len(os.sched_getaffinity(0))} cores")
    clean_pages = page_images(vietnamese_pdf(pages_of_prose(half)))
    references = _references(half) * 2
    raw_images, cleaned_images = [], []
    for index, image in enumerate(clean_pages + clean_pages):
        degraded = index >= half
        angle = (2.0, -3.0, 3.5)[index % 3]
        source = degrade(image, seed=index, angle=angle) if degraded else image
        dpi = 150 if degraded else 300
        name = f"page{index:02d}_degraded.jpg" if degraded else f"page{index:02d}_clean.png"
        raw = folder / name
        source.save(raw, dpi=(dpi, dpi), quality=95)  # quality only matters for the JPEGs
        raw_images.append(raw)
        pre = folder / f"page{index:02d}_precleaned.png"
        clean_page(source, dpi).save(pre, dpi=(300, 300))
        cleaned_images.append(pre)
    # The pipeline reads scanned PDFs, as a harvest would bring them: one per resolution.
    scanned = []
    for label, chosen, resolution in (("clean", raw_images[:half], 300.0),
                                      ("degraded", raw_images[half:], 150.0)):
        frames = [Image.open(path).convert("L") for path in chosen]
        pdf = folder / f"scanned_{label}_{len(frames)}_pages.pdf"
        frames[0].save(pdf, save_all=True, append_images=frames[1:], resolution=resolution)
        scanned.append(pdf)
    texts: dict[str, list[str]] = {}
    workers = len(os.sched_getaffinity(0))

    def pipeline() -> None:
        with Extractor(ExtractionOptions()) as extractor:
            texts["pipeline"] = [p.text for pdf in scanned
                                 for p in extractor.extract(pdf).pages]

    def parallel_tesseract() -> None:
        with ThreadPoolExecutor(workers) as pool:
            texts["parallel tesseract"] = list(pool.map(
                lambda p: _tesseract(p, threads_limited=True), cleaned_images))

    def naive_loop() -> None:
        texts["naive tesseract loop"] = [_tesseract(p, threads_limited=False) for p in raw_images]

    # The pipeline and its parallel peer alternate and keep their best round (neighbours on a
    # shared machine come and go); the naive loop, slow, runs once and is compared with the
    # pipeline's slower round so that the repetition cannot flatter that ratio.
    rounds: dict[str, list[float]] = {"pipeline": [], "parallel tesseract": []}
    for round_number in range(1, OCR_ROUNDS + 1):
        for name, work in (("pipeline", pipeline), ("parallel tesseract", parallel_tesseract)):
            rounds[name].append(_timed(f"{name} (round {round_number})", work))
    seconds = {name: min(times) for name, times in rounds.items()}
    seconds["naive tesseract loop"] = _timed("naive tesseract loop", naive_loop)
    for name, elapsed in seconds.items():
        clean_cer = _mean_cer(references[:half], texts[name][:half])
        poor_cer = _mean_cer(references[half:], texts[name][half:])
        print(f"  {name:<22} {count / elapsed:6.2f} pages/s   "
              f"CER clean {clean_cer:.3%}  degraded {poor_cer:.3%}")
    print(f"  RATIO pipeline / parallel tesseract on pre-cleaned = "
          f"{seconds['parallel tesseract'] / seconds['pipeline']:.2f}  (goal ≥ 0.8)")
    print(f"  RATIO pipeline / naive default-threaded loop       = "
          f"{seconds['naive tesseract loop'] / max(rounds['pipeline']):.2f}  (goal ≥ 3; "
          f"pipeline's slower round)")


def bench_memory(folder: Path, pages: int) -> None:
    print(f"\n[3] memory: a {pages}-page scanned PDF (one sparse 300-dpi page image per page)")
    from PIL import Image, ImageDraw

    image = Image.new("L", (2480, 3508), 255)
    ImageDraw.Draw(image).text((300, 300), "Trang quét thử nghiệm bộ nhớ", fill=0)
    path = folder / f"scanned_{pages}_pages.pdf"
    image.save(path, save_all=True, append_images=[image] * (pages - 1), resolution=300.0)
    started = time.perf_counter()
    with Extractor(ExtractionOptions()) as extractor:
        result = extractor.extract(path)
        worker_peak = extractor.pool.peak_rss_kb / 1024
    elapsed = time.perf_counter() - started
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    methods = sorted({p.method for p in result.pages})
    print(f"  {len(result.pages)} pages in {elapsed:.0f} s; methods {methods}")
    # Each worker reports its own VmHWM: the kernel's ru_maxrss of a child starts from the
    # parent's peak (carried across exec), so after the other sections it shows the parent's.
    print(f"  peak RSS: largest worker {worker_peak:.0f} MB (goal ≤ 600 MB); "
          f"this process {parent:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller sizes for a smoke run")
    parser.add_argument("--memory-pages", type=int, default=500)
    parser.add_argument("--skip", default="", help="sections to skip, e.g. text,ocr,memory")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as temp:
        folder = Path(temp)
        if "text" not in skip:
            bench_text_layer(folder, 20 if args.quick else 150)
        if "ocr" not in skip:
            bench_ocr(folder, 4 if args.quick else 20)
        if "memory" not in skip:
            bench_memory(folder, 20 if args.quick else args.memory_pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
