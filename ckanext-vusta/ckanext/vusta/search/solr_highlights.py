"""Fetches page and metadata highlights for datasets package_search already returned.

Safety: the request is restricted to the ids package_search returned for this user (after
CKAN's permission labels, capacity and state filters), plus this site's id, so it can only
return text of records the user may read. The query text is the same safe text package_search
ranked. Solr failures degrade to "no snippets"; they never reach the user.
"""

from __future__ import annotations

__all__ = ["fetch_highlights", "id_filters"]

import logging
from collections.abc import Sequence

import pysolr
from ckan.lib.search.common import SearchError, make_connection
from ckan.lib.search.query import solr_literal
from ckan.plugins import toolkit as tk

from ckanext.vusta.search.highlight import (
    DatasetHighlights,
    highlight_request,
    parse_highlighting,
)

log = logging.getLogger(__name__)


def id_filters(site_id: str, dataset_ids: Sequence[str]) -> list[str]:
    return ["+site_id:" + solr_literal(site_id),
            "+id:(" + " OR ".join(solr_literal(i) for i in dataset_ids) + ")"]


def fetch_highlights(q: str, dataset_ids: Sequence[str],
                     per_dataset: int) -> dict[str, DatasetHighlights]:
    if not dataset_ids or not q.strip():
        return {}
    params = highlight_request(q, id_filters(str(tk.config.get("ckan.site_id")), dataset_ids),
                               len(dataset_ids), per_dataset)
    params.pop("wt")
    query = params.pop("q")
    try:
        response = make_connection(decode_dates=False).search(query, **params)
    except (pysolr.SolrError, SearchError, OSError) as error:
        log.warning("vusta_search: highlighting failed, results shown without snippets: %s",
                    str(error)[:300])
        return {}
    return parse_highlighting(list(response.docs), dict(response.highlighting or {}),
                              per_dataset)
