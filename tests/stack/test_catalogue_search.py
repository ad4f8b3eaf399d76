"""The catalogue is real: organisations and datasets go through CKAN into PostgreSQL and Solr."""

from __future__ import annotations

from typing import Any

import pytest
from ckan.lib import search
from ckan.tests import factories, helpers

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index"),
]


def _search(**params: Any) -> dict[str, Any]:
    return dict(helpers.call_action("package_search", **params))


def test_dataset_created_through_the_action_api_is_found_in_solr() -> None:
    sysadmin = factories.Sysadmin()
    context = {"user": sysadmin["name"], "ignore_auth": False}
    org = helpers.call_action("organization_create", context=context,
                              name="hoi-vat-ly", title="Hội Vật lý Việt Nam")
    helpers.call_action(
        "package_create", context=context, name="quang-hoc-luong-tu",
        title="Quang học lượng tử ứng dụng", notes="Nghiên cứu về laser bán dẫn.",
        owner_org=org["id"],
    )

    found = _search(q="laser", fq=f"organization:{org['name']}")

    assert found["count"] == 1
    assert found["results"][0]["title"] == "Quang học lượng tử ứng dụng"
    # The hit really comes from Solr: the raw index holds the document.
    raw = search.query_for("package").run({"q": "name:quang-hoc-luong-tu", "fl": "id"})
    assert raw["count"] == 1


def test_dataset_created_over_http_is_searchable_over_http(app: Any) -> None:
    sysadmin = factories.SysadminWithToken()
    headers = {"Authorization": sysadmin["token"]}
    org = app.post("/api/3/action/organization_create", headers=headers,
                   json={"name": "hoi-hoa-hoc", "title": "Hội Hóa học Việt Nam"}).json["result"]
    created = app.post("/api/3/action/package_create", headers=headers, json={
        "name": "xuc-tac-xanh", "title": "Xúc tác xanh cho công nghiệp hóa dầu",
        "owner_org": org["id"],
    })
    assert created.status_code == 200

    response = app.get("/api/3/action/package_search", query_string={"q": "hóa dầu"})

    assert response.json["result"]["count"] == 1
    assert response.json["result"]["results"][0]["name"] == "xuc-tac-xanh"


def test_private_dataset_is_not_found_by_anonymous_search(app: Any) -> None:
    org = factories.Organization()
    factories.Dataset(owner_org=org["id"], private=True, title="Báo cáo nội bộ mật")

    anonymous = app.get("/api/3/action/package_search", query_string={"q": "mật"})

    assert anonymous.json["result"]["count"] == 0
    assert _search(q="mật", include_private=True)["count"] == 1
