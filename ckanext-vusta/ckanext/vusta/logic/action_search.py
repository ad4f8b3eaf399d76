"""vusta_search: package_search with Vietnamese-aware ranking plus page snippets.

The query text is reduced to literal words (search.query_text) and searched by package_search
itself, so CKAN's capacity, state and permission-label filters decide what the user sees and
counts; the full ranking and the snippets then run only over the datasets package_search
returned (search.orchestrate). Solr errors
become one clear bilingual message; no Solr text, URL or query reaches the caller.
"""

from __future__ import annotations

__all__ = ["vusta_search"]

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.search.common import SearchError

from ckanext.vusta.helpers import current_lang
from ckanext.vusta.search import messages
from ckanext.vusta.search.highlight import DatasetHighlights
from ckanext.vusta.search.orchestrate import SearchRequest, run_search
from ckanext.vusta.search.rerank import Ranked
from ckanext.vusta.search.solr_highlights import fetch_highlights, rank_candidates

log = logging.getLogger(__name__)

# package_search parameters passed through unchanged; ranking parameters (qf, defType, bf,
# boost, mm, tie, df) are ours, and `fl` would change the result shape, so they are not.
PASS_THROUGH = ("fq", "fq_list", "sort", "start", "facet", "facet.field", "facet.limit",
                "facet.mincount", "include_private", "include_drafts", "use_default_schema")
MAX_ROWS = 100
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


@dataclass(frozen=True)
class _CkanBackend:
    """Ranks through package_search (CKAN's filters and permission labels) as this user."""

    context: dict[str, Any]
    source: str  # the stored dataset dict package_search would return

    def search(self, params: dict[str, Any]) -> dict[str, Any]:
        return _package_search(dict(self.context), params)

    def rerank(self, q: str, spelling: str | None, ids: Sequence[str], start: int, rows: int,
               per_dataset: int) -> Ranked:
        try:
            return rank_candidates(q, spelling, ids, start, rows, per_dataset, self.source)
        except SearchError:
            raise tk.ValidationError(
                {"search": [messages.message("search_failed", current_lang())]}) from None

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
    other.update({key: value for key, value in data_dict.items() if key.startswith("ext_")})
    request = SearchRequest(
        raw_q=str(data_dict.get("q") or ""),
        rows=_count(data_dict, "rows", 10, MAX_ROWS),
        hl_offset=_count(data_dict, "hl_offset", 0, MAX_HIGHLIGHT_OFFSET),
        hl_limit=_count(data_dict, "hl_limit", DEFAULT_HIGHLIGHTS, MAX_HIGHLIGHTS),
        other=other,
    )
    search_context = {key: context[key] for key in ("user", "auth_user_obj", "ignore_auth")
                      if key in context}
    source = ("data_dict" if tk.asbool(data_dict.get("use_default_schema"))
              else "validated_data_dict")
    return run_search(_CkanBackend(search_context, source), request)
