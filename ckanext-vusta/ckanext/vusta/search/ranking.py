"""How a free-text query is ranked, in two stages of one Solr request (search.rerank).

Candidates: a cheap query over few fields (folded metadata, page text, English stems) that
matches, counts and facets within the caller's visibility filters. Ranking: the full query
over the best candidates only, by Solr's rerank (field weights, exact-mark fields above their
folded twins, titles and keywords above abstracts above page text, phrase (pf) and
syllable-pair (pf2) boosts so "công nghệ thông tin" counts as a word, and the exact-spelling
boost). Scoring every match of a common syllable with the full query costs several times a
stock search; scoring a few hundred candidates costs almost nothing.
"""

from __future__ import annotations

__all__ = ["CANDIDATE_FIELDS", "MIN_MATCH", "QUERY_FIELDS", "candidate_params",
           "exact_spelling_boost", "full_ranking_params", "rank_free_text", "ranking_params"]

import itertools
import re
from typing import Any

from ckanext.vusta.search.query_text import is_unaccented, words
from ocr_pipeline.vietnamese import fold_diacritics, normalise_text

QUERY_FIELDS = " ".join((
    "vusta_title^10", "vusta_title_f^4",
    "vusta_keywords^8", "vusta_keywords_f^3",
    "vusta_authors^6", "vusta_authors_f^3",
    "vusta_title_en^5", "vusta_notes_en^1.5",
    "vusta_notes^2.5", "vusta_notes_f^1",
    "vusta_pages_x^1", "vusta_pages^0.4",
    "name^2", "text^0.2",
))
# Whole-phrase boosts; syllable-pair phrases in titles only (pair phrase queries over long
# text cost more than they add; the exact-pair boost covers abstracts and pages). An exact
# phrase in page text must still beat a folded look-alike in a title.
PHRASE_FIELDS = " ".join((
    "vusta_title^30", "vusta_title_f^12", "vusta_keywords^20", "vusta_authors^15",
    "vusta_en^5", "vusta_notes^8",
))
# Phrases in page text (the largest fields, so the costliest phrase checks): as spelt for a
# query with marks, folded for one without (it cannot match an exact Vietnamese phrase).
PAGE_PHRASE_EXACT = "vusta_pages_x^4"
PAGE_PHRASE_FOLDED = "vusta_pages^1.5"
PAIR_FIELDS = "vusta_title^12 vusta_title_f^5"
# Stage one: folded metadata (titles, keywords, authors, abstracts, identifiers), the exact
# title (so a typed spelling brings its records into the candidates), page text, English stems.
CANDIDATE_FIELDS = "vusta_meta^3 vusta_title^3 vusta_pages vusta_en"
# Stage two orders candidates that already match, so fewer fields do: English in one field,
# phrases where they decide (titles, keywords, authors, exact page text). It holds every
# candidate field, so no candidate can fall out (vusta_meta: identifiers, journal, files).
RERANK_FIELDS = " ".join((
    "vusta_title^10", "vusta_title_f^4", "vusta_keywords^8", "vusta_keywords_f^3",
    "vusta_authors^6", "vusta_authors_f^3", "vusta_en^2", "vusta_notes^2.5", "vusta_notes_f^1",
    "vusta_pages^0.4", "vusta_meta^0.5",
))
PAIRS_FIELD = "vusta_pairs"
# Records with every syllable pair spelt as meant score up to (1 + EXACT_BOOST) times more.
EXACT_BOOST = 20
MAX_BOOST_PAIRS = 12
_TOKEN = re.compile(r"[^\W_]+")
# All words of short queries, most words of long ones (a syllable may be mistyped).
MIN_MATCH = "3<-1 6<80%"


def exact_spelling_boost(spelling: str) -> str | None:
    """A multiplicative boost (edismax `boost`) for records holding the syllable pairs of
    `spelling` exactly as written (marks included): up to 1 + EXACT_BOOST when all pairs are
    present. None for text without Vietnamese marks (nothing to be exact about)."""
    tokens = _TOKEN.findall(" ".join(words(spelling)))
    if not tokens or fold_diacritics(" ".join(tokens)) == " ".join(tokens):
        return None
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(tokens)] or tokens
    pairs = list(dict.fromkeys(pairs))[:MAX_BOOST_PAIRS]
    present = ",".join(f"if(termfreq({PAIRS_FIELD},'{pair}'),1,0)" for pair in pairs)
    matched = f"sum({present})" if len(pairs) > 1 else present
    return f"sum(1,product({EXACT_BOOST},div({matched},{len(pairs)})))"


def ranking_params(q: str, spelling: str | None = None) -> dict[str, Any]:
    """package_search parameters that rank `q` (already safe text) with our fields; records
    spelling the words as `spelling` (default: as typed) get the exact-spelling boost."""
    params = {"q": q, "defType": "edismax", "qf": QUERY_FIELDS, "mm": MIN_MATCH, "tie": "0.1"}
    boost = exact_spelling_boost(spelling if spelling is not None else q)
    if boost:
        params["boost"] = boost
    return params


def full_ranking_params(q: str, spelling: str | None = None) -> dict[str, Any]:
    """The second stage (the rerank query of search.rerank). The page-text phrase boost is on
    the one page field the query can match as a phrase."""
    pages = PAGE_PHRASE_FOLDED if is_unaccented(q) else PAGE_PHRASE_EXACT
    return {**ranking_params(q, spelling), "qf": RERANK_FIELDS,
            "pf": f"{PHRASE_FIELDS} {pages}", "pf2": PAIR_FIELDS, "ps": "1", "ps2": "0"}


def candidate_params(q: str) -> dict[str, Any]:
    """The first stage (the main query of search.rerank). No function boost here: it would be
    computed for every match of a common syllable; the exact title field does its job for
    candidates."""
    return {"q": q, "defType": "edismax", "qf": CANDIDATE_FIELDS, "mm": MIN_MATCH, "tie": "0.1"}


def rank_free_text(data_dict: dict[str, Any]) -> dict[str, Any]:
    """before_dataset_search: free-text package_search queries (no field syntax, no ranking
    chosen by the caller) are normalised and ranked with our fields too, so CKAN's own search
    page and API benefit; fielded queries keep CKAN's behaviour."""
    q = data_dict.get("q")
    if not isinstance(q, str) or not q.strip() or ":" in q:
        return data_dict
    if any(key in data_dict for key in ("qf", "defType")):
        return data_dict
    data_dict.update(ranking_params(normalise_text(q)))
    return data_dict
