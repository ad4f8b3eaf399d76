"""End-to-end harvest benchmark: 5,000 oai_dc records from the fixture server into the portal
until searchable, against two peers measured in the same run:

- create loop: one ``package_create`` per record with the very dicts the harvester writes
  (the portal's write-path limit);
- fetch and parse only: ``bench/harvest/fetch_parse.py`` (the network/parse limit).

Runs on its own test site (database ``vusta_test_bench``, Solr core ``ckan_test_bench``), which
it resets between peers. One command:

    .venv/bin/python bench/harvest/end_to_end.py [--records 5000 --page-size 100 --latency 0.1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SITE = "bench"
PLUGINS_WITH_MIGRATIONS = ("harvest", "vusta")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def machine_busy_seconds() -> float:
    """CPU seconds spent by every process (ours, PostgreSQL, Solr, others: noisy)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(v) for v in fields]
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK")


@contextmanager
def fixture_server(records: int, page_size: int, latency: float) -> Iterator[str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fixture_server", "--records", str(records),
         "--page-size", str(page_size), "--latency", str(latency)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        ready = server.stdout.readline().split()
        if len(ready) != 2 or ready[0] != "READY":
            raise SystemExit("fixture server did not start")
        yield ready[1]
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)


def reset_site() -> None:
    """Empty database (with our and ckanext-harvest's tables) and empty Solr core."""
    import sqlalchemy as sa
    from ckan import model
    from ckan.cli.db import _run_migrations
    from ckan.lib import search
    from ckan.tests.helpers import reset_db

    reset_db()
    for plugin in PLUGINS_WITH_MIGRATIONS:
        _run_migrations(plugin)
    model.Session.execute(sa.text("TRUNCATE vusta_harvest_record, vusta_harvest_run, "
                                  "vusta_resource_text, vusta_file_text"))
    model.Session.commit()
    search.clear_all()
    model.Session.remove()
    # CKAN's migration environment leaves the model bound to a NullPool engine (a new
    # PostgreSQL connection per transaction); a running portal uses a pooled engine.
    import ckan.plugins.toolkit as tk
    from sqlalchemy import engine_from_config

    model.init_model(engine_from_config(dict(tk.config), "sqlalchemy.", client_encoding="utf8"))


