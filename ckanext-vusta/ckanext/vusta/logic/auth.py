"""Auth functions: who may call each VUSTA action."""

from __future__ import annotations

__all__ = ["vusta_dataset_reindex"]

from typing import Any

import ckan.plugins.toolkit as tk


def vusta_dataset_reindex(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    # Whoever may edit a dataset may ask for it to be re-indexed.
    try:
        tk.check_access("package_update", context, {"id": data_dict.get("id")})
    except tk.NotAuthorized:
        return {"success": False, "msg": tk._("Not authorised to re-index this record")}
    return {"success": True}
