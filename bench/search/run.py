"""Search benchmark: our configset and ranking vs CKAN 2.12's stock schema, in one run.

1. N synthetic records (a few pages of Vietnamese text each) straight into two cores through
   Solr's update API; bulk rate and index size per record for each.
2. Q mixed queries against both, interleaved: ours as vusta_search sends them (accent probe,
   exact-spelling boost, highlighting), stock as package_search builds them. p50/p95, ratio.
3. Relevance of both on the judged fixture queries (tests/relevance).
4. Optional, on a running portal (--portal URL): API latency of vusta_search vs package_search
   and the same requests sent to Solr directly, i.e. CKAN's own overhead.
5. Optional (--rebuild-records K, --ini): `ckan search-index rebuild` rate on K datasets of a
   test site vs our direct bulk rate.

    .venv/bin/python -m bench.search.run --records 100000 --queries 1000 \
        --portal http://127.0.0.1:5000 --rebuild-records 2000 --ini var/test-se.ini
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from bench.search.workload import bench_records, mixed_queries
from ckanext.vusta.search.orchestrate import SearchRequest, run_search
from devstack.layout import current_layout
from tests.relevance import evaluate as relevance
from tests.relevance.solr_cores import (
    OursBackend,
    StockBackend,
    ensure_cores,
    ours_doc,
    post_docs,
    stock_doc,
)

REPO = Path(__file__).resolve().parents[2]
BATCH = 1000


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _index(core_url: str, docs: Iterable[dict[str, Any]]) -> float:
    started = time.perf_counter()
    batch: list[dict[str, Any]] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == BATCH:
            post_docs(core_url, batch, commit=False)
            batch = []
    post_docs(core_url, batch, commit=True)
    return time.perf_counter() - started


def _get_json(url: str, timeout: float = 60) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (local Solr)
        return dict(json.load(response))


def _core_admin(core_url: str, action: str, timeout: float = 60) -> dict[str, Any]:
    base, core = core_url.rsplit("/", 1)
    return _get_json(f"{base}/admin/cores?action={action}&core={core}&wt=json", timeout)


def _index_stat(core_url: str, name: str) -> int:
    core = core_url.rsplit("/", 1)[1]
    return int(_core_admin(core_url, "STATUS")["status"][core].get("index", {}).get(name, -1))


def _settle(core_url: str, quiet_polls: int = 3, limit_s: float = 300) -> int:
    """Waits until the core's background merges are done (a commit no longer changes the
    searcher's segments), so latency is measured on the loaded index and not against merge
    threads; returns the segment count."""
    started, last, same = time.perf_counter(), -1, 0
    while time.perf_counter() - started < limit_s:
        _get_json(f"{core_url}/update?commit=true&waitSearcher=true&wt=json", timeout=600)
        count = _index_stat(core_url, "segmentCount")
        same = same + 1 if count == last else 0
        if same >= quiet_polls:
            break
        last = count
        time.sleep(3)
    return last


def _force_merge(core_url: str) -> float:
    """Both cores alike, as a nightly optimise of a read-mostly catalogue would leave them:
    fewer segments mean fewer term-dictionary lookups per query field."""
    started = time.perf_counter()
    _get_json(f"{core_url}/update?optimize=true&maxSegments=1&wt=json", timeout=3600)
    return round(time.perf_counter() - started, 1)


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def reuse(records: int, pages: int) -> tuple[OursBackend, StockBackend, dict[str, Any]]:
    """The cores of an earlier run with the same record count: latency only, no load."""
    base = f"http://127.0.0.1:{current_layout().solr_port}/solr"
    ours_url, stock_url = f"{base}/se_bench_ours", f"{base}/se_bench_stock"
    expected = sum(1 for _ in bench_records(records, pages))
    found = {url: _index_stat(url, "numDocs") for url in (ours_url, stock_url)}
    if set(found.values()) != {expected}:
        raise SystemExit(f"--reuse: cores hold {found}, expected {expected} each; "
                         "run once without --reuse")
    for url in (ours_url, stock_url):  # empty caches: an earlier run asked the same queries
        _core_admin(url, "RELOAD", timeout=600)
    return OursBackend(ours_url), StockBackend(stock_url), {"records": expected, "reused": True}


def load(records: int, pages: int) -> tuple[OursBackend, StockBackend, dict[str, Any]]:
    ours_url, stock_url = ensure_cores("se_bench_ours", "se_bench_stock")
    corpus = list(bench_records(records, pages))
    ours_s = _index(ours_url, (ours_doc(r) for r in corpus))
    stock_s = _index(stock_url, (stock_doc(r) for r in corpus))
    n = len(corpus)
    # After background merges settle (TieredMergePolicy of our solrconfig, both cores).
    segments = {"ours": _settle(ours_url), "stock": _settle(stock_url)}
    report = {
        "records": n, "pages_per_record": pages,
        "bulk_docs_per_s": {"ours": round(n / ours_s), "stock": round(n / stock_s)},
        "bulk_ratio_ours_over_stock_time": round(ours_s / stock_s, 2),
        "index_bytes_per_record": {"ours": _index_stat(ours_url, "sizeInBytes") // n,
                                   "stock": _index_stat(stock_url, "sizeInBytes") // n},
        "segments_as_loaded": segments,
    }
    return OursBackend(ours_url), StockBackend(stock_url), report


def latency(ours: OursBackend, stock: StockBackend, count: int) -> dict[str, Any]:
    queries = mixed_queries(count)
    for _, q in queries[:50]:  # warm caches of both cores alike
        run_search(ours, SearchRequest(raw_q=q))
        stock.search(q)
    ours_t: list[float] = []
    stock_t: list[float] = []
    by_kind: dict[str, list[float]] = {}
    for kind, q in queries:
        took = _timed(partial(run_search, ours, SearchRequest(raw_q=q)))
        ours_t.append(took)
        by_kind.setdefault(kind, []).append(took)
        stock_t.append(_timed(partial(stock.search, q)))
    p95_ours, p95_stock = _pct(ours_t, 0.95), _pct(stock_t, 0.95)
    return {
        "queries": len(queries),
        "ours_ms": {"p50": round(_pct(ours_t, 0.5), 1), "p95": round(p95_ours, 1)},
        "stock_ms": {"p50": round(_pct(stock_t, 0.5), 1), "p95": round(p95_stock, 1)},
        "p50_ratio": round(_pct(ours_t, 0.5) / _pct(stock_t, 0.5), 2),
        "p95_ratio": round(p95_ours / p95_stock, 2),
        "ours_p50_ms_by_kind": {k: round(statistics.median(v) * 1000, 1)
                                for k, v in sorted(by_kind.items())},
    }


def _api(portal: str, action: str, q: str) -> None:
    url = f"{portal}/api/3/action/{action}?{urllib.parse.urlencode({'q': q})}"
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (our portal)
        json.load(response)


def _site_id(ini: str) -> str:
    for line in Path(ini).read_text().splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "ckan.site_id":
            return value.strip()
    return "default"


def portal_overhead(portal: str, count: int, ini: str) -> dict[str, Any]:
    """Same queries through the portal's API and, for vusta_search, straight to its core."""
    core = OursBackend(f"http://127.0.0.1:{current_layout().solr_port}/solr/ckan",
                       site_id=_site_id(ini))
    queries = [q for _, q in mixed_queries(count, seed=17)]
    timings: dict[str, list[float]] = {"package_search": [], "vusta_search": [], "direct": []}
    for q in queries:
        timings["package_search"].append(_timed(partial(_api, portal, "package_search", q)))
        timings["vusta_search"].append(_timed(partial(_api, portal, "vusta_search", q)))
        timings["direct"].append(_timed(partial(run_search, core, SearchRequest(raw_q=q))))
    p50 = {name: round(_pct(values, 0.5), 1) for name, values in timings.items()}
    return {"queries": len(queries), "p50_ms": p50,
            "vusta_search_overhead_ms_p50": round(p50["vusta_search"] - p50["direct"], 1),
            "vusta_over_package_search_p50": round(p50["vusta_search"] / p50["package_search"], 2)}


