"""A relevance search as one Solr request: the cheap stage-one query finds and counts the
matches (and their facets) within the caller's filters, Solr's rerank parser orders the best
`window` of them by the full ranking, and the page's datasets come back with their snippets.

One request instead of a candidate search plus a ranking search saves a round trip and a
second pass over the filters; the ranking itself is the same (search.ranking).

Safety: user text only reaches Solr as query text (`q`, `vusta.q`, the end of `hl.q`),
already reduced to literal words by query_text.safe_query, so it can never open local
parameters; every other parameter is ours. The caller's filters decide what can be matched,
counted or quoted.
"""

from __future__ import annotations

__all__ = ["RANK_SORT", "Ranked", "parse_ranked", "ranked_request"]

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ckanext.vusta.search.highlight import (
    DatasetHighlights,
    highlight_params,
    parse_highlighting,
)
from ckanext.vusta.search.ranking import candidate_params, full_ranking_params

# As CKAN's default package sort: relevance, then the most recently changed.
RANK_SORT = "score desc, metadata_modified desc"
# Our own parameter names, referred to from the local parameters ($vusta.qf ...).
_RANKING = "vusta.rank"


@dataclass(frozen=True)
class Ranked:
    docs: list[dict[str, Any]]  # the requested page, best first (Solr docs or dataset dicts)
    highlights: dict[str, DatasetHighlights]
    count: int = 0  # all matches the caller may see, not only the page
    facets: dict[str, Any] | None = None  # Solr's facet_fields, when asked for


def _ranking_query(full: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The full ranking as an edismax query over `$q`, with its settings as parameters."""
    settings = {"vusta.qf": full["qf"], "vusta.pf": full["pf"], "vusta.pf2": full["pf2"]}
    local = ["edismax", "qf=$vusta.qf", "pf=$vusta.pf", "pf2=$vusta.pf2",
             f"ps={full['ps']}", f"ps2={full['ps2']}", "mm=$mm", f"tie={full['tie']}"]
    if "boost" in full:
        settings["vusta.boost"] = full["boost"]
        local.append("boost=$vusta.boost")
    return "{!" + " ".join([*local, "v=$vusta.q"]) + "}", settings


def ranked_request(q: str, spelling: str | None, filters: list[str], start: int, rows: int,
                   per_dataset: int, window: int, fields: Sequence[str] = ()) -> dict[str, Any]:
    """Solr parameters: match `q` (already safe text) within `filters`, rank the best
    max(window, start+rows) matches by the full ranking (`spelling`: the restored spelling of
    an unaccented query, boosted), return rows start..start+rows (id and `fields`) with their
    snippets."""
    full = full_ranking_params(q, spelling)
    ranking, settings = _ranking_query(full)
    depth = max(window, start + rows)
    return {
        **candidate_params(q),
        "q.op": "AND", "df": "text", "fq": filters, "fl": ",".join(["id", "index_id", *fields]),
        "start": start, "rows": rows, "sort": RANK_SORT, "wt": "json",
        # replace: the order within the window is the full ranking's alone, as if the
        # candidates had been searched again with it.
        "rq": f"{{!rerank reRankQuery=${_RANKING} reRankDocs={depth} reRankOperator=replace}}",
        _RANKING: ranking, **settings, "vusta.q": q,
        # Snippets mark every word of the ranking query found in page text or metadata. (The
        # highlighter ignores a `v=` reference here, so the safe text follows the local
        # parameters, as the query string they apply to.)
        **highlight_params(per_dataset), "hl.q": "{!edismax qf=$vusta.qf}" + q,
    }


def parse_ranked(docs: Sequence[dict[str, Any]], highlighting: dict[str, Any],
                 per_dataset: int, count: int = 0,
                 facets: dict[str, Any] | None = None) -> Ranked:
    return Ranked(list(docs), parse_highlighting(list(docs), highlighting, per_dataset),
                  count, facets)
