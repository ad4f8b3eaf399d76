"""The import write path in bulk: datasets are indexed without a Solr commit each, the run
commits once, and everything it wrote is searchable the moment it returns; updates written
the same way are not lost (CKAN 2.12 rolls a deferred package_update back unless asked for the
id only)."""

from __future__ import annotations

import json

import requests
from ckan.plugins import toolkit as tk

from tests.fixture_server import FixtureServer
from tests.stack.harvest_support import (
    HARVEST_MARKS,
    FileServer,
    create_source,
    harvested,
    manifest_rows,
    public_count,
    run,
)

pytestmark = HARVEST_MARKS


def solr_commits() -> int:
    """Commits the test core was asked for (Solr counts its own auto-commits in the total)."""
    url = f"{tk.config['solr_url']}/admin/mbeans"
    stats = requests.get(url, params={"stats": "true", "cat": "UPDATE", "wt": "json"},
                         timeout=10).json()["solr-mbeans"][1]["updateHandler"]["stats"]
    automatic = ("UPDATE.updateHandler.softAutoCommits", "UPDATE.updateHandler.autoCommits")
    return int(stats["UPDATE.updateHandler.commits.count"]) - sum(int(stats[k]) for k in automatic)


def test_a_run_commits_solr_once_and_its_records_are_searchable_when_it_returns(
    fixture_server: FixtureServer,
) -> None:
    config = json.dumps({"allow_hosts": [fixture_server.host_port], "download_files": False})
    source = create_source("oai", f"{fixture_server.base_url}/oai", config)
    before = solr_commits()
    summary = run(source)
    commits = solr_commits() - before
    assert summary.counts["created"] == 29, summary.errors
    # A constant few (ours at the end, the harvest source's reindex when its job is marked
    # finished); a commit per dataset would be 29 more.
    assert commits <= 3
    assert public_count() == 29  # no wait: the run's commit made them visible
    assert public_count("sông Hồng") > 0


def test_updates_written_without_a_commit_each_are_kept() -> None:
    with FileServer() as server:
        url = server.serve_manifest("/bang-ke.csv", manifest_rows(3))
        source = create_source("manifest", url, json.dumps({"allow_hosts": [server.host_port]}))
        assert run(source).counts["created"] == 3
        rows = manifest_rows(3)
        rows[1][1] = "Nghiên cứu thử nghiệm số 2 về đất mặn (bản sửa)"
        server.serve_manifest("/bang-ke.csv", rows)
        summary = run(source)
    assert (summary.counts["updated"], summary.counts["unchanged"]) == (1, 2)
    titles = sorted(d["title"] for d in harvested(source["id"]))
    assert "Nghiên cứu thử nghiệm số 2 về đất mặn (bản sửa)" in titles
    assert public_count('"đất mặn"') == 1
