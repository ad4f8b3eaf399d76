"""vusta_search: package_search's result with Vietnamese-aware ranking plus page snippets.

The query text is reduced to literal words (search.query_text). A relevance search is one
Solr request within the filters package_search would add for this user (search.scope), its
result built as package_search builds it (search.ckan_result); an explicit sort, an empty
query or a deep page is package_search itself plus snippets (search.orchestrate). Solr errors
become one clear bilingual message; no Solr text, URL or query reaches the caller.
"""

from __future__ import annotations

__all__ = ["vusta_search"]

import logging
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.search.common import SearchError

from ckanext.vusta.helpers import current_lang
from ckanext.vusta.search import messages
from ckanext.vusta.search.ckan_result import dataset_dicts, package_search_result
from ckanext.vusta.search.highlight import DatasetHighlights
from ckanext.vusta.search.orchestrate import SearchRequest, run_search
from ckanext.vusta.search.query_text import safe_query
from ckanext.vusta.search.rerank import RANK_SORT, Ranked
from ckanext.vusta.search.scope import Scope, ScopeError, search_scope
from ckanext.vusta.search.solr_highlights import fetch_highlights, ranked_search

log = logging.getLogger(__name__)

# package_search parameters passed through unchanged; ranking parameters (qf, defType, bf,
# boost, mm, tie, df) are ours, and `fl` would change the result shape, so they are not.
PASS_THROUGH = ("fq", "fq_list", "sort", "start", "facet", "facet.field", "facet.limit",
                "facet.mincount", "include_private", "include_drafts", "use_default_schema")
MAX_ROWS = 100
MAX_START = 100_000
MAX_HIGHLIGHTS = 10
MAX_HIGHLIGHT_OFFSET = 40
DEFAULT_HIGHLIGHTS = 3


def _count(data_dict: dict[str, Any], key: str, default: int, cap: int) -> int:
    raw = data_dict.get(key, default)
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise tk.ValidationError({key: [messages.message("bad_number", current_lang())]}) from None
    if value < 0:
        raise tk.ValidationError({key: [messages.message("bad_number", current_lang())]}) from None
    return min(value, cap)


def _package_search(context: Any, params: dict[str, Any]) -> dict[str, Any]:
    lang = current_lang()
    try:
        return dict(tk.get_action("package_search")(context, params))
    except tk.ValidationError as error:
        log.info("vusta_search refused parameters: %s", str(error.error_dict)[:300])
        raise tk.ValidationError({"search": [messages.message("bad_filter", lang)]}) from None
    except SearchError as error:
        # Solr's message carries the query, URL and trace: log it, never return it.
        log.warning("vusta_search: Solr refused the query: %s", str(error)[:500])
        raise tk.ValidationError({"search": [messages.message("bad_filter", lang)]}) from None


def _refused(error: Exception) -> tk.ValidationError:
    log.info("vusta_search refused parameters: %s", str(error)[:300])
    return tk.ValidationError({"search": [messages.message("bad_filter", current_lang())]})


@dataclass(frozen=True)
class _CkanBackend:
    """Searches as this user: package_search, or Solr directly within the same filters."""

    context: dict[str, Any]
    source: str  # the stored dataset dict package_search would return
    request: SearchRequest

    @cached_property
    def scope(self) -> Scope:
        try:
            return search_scope(self.context, safe_query(self.request.raw_q), self.request.other)
        except ScopeError as error:
            raise _refused(error) from None

    def search(self, params: dict[str, Any]) -> dict[str, Any]:
        return _package_search(dict(self.context), params)

    def ranked(self, q: str, spelling: str | None, start: int, rows: int, per_dataset: int,
               window: int, with_facets: bool) -> Ranked:
        if self.scope.aborted:
            return Ranked([], {}, 0, {})
        try:
            return ranked_search(q, spelling, self.scope, start, rows, per_dataset, window,
                                 with_facets, self.source)
        except ScopeError as error:
            raise _refused(error) from None
        except SearchError:
            raise tk.ValidationError(
                {"search": [messages.message("search_failed", current_lang())]}) from None

    @property
    def scope_key(self) -> Hashable:
        return tuple(self.scope.filters)

    def as_result(self, ranked: Ranked) -> dict[str, Any]:
        datasets = dataset_dicts(ranked.docs, self.source, bool(self.context.get("for_view")))
        # As package_search reports it: the caller's sort, or the configured default.
        sort = str(self.request.other.get("sort") or "")
        if sort in ("", "rank"):
            sort = str(tk.config.get("ckan.search.default_package_sort") or RANK_SORT)
        params = {**self.scope.plugin_params, "sort": sort, "rows": self.request.rows,
                  "start": self.request.start}
        return package_search_result(ranked.count, ranked.facets, datasets, sort, params)

    def highlights(self, q: str, dataset_ids: Sequence[str],
                   per_dataset: int) -> dict[str, DatasetHighlights]:
        return fetch_highlights(q, dataset_ids, per_dataset)


@tk.side_effect_free  # type: ignore[untyped-decorator]
def vusta_search(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """package_search's result; each dataset also has `highlights` (list of {resource_id, page,
    snippet}) and `matched_in` (subset of ["metadata", "fulltext"]); the result has
    `did_you_mean` (accented spelling or null) and `query` (the words searched).

    Extra parameters: hl_limit (snippets per dataset, default 3, at most 10) and hl_offset
    (skip that many snippets of each dataset). rows is capped at 100.
    """
    tk.check_access("vusta_search", context, data_dict)
    other = {key: data_dict[key] for key in PASS_THROUGH if key in data_dict}
    other["start"] = _count(data_dict, "start", 0, MAX_START)
    other.update({key: value for key, value in data_dict.items() if key.startswith("ext_")})
    request = SearchRequest(
        raw_q=str(data_dict.get("q") or ""),
        rows=_count(data_dict, "rows", 10, MAX_ROWS),
        hl_offset=_count(data_dict, "hl_offset", 0, MAX_HIGHLIGHT_OFFSET),
        hl_limit=_count(data_dict, "hl_limit", DEFAULT_HIGHLIGHTS, MAX_HIGHLIGHTS),
        other=other,
    )
    search_context = {key: context[key] for key in ("user", "auth_user_obj", "ignore_auth",
                                                     "for_view") if key in context}
    source = ("data_dict" if tk.asbool(data_dict.get("use_default_schema"))
              else "validated_data_dict")
    return run_search(_CkanBackend(search_context, source, request), request)
