"""CKAN API source against the fixture server: incremental, organisation, removals."""

from __future__ import annotations

import pytest

from harvesters.ckan_source import CkanSource, map_ckan_dataset, removed_tombstones
from harvesters.errors import HarvestError
from harvesters.http import GuardedSession
from harvesters.plan import plan_changes
from ocr_pipeline.vietnamese import normalise_text
from tests.fixture_server import FixtureServer


def source(server: FixtureServer, session: GuardedSession, **kwargs: object) -> CkanSource:
    return CkanSource(f"{server.base_url}/ckan", session, rows=7, **kwargs)  # type: ignore[arg-type]


def test_full_listing_pages_and_maps(server: FixtureServer, session: GuardedSession) -> None:
    datasets = list(source(server, session).modified_since(None))
    assert len(datasets) == 30 and len({d["id"] for d in datasets}) == 30
    record = map_ckan_dataset(datasets[11], "hoi-ckan")
    pub = server.publications[11]
    assert record.identifier == datasets[11]["id"]
    assert record.title.vi and record.language == "vi"
    assert [a.name for a in record.authors] == [normalise_text(a) for a in pub.authors]
    assert record.files[0].is_pdf and record.files[0].url.endswith(f"article-{pub.number}.pdf")
    assert record.doi == (pub.doi or "")
    assert record.year == pub.year


def test_incremental_by_metadata_modified(server: FixtureServer, session: GuardedSession) -> None:
    everything = list(source(server, session).modified_since(None))
    since = str(everything[24]["metadata_modified"])
    recent = list(source(server, session).modified_since(since))
    assert [d["id"] for d in recent] == [d["id"] for d in everything[24:]]


def test_organisation_filter(server: FixtureServer, session: GuardedSession) -> None:
    datasets = list(source(server, session, organization="hoi-tin-hoc").modified_since(None))
    assert len(datasets) == 15
    assert {d["organization"]["name"] for d in datasets} == {"hoi-tin-hoc"}


def test_removed_or_private_datasets_become_tombstones(
    server: FixtureServer, session: GuardedSession
) -> None:
    before = source(server, session).all_ids()
    after = CkanSource(f"{server.base_url}/ckan-after-removal", session, rows=7).all_ids()
    tombstones = removed_tombstones("hoi-ckan", before, after)
    assert len(tombstones) == 2 and all(t.deleted for t in tombstones)
    current = dict.fromkeys(before, "x")
    plan = plan_changes(current, tombstones)
    assert set(plan.delete) == before - after


def test_html_instead_of_json_is_refused(server: FixtureServer, session: GuardedSession) -> None:
    with pytest.raises(HarvestError) as caught:
        list(CkanSource(f"{server.base_url}/ckan-login-wall", session).modified_since(None))
    assert caught.value.code == "unexpected_content"
