"""Who may read a citation: whoever may read the record."""

from __future__ import annotations

__all__ = ["vusta_citation_show"]

from typing import Any

import ckan.plugins.toolkit as tk


@tk.auth_allow_anonymous_access  # type: ignore[untyped-decorator]  # CKAN is untyped here
def vusta_citation_show(context: dict[str, Any], data_dict: dict[str, Any]) -> dict[str, Any]:
    try:
        tk.check_access("package_show", context, {"id": data_dict.get("id")})
    except tk.NotAuthorized:
        return {"success": False}
    return {"success": True}