def rebuild_rate(ini: str, count: int) -> dict[str, Any]:
    """Creates `count` datasets on a test site, then times `ckan search-index rebuild`."""
    subprocess.run([sys.executable, "-m", "bench.search.seed_site", ini, str(count)],
                   check=True, cwd=REPO)
    ckan = str(Path(sys.executable).parent / "ckan")
    started = time.perf_counter()
    subprocess.run([ckan, "-c", ini, "search-index", "rebuild"], check=True, cwd=REPO,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - started
    return {"datasets": count, "seconds": round(took, 1), "docs_per_s": round(count / took, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--portal", default="")
    parser.add_argument("--portal-queries", type=int, default=100)
    parser.add_argument("--portal-ini", default="var/ckan.ini")
    parser.add_argument("--rebuild-records", type=int, default=0)
    parser.add_argument("--ini", default="var/test-se.ini")
    parser.add_argument("--merge", action="store_true",
                        help="measure latency again after merging both cores to one segment")
    parser.add_argument("--reuse", action="store_true",
                        help="query the cores an earlier run loaded (no bulk numbers)")
    args = parser.parse_args()

    report: dict[str, Any] = {}
    if args.records:  # --records 0: only the relevance, portal and rebuild parts
        ours, stock, report["index"] = (reuse if args.reuse else load)(args.records, args.pages)
        print(json.dumps(report, ensure_ascii=False), flush=True)
        report["latency"] = latency(ours, stock, args.queries)
        print(json.dumps(report["latency"], ensure_ascii=False), flush=True)
        if args.merge:
            merged = {url: _force_merge(url) for url in (ours.core_url, stock.core_url)}
            report["latency_after_force_merge"] = {
                "merge_seconds": merged, **latency(ours, stock, args.queries)}
            print(json.dumps(report["latency_after_force_merge"], ensure_ascii=False),
                  flush=True)
    report["relevance"] = relevance.summary(relevance.evaluate(*relevance.load_corpus()))
    if args.portal:
        report["portal"] = portal_overhead(args.portal, args.portal_queries, args.portal_ini)
    if args.rebuild_records:
        rebuild = rebuild_rate(args.ini, args.rebuild_records)
        if "bulk_docs_per_s" in report.get("index", {}):
            rebuild["ours_direct_docs_per_s"] = report["index"]["bulk_docs_per_s"]["ours"]
            rebuild["ratio_direct_over_rebuild"] = round(
                rebuild["ours_direct_docs_per_s"] / rebuild["docs_per_s"], 1)
        report["ckan_rebuild"] = rebuild
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
