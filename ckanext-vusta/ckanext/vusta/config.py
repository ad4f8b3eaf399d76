"""Typed getters for every `ckanext.vusta.*` option: the one place config is read."""

from __future__ import annotations

__all__ = ["demo_pdf_font", "jobs_queue", "jobs_timeout"]

import ckan.plugins.toolkit as tk


def jobs_queue() -> str:
    return str(tk.config.get("ckanext.vusta.jobs.queue"))


def jobs_timeout() -> int:
    return int(tk.config.get("ckanext.vusta.jobs.timeout"))


def demo_pdf_font() -> str:
    return str(tk.config.get("ckanext.vusta.demo.pdf_font"))
