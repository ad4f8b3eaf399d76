"""Harvest lifecycle in the portal: withdrawal and restore, partial failures that delete nothing
and keep the watermark, the mass-deletion hold, duplicates across sources, two workers on one
record, hostile titles and file links, the harvest page and the CLI."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.cli.cli import ckan as ckan_command
from ckan.tests import factories, helpers

from ckanext.vusta.harvest import store
from ckanext.vusta.harvest.datasets import PackageWriter, commit_search_index
from ckanext.vusta.harvest.importer import SourceInfo, import_record
from ckanext.vusta.harvest.source_config import parse_source_config
from ckanext.vusta.harvest.tables import harvest_record
from harvesters.records import Author, LangText, Record
from tests.fixture_server import FixtureConfig, FixtureServer
from tests.stack.harvest_support import (
    HARVEST_MARKS,
    FileServer,
    create_source,
    harvested,
    lines,
    manifest_rows,
    public_count,
    run,
)

pytestmark = HARVEST_MARKS


@pytest.fixture
def files() -> Iterator[FileServer]:
    with FileServer() as server:
        yield server


def _config(host_port: str, **options: object) -> str:
    return json.dumps({"allow_hosts": [host_port], "retries": 0, **options})


def _patch_url(source: dict[str, Any], url: str) -> None:
    from ckanext.harvest.model import HarvestSource

    HarvestSource.get(source["id"]).url = url  # harvest_source_patch needs the whole form
    model.Session.commit()


def test_removed_at_source_is_withdrawn_then_restored_without_duplicating(
    fixture_server: FixtureServer,
) -> None:
    base = fixture_server.base_url
    source = create_source("ckan", f"{base}/ckan", _config(fixture_server.host_port,
                                                           download_files=False))
    assert run(source).counts["created"] == 30
    ids_before = {d["_identifier"]: d["id"] for d in harvested(source["id"])}
    assert public_count() == 30

    _patch_url(source, f"{base}/ckan-after-removal")
    removal = run(source)

    assert removal.counts["withdrawn"] == 2
    withdrawn = {d["_identifier"]: d for d in harvested(source["id"]) if d["private"]}
    assert set(withdrawn) == {f"00000000-0000-4000-8000-{n:012d}" for n in (3, 4)}
    marked = {c.identifier for d in withdrawn.values() for c in store.copies_of(d["id"])
              if c.withdrawn}
    assert marked == set(withdrawn)
    assert public_count() == 28  # hidden from search, still kept
    assert len(harvested(source["id"])) == 30

    _patch_url(source, f"{base}/ckan")
    back = run(source)

    assert back.counts["restored"] == 2
    assert public_count() == 30
    assert {d["_identifier"]: d["id"] for d in harvested(source["id"])} == ids_before
    assert not any(d["private"] for d in harvested(source["id"]))


def test_oai_failure_mid_listing_keeps_records_but_not_the_watermark(
    fixture_server: FixtureServer,
) -> None:
    base = fixture_server.base_url
    source = create_source("oai", f"{base}/oai/fault/500-page-2",
                           _config(fixture_server.host_port, profiles=["oai_dc"]))
    failed = run(source)

    page_one = [p for p in fixture_server.publications[:10] if not p.deleted]
    assert not failed.listing_ok
    assert failed.counts["created"] == len(page_one) == 9  # page 1 is kept: nothing lost
    assert "Máy chủ trả lời mã HTTP 500" in lines(failed.errors)
    assert store.last_complete_start(source["id"]) is None

    _patch_url(source, f"{base}/oai")
    full = run(source)
    assert full.listing_ok and full.counts["created"] == 29 - 9
    assert store.last_complete_start(source["id"]) is not None


def test_failed_listing_withdraws_nothing_and_keeps_the_watermark(files: FileServer) -> None:
    url = files.serve_manifest("/list.csv", manifest_rows(5))
    source = create_source("manifest", url, _config(files.host_port))
    assert run(source).counts["created"] == 5
    watermark = store.last_complete_start(source["id"])

    files.files["/list.csv"] = (500, b"down", "text/plain")
    broken = run(source)

    assert not broken.listing_ok
    assert broken.counts["withdrawn"] == 0
    assert public_count() == 5
    assert store.last_complete_start(source["id"]) == watermark
    assert "HTTP 500" in lines(broken.errors)


def test_mass_deletion_is_held_for_a_librarian_then_applied_on_confirmation(
    files: FileServer,
) -> None:
    url = files.serve_manifest("/list.csv", manifest_rows(10))
    source = create_source("manifest", url, _config(files.host_port, max_delete_share=0.5))
    run(source)
    files.serve_manifest("/list.csv", manifest_rows(2))

    held = run(source)

    assert held.counts["withdrawn"] == 0 and held.counts["held_deletions"] == 8
    assert "Tạm giữ: lần chạy sẽ xoá 8/10 bản ghi" in lines(held.errors)
    assert public_count() == 10
    page = _harvest_page(source)
    assert "Tạm giữ" in page

    confirmed = run(source, confirm_deletions=True)
    assert confirmed.counts["withdrawn"] == 8
    assert public_count() == 2


def test_same_publication_from_two_sources_is_one_dataset_with_both_copies(
    fixture_server: FixtureServer,
) -> None:
    base, host = fixture_server.base_url, fixture_server.host_port
    manifest = create_source("manifest", f"{base}/manifest/manifest.csv",
                             _config(host, download_files=False), name="bang-ke")
    oai = create_source("oai", f"{base}/oai", _config(host, profiles=["oai_dc"]), name="oai")
    assert run(manifest).counts["created"] == 9
    summary = run(oai)

    assert summary.counts["linked"] == 9  # DOI for 3, 6, 9; title + year + author otherwise
    assert summary.counts["created"] == 29 - 9
    assert helpers.call_action("package_search", q="*:*", rows=0)["count"] == 29
    rows = model.Session.execute(
        sa.select(harvest_record.c.package_id, sa.func.count())
        .group_by(harvest_record.c.package_id)
        .having(sa.func.count() > 1)).all()
    assert len(rows) == 9
    copies = store.copies_of(rows[0][0])
    assert {c.source_id for c in copies} == {manifest["id"], oai["id"]}
    assert all(c.original_url or c.identifier for c in copies)
    raw = model.Session.execute(sa.select(harvest_record.c.raw).where(
        harvest_record.c.source_id == oai["id"]).limit(1)).scalar_one()
    assert raw.startswith("<record")


def test_two_workers_importing_one_record_at_once_create_one_dataset(app: Any) -> None:
    org = factories.Organization()
    source = create_source("manifest", "http://hoi.example.vn/list.csv", org=org)
    record = Record(source_id=source["id"], identifier="dong-thoi-1",
                    title=LangText(vi="Bài báo nhập đồng thời"), authors=(Author("Lê Văn Tám"),),
                    year=2021)
    info = SourceInfo(source["id"], org["id"], parse_source_config("", "manifest"))
    user = helpers.call_action("get_site_user", context={"ignore_auth": True})["name"]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    failures: list[BaseException] = []

    def worker() -> None:
        with app.flask_app.test_request_context():
            try:
                writer = PackageWriter(user, org["id"])
                barrier.wait()
                outcomes.append(import_record(record, info, writer).outcome)
            except Exception as error:  # noqa: BLE001  # reported below, with the other outcome
                failures.append(error)
            finally:
                model.Session.remove()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not failures, failures
    assert sorted(outcomes) == ["created", "unchanged"]
    commit_search_index()  # what the end of a run does (imports defer the Solr commit)
    assert helpers.call_action("package_search", q="*:*", rows=0)["count"] == 1
    count = model.Session.execute(sa.select(sa.func.count()).select_from(harvest_record)).scalar()
    assert count == 1
    with pytest.raises(sa.exc.IntegrityError):  # the database itself refuses a second copy
        model.Session.execute(harvest_record.insert().values(
            source_id=source["id"], identifier="dong-thoi-1", package_id="x", is_primary=True,
            content_hash="", withdrawn=False, doi="", match_keys=[], original_url="", raw=""))
    model.Session.rollback()


def test_script_in_harvested_metadata_is_escaped_on_the_dataset_page(
    files: FileServer, app: Any,
) -> None:
    rows = [["xss-1", 'Tiêu đề <script>alert("tieu-de")</script> thật', "Nguyễn Văn An",
             "2021", "", '"><svg onload=alert(1)>Tạp chí', ""]]
    source = create_source("manifest", files.serve_manifest("/xss.csv", rows),
                           _config(files.host_port))
    assert run(source).counts["created"] == 1
    dataset = harvested(source["id"])[0]

    page = app.get(f"/dataset/{dataset['name']}").body

    assert "<script>alert" not in page
    assert "<svg onload" not in page
    assert "&lt;svg onload=alert(1)&gt;" in page or "&#34;&gt;&lt;svg" in page


def test_file_links_to_private_addresses_or_login_pages_are_refused(
    files: FileServer, fixture_server: FixtureServer,
) -> None:
    base = fixture_server.base_url
    links = ["http://10.0.0.1/bai-bao.pdf", "http://169.254.169.254/latest/meta-data/a.pdf",
             f"{base}/fault/redirect-private?ten=a.pdf", f"{base}/fault/login-wall.pdf"]
    rows = [[f"ssrf-{i}", f"Bài báo có liên kết tệp số {i}", "Trần Thị Bích", "2022", "",
             "Tạp chí", link] for i, link in enumerate(links)]
    url = files.serve_manifest("/ssrf.csv", rows)
    source = create_source("manifest", url, json.dumps(
        {"allow_hosts": [files.host_port, fixture_server.host_port], "retries": 0}))

    summary = run(source)

    assert summary.counts["created"] == 4  # the metadata still arrives
    assert all(d["resources"] == [] for d in harvested(source["id"]))
    text = lines(summary.errors)
    assert "Từ chối kết nối tới 10.0.0.1 (10.0.0.1)" in text
    assert "Từ chối kết nối tới 169.254.169.254" in text
    assert text.count("Từ chối kết nối tới 10.0.0.1") == 2  # the redirect hop is checked too
    assert "không phải pdf (nhận được html)" in text
    assert fixture_server.hits("path:/fault/login-wall.pdf") == 1


def test_bad_source_configuration_is_refused_with_a_vietnamese_message() -> None:
    sysadmin = factories.Sysadmin()
    org = factories.Organization()
    with pytest.raises(helpers.logic.ValidationError) as refused:
        helpers.call_action(
            "harvest_source_create", context={"user": sysadmin["name"]}, name="hong",
            url="http://hoi.example.vn/oai", source_type="vusta_oai", title="Hỏng",
            owner_org=org["id"], config='{"max_delete_share": 3}')
    assert "max_delete_share phải nằm trong khoảng 0–1" in str(refused.value.error_dict)


def _harvest_page(source: dict[str, Any], user: dict[str, Any] | None = None) -> str:
    from ckan.tests.helpers import _get_test_app

    app = _get_test_app()
    if user is None:
        user = factories.Sysadmin()
    token = factories.APIToken(user=user["name"])["token"]
    return str(app.get(f"/harvest/{source['name']}/vusta",
                       headers={"Authorization": token}).body)


def test_harvest_page_shows_counts_and_readable_errors_to_association_admins_only(
    files: FileServer, app: Any,
) -> None:
    admin = factories.User()
    org = factories.Organization(users=[{"name": admin["name"], "capacity": "admin"}])
    url = files.serve_manifest("/list.csv", [*manifest_rows(3), ["", "", "", "", "", "", ""],
                                             ["bad-year", "Tiêu đề", "A", "năm ngoái", "", "",
                                              ""]])
    source = create_source("manifest", url, _config(files.host_port), org=org)
    run(source)

    page = _harvest_page(source, admin)

    assert "Lần thành công gần nhất" in page
    assert 'data-count="created">3<' in page
    assert "Dòng 6, cột Năm: năm phải là 4 chữ số" in page
    outsider = factories.User()
    token = factories.APIToken(user=outsider["name"])["token"]
    denied = app.get(f"/harvest/{source['name']}/vusta", headers={"Authorization": token},
                     status=403)
    assert "Chỉ quản trị viên" in denied.body


def test_cli_dry_run_shows_the_plan_and_run_reports_a_summary(files: FileServer, cli: Any,
                                                              ckan_config: Any) -> None:
    url = files.serve_manifest("/list.csv", manifest_rows(4))
    source = create_source("manifest", url, _config(files.host_port))

    planned = cli.invoke(ckan_command, ["vusta", "harvest", "dry-run", source["name"]])
    assert planned.exit_code == 0, planned.output
    assert "create: 4" in planned.output and public_count() == 0

    ran = cli.invoke(ckan_command, ["vusta", "harvest", "run", source["name"]])
    assert ran.exit_code == 0, ran.output
    assert "Hoàn tất. Tạo mới: 4" in ran.output
    assert public_count() == 4
    assert "create: 0" in cli.invoke(ckan_command, ["vusta", "harvest", "dry-run",
                                                    source["name"]]).output


def test_a_run_past_its_job_timeout_stops_and_records_why() -> None:
    slow = FixtureConfig(records=30, page_size=10, latency=0.8)
    with FixtureServer(slow) as server:
        source = create_source("oai", f"{server.base_url}/oai",
                               _config(server.host_port, profiles=["oai_dc"], job_timeout=1))
        started = time.monotonic()
        summary = run(source)
        elapsed = time.monotonic() - started

    assert elapsed < 30
    assert not summary.listing_ok
    assert "Quá thời hạn 1 giây" in lines(summary.errors)
    assert summary.objects > 0  # records listed before the deadline were not imported late
    assert summary.counts["created"] == 0 and summary.counts["failed"] == summary.objects
    assert "vượt quá thời hạn 1 giây" in lines(summary.errors)
    assert store.last_complete_start(source["id"]) is None


def test_a_changed_record_updates_the_dataset_and_keeps_what_librarians_added(
    files: FileServer,
) -> None:
    rows = manifest_rows(2)
    source = create_source("manifest", files.serve_manifest("/list.csv", rows),
                           _config(files.host_port))
    run(source)
    dataset = next(d for d in harvested(source["id"]) if d["_identifier"] == "ms-1")
    group = factories.Group(name="dat-phen")
    helpers.call_action("package_patch", id=dataset["id"], subject=["4.1"],
                        groups=[{"name": group["name"]}])
    rows[0][1] = "Nghiên cứu cải tạo đất phèn Đồng Tháp Mười (bản sửa)"
    files.serve_manifest("/list.csv", rows)

    summary = run(source)

    assert summary.counts["updated"] == 1 and summary.counts["unchanged"] == 1
    after = helpers.call_action("package_show", id=dataset["id"])
    assert after["title"] == "Nghiên cứu cải tạo đất phèn Đồng Tháp Mười (bản sửa)"
    assert after["name"] == dataset["name"]
    assert after["subject"] == ["4.1"]
    assert [g["name"] for g in after["groups"]] == ["dat-phen"]
