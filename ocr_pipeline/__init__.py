"""Turn PDFs and page images into normalised Vietnamese text, page by page.

Pure Python, never imports CKAN.  Importing the package is cheap on purpose (no PDF or imaging
libraries load here), so ``harvesters`` can use :mod:`ocr_pipeline.vietnamese` on its own.
"""

from __future__ import annotations
