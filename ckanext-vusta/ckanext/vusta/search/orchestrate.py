"""One search, in the order vusta_search runs it, over any backend that can rank and
highlight: CKAN's package_search in the portal, Solr directly in the relevance tests and the
benchmark (so both measure exactly what users get).

Unaccented query → probe the top hits → if they overwhelmingly spell the words one way
("chuyển đổi số"), rank records with that spelling first and offer it as "did you mean".
Accented query → records with the exact spelling get the boost. Then snippets for the page.
"""

from __future__ import annotations

__all__ = ["PROBE_ROWS", "Backend", "SearchRequest", "run_search"]

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ckanext.vusta.search.highlight import DatasetHighlights
from ckanext.vusta.search.query_text import is_unaccented, safe_query
from ckanext.vusta.search.ranking import ranking_params
from ckanext.vusta.search.suggest import suggestion

PROBE_ROWS = 10
PROBE_SNIPPETS = 3


class Backend(Protocol):
    def ranked(self, params: dict[str, Any]) -> dict[str, Any]:
        """package_search's result (`results` are dicts with `id`) for these parameters."""

    def highlights(self, q: str, dataset_ids: Sequence[str],
                   per_dataset: int) -> dict[str, DatasetHighlights]: ...


@dataclass(frozen=True)
class SearchRequest:
    raw_q: str
    rows: int = 10
    hl_offset: int = 0
    hl_limit: int = 3
    other: dict[str, Any] = field(default_factory=dict)  # filters, sort, facets, paging


def _params(request: SearchRequest, q: str, rows: int, spelling: str | None) -> dict[str, Any]:
    params = {**request.other, "rows": rows}
    if q:
        params.update(ranking_params(q, spelling))
    return params


def _ids(result: dict[str, Any]) -> list[str]:
    return [d["id"] for d in result.get("results", [])]


def _probe_and_rank(backend: Backend, request: SearchRequest, q: str,
                    wanted: int) -> tuple[dict[str, Any], dict[str, DatasetHighlights], str | None]:
    """Unaccented query: the first page doubles as the probe (no extra request when nothing is
    restored); with a restored spelling the page is ranked again with its boost."""
    start = int(request.other.get("start") or 0)
    probe_params = _params(request, q, max(request.rows, PROBE_ROWS), None)
    if start:
        probe_params.update({"start": 0, "facet": "false"})
    probe = backend.ranked(probe_params)
    found = dict(backend.highlights(q, _ids(probe), max(wanted, PROBE_SNIPPETS)))
    restored = suggestion(request.raw_q,
                          [p for hits in found.values() for p in hits.phrases])
    if restored is None and not start:
        probe["results"] = probe.get("results", [])[:request.rows]
        return probe, found, None
    result = backend.ranked(_params(request, q, request.rows, restored))
    missing = [i for i in _ids(result) if i not in found]
    found.update(backend.highlights(q, missing, wanted) if missing else {})
    return result, found, restored


def run_search(backend: Backend, request: SearchRequest) -> dict[str, Any]:
    q = safe_query(request.raw_q)
    wanted = request.hl_offset + request.hl_limit
    restored = None
    if q and is_unaccented(request.raw_q):
        result, found, restored = _probe_and_rank(backend, request, q, wanted)
    else:
        result = backend.ranked(_params(request, q, request.rows, None))
        found = backend.highlights(q, _ids(result), wanted) if q else {}
    for dataset in result.get("results", []):
        hits = found.get(dataset["id"])
        pages = hits.pages[request.hl_offset:wanted] if hits else []
        dataset["highlights"] = [page.as_dict() for page in pages]
        dataset["matched_in"] = [name for name, hit in (
            ("metadata", bool(hits and hits.in_metadata)), ("fulltext", bool(hits and hits.pages)),
        ) if hit]
    result["query"] = q
    result["did_you_mean"] = restored
    return result
