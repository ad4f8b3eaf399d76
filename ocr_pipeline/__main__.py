"""Command line: ``python -m ocr_pipeline extract FILE [--lang vie+eng] [--json]``.

Prints the text (pages separated by form feeds) or, with ``--json``, an object with ``sha256``,
``pages`` and ``warnings``.  Unusable input exits with status 2 and one line on stderr saying
why, in Vietnamese and English (``--english`` for English only).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from ocr_pipeline.api import extract_document
from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import ExtractionOptions


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ocr_pipeline")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extract text per page from a PDF or image")
    extract.add_argument("file", type=Path)
    extract.add_argument("--lang", default="vie+eng", help="Tesseract languages (vie+eng)")
    extract.add_argument("--json", action="store_true", help="print a JSON object")
    extract.add_argument("--no-ocr", action="store_true", help="text layer only")
    extract.add_argument("--max-pages", type=int, default=ExtractionOptions.max_pages)
    extract.add_argument("--english", action="store_true", help="errors in English only")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    options = replace(ExtractionOptions(), lang=args.lang, ocr=not args.no_ocr,
                      max_pages=args.max_pages)
    try:
        result = extract_document(args.file, options)
    except ExtractionError as error:
        message = error.message_en if args.english else f"{error.message_vi} / {error.message_en}"
        print(f"error [{error.code}]: {message}", file=sys.stderr)
        return 2
    if args.json:
        payload = {
            "sha256": result.sha256,
            "status": result.status,
            "pages": [
                {"number": p.number, "text": p.text, "method": p.method,
                 "confidence": p.confidence, "warnings": list(p.warnings)}
                for p in result.pages
            ],
            "warnings": list(result.warnings),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print("\f".join(page.text for page in result.pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
