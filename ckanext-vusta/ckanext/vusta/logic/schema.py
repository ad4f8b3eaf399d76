"""Validation schemas for the input of VUSTA actions."""

from __future__ import annotations

__all__ = ["dataset_reindex"]

from typing import Any

import ckan.plugins.toolkit as tk


def dataset_reindex() -> dict[str, Any]:
    not_empty = tk.get_validator("not_empty")
    unicode_safe = tk.get_validator("unicode_safe")
    return {"id": [not_empty, unicode_safe]}
