"""Ranking metrics over graded judgements: reciprocal rank of the best record, nDCG@k."""

from __future__ import annotations

__all__ = ["mean", "ndcg_at", "reciprocal_rank"]

import math
from collections.abc import Sequence


def reciprocal_rank(ranked: Sequence[str], best: str) -> float:
    return 1.0 / (ranked.index(best) + 1) if best in ranked else 0.0


def ndcg_at(ranked: Sequence[str], grades: dict[str, int], k: int = 10) -> float:
    def dcg(values: Sequence[int]) -> float:
        return float(sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(values[:k])))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(doc, 0) for doc in ranked]) / ideal if ideal else 0.0


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
