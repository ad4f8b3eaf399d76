"""The direct Solr requests of a search: the ranking of package_search's candidates (with
snippets) and the snippets of datasets package_search already returned.

Safety: each request is restricted to the ids package_search returned for this user (after
CKAN's permission labels, capacity and state filters), plus this site's id, so it can only
return text of records the user may read. The query text is the same safe text package_search
ranked. Solr failures degrade to "no snippets"; they never reach the user.
"""

from __future__ import annotations

__all__ = ["fetch_highlights", "id_filters", "rank_candidates"]

import json
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
from ckanext.vusta.search.rerank import Ranked, parse_ranked, rerank_request

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


def _dataset(doc: dict[str, Any], source: str) -> dict[str, Any] | None:
    # As package_search builds its results: the dataset dict stored at indexing time.
    try:
        return dict(json.loads(doc[source]))
    except (KeyError, TypeError, ValueError):
        log.error("vusta_search: no stored dataset dict in Solr for %s", doc.get("id"))
        return None


def rank_candidates(q: str, spelling: str | None, ids: Sequence[str], start: int, rows: int,
                    per_dataset: int, source: str = "validated_data_dict") -> Ranked:
    """The candidates ranked by the full query, as dataset dicts with snippets. `source` is
    the stored dict package_search would return (`data_dict` with use_default_schema)."""
    params = rerank_request(q, spelling, id_filters(str(tk.config.get("ckan.site_id")), ids),
                            start, rows, per_dataset, fields=(source,))
    try:
        response = _search(params)
    except (pysolr.SolrError, SearchError, OSError) as error:
        log.warning("vusta_search: ranking failed: %s", str(error)[:300])
        raise SearchError("ranking failed") from None
    ranked = parse_ranked(list(response.docs), dict(response.highlighting or {}), per_dataset)
    datasets = [d for d in (_dataset(doc, source) for doc in ranked.docs) if d is not None]
    return Ranked(datasets, ranked.highlights)
