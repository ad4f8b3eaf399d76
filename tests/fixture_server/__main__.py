"""Run the fixture server alone: ``python -m tests.fixture_server --records 5000 --latency 0.1``.

Prints ``READY <base_url>`` on stdout, then serves until stdin closes or it is interrupted
(so a benchmark can measure the harvester's CPU without the server's).
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from tests.fixture_server import FixtureConfig, FixtureServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=250)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    config = FixtureConfig(records=args.records, page_size=args.page_size, latency=args.latency)
    with FixtureServer(config) as server:
        print(f"READY {server.base_url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            sys.stdin.read()  # returns when the parent closes our stdin


if __name__ == "__main__":
    main()
