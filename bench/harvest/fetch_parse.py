"""Fetch-and-parse-only peer for the harvest benchmark (the network limit).

Harvests N oai_dc records (P per page, L seconds of added latency per page) from the fixture
server running in a separate process, through the real guarded session, strict XML parsing and
the oai_dc+OJS mapping, and reports records/s, CPU per record and where the time goes. The
portal-side peers (create loop, end-to-end) wrap the same numbers.

    PYTHONPATH=. python bench/harvest/fetch_parse.py --records 5000 --page-size 100 --latency 0.1
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from harvesters.egress import EgressPolicy  # noqa: E402
from harvesters.http import GuardedSession, HttpConfig  # noqa: E402
from harvesters.oai.client import OaiClient  # noqa: E402
from harvesters.oai.mapping import map_oai_record  # noqa: E402
from harvesters.records import record_to_json  # noqa: E402


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(base_url: str, host_port: str, expected: int) -> dict[str, float]:
    session = GuardedSession(HttpConfig(), EgressPolicy.allowing(host_port))
    client = OaiClient(f"{base_url}/oai", session)
    wall0, cpu0 = time.perf_counter(), cpu_seconds()
    map_time = serialise_time = 0.0
    count = 0
    iterator = client.list_records()
    while True:
        try:
            oai = next(iterator)  # includes fetch + parse of a page when one is needed
        except StopIteration:
            break
        t1 = time.perf_counter()
        record = map_oai_record(oai, "bench", ("oai_dc", "ojs"))
        t2 = time.perf_counter()
        record_to_json(record)
        t3 = time.perf_counter()
        map_time += t2 - t1
        serialise_time += t3 - t2
        count += 1
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    if count != expected:
        raise SystemExit(f"expected {expected} records, got {count}")
    return {
        "records": count,
        "pages": client.pages_fetched,
        "wall_s": round(wall, 3),
        "records_per_s": round(count / wall, 1),
        "cpu_ms_per_record": round(1000 * cpu / count, 3),
        "fetch_parse_s": round(wall - map_time - serialise_time, 3),
        "map_s": round(map_time, 3),
        "serialise_s": round(serialise_time, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.fixture_server",
            "--records",
            str(args.records),
            "--page-size",
            str(args.page_size),
            "--latency",
            str(args.latency),
        ],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        ready = server.stdout.readline().split()
        if len(ready) != 2 or ready[0] != "READY":
            raise SystemExit("fixture server did not start")
        base_url = ready[1]
        host_port = base_url.removeprefix("http://")
        runs = [run(base_url, host_port, args.records) for _ in range(args.repeat)]
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)
    best = max(runs, key=lambda r: r["records_per_s"])
    pages = args.records / args.page_size
    floor = pages * args.latency
    result = {
        "peer": "fetch_and_parse_only",
        "config": vars(args),
        "runs": runs,
        "best": best,
        "latency_floor_s": round(floor, 3),
        "ratio_to_latency_floor": round(floor / best["wall_s"], 3),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
