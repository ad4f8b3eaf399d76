"""The four VUSTA source kinds harvest into the portal from the fixture server: publications
created once, searchable, re-runs change nothing, files downloaded and queued for full text."""

from __future__ import annotations

import json
import unicodedata

import sqlalchemy as sa
from ckan import model
from ckan.tests import helpers

from ckanext.vusta.fulltext.tables import resource_text
from ckanext.vusta.harvest import store
from tests.fixture_server import FixtureServer
from tests.stack.harvest_support import (
    HARVEST_MARKS,
    create_source,
    extras,
    harvested,
    public_count,
    run,
)

pytestmark = HARVEST_MARKS


def _config(server: FixtureServer, **options: object) -> str:
    return json.dumps({"allow_hosts": [server.host_port], "retries": 0, **options})


def test_oai_source_creates_publications_once_and_a_rerun_changes_nothing(
    fixture_server: FixtureServer,
) -> None:
    source = create_source("oai", f"{fixture_server.base_url}/oai",
                           _config(fixture_server, profiles=["oai_dc", "ojs"],
                                   download_files=False))
    first = run(source)
    live = [p for p in fixture_server.publications if not p.deleted]
    assert first.listing_ok, first.errors
    assert first.counts["created"] == len(live) == 29
    datasets = harvested(source["id"])
    assert len(datasets) == 29
    doi_dataset = next(d for d in datasets if d["_identifier"].endswith("/3"))
    fields = extras(doi_dataset)
    assert fields["doi"] == "10.15625/jst.2018.3"
    assert fields["original_identifier"] == "oai:tapchi.example.vn:article/3"
    assert fields["harvest_source_id"] == source["id"]
    assert fields["journal_title"] == "Tạp chí Khoa học và Công nghệ"
    assert doi_dataset["type"] == "publication"
    third = fixture_server.publications[2]
    assert unicodedata.is_normalized("NFD", third.title_vi)  # arrives decomposed
    assert doi_dataset["title"] == unicodedata.normalize("NFC", third.title_vi)
    assert doi_dataset["title_en"] == third.title_en
    assert doi_dataset["publication_type"] == "journal-article"
    assert len(doi_dataset["authors"]) == 2
    assert doi_dataset["volume"] == "4" and doi_dataset["pages"]
    assert doi_dataset["owner_org"] == source["owner_org"]
    assert public_count("sông Hồng") > 0
    modified = {d["id"]: d["metadata_modified"] for d in datasets}
    watermark = store.last_complete_start(source["id"])
    assert watermark is not None

    second = run(source)

    assert second.objects == 0
    assert second.counts["created"] == second.counts["updated"] == 0
    assert {d["id"]: d["metadata_modified"] for d in harvested(source["id"])} == modified
    assert store.last_complete_start(source["id"]) > watermark


def test_ckan_source_downloads_pdfs_as_checksummed_resources_queued_for_full_text(
    fixture_server: FixtureServer,
) -> None:
    source = create_source("ckan", f"{fixture_server.base_url}/ckan", _config(fixture_server))
    summary = run(source)
    assert summary.listing_ok, summary.errors
    assert summary.counts["created"] == 30
    assert summary.errors == ()
    dataset = harvested(source["id"])[0]
    [resource] = dataset["resources"]
    assert resource["url_type"] == "upload"
    assert len(resource["hash"]) == 64
    assert resource["original_url"].startswith(fixture_server.base_url + "/files/article-")
    queued = model.Session.execute(sa.select(sa.func.count()).select_from(resource_text)
                                   .where(resource_text.c.status == "queued")).scalar()
    assert queued == 30
    from ckan.lib import jobs
    assert len(jobs.get_queue("vusta").job_ids) == 30


def test_feed_and_manifest_sources_harvest_with_files(fixture_server: FixtureServer) -> None:
    feed = create_source("feed", f"{fixture_server.base_url}/feed/rss.xml",
                         _config(fixture_server), name="nguon-rss")
    summary = run(feed)
    in_feed = [p for p in fixture_server.publications[:12] if not p.deleted]
    assert summary.listing_ok and summary.counts["created"] == len(in_feed) == 11, summary.errors
    assert all(len(d["resources"]) == 1 for d in harvested(feed["id"]))

    manifest = create_source("manifest", f"{fixture_server.base_url}/manifest/manifest.csv",
                             _config(fixture_server), name="nguon-bang-ke")
    summary = run(manifest)
    assert summary.listing_ok, summary.errors
    assert summary.counts["created"] + summary.counts["linked"] == 9  # row 7 is deleted


def test_wordpress_articles_are_fetched_in_the_fetch_stage(fixture_server: FixtureServer) -> None:
    source = create_source("feed", f"{fixture_server.base_url}/wp",
                           _config(fixture_server, mode="wordpress", download_files=False))
    summary = run(source)
    assert summary.listing_ok and summary.objects == 11, summary.errors
    assert summary.counts["created"] == 11
    assert helpers.call_action("package_search", q="*:*")["count"] == 11

    again = run(source)  # pages are fetched again, but an unchanged article writes nothing
    assert again.objects == 11
    assert again.counts["unchanged"] == 11 and again.counts["updated"] == 0
