"""What one caller's direct Solr search may match, count and quote: the filters package_search
would add for this user and request (CKAN 2.12: capacity, state, site and permission labels,
computed by the same permission-labels plugin), the filters other plugins add to every dataset
search (before_dataset_search, e.g. ckanext-harvest hides harvest sources), and the caller's
own filters and facet fields, refused if they carry Solr syntax package_search refuses.

The caller's filters can only narrow the visibility filters: they are separate `fq`s, all of
which must match.
"""

from __future__ import annotations

__all__ = ["Scope", "ScopeError", "search_scope", "visibility_filters"]

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as tk
from ckan import authz
from ckan.lib.plugins import get_permission_labels
from ckan.lib.search.query import MAGIC_FIELD_RE, QUERY_PARSER_RE, solr_literal

_FIELD_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")
MAX_FACET_FIELDS = 20


class ScopeError(ValueError):
    """A filter or facet parameter the search refuses (the message is for logs only)."""


@dataclass(frozen=True)
class Scope:
    filters: list[str]
    facet_fields: list[str] = field(default_factory=list)
    facet_limit: int = 50
    facet_mincount: int = 1
    aborted: bool = False  # a plugin's before_dataset_search set abort_search
    # The search parameters as plugins saw them, for their after_dataset_search.
    plugin_params: dict[str, Any] = field(default_factory=dict)

    def facet_params(self) -> dict[str, Any]:
        if not self.facet_fields:
            return {}
        return {"facet": "true", "facet.field": list(self.facet_fields),
                "facet.limit": self.facet_limit, "facet.mincount": self.facet_mincount}


def visibility_filters(context: Mapping[str, Any], include_private: bool,
                       include_drafts: bool) -> list[str]:
    """As package_search builds them (ckan/logic/action/get.py and lib/search/query.py)."""
    filters = [] if include_private else ["+capacity:public"]
    states = ["active", "draft"] if include_drafts else ["active"]
    filters.append("+state:(" + " OR ".join(states) + ")")
    filters.append("+site_id:" + solr_literal(str(tk.config.get("ckan.site_id"))))
    user = context.get("user")
    if not (context.get("ignore_auth") or (user and authz.is_sysadmin(user))):
        labels = get_permission_labels().get_user_dataset_labels(context.get("auth_user_obj"))
        filters.append("+permission_labels:(" + " OR ".join(solr_literal(label)
                                                            for label in labels) + ")")
    return filters


def _plain(name: str, value: str) -> str:
    # As package_search refuses them, without the allow-listed parsers: never local
    # parameters or magic fields in a filter.
    if MAGIC_FIELD_RE.search(value) or QUERY_PARSER_RE.search(value):
        raise ScopeError(f"{name}: Solr syntax is not accepted")
    return value


def _strings(name: str, raw: Any) -> list[str]:
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.lstrip().startswith("[") else [raw]
        except ValueError:
            raise ScopeError(f"{name}: not a list") from None
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ScopeError(f"{name}: not a list of strings")
    return raw


def _number(name: str, raw: Any, default: int, lowest: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise ScopeError(f"{name}: not a whole number") from None
    if value < lowest:
        raise ScopeError(f"{name}: below {lowest}")
    return value


def _flag(name: str, raw: Any, default: bool) -> bool:
    if raw is None or raw == "":
        return default
    try:
        return bool(tk.asbool(raw))
    except ValueError:
        raise ScopeError(f"{name}: not true or false") from None


def search_scope(context: Mapping[str, Any], q: str, other: Mapping[str, Any]) -> Scope:
    """The scope of a search by this caller with these package_search parameters (fq,
    fq_list, facet, facet.*, include_private, include_drafts, ext_*), after the plugins'
    before_dataset_search saw them as package_search would show them."""
    params: dict[str, Any] = {
        **{key: value for key, value in other.items() if not key.startswith("ext_")},
        "q": q, "fq": str(other.get("fq") or ""),
        "extras": {key: value for key, value in other.items() if key.startswith("ext_")},
        # The ranking is ours: plugins that rank (ours included) see it is chosen.
        "defType": "edismax", "qf": "",
    }
    for plugin in plugins.PluginImplementations(plugins.IPackageController):
        params = plugin.before_dataset_search(params)
    own = [_plain("fq", str(params.get("fq") or ""))]
    own += [_plain("fq_list", value) for value in _strings("fq_list", params.get("fq_list"))]
    fields = _strings("facet.field", params.get("facet.field"))
    if len(fields) > MAX_FACET_FIELDS or not all(_FIELD_NAME.match(name) for name in fields):
        raise ScopeError("facet.field: not field names")
    filters = [value for value in own if value.strip()] + visibility_filters(
        context, _flag("include_private", params.get("include_private"), False),
        _flag("include_drafts", params.get("include_drafts"), False))
    return Scope(
        filters=filters,
        facet_fields=fields if _flag("facet", params.get("facet"), True) else [],
        # -1 (every value) is allowed, as package_search allows it.
        facet_limit=_number("facet.limit", params.get("facet.limit"),
                            int(tk.config.get("search.facets.limit") or 50), -1),
        facet_mincount=_number("facet.mincount", params.get("facet.mincount"), 1, 0),
        aborted=_flag("abort_search", params.get("abort_search"), False),
        plugin_params=params,
    )
