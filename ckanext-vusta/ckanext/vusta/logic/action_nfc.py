"""NFC at the door: every string written through the catalogue's create/update/patch actions
is normalised to Unicode NFC before CKAN's validators see it.

Why: text typed on macOS or pasted from Word arrives decomposed (NFD); stored that way it never
matches a search, and CKAN's own tag validator refuses combining marks with an English message.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk

WRITE_ACTIONS = tuple(
    f"{entity}_{verb}"
    for entity in ("package", "resource", "organization", "group")
    for verb in ("create", "update", "patch")
)

__all__ = list(WRITE_ACTIONS)


def nfc(value: Any) -> Any:
    """Normalises strings inside dicts and lists; leaves anything else (uploads) untouched."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [nfc(item) for item in value]
    return value


def _nfc_first(name: str) -> Callable[..., Any]:
    @tk.chained_action  # type: ignore[untyped-decorator]
    def action(original: Callable[..., Any], context: Any, data_dict: dict[str, Any]) -> Any:
        return original(context, nfc(data_dict))

    action.__name__ = name
    wrapped: Callable[..., Any] = action
    return wrapped


globals().update({name: _nfc_first(name) for name in WRITE_ACTIONS})
