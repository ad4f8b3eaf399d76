"""The direct Solr requests of a search, through CKAN's connection: the relevance search
(one request: matches, count, facets, ranked page, snippets) and the snippets of datasets
package_search already returned.

Safety: the relevance search runs within the caller's scope (search.scope: the filters
package_search would add for this user); the snippet request is restricted to the ids
package_search returned for this user, plus this site's id. The query text is safe text
(search.query_text). Solr's messages are logged, never returned.
"""

from __future__ import annotations

__all__ = ["fetch_highlights", "id_filters", "ranked_search"]

import logging
from collections.abc import Sequence
from typing import Any

import pysolr
from ckan.lib.search.common import SearchError, make_connection
from ckan.lib.search.query import solr_literal
from ckan.plugins import toolkit as tk

from ckanext.vusta.search.highlight import (
    DatasetHighlights,
    highlight_request,
    parse_highlighting,
)
from ckanext.vusta.search.rerank import Ranked, parse_ranked, ranked_request
from ckanext.vusta.search.scope import Scope, ScopeError

log = logging.getLogger(__name__)


def id_filters(site_id: str, dataset_ids: Sequence[str]) -> list[str]:
    return ["+site_id:" + solr_literal(site_id),
            "+id:(" + " OR ".join(solr_literal(i) for i in dataset_ids) + ")"]


def _search(params: dict[str, Any]) -> Any:
    """Sends request parameters built for Solr (with q and wt) through CKAN's connection."""
    params = dict(params)
    params.pop("wt")
    return make_connection(decode_dates=False).search(params.pop("q"), **params)


def fetch_highlights(q: str, dataset_ids: Sequence[str],
                     per_dataset: int) -> dict[str, DatasetHighlights]:
    if not dataset_ids or not q.strip():
        return {}
    params = highlight_request(q, id_filters(str(tk.config.get("ckan.site_id")), dataset_ids),
                               len(dataset_ids), per_dataset)
    try:
        response = _search(params)
    except (pysolr.SolrError, SearchError, OSError) as error:
        log.warning("vusta_search: highlighting failed, results shown without snippets: %s",
                    str(error)[:300])
        return {}
    return parse_highlighting(list(response.docs), dict(response.highlighting or {}),
                              per_dataset)


def ranked_search(q: str, spelling: str | None, scope: Scope, start: int, rows: int,
                  per_dataset: int, window: int, with_facets: bool,
                  source: str = "validated_data_dict") -> Ranked:
    """One relevance request (search.rerank) within `scope`; docs carry `source`, the stored
    dataset dict package_search would return. ScopeError when Solr cannot parse the caller's
    filters, SearchError when Solr fails."""
    params = ranked_request(q, spelling, scope.filters, start, rows, per_dataset, window,
                            fields=(source,))
    if with_facets:
        params.update(scope.facet_params())
    try:
        response = _search(params)
    except pysolr.SolrError as error:
        log.warning("vusta_search: Solr refused the search: %s", str(error)[:500])
        if "(HTTP 400)" in str(error):
            raise ScopeError("Solr could not parse the filters") from None
        raise SearchError("search failed") from None
    except (SearchError, OSError) as error:
        log.warning("vusta_search: search failed: %s", str(error)[:300])
        raise SearchError("search failed") from None
    facets = dict(response.facets or {}).get("facet_fields") if with_facets else None
    return parse_ranked(list(response.docs), dict(response.highlighting or {}), per_dataset,
                        count=int(response.hits), facets=facets)
