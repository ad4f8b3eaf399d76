"""Runs the judged queries against both cores: per-query ranks and the mean metrics. Shared by
the relevance test and bench/search (`python -m tests.relevance.evaluate` prints a table)."""

from __future__ import annotations

__all__ = ["Evaluation", "evaluate", "load_corpus"]

from dataclasses import dataclass

from ckanext.vusta.search.orchestrate import SearchRequest, run_search
from tests.relevance.corpus import build_corpus
from tests.relevance.metrics import mean, ndcg_at, reciprocal_rank
from tests.relevance.queries import QUERIES, Judged
from tests.relevance.solr_cores import (
    OursBackend,
    StockBackend,
    ensure_cores,
    ours_doc,
    post_docs,
    stock_doc,
)

OURS_CORE = "se_relevance_ours"
STOCK_CORE = "se_relevance_stock"


@dataclass(frozen=True)
class Evaluation:
    judged: Judged
    ours: list[str]
    stock: list[str]
    did_you_mean: str | None

    @property
    def scores(self) -> dict[str, float]:
        grades = self.judged.grades()
        return {"ours_rr": reciprocal_rank(self.ours, self.judged.best),
                "stock_rr": reciprocal_rank(self.stock, self.judged.best),
                "ours_ndcg": ndcg_at(self.ours, grades), "stock_ndcg": ndcg_at(self.stock, grades)}


def load_corpus(filler: int = 200) -> tuple[OursBackend, StockBackend]:
    ours_url, stock_url = ensure_cores(OURS_CORE, STOCK_CORE)
    corpus = build_corpus(filler)
    post_docs(ours_url, (ours_doc(r) for r in corpus))
    post_docs(stock_url, (stock_doc(r) for r in corpus))
    return OursBackend(ours_url), StockBackend(stock_url)


def evaluate(ours: OursBackend, stock: StockBackend) -> list[Evaluation]:
    found = []
    for judged in QUERIES:
        result = run_search(ours, SearchRequest(raw_q=judged.q, rows=10))
        found.append(Evaluation(judged, [d["id"] for d in result["results"]],
                                stock.search(judged.q), result["did_you_mean"]))
    return found


def summary(evaluations: list[Evaluation]) -> dict[str, float]:
    keys = ("ours_rr", "stock_rr", "ours_ndcg", "stock_ndcg")
    return {key.replace("_rr", "_mrr").replace("_ndcg", "_ndcg@10"):
            round(mean([e.scores[key] for e in evaluations]), 4) for key in keys}


if __name__ == "__main__":
    results = evaluate(*load_corpus())
    for e in results:
        s = e.scores
        print(f"{e.judged.kind:15} {e.judged.q[:38]:38} ours rr={s['ours_rr']:.2f} "
              f"ndcg={s['ours_ndcg']:.2f} | stock rr={s['stock_rr']:.2f} "
              f"ndcg={s['stock_ndcg']:.2f} | top={e.ours[:3]} dym={e.did_you_mean}")
    print(summary(results))
