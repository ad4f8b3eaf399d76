"""The demo content loads through the scheming schemas: two associations, one collection,
publications (including the scanned 1998 report), a research dataset and a project."""

from __future__ import annotations

from typing import Any

from ckan.tests import factories, helpers

from ckanext.vusta.demo.loader import load_demo_content
from tests.stack.catalogue_support import CATALOGUE_MARKS

pytestmark = CATALOGUE_MARKS


def test_demo_content_uses_the_record_types_and_loads_once(app: Any) -> None:
    sysadmin = factories.Sysadmin()
    lines: list[str] = []
    created = load_demo_content(sysadmin["name"], lines.append)
    assert created == 9  # 2 associations + 1 collection + 6 records
    assert load_demo_content(sysadmin["name"], lines.append) == 0

    types = helpers.call_action("package_search", rows=20,
                                **{"facet.field": '["dataset_type", "organization"]'})
    facets = types["search_facets"]
    assert {i["name"]: i["count"] for i in facets["dataset_type"]["items"]} == {
        "publication": 4, "research-dataset": 1, "project": 1}
    assert {i["name"] for i in facets["organization"]["items"]} == {
        "hoi-tin-hoc-viet-nam", "hoi-thuy-loi-viet-nam"}
    collection = helpers.call_action("group_show", id="chuyen-doi-so", include_datasets=True)
    assert collection["package_count"] == 5

    scanned = helpers.call_action("package_show", id="khao-sat-da-dang-sinh-hoc-cuc-phuong-1998")
    assert scanned["type"] == "publication"
    assert scanned["resources"][0]["format"] == "PDF"
    page = app.get("/publication/khao-sat-da-dang-sinh-hoc-cuc-phuong-1998").body
    assert "Vũ Văn Dũng (1998). Báo cáo khảo sát đa dạng sinh học" in page
    project = helpers.call_action("package_show", id="de-tai-canh-bao-som-xam-nhap-man")
    assert project["outputs"] == ["chuyen-doi-so-quan-ly-tai-nguyen-nuoc-dbscl",
                                  "so-lieu-do-man-ben-tre-2018-2023"]
    dataset_page = app.get("/research-dataset/so-lieu-do-man-ben-tre-2018-2023", status=200).body
    assert "Nguyễn Thị Hương (2024). Số liệu quan trắc độ mặn" in dataset_page
    assert '"@type": "Dataset"' in dataset_page.replace('":"', '": "')
    project_page = app.get("/project/de-tai-canh-bao-som-xam-nhap-man", status=200).body
    assert "Nguyễn Thị Hương (2021). Hệ thống cảnh báo sớm xâm nhập mặn" in project_page
    org = helpers.call_action("organization_show", id="hoi-thuy-loi-viet-nam")
    assert org["short_name"] == "VIWA"
