"""Validation schemas for the input of VUSTA actions."""

from __future__ import annotations

__all__ = ["by_id"]

from typing import Any

import ckan.plugins.toolkit as tk


def by_id() -> dict[str, Any]:
    """Input of actions that take one object by id or name."""
    return {"id": [tk.get_validator("not_empty"), tk.get_validator("unicode_safe")]}
