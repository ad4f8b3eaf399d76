"""One search, in the order vusta_search runs it, over any backend: Solr through CKAN's
connection in the portal, Solr directly in the relevance tests and the benchmark (so both
measure exactly what users get).

A free-text query ranked by relevance is one Solr request (search.rerank): the cheap
stage-one query matches, counts and facets within the caller's visibility filters, the full
ranking orders the best CANDIDATES of those matches, and the page's datasets come back with
their snippets. An unaccented query is ranked as typed first; if the snippets of the best
hits overwhelmingly spell the words one way ("chuyển đổi số"), it is ranked again with that
spelling boosted (same matches, so the first request's count and facets stand) and the
spelling is offered as "did you mean". That spelling is remembered for a few minutes
(search.suggestion_memory), so the same query by a caller with the same visibility is then
ranked with it at once, if the result confirms it.

An explicit sort, an empty query or a page beyond MAX_WINDOW is one package_search plus
snippets.
"""

from __future__ import annotations

__all__ = ["CANDIDATES", "MAX_WINDOW", "PROBE_ROWS", "SUGGESTIONS", "Backend", "SearchRequest",
           "run_search"]

import dataclasses
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ckanext.vusta.search.highlight import DatasetHighlights
from ckanext.vusta.search.query_text import is_unaccented, safe_query, words
from ckanext.vusta.search.ranking import ranking_params
from ckanext.vusta.search.rerank import Ranked
from ckanext.vusta.search.suggest import suggestion
from ckanext.vusta.search.suggestion_memory import SuggestionMemory

CANDIDATES = 50
MAX_WINDOW = 300
PROBE_ROWS = 10
PROBE_SNIPPETS = 3
SUGGESTIONS = SuggestionMemory()
RELEVANCE_SORTS = frozenset({"", "rank", "score desc", "score desc, metadata_modified desc"})


class Backend(Protocol):
    def search(self, params: dict[str, Any]) -> dict[str, Any]:
        """package_search's result (`results` are dicts with `id`) for these parameters."""

    def ranked(self, q: str, spelling: str | None, start: int, rows: int, per_dataset: int,
               window: int, with_facets: bool) -> Ranked:
        """One relevance request (search.rerank) within this caller's filters."""

    def as_result(self, ranked: Ranked) -> dict[str, Any]:
        """package_search's result for a ranked page (count, facets, results)."""

    @property
    def scope_key(self) -> Hashable:
        """Equal for callers who may see exactly the same records."""

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


def _window(start: int, rows: int) -> int:
    """How many best matches the full ranking orders. Solr widens the window to reach the
    page, and a wider window may reorder earlier pages, so deeper pages share one fixed
    window (pages within the first CANDIDATES share the other)."""
    return CANDIDATES if start + rows <= CANDIDATES else MAX_WINDOW


def _phrases(ranked: Ranked) -> list[str]:
    return [phrase for hits in ranked.highlights.values() for phrase in hits.phrases]


def _by_relevance(backend: Backend, request: SearchRequest, q: str,
                  wanted: int) -> tuple[dict[str, Any], dict[str, DatasetHighlights], str | None]:
    start, rows = request.start, request.rows
    if not is_unaccented(request.raw_q):
        ranked = backend.ranked(q, None, start, rows, wanted, _window(start, rows), True)
        return backend.as_result(ranked), ranked.highlights, None
    key = (backend.scope_key, " ".join(words(request.raw_q)))
    recalled = SUGGESTIONS.recall(key)
    if recalled is not None:
        ranked = backend.ranked(q, recalled, start, rows, max(wanted, PROBE_SNIPPETS),
                                _window(start, rows), True)
        if suggestion(request.raw_q, _phrases(ranked)) == recalled:
            return backend.as_result(ranked), ranked.highlights, recalled
    probe_rows = max(rows, PROBE_ROWS) if start == 0 else PROBE_ROWS
    probe = backend.ranked(q, None, 0, probe_rows, max(wanted, PROBE_SNIPPETS),
                           _window(0, probe_rows), True)
    restored = suggestion(request.raw_q, _phrases(probe))
    SUGGESTIONS.remember(key, restored)
    if restored is None and start == 0:
        first_page = dataclasses.replace(probe, docs=probe.docs[:rows])
        return backend.as_result(first_page), probe.highlights, None
    page = backend.ranked(q, restored, start, rows, wanted, _window(start, rows), False)
    ranked = dataclasses.replace(page, count=probe.count, facets=probe.facets)
    return backend.as_result(ranked), {**probe.highlights, **page.highlights}, restored


def run_search(backend: Backend, request: SearchRequest) -> dict[str, Any]:
    q = safe_query(request.raw_q)
    wanted = request.hl_offset + request.hl_limit
    restored = None
    if q and request.by_relevance and request.start + request.rows <= MAX_WINDOW:
        result, found, restored = _by_relevance(backend, request, q, wanted)
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
