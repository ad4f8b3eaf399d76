"""vusta_search: package_search with Vietnamese-aware ranking plus page snippets.

The query text is reduced to literal words (search.query_text) and ranked by package_search
itself, so CKAN's capacity, state and permission-label filters decide what the user sees and
counts. Snippets are then fetched only for the datasets package_search returned. Solr errors
become one clear bilingual message; no Solr text, URL or query reaches the caller.
"""

from __future__ import annotations

__all__ = ["vusta_search"]

import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.search.common import SearchError

from ckanext.vusta.helpers import current_lang
from ckanext.vusta.search import messages
from ckanext.vusta.search.query_text import is_unaccented, safe_query
from ckanext.vusta.search.ranking import ranking_params
from ckanext.vusta.search.solr_highlights import fetch_highlights
from ckanext.vusta.search.suggest import suggestion

log = logging.getLogger(__name__)

# package_search parameters passed through unchanged; ranking parameters (qf, defType, bf,
# boost, mm, tie, df) are ours, and `fl` would change the result shape, so they are not.
PASS_THROUGH = ("fq", "fq_list", "sort", "start", "facet", "facet.field", "facet.limit",
                "facet.mincount", "include_private", "include_drafts", "use_default_schema")
MAX_ROWS = 100
MAX_HIGHLIGHTS = 10
MAX_HIGHLIGHT_OFFSET = 40
DEFAULT_HIGHLIGHTS = 3
# Hits examined to restore an unaccented query's marks.
PROBE_ROWS = 20


def _count(data_dict: dict[str, Any], key: str, default: int, cap: int) -> int:
    raw = data_dict.get(key, default)
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise tk.ValidationError({key: [messages.message("bad_number", current_lang())]}) from None
    if value < 0:
        raise tk.ValidationError({key: [messages.message("bad_number", current_lang())]}) from None
    return min(value, cap)


def _search_params(data_dict: dict[str, Any], q: str, rows: int,
                   spelling: str | None = None) -> dict[str, Any]:
    params = {key: data_dict[key] for key in PASS_THROUGH if key in data_dict}
    params.update({key: value for key, value in data_dict.items() if key.startswith("ext_")})
    params["rows"] = rows
    if q:
        params.update(ranking_params(q, spelling))
    return params


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


@tk.side_effect_free  # type: ignore[untyped-decorator]
def vusta_search(context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
    """package_search's result; each dataset also has `highlights` (list of {resource_id, page,
    snippet}) and `matched_in` (subset of ["metadata", "fulltext"]); the result has
    `did_you_mean` (accented spelling or null) and `query` (the words searched).

    Extra parameters: hl_limit (snippets per dataset, default 3, at most 10) and hl_offset
    (skip that many snippets of each dataset). rows is capped at 100.
    """
    tk.check_access("vusta_search", context, data_dict)
    rows = _count(data_dict, "rows", 10, MAX_ROWS)
    hl_limit = _count(data_dict, "hl_limit", DEFAULT_HIGHLIGHTS, MAX_HIGHLIGHTS)
    hl_offset = _count(data_dict, "hl_offset", 0, MAX_HIGHLIGHT_OFFSET)
    raw_q = str(data_dict.get("q") or "")
    q = safe_query(raw_q)
    search_context = {key: context[key] for key in ("user", "auth_user_obj", "ignore_auth")
                      if key in context}
    restored = _restored_spelling(search_context, data_dict, raw_q, q)
    result = _package_search(search_context, _search_params(data_dict, q, rows, restored))
    datasets = result.get("results", [])
    found = fetch_highlights(q, [d["id"] for d in datasets], hl_offset + hl_limit) if q else {}
    for dataset in datasets:
        hits = found.get(dataset["id"])
        pages = hits.pages[hl_offset:hl_offset + hl_limit] if hits else []
        dataset["highlights"] = [page.as_dict() for page in pages]
        dataset["matched_in"] = ([name for name, hit in (("metadata", hits.in_metadata),
                                                         ("fulltext", bool(hits.pages))) if hit]
                                 if hits else [])
    result["query"] = q
    result["did_you_mean"] = restored
    return result


def _restored_spelling(context: dict[str, Any], data_dict: dict[str, Any], raw_q: str,
                       q: str) -> str | None:
    """For an unaccented query: the accented spelling the user's best hits overwhelmingly
    use (from the hits this user may see only), used for "did you mean" and to rank records
    with that spelling first. One probe search of the top hits, with the same filters."""
    if not q or not is_unaccented(raw_q):
        return None
    probe = _package_search(context, {**_search_params(data_dict, q, PROBE_ROWS), "start": 0,
                                      "facet": "false"})
    found = fetch_highlights(q, [d["id"] for d in probe.get("results", [])], 3)
    marked = [phrase for hits in found.values() for phrase in hits.phrases]
    return suggestion(raw_q, marked)
