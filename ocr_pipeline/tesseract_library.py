"""Tesseract through its C library, kept loaded in the worker child across pages.

Running the ``tesseract`` program once per page makes it load the ``vie`` and ``eng`` models
every time: measured here, about 0.2 s of CPU out of 1.5–1.8 s for a dense page.  The worker
child is already the sandbox (address-space and CPU limits, killed on a stall), so it loads
``libtesseract`` once with ``ctypes`` and hands it each cleaned page as 8-bit grey pixels: no
image file to write or parse either.  Same engine, same settings, same output as the program
(TSV, parsed by :func:`ocr_pipeline.tesseract.parse_tsv`).

Time limit per page: Tesseract's own deadline monitor stops recognition and the page fails
with ``timeout``, as the program's timeout did.  Layout analysis before recognition does not
look at the deadline; a page stuck there is caught by the pool's stall watch, which kills the
child (the document then fails as ``timeout``, retryable).  ``OMP_THREAD_LIMIT=1`` is in the
child's environment before the library loads, so it stays single-threaded.
"""

from __future__ import annotations

import ctypes
import time
from types import TracebackType

from PIL import Image

from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.tesseract import OcrEngine, OcrOutput, TesseractEngine, parse_tsv

__all__ = ["LIBRARY_NAME", "OcrEngines", "TesseractLibrary"]

LIBRARY_NAME = "libtesseract.so.5"
_PAGE_SEGMENTATION_AUTO = 3  # PSM_AUTO, what the program uses by default
_VOID_P = ctypes.c_void_p
_MAX_DEADLINE_MS = 2**31 - 1  # the C API takes an int


def _bind(library: ctypes.CDLL) -> None:
    """Declare the C signatures we call (ctypes would otherwise truncate pointers to int)."""
    library.TessBaseAPICreate.restype = _VOID_P
    library.TessBaseAPICreate.argtypes = []
    library.TessBaseAPIInit3.restype = ctypes.c_int
    library.TessBaseAPIInit3.argtypes = [_VOID_P, ctypes.c_char_p, ctypes.c_char_p]
    library.TessBaseAPISetPageSegMode.argtypes = [_VOID_P, ctypes.c_int]
    library.TessBaseAPISetImage.argtypes = [_VOID_P, ctypes.c_char_p, ctypes.c_int,
                                            ctypes.c_int, ctypes.c_int, ctypes.c_int]
    library.TessBaseAPISetSourceResolution.argtypes = [_VOID_P, ctypes.c_int]
    library.TessBaseAPIRecognize.restype = ctypes.c_int
    library.TessBaseAPIRecognize.argtypes = [_VOID_P, _VOID_P]
    library.TessBaseAPIGetTsvText.restype = _VOID_P  # freed with TessDeleteText, so not c_char_p
    library.TessBaseAPIGetTsvText.argtypes = [_VOID_P, ctypes.c_int]
    library.TessDeleteText.argtypes = [_VOID_P]
    library.TessBaseAPIClear.argtypes = [_VOID_P]
    library.TessBaseAPIEnd.argtypes = [_VOID_P]
    library.TessBaseAPIDelete.argtypes = [_VOID_P]
    library.TessMonitorCreate.restype = _VOID_P
    library.TessMonitorCreate.argtypes = []
    library.TessMonitorSetDeadlineMSecs.argtypes = [_VOID_P, ctypes.c_int]
    library.TessMonitorDelete.argtypes = [_VOID_P]


class TesseractLibrary:
    """One loaded Tesseract (languages ``lang``), reused page after page.  Not thread-safe.

    ``TesseractLibrary.open`` returns ``None`` when the library is not installed, so the caller
    can fall back to the program; a library that loads but cannot load ``lang`` raises
    ``ExtractionError("ocr_unavailable")``, as the program would fail.
    """

    def __init__(self, library: ctypes.CDLL, handle: int, lang: str, timeout_s: float) -> None:
        self._library = library
        self._handle: int | None = handle
        self.lang = lang
        self.timeout_s = timeout_s

    @classmethod
    def open(cls, lang: str, timeout_s: float) -> TesseractLibrary | None:
        try:
            library = ctypes.CDLL(LIBRARY_NAME)
        except OSError:
            return None
        _bind(library)
        handle = library.TessBaseAPICreate()
        if not handle:
            raise ExtractionError("ocr_unavailable", "TessBaseAPICreate failed")
        if library.TessBaseAPIInit3(handle, None, lang.encode("ascii")) != 0:
            library.TessBaseAPIDelete(handle)
            raise ExtractionError("ocr_unavailable", f"cannot load languages {lang!r}")
        library.TessBaseAPISetPageSegMode(handle, _PAGE_SEGMENTATION_AUTO)
        return cls(library, handle, lang, timeout_s)

    def __enter__(self) -> TesseractLibrary:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def recognise(self, image: Image.Image, dpi: int) -> OcrOutput:
        handle = self._handle
        if handle is None:
            raise ExtractionError("ocr_unavailable", "Tesseract library closed")
        library = self._library
        grey = image.convert("L")  # 8-bit grey: what Tesseract reads fastest through the API
        pixels = grey.tobytes()  # referenced until recognition ends
        library.TessBaseAPISetImage(handle, pixels, grey.width, grey.height, 1, grey.width)
        library.TessBaseAPISetSourceResolution(handle, dpi)
        monitor = library.TessMonitorCreate()
        started = time.monotonic()
        try:
            deadline_ms = min(_MAX_DEADLINE_MS, max(1, round(self.timeout_s * 1000)))
            library.TessMonitorSetDeadlineMSecs(monitor, deadline_ms)
            status = library.TessBaseAPIRecognize(handle, monitor)
            if status != 0:
                if time.monotonic() - started >= self.timeout_s:
                    raise ExtractionError("timeout", f"tesseract > {self.timeout_s}s")
                raise ExtractionError("ocr_unavailable", f"recognition failed ({status})")
            tsv = library.TessBaseAPIGetTsvText(handle, 0)
            try:
                text = ctypes.string_at(tsv).decode("utf-8", "replace") if tsv else ""
            finally:
                if tsv:
                    library.TessDeleteText(tsv)
        finally:
            library.TessMonitorDelete(monitor)
            library.TessBaseAPIClear(handle)
        return parse_tsv(text)

    def close(self) -> None:
        if self._handle is not None:
            self._library.TessBaseAPIEnd(self._handle)
            self._library.TessBaseAPIDelete(self._handle)
            self._handle = None


class OcrEngines:
    """The worker child's engine, kept from one OCR job to the next.

    The library when ``command`` is the plain ``tesseract`` and ``libtesseract`` is installed;
    the program otherwise (a configured command is honoured as given).  One engine lives at a
    time: jobs asking for other languages or limits replace it.  Owned by the child's job loop,
    never module state.
    """

    def __init__(self) -> None:
        self._key: tuple[str, float, str] | None = None
        self._engine: OcrEngine | None = None

    def get(self, lang: str, timeout_s: float, command: str) -> OcrEngine:
        key = (lang, timeout_s, command)
        if self._engine is None or key != self._key:
            self.close()
            library = TesseractLibrary.open(lang, timeout_s) if command == "tesseract" else None
            self._engine = library or TesseractEngine(lang, timeout_s, command)
            self._key = key
        return self._engine

    def close(self) -> None:
        if isinstance(self._engine, TesseractLibrary):
            self._engine.close()
        self._engine, self._key = None, None
