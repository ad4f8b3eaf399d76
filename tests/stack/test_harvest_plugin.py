"""ckanext-harvest is loaded next to our plugin and its tables exist."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import model, plugins
from ckan.tests import factories, helpers

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest ckan_harvester"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index"),
]


def test_harvest_plugin_is_loaded_and_its_tables_exist() -> None:
    assert plugins.plugin_loaded("harvest")
    assert plugins.plugin_loaded("vusta")
    tables = set(sa.inspect(model.Session.get_bind()).get_table_names())
    assert {"harvest_source", "harvest_job", "harvest_object", "harvest_gather_error",
            "harvest_object_error"} <= tables


def test_a_harvest_source_can_be_created_for_a_member_association() -> None:
    sysadmin = factories.Sysadmin()
    org = factories.Organization(title="Hội Tin học Việt Nam")
    source = helpers.call_action(
        "harvest_source_create", context={"user": sysadmin["name"]},
        name="vaip-ckan", url="http://ckan.vaip.invalid/", source_type="ckan",
        title="Cổng dữ liệu VAIP", owner_org=org["id"], frequency="MANUAL",
    )
    shown = helpers.call_action("harvest_source_show", id=source["id"])
    assert shown["source_type"] == "ckan"
    assert shown["owner_org"] == org["id"]
