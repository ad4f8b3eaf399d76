"""Template helpers (`vusta_*`): they only format what is already computed and stored."""

from __future__ import annotations

__all__ = ["vusta_fulltext_summary"]

from typing import Any

import ckan.plugins.toolkit as tk
from flask import has_request_context

from ckanext.vusta.fulltext import messages, store


def current_lang() -> str:
    """The page's language in a request; the portal's default language elsewhere (jobs, CLI)."""
    if has_request_context():
        return str(tk.h.lang() or "vi")
    return str(tk.config.get("ckan.locale_default") or "vi")


def vusta_fulltext_summary(resource_id: str) -> dict[str, Any] | None:
    state = store.state_of(resource_id)
    if state is None:
        return None
    lang = current_lang()
    return {
        "status": state.status,
        "label": messages.status_label(state.status, lang),
        "pages": state.page_count,
        "ocr_pages": state.ocr_pages,
        "mean_confidence": (round(state.mean_confidence, 1)
                            if state.mean_confidence is not None else None),
        "details": messages.details(state.page_count, state.ocr_pages, state.mean_confidence,
                                    lang),
        "error": (messages.error_message(state.error_code, lang)
                  if state.status == "failed" else None),
        "retry_label": messages.ui_text("retry", lang),
        "updated_at": state.updated_at,
    }
