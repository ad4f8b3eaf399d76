"""`ckan vusta search merge`: the portal's index merged into one segment, searches unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from ckan.cli.cli import ckan as ckan_cli
from ckan.tests import factories, helpers

from ckanext.vusta.search.index_maintenance import segment_count

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index"),
]


def test_merge_leaves_one_segment_and_the_same_answers(cli: Any) -> None:
    org = factories.Organization()["id"]
    for title in ("Bản đồ địa chất Tây Nguyên", "Bản đồ đất phèn", "Hồ chứa nước miền Trung"):
        factories.Dataset(owner_org=org, title=title)  # each write is its own commit
    before_titles = [d["title"] for d in helpers.call_action(
        "vusta_search", q="ban do")["results"]]
    assert segment_count() >= 2

    merged = cli.invoke(ckan_cli, ["vusta", "search", "merge"])

    assert merged.exit_code == 0, merged.output
    assert "segment(s) before, 1 after" in merged.output
    assert segment_count() == 1
    assert [d["title"] for d in helpers.call_action(
        "vusta_search", q="ban do")["results"]] == before_titles
    refused = cli.invoke(ckan_cli, ["vusta", "search", "merge", "--segments", "0"])
    assert refused.exit_code != 0
