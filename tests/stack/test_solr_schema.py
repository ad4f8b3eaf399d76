"""CKAN accepts our configset's schema, and would refuse an unknown one."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from ckan.common import config
from ckan.lib import search

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.stack

SCHEMA = REPO_ROOT / "schemas" / "solr" / "conf" / "schema.xml"


def test_running_solr_serves_our_schema_and_ckan_accepts_it() -> None:
    core_url = config["solr_url"]
    served = requests.get(f"{core_url}/schema/name", params={"wt": "json"}, timeout=10)
    served.raise_for_status()

    assert served.json()["name"] == "ckan-2.12"
    assert search.check_solr_schema_version() is True


def test_ckan_refuses_a_schema_with_an_unknown_name(tmp_path: Path) -> None:
    renamed = tmp_path / "schema.xml"
    renamed.write_text(SCHEMA.read_text().replace('name="ckan-2.12"', 'name="vusta-1.0"'))

    with pytest.raises(search.SearchError):
        search.check_solr_schema_version(str(renamed))