def measured(run: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    wall0, cpu0, busy0 = time.perf_counter(), cpu_seconds(), machine_busy_seconds()
    result = run()
    return result, {"wall_s": time.perf_counter() - wall0, "cpu_s": cpu_seconds() - cpu0,
                    "machine_cpu_s": machine_busy_seconds() - busy0}


def searchable_count() -> int:
    import ckan.plugins.toolkit as tk

    found = tk.get_action("package_search")({"ignore_auth": True},
                                            {"q": "*:*", "rows": 0, "include_private": True})
    return int(found["count"])


def setup_portal() -> tuple[str, str]:
    """A sysadmin-owned member association; returns (site user name, organisation id)."""
    import ckan.plugins.toolkit as tk

    context = {"ignore_auth": True}
    user = tk.get_action("get_site_user")(context, {})["name"]
    org = tk.get_action("organization_create")(
        {"user": user, "ignore_auth": True},
        {"name": "hoi-bench", "title": "Hội Khoa học (benchmark)"})
    return user, str(org["id"])


class Timers:
    """Wall time spent inside chosen functions (measurement only: the functions are wrapped for
    the duration of one peer and restored after)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._restore: list[tuple[Any, str, Any]] = []

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        function = getattr(owner, attribute)
        spent = self.spent
        spent.setdefault(name, 0.0)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        self._restore.append((owner, attribute, function))
        setattr(owner, attribute, wrapper)

    def restore(self) -> None:
        for owner, attribute, function in reversed(self._restore):
            setattr(owner, attribute, function)
        self._restore.clear()


def peer_create_loop(base_url: str, host_port: str, sample: int | None) -> dict[str, Any]:
    """The records mapped exactly as the harvester maps them, then one plain package_create
    each (CKAN's own write path, a Solr commit per dataset). ``sample``: only the first N."""
    import ckan.plugins.toolkit as tk
    from ckan.lib.search.index import PackageSearchIndex

    from ckanext.vusta.harvest.datasets import PackageWriter
    from ckanext.vusta.harvest.listing import list_source
    from ckanext.vusta.harvest.mapping import dataset_name, publication_fields
    from ckanext.vusta.harvest.source_config import parse_source_config

    reset_site()
    user, org = setup_portal()
    config = parse_source_config(json.dumps({"allow_hosts": [host_port]}), "oai")
    listing = list_source("oai", f"{base_url}/oai", config, "bench", watermark=None)
    writer = PackageWriter(user, org)
    dicts = [writer.package_dict(publication_fields(r, "bench"), dataset_name(r),
                                 private=False, withdrawn=False)
             for r in listing.records if not r.deleted][:sample]
    timers = Timers()
    timers.wrap(PackageSearchIndex, "index_package", "solr_add_and_commit_s")

    def loop() -> int:
        create = tk.get_action("package_create")
        for data in dicts:  # validate, save, index with a Solr commit, commit the database
            create({"user": user, "ignore_auth": True}, dict(data))
        return searchable_count()

    try:
        found, cost = measured(loop)
    finally:
        timers.restore()
    return {"records": len(dicts), "sampled": sample is not None, "searchable": found, **cost,
            **timers.spent}


def peer_end_to_end(base_url: str, host_port: str) -> dict[str, Any]:
    import ckan.plugins.toolkit as tk
    from ckan import model
    from ckan.lib.search.index import PackageSearchIndex

    from ckanext.vusta.harvest import datasets, runner, stages

    reset_site()
    user, org = setup_portal()
    source = tk.get_action("harvest_source_create")(
        {"user": user, "ignore_auth": True},
        {"name": "bench-oai", "url": f"{base_url}/oai", "source_type": "vusta_oai",
         "title": "Benchmark OAI", "owner_org": org, "frequency": "MANUAL",
         "config": json.dumps({"allow_hosts": [host_port], "download_files": False})})
    timers = Timers()  # measurement only: where the run's wall time goes
    timers.wrap(stages, "gather", "gather_s")
    timers.wrap(datasets.PackageWriter, "_write", "dataset_writes_s")
    timers.wrap(PackageSearchIndex, "index_package", "of_which_solr_add_s")
    timers.wrap(model.repo, "commit", "of_which_db_commit_s")
    timers.wrap(runner, "commit_search_index", "solr_commit_at_end_s")

    def harvest() -> tuple[Any, int]:
        summary = runner.run_source(source["id"])
        return summary, searchable_count()

    try:
        (summary, found), cost = measured(harvest)
    finally:
        timers.restore()
    spent = timers.spent
    other = (cost["wall_s"] - spent["gather_s"] - spent["dataset_writes_s"]
             - spent["solr_commit_at_end_s"])
    return {"records": summary.counts["created"], "searchable": found, "failed":
            summary.counts["failed"], **cost, **spent, "harvest_bookkeeping_s": other}


def finish(peer: dict[str, Any]) -> dict[str, Any]:
    n = max(1, int(peer["records"]))
    out = {k: round(v, 3) if isinstance(v, float) else v for k, v in peer.items()}
    out["records_per_s"] = round(n / peer["wall_s"], 1)
    out["cpu_ms_per_record"] = round(1000 * peer["cpu_s"] / n, 2)
    out["machine_cpu_ms_per_record"] = round(1000 * peer["machine_cpu_s"] / n, 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--create-loop-sample", type=int, default=None, metavar="N",
                        help="measure the create-loop peer on its first N records only (its "
                        "rate is per record, so it compares; saves most of an hour at 5,000)")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "devstack", "test-setup", "--site", SITE],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    import fetch_parse
    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(str(REPO / "var" / f"test-{SITE}.ini")))
    results: dict[str, Any] = {"config": vars(args)}
    with fixture_server(args.records, args.page_size, args.latency) as base_url:
        host_port = base_url.removeprefix("http://")
        live = args.records - len([n for n in range(1, args.records + 1) if n % 25 == 7])
        fetch = fetch_parse.run(base_url, host_port, args.records)
        results["fetch_and_parse_only"] = fetch
        with app._wsgi_app.test_request_context():
            results["create_loop"] = finish(peer_create_loop(base_url, host_port,
                                                             args.create_loop_sample))
            results["end_to_end"] = finish(peer_end_to_end(base_url, host_port))
    e2e, loop = results["end_to_end"], results["create_loop"]
    if e2e["searchable"] != live or loop["searchable"] != loop["records"] or (
            not loop["sampled"] and loop["records"] != live):
        raise SystemExit(f"expected {live} searchable records: {json.dumps(results)}")
    results["ratio_end_to_end_vs_create_loop"] = round(e2e["records_per_s"] /
                                                       loop["records_per_s"], 3)
    results["ratio_end_to_end_vs_fetch_parse"] = round(e2e["records_per_s"] /
                                                       fetch["records_per_s"], 3)
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
