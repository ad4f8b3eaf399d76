""""Did you mean": the accented spelling an unaccented query most likely meant.

The evidence is the marked words of the best results: if "chuyen doi so" is marked as
"chuyển đổi số" far more often than as any other spelling, that spelling is offered.
"""

from __future__ import annotations

__all__ = ["DOMINANCE", "suggestion"]

from collections import Counter
from collections.abc import Iterable

from ckanext.vusta.search.query_text import is_unaccented, words
from ocr_pipeline.vietnamese import fold_diacritics

# The winning spelling must be seen at least this many times more often than the runner-up.
DOMINANCE = 2


def suggestion(query: str, marked: Iterable[str]) -> str | None:
    if not is_unaccented(query):
        return None
    typed = " ".join(words(query))
    target = fold_diacritics(typed)
    seen = [phrase for phrase in marked if fold_diacritics(phrase) == target]
    counts = Counter(phrase for phrase in seen if phrase != typed)
    if not counts:
        return None
    (best, best_count), *rest = counts.most_common(2)
    runner_up = max([count for _, count in rest] + [seen.count(typed)])
    return best if best_count >= DOMINANCE * runner_up else None
