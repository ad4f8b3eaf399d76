"""Typed getters for every `ckanext.vusta.*` option: the one place config is read."""

from __future__ import annotations

__all__ = [
    "demo_pdf_font", "extraction_options", "fulltext_allow_hosts",
    "fulltext_max_download_bytes", "jobs_queue", "jobs_timeout",
]

import dataclasses

import ckan.plugins.toolkit as tk

from ocr_pipeline.model import ExtractionOptions


def jobs_queue() -> str:
    return str(tk.config.get("ckanext.vusta.jobs.queue"))


def jobs_timeout() -> int:
    return int(tk.config.get("ckanext.vusta.jobs.timeout"))


def demo_pdf_font() -> str:
    return str(tk.config.get("ckanext.vusta.demo.pdf_font"))


def extraction_options() -> ExtractionOptions:
    workers = int(tk.config.get("ckanext.vusta.fulltext.workers"))
    options = ExtractionOptions(
        lang=str(tk.config.get("ckanext.vusta.fulltext.lang")),
        max_pages=int(tk.config.get("ckanext.vusta.fulltext.max_pages")),
        page_timeout_s=float(tk.config.get("ckanext.vusta.fulltext.page_timeout")),
        document_timeout_s=float(tk.config.get("ckanext.vusta.fulltext.document_timeout")),
        memory_bytes=int(tk.config.get("ckanext.vusta.fulltext.memory_mb")) * 1024 * 1024,
    )
    # 0 keeps the pipeline's own default: one OCR process per core.
    return dataclasses.replace(options, workers=workers) if workers > 0 else options


def fulltext_max_download_bytes() -> int:
    return int(tk.config.get("ckanext.vusta.fulltext.max_download_mb")) * 1024 * 1024


def fulltext_allow_hosts() -> list[str]:
    return [str(host) for host in tk.config.get("ckanext.vusta.fulltext.allow_hosts") or []]
