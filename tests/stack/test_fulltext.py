"""Full text through the real portal: upload → job on a real worker → stored page texts →
merged into the dataset's Solr document; failures classified; private text never leaks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.lib import jobs
from ckan.tests import factories, helpers

from ckanext.vusta.demo.pdf import render_pdf
from ckanext.vusta.fulltext.tables import file_text
from tests.conftest import SHARED_CORPUS
from tests.material.hostile import pdf_header_only

pytestmark = [
    pytest.mark.stack,
    pytest.mark.ckan_config("ckan.plugins", "vusta harvest"),
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_queues",
                            "with_test_worker"),
]

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CORPUS_PDF = SHARED_CORPUS / "pdf"

Upload = Callable[..., dict[str, Any]]


def _vietnamese_pdf(*pages: str) -> bytes:
    return render_pdf("Báo cáo thử nghiệm", pages, FONT)


def _run_worker() -> None:
    jobs.Worker(["vusta"]).work(burst=True)


def _status(resource_id: str, user: str | None = None) -> dict[str, Any]:
    context = {"user": user or "", "ignore_auth": user is None}
    return dict(helpers.call_action("vusta_fulltext_status_show", context=context, id=resource_id))


def _search(q: str, user: str | None = None, **extra: Any) -> int:
    context = {"user": user or "", "ignore_auth": False}
    return int(helpers.call_action("package_search", context=context, q=q, **extra)["count"])


def _dataset(**kwargs: Any) -> dict[str, Any]:
    owner_org = kwargs.pop("owner_org", None) or factories.Organization()["id"]
    return dict(factories.Dataset(owner_org=owner_org, **kwargs))


def test_uploaded_pdf_text_is_extracted_stored_and_searchable(create_with_upload: Upload) -> None:
    dataset = _dataset(title="Kỷ yếu hội thảo")
    pdf = _vietnamese_pdf("Trang một nói về sinh thái rừng ngập mặn Cần Giờ.",
                          "Trang hai bàn về đa dạng sinh học biển đảo Côn Đảo.")
    resource = create_with_upload(pdf, "ky-yeu.pdf", package_id=dataset["id"], format="PDF")
    assert _status(resource["id"])["status"] == "queued"
    assert _search("Côn Đảo") == 0  # not extracted yet: only metadata is indexed

    _run_worker()

    status = _status(resource["id"])
    assert status["status"] == "done"
    assert status["pages"] == 2
    assert status["ocr_pages"] == 0
    assert _search("Côn Đảo") == 1
    assert _search("ngập mặn") == 1
    stored = model.Session.execute(sa.select(file_text.c.pages)).scalar_one()
    assert [page["number"] for page in stored] == [1, 2]
    assert "Côn Đảo" in stored[1]["text"]
    assert {page["method"] for page in stored} == {"text_layer"}


def test_same_file_is_not_extracted_twice_and_metadata_edits_queue_nothing(
    create_with_upload: Upload,
) -> None:
    pdf = _vietnamese_pdf("Địa mạo vùng núi đá vôi Hà Giang.")
    first = create_with_upload(pdf, "a.pdf", package_id=_dataset()["id"], format="PDF")
    _run_worker()
    extracted_at = model.Session.execute(sa.select(file_text.c.extracted_at)).scalar_one()

    second = create_with_upload(pdf, "b.pdf", package_id=_dataset()["id"], format="PDF")
    _run_worker()

    assert _status(second["id"])["status"] == "done"
    rows = model.Session.execute(sa.select(file_text.c.sha256, file_text.c.extracted_at)).all()
    assert len(rows) == 1 and rows[0][1] == extracted_at
    assert _search("Hà Giang") == 2

    helpers.call_action("resource_patch", id=first["id"], description="Chỉ sửa mô tả")
    assert jobs.get_queue("vusta").job_ids == []


@pytest.mark.slow
def test_scanned_pdf_is_ocred_and_its_words_are_found(create_with_upload: Upload) -> None:
    dataset = _dataset(title="Tờ rơi quét")
    if not CORPUS_PDF.is_dir():
        pytest.skip("real-world corpus ../shared/corpus/pdf not present")
    scan = (CORPUS_PDF / "scan_linn_brochure_2col.pdf").read_bytes()
    resource = create_with_upload(scan, "brochure.pdf", package_id=dataset["id"], format="PDF")

    _run_worker()

    status = _status(resource["id"])
    assert status["status"] == "done"
    assert status["ocr_pages"] == 1
    assert status["mean_confidence"] > 60
    # A word printed on the scan only (see the corpus' ground truth), not in any metadata.
    assert "Oxnard" in (CORPUS_PDF / "scan_linn_brochure_2col.groundtruth.txt").read_text()
    assert _search("Oxnard") == 1


def test_malformed_pdf_fails_with_a_clear_message_and_metadata_stays_indexed(
    create_with_upload: Upload,
) -> None:
    dataset = _dataset(title="Báo cáo tổng kết năm")
    broken = pdf_header_only()
    resource = create_with_upload(broken, "hong.pdf", package_id=dataset["id"], format="PDF")

    _run_worker()

    status = _status(resource["id"])
    assert status["status"] == "failed"
    assert status["error"] == "Tệp bị hỏng hoặc không đúng cấu trúc, không đọc được."
    assert _search("tổng kết") == 1


def test_link_to_a_private_address_is_refused_before_any_connection() -> None:
    dataset = _dataset()
    resource = helpers.call_action("resource_create", package_id=dataset["id"], format="PDF",
                                   url="http://169.254.169.254/latest/meta-data/file.pdf")
    _run_worker()

    status = _status(resource["id"])
    assert status["status"] == "failed"
    assert "an toàn" in status["error"]


def test_text_of_a_private_record_never_reaches_outsiders(create_with_upload: Upload) -> None:
    owner = factories.User()
    org = factories.Organization(users=[{"name": owner["name"], "capacity": "admin"}])
    outsider = factories.User()
    dataset = _dataset(owner_org=org["id"], private=True, title="Hồ sơ nội bộ")
    pdf = _vietnamese_pdf("Số liệu khảo sát trữ lượng quặng bô-xít Lâm Đồng.")
    resource = create_with_upload(pdf, "mat.pdf", package_id=dataset["id"], format="PDF")
    _run_worker()
    assert _status(resource["id"])["status"] == "done"

    assert _search("bô-xít Lâm Đồng") == 0  # anonymous
    assert _search("bô-xít Lâm Đồng", user=outsider["name"], include_private=True) == 0
    assert _search("bô-xít Lâm Đồng", user=owner["name"], include_private=True) == 1
    with pytest.raises(helpers.logic.NotAuthorized):
        _status(resource["id"], user=outsider["name"])


def test_resource_page_shows_status_and_retry_only_to_editors(
    app: Any, create_with_upload: Upload
) -> None:
    editor = factories.UserWithToken()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    dataset = _dataset(owner_org=org["id"])
    resource = create_with_upload(
        _vietnamese_pdf("Nội dung báo cáo khoa học về thủy sản nước ngọt."), "x.pdf",
        package_id=dataset["id"], format="PDF")
    _run_worker()
    url = f"/dataset/{dataset['name']}/resource/{resource['id']}"
    editor_headers = {"Authorization": editor["token"]}

    # The API token identifies a user only on a client without a session cookie yet.
    as_editor = app.get(url, headers=editor_headers).get_data(as_text=True)
    app.set_session_user(None)
    anonymous = app.get(url).get_data(as_text=True)
    refused = app.post(f"{url}/fulltext/retry", follow_redirects=False)
    app.set_session_user(None)
    retried = app.post(f"{url}/fulltext/retry", headers=editor_headers, follow_redirects=False)

    assert "Đã trích xuất văn bản" in anonymous
    assert "1 trang" in anonymous
    assert "Trích xuất lại văn bản" not in anonymous
    assert "Trích xuất lại văn bản" in as_editor
    assert retried.status_code == 302
    assert jobs.get_queue("vusta").job_ids != []
    assert refused.status_code == 403


def test_cli_backfill_status_and_retry_failed(cli: Any, create_with_upload: Upload) -> None:
    from ckan.cli.cli import ckan as ckan_cli

    good = create_with_upload(_vietnamese_pdf("Công trình thủy lợi Dầu Tiếng và hồ chứa nước."),
                              "ok.pdf", package_id=_dataset()["id"], format="PDF")
    broken = create_with_upload(pdf_header_only(), "bad.pdf", package_id=_dataset()["id"],
                                format="PDF")
    # Pretend the portal predates full text: nothing tracked, nothing queued.
    model.Session.execute(sa.text("TRUNCATE vusta_resource_text, vusta_file_text"))
    model.Session.commit()
    jobs.get_queue("vusta").empty()

    backfill = cli.invoke(ckan_cli, ["vusta", "fulltext", "backfill", "--sync"])
    assert backfill.exit_code == 0, backfill.output
    assert "2 resources processed: done 1, failed 1" in backfill.output
    assert _status(good["id"])["status"] == "done"
    assert _search("Dầu Tiếng") == 1

    status = cli.invoke(ckan_cli, ["vusta", "fulltext", "status"])
    assert "2 resources tracked: done 1, failed 1" in status.output

    retry = cli.invoke(ckan_cli, ["vusta", "fulltext", "retry-failed"])
    assert retry.exit_code == 0, retry.output
    assert "1 resources queued: queued 1" in retry.output
    assert _status(broken["id"])["status"] == "queued"
    assert len(jobs.get_queue("vusta").job_ids) == 1


def test_decomposed_input_is_stored_as_nfc_even_in_tags() -> None:
    import unicodedata

    title = unicodedata.normalize("NFD", "Địa chất thủy văn Tây Nguyên")
    tag = unicodedata.normalize("NFD", "nước ngầm")
    assert title != unicodedata.normalize("NFC", title)

    dataset = helpers.call_action("package_create", name="dia-chat-nfd", title=title,
                                  owner_org=factories.Organization()["id"],
                                  tags=[{"name": tag}])

    assert dataset["title"] == "Địa chất thủy văn Tây Nguyên"
    assert [t["name"] for t in dataset["tags"]] == ["nước ngầm"]
    assert _search("Tây Nguyên") == 1
