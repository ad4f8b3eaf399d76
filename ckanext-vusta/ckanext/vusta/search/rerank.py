"""The second stage of a search as one Solr request: the full ranking over the candidates
package_search returned for this user, with the page snippets of the page being shown.

Safety: the request is restricted to those candidate ids (already filtered by CKAN's
permission labels, capacity and state) and this site's id, so it can only rank or quote
records the user may read. The query text is the same safe text package_search searched.
"""

from __future__ import annotations

__all__ = ["RANK_SORT", "Ranked", "parse_ranked", "rerank_request"]

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ckanext.vusta.search.highlight import (
    DatasetHighlights,
    highlight_params,
    parse_highlighting,
)
from ckanext.vusta.search.ranking import full_ranking_params

# As CKAN's default package sort: relevance, then the most recently changed.
RANK_SORT = "score desc, metadata_modified desc"


@dataclass(frozen=True)
class Ranked:
    docs: list[dict[str, Any]]  # the requested page of candidates, best first (Solr docs)
    highlights: dict[str, DatasetHighlights]

    @property
    def ids(self) -> list[str]:
        return [str(doc["id"]) for doc in self.docs]


def rerank_request(q: str, spelling: str | None, filters: list[str], start: int, rows: int,
                   per_dataset: int, fields: Sequence[str] = ()) -> dict[str, Any]:
    """Solr parameters: rank (q already safe text; `spelling` restored for an unaccented
    query) within `filters`, return rows start..start+rows (id and `fields`) with their
    snippets."""
    return {
        **full_ranking_params(q, spelling),
        "q.op": "AND", "df": "text", "fq": filters, "fl": ",".join(["id", "index_id", *fields]),
        "start": start, "rows": rows, "sort": RANK_SORT, "wt": "json",
        # Snippets mark every word of the ranking query found in page text or metadata.
        **highlight_params(per_dataset),
    }


def parse_ranked(docs: Sequence[dict[str, Any]], highlighting: dict[str, Any],
                 per_dataset: int) -> Ranked:
    return Ranked(list(docs), parse_highlighting(list(docs), highlighting, per_dataset))
