"""The demo content as `make run` loads it: member associations and the collection created
directly; the publications (including the scanned 1998 report) harvested from the bundled
manifest source over loopback with their provenance and every field the demo shows; the
research dataset and project entered with links to the harvested records. Loading twice
changes nothing, and the scanned report's words are found once its full-text job ran."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.lib import jobs
from ckan.tests import factories, helpers

from ckanext.harvest.model import HarvestSource
from ckanext.vusta.demo.loader import DemoSource, demo_content, load_demo_content
from ckanext.vusta.harvest.tables import harvest_record, harvest_run
from devstack.portal import PLUGINS
from tests.stack.catalogue_support import CATALOGUE_MARKS

# The portal's own plugin list (the manifest harvester included), with the catalogue's settings.
pytestmark = [
    *(mark for mark in CATALOGUE_MARKS if mark.args[:1] != ("ckan.plugins",)),
    pytest.mark.ckan_config("ckan.plugins", PLUGINS),
    pytest.mark.usefixtures("clean_queues", "with_test_worker"),
]
HARVESTED = [r for r in demo_content()["records"] if "identifier" in r]
SCANNED = next(r for r in HARVESTED if r["file"].get("scanned"))


class _QuietHandler(SimpleHTTPRequestHandler):  # what `python -m http.server` runs
    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def demo_source(tmp_path: Path) -> Iterator[DemoSource]:
    """The bundled source's folder, served on a random loopback port as `make run` serves it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield DemoSource(tmp_path, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


def _harvested_datasets() -> dict[str, dict[str, Any]]:
    """Original identifier -> the dataset holding that harvested copy."""
    rows = model.Session.execute(sa.select(harvest_record.c.identifier,
                                           harvest_record.c.package_id)).all()
    return {identifier: dict(helpers.call_action("package_show", id=package_id))
            for identifier, package_id in rows}


def _shown(key: str, value: Any) -> Any:
    """A demo value as the catalogue stores it (ISBNs compact, blank ORCIDs dropped)."""
    if key == "isbn":
        return value.replace("-", "")
    if key == "authors":
        return [{k: v for k, v in person.items() if v} for person in value]
    if key == "tags":
        return sorted(value)
    return value


def _stored(key: str, dataset: dict[str, Any]) -> Any:
    if key == "authors":
        return [{k: v for k, v in person.items() if v} for person in dataset["authors"]]
    if key == "tags":
        return sorted(tag["name"] for tag in dataset["tags"])
    if key == "owner_org":
        return dataset["organization"]["name"]
    return dataset.get(key)


def test_demo_publications_arrive_by_harvest_with_every_field_and_load_once(
        app: Any, demo_source: DemoSource) -> None:
    sysadmin = factories.Sysadmin()
    lines: list[str] = []
    created = load_demo_content(sysadmin["name"], lines.append, demo_source)
    assert created == 11  # 2 associations + 1 collection + 2 sources + 4 harvested + 2 entered
    harvested = _harvested_datasets()
    assert set(harvested) == {r["identifier"] for r in HARVESTED}

    for record in HARVESTED:
        dataset = harvested[record["identifier"]]
        source = HarvestSource.get(dataset["harvest_source_id"])
        assert source.type == "vusta_manifest"
        assert source.config == f'{{"allow_hosts": ["{demo_source.host_port}"]}}'
        owner = model.Package.get(source.id).owner_org
        assert owner == dataset["owner_org"]  # the association's own source
        org = record["fields"]["owner_org"]
        assert dataset["original_identifier"] == record["identifier"]
        assert dataset["original_url"] == (
            f"{demo_source.base_url}/{org}/tep/{record['identifier']}.pdf")
        for key, value in record["fields"].items():
            assert _stored(key, dataset) == _shown(key, value), key
        [pdf] = dataset["resources"]
        assert pdf["format"] == "PDF" and pdf["original_url"] == dataset["original_url"]
        groups = sorted(group["name"] for group in dataset["groups"])
        assert groups == sorted(record["groups"])

    types = helpers.call_action("package_search", rows=20,
                                **{"facet.field": '["dataset_type", "organization"]'})
    facets = types["search_facets"]
    assert {i["name"]: i["count"] for i in facets["dataset_type"]["items"]} == {
        "publication": 4, "research-dataset": 1, "project": 1}
    assert {i["name"] for i in facets["organization"]["items"]} == {
        "hoi-tin-hoc-viet-nam", "hoi-thuy-loi-viet-nam"}
    collection = helpers.call_action("group_show", id="chuyen-doi-so", include_datasets=True)
    assert collection["package_count"] == 5

    scanned = harvested[SCANNED["identifier"]]
    page = app.get(f"/publication/{scanned['name']}").body
    assert "Vũ Văn Dũng (1998). Báo cáo khảo sát đa dạng sinh học" in page
    water = harvested["tckhcntl-2023-76-2-045"]["name"]
    project = helpers.call_action("package_show", id="de-tai-canh-bao-som-xam-nhap-man")
    assert project["outputs"] == [water, "so-lieu-do-man-ben-tre-2018-2023"]
    salinity = helpers.call_action("package_show", id="so-lieu-do-man-ben-tre-2018-2023")
    assert salinity["related_publications"] == [water]
    dataset_page = app.get("/research-dataset/so-lieu-do-man-ben-tre-2018-2023", status=200).body
    assert "Nguyễn Thị Hương (2024). Số liệu quan trắc độ mặn" in dataset_page
    assert '"@type": "Dataset"' in dataset_page.replace('":"', '": "')
    project_page = app.get("/project/de-tai-canh-bao-som-xam-nhap-man", status=200).body
    assert "Nguyễn Thị Hương (2021). Hệ thống cảnh báo sớm xâm nhập mặn" in project_page
    org = helpers.call_action("organization_show", id="hoi-thuy-loi-viet-nam")
    assert org["short_name"] == "VIWA"

    # Again (as every `make run` does): nothing new, and the re-harvest changes nothing.
    before = {i: d["metadata_modified"] for i, d in harvested.items()}
    assert load_demo_content(sysadmin["name"], lines.append, demo_source) == 0
    assert {i: d["metadata_modified"] for i, d in _harvested_datasets().items()} == before
    runs = model.Session.execute(sa.select(harvest_run).order_by(harvest_run.c.started_at)).all()
    assert len(runs) == 4
    assert [(r.created, r.updated, r.failed) for r in runs[2:]] == [(0, 0, 0), (0, 0, 0)]
    assert sum(r.unchanged for r in runs[2:]) == len(HARVESTED)


@pytest.mark.slow
def test_scanned_demo_report_is_found_by_its_words_after_its_fulltext_job(
        demo_source: DemoSource) -> None:
    load_demo_content(factories.Sysadmin()["name"], lambda line: None, demo_source)
    scanned = _harvested_datasets()[SCANNED["identifier"]]
    query = {"q": "voọc mông trắng"}
    assert helpers.call_action("vusta_search", context={"user": ""}, **query)["count"] == 0

    jobs.Worker(["vusta"]).work(burst=True)  # extraction: OCR of the page images

    found = helpers.call_action("vusta_search", context={"user": ""}, **query)
    first = found["results"][0]
    assert first["id"] == scanned["id"]
    assert first["matched_in"] == ["fulltext"]
    [highlight] = first["highlights"]
    assert highlight["page"] == 1
    assert highlight["resource_id"] == scanned["resources"][0]["id"]
    assert "<mark>voọc</mark>" in highlight["snippet"]
