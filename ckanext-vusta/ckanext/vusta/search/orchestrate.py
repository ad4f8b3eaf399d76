"""One search, in the order vusta_search runs it, over any backend: CKAN's package_search and
Solr in the portal, Solr directly in the relevance tests and the benchmark (so both measure
exactly what users get).

1. Candidates: package_search with the cheap stage-one query (search.ranking) decides what
   this user may see, the count and the facets.
2. Ranking: the full query over those candidates only, returning the page's datasets and
   snippets (search.rerank). An unaccented query is first ranked as typed; if the snippets of
   the best hits overwhelmingly spell the words one way ("chuyển đổi số"), the candidates are
   ranked again with that spelling boosted and it is offered as "did you mean".

An explicit sort, an empty query or a page beyond the candidate window is one package_search
plus snippets.
"""

from __future__ import annotations

__all__ = ["CANDIDATES", "MAX_WINDOW", "PROBE_ROWS", "Backend", "SearchRequest", "run_search"]

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ckanext.vusta.search.highlight import DatasetHighlights
from ckanext.vusta.search.query_text import is_unaccented, safe_query
from ckanext.vusta.search.ranking import candidate_params, ranking_params
from ckanext.vusta.search.rerank import Ranked
from ckanext.vusta.search.suggest import suggestion

CANDIDATES = 50
MAX_WINDOW = 300
PROBE_ROWS = 10
PROBE_SNIPPETS = 3
RELEVANCE_SORTS = frozenset({"", "rank", "score desc", "score desc, metadata_modified desc"})


class Backend(Protocol):
    def search(self, params: dict[str, Any]) -> dict[str, Any]:
        """package_search's result (`results` are dicts with `id`) for these parameters."""

    def rerank(self, q: str, spelling: str | None, ids: Sequence[str], start: int, rows: int,
               per_dataset: int) -> Ranked:
        """Ranks the candidates `ids`; `docs` of the result are the page's datasets."""

    def highlights(self, q: str, dataset_ids: Sequence[str],
                   per_dataset: int) -> dict[str, DatasetHighlights]: ...


@dataclass(frozen=True)
class SearchRequest:
    raw_q: str
    rows: int = 10
    hl_offset: int = 0
    hl_limit: int = 3
    other: dict[str, Any] = field(default_factory=dict)  # filters, sort, facets, paging

    @property
    def start(self) -> int:
        return int(self.other.get("start") or 0)

    @property
    def by_relevance(self) -> bool:
        sort = " ".join(str(self.other.get("sort") or "").lower().split())
        return sort in RELEVANCE_SORTS


def _ids(result: dict[str, Any]) -> list[str]:
    return [d["id"] for d in result.get("results", [])]


def _ranked(backend: Backend, request: SearchRequest, q: str, candidates: list[str],
            wanted: int) -> tuple[Ranked, str | None]:
    start, rows = request.start, request.rows
    if not is_unaccented(request.raw_q):
        return backend.rerank(q, None, candidates, start, rows, wanted), None
    probe_rows = max(rows, PROBE_ROWS) if start == 0 else PROBE_ROWS
    probe = backend.rerank(q, None, candidates, 0, probe_rows, max(wanted, PROBE_SNIPPETS))
    restored = suggestion(request.raw_q,
                          [p for hits in probe.highlights.values() for p in hits.phrases])
    if restored is None and start == 0:
        return Ranked(probe.docs[:rows], probe.highlights), None
    ranked = backend.rerank(q, restored, candidates, start, rows, wanted)
    return Ranked(ranked.docs, {**probe.highlights, **ranked.highlights}), restored


def _two_stage(backend: Backend, request: SearchRequest, q: str,
               wanted: int) -> tuple[dict[str, Any], dict[str, DatasetHighlights], str | None]:
    window = max(CANDIDATES, request.start + request.rows)
    result = backend.search({**request.other, **candidate_params(q), "start": 0,
                             "rows": window, "fl": ["id"]})
    candidates = _ids(result)
    if not candidates:
        return result, {}, None
    ranked, restored = _ranked(backend, request, q, candidates, wanted)
    result["results"] = ranked.docs
    return result, ranked.highlights, restored


def run_search(backend: Backend, request: SearchRequest) -> dict[str, Any]:
    q = safe_query(request.raw_q)
    wanted = request.hl_offset + request.hl_limit
    restored = None
    if q and request.by_relevance and request.start + request.rows <= MAX_WINDOW:
        result, found, restored = _two_stage(backend, request, q, wanted)
    else:
        params = {**request.other, "rows": request.rows, **(ranking_params(q) if q else {})}
        result = backend.search(params)
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
