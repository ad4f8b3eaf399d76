"""vusta_search's relevance search is one direct Solr request; it must see, count and facet
exactly what package_search sees for the same caller and query: anonymous, a member, an
outsider and a sysadmin, with and without private records and drafts, with harvest sources
hidden (ckanext-harvest's before_dataset_search) and facets shaped as package_search shapes
them (display names, order)."""

from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories, helpers

from ckanext.vusta.search.query_text import safe_query
from ckanext.vusta.search.ranking import candidate_params
from tests.stack.harvest_support import HARVEST_PLUGINS

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", HARVEST_PLUGINS),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index"),
]

QUERY = "vật liệu nano"
FACETS = ["organization", "license_id", "tags", "dataset_type"]


@pytest.fixture
def catalogue() -> dict[str, Any]:
    member = factories.User()
    outsider = factories.User()
    physics = factories.Organization(title="Hội Vật lý Việt Nam",
                                     users=[{"name": member["name"], "capacity": "editor"}])
    medicine = factories.Organization(title="Hội Y học Việt Nam")
    factories.Organization(users=[{"name": outsider["name"], "capacity": "editor"}])
    factories.Dataset(owner_org=physics["id"], title="Vật liệu nano cho pin mặt trời",
                      license_id="cc-by", tags=[{"name": "nano"}, {"name": "năng lượng"}])
    factories.Dataset(owner_org=medicine["id"], title="Vật liệu nano trong y sinh",
                      license_id="odc-by", tags=[{"name": "nano"}])
    factories.Dataset(owner_org=physics["id"], title="Vật liệu nano chưa công bố",
                      private=True, tags=[{"name": "nội bộ"}])
    factories.Dataset(owner_org=physics["id"], title="Vật liệu nano bản nháp", state="draft",
                      user=member)
    factories.Dataset(owner_org=medicine["id"], title="Sổ tay dược liệu")
    sysadmin = factories.Sysadmin()["name"]
    helpers.call_action("harvest_source_create", context={"user": sysadmin},
                        name="nguon-vat-lieu-nano", title="Nguồn vật liệu nano",
                        url="http://127.0.0.1:9/vat-lieu-nano.csv",
                        source_type="vusta_manifest", owner_org=physics["id"],
                        frequency="MANUAL")
    return {"member": member["name"], "outsider": outsider["name"], "sysadmin": sysadmin}


def _both(user: str, **flags: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    params = {"q": QUERY, "facet.field": FACETS, "rows": 20, **flags}
    ours = helpers.call_action("vusta_search", context={"user": user, "ignore_auth": False},
                               **params)
    package_search = helpers.call_action(
        "package_search", context={"user": user, "ignore_auth": False},
        **{**params, **candidate_params(safe_query(QUERY))})
    return ours, package_search


@pytest.mark.parametrize("who", ["", "member", "outsider", "sysadmin"])
@pytest.mark.parametrize("flags", [{}, {"include_private": True},
                                   {"include_private": True, "include_drafts": True}])
def test_direct_search_sees_what_package_search_sees(catalogue: dict[str, Any], who: str,
                                                     flags: dict[str, Any]) -> None:
    ours, package_search = _both(catalogue.get(who, ""), **flags)
    assert ours["count"] == package_search["count"]
    assert {d["id"] for d in ours["results"]} == {d["id"] for d in package_search["results"]}
    assert ours["facets"] == package_search["facets"]
    assert ours["search_facets"] == package_search["search_facets"]
    assert ours["sort"] == package_search["sort"]
    assert all(d["type"] != "harvest" for d in ours["results"])


def test_facets_can_be_turned_off_as_in_package_search(catalogue: dict[str, Any]) -> None:
    ours, package_search = _both("", facet="false")
    assert ours["facets"] == package_search["facets"] == {}
    assert ours["count"] == package_search["count"] == 2


def test_visibility_differs_by_caller(catalogue: dict[str, Any]) -> None:
    """The parity above is not vacuous: callers really see different records."""
    def titles(user: str) -> set[str]:
        result = helpers.call_action("vusta_search", context={"user": user, "ignore_auth": False},
                                     q=QUERY, include_private=True, include_drafts=True)
        return {d["title"] for d in result["results"]}

    public = {"Vật liệu nano cho pin mặt trời", "Vật liệu nano trong y sinh"}
    assert titles("") == titles(catalogue["outsider"]) == public
    assert titles(catalogue["member"]) == public | {"Vật liệu nano chưa công bố",
                                                    "Vật liệu nano bản nháp"}
    shaped = _both("")[0]["search_facets"]["organization"]["items"]
    assert {item["display_name"] for item in shaped} == {"Hội Vật lý Việt Nam",
                                                         "Hội Y học Việt Nam"}


def test_filters_narrow_and_never_widen(catalogue: dict[str, Any]) -> None:
    narrowed = helpers.call_action("vusta_search", context={"user": "", "ignore_auth": False},
                                   q=QUERY, fq="tags:năng\\ lượng")
    assert [d["title"] for d in narrowed["results"]] == ["Vật liệu nano cho pin mặt trời"]
    widened = helpers.call_action("vusta_search", context={"user": "", "ignore_auth": False},
                                  q=QUERY, fq="capacity:private OR state:draft",
                                  include_private=True)
    assert {d["title"] for d in widened["results"]} <= {"Vật liệu nano cho pin mặt trời",
                                                        "Vật liệu nano trong y sinh"}
