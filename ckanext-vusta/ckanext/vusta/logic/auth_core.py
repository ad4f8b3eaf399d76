"""Auth functions: who may call each VUSTA action."""

from __future__ import annotations

__all__ = ["vusta_dataset_reindex", "vusta_fulltext_retry", "vusta_fulltext_status_show"]

from typing import Any

import ckan.plugins.toolkit as tk


def _allowed(auth: str, context: Any, data_dict: dict[str, Any], message: str) -> dict[str, Any]:
    try:
        tk.check_access(auth, context, data_dict)
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return {"success": False, "msg": message}
    return {"success": True}


def vusta_dataset_reindex(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    # Whoever may edit a dataset may ask for it to be re-indexed.
    return _allowed("package_update", context, {"id": data_dict.get("id")},
                    tk._("Not authorised to re-index this record"))


def vusta_fulltext_retry(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    return _allowed("resource_update", context, {"id": data_dict.get("id")},
                    tk._("Not authorised to restart text extraction of this file"))


@tk.auth_allow_anonymous_access  # type: ignore[untyped-decorator]
def vusta_fulltext_status_show(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    return _allowed("resource_show", context, {"id": data_dict.get("id")},
                    tk._("Not authorised to see this file"))
