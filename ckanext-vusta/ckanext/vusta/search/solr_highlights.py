"""Fetches page and metadata highlights for datasets package_search already returned.

Safety: the request is restricted to the ids package_search returned for this user (after
CKAN's permission labels, capacity and state filters), plus this site's id, so it can only
return text of records the user may read. The query text is the same safe text package_search
ranked. Solr failures degrade to "no snippets"; they never reach the user.
"""

from __future__ import annotations

__all__ = ["DatasetHighlights", "fetch_highlights"]

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import pysolr
from ckan.lib.search.common import SearchError, make_connection
from ckan.lib.search.query import solr_literal
from ckan.plugins import toolkit as tk

from ckanext.vusta.search.highlight import (
    META_FIELD,
    PAGES_FIELD,
    Highlight,
    highlight_params,
    marked_phrases,
    page_highlights,
)
from ckanext.vusta.search.ranking import MIN_MATCH, QUERY_FIELDS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatasetHighlights:
    pages: list[Highlight]
    in_metadata: bool
    phrases: list[str]


def fetch_highlights(q: str, dataset_ids: Sequence[str],
                     per_dataset: int) -> dict[str, DatasetHighlights]:
    if not dataset_ids or not q.strip():
        return {}
    filters = [
        "+site_id:" + solr_literal(str(tk.config.get("ckan.site_id"))),
        "+id:(" + " OR ".join(solr_literal(i) for i in dataset_ids) + ")",
    ]
    params = {"defType": "edismax", "qf": QUERY_FIELDS, "mm": MIN_MATCH, "q.op": "AND",
              "fq": filters, "fl": "id,index_id", "rows": len(dataset_ids),
              **highlight_params(per_dataset)}
    try:
        response = make_connection(decode_dates=False).search(q, **params)
    except (pysolr.SolrError, SearchError, OSError) as error:
        log.warning("vusta_search: highlighting failed, results shown without snippets: %s",
                    str(error)[:300])
        return {}
    ids = {doc["index_id"]: doc["id"] for doc in response.docs}
    found = {}
    for index_id, fields in (response.highlighting or {}).items():
        if index_id not in ids:
            continue
        pages = fields.get(PAGES_FIELD, [])
        meta = fields.get(META_FIELD, [])
        found[ids[index_id]] = DatasetHighlights(
            pages=page_highlights(pages)[:per_dataset],
            in_metadata=bool(meta),
            phrases=marked_phrases(list(meta) + list(pages)),
        )
    return found
