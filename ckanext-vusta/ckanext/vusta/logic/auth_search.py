"""Who may call vusta_search: whoever may call package_search (results are filtered per user
by CKAN's permission labels inside package_search itself)."""

from __future__ import annotations

__all__ = ["vusta_search"]

from typing import Any

import ckan.plugins.toolkit as tk


@tk.auth_allow_anonymous_access  # type: ignore[untyped-decorator]
def vusta_search(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    return {"success": bool(tk.check_access("package_search", context, data_dict))}
