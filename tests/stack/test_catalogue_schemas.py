"""Record types through CKAN's actions: what is stored, what is refused (with which message),
that nothing is half-saved, and who may edit what."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories, helpers

from tests.stack.catalogue_support import (
    CATALOGUE_MARKS,
    VALID_ORCID,
    create,
    org_with_editor,
    publication,
)

pytestmark = CATALOGUE_MARKS


def _errors(user: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(tk.ValidationError) as caught:
        create(user, data)
    return dict(caught.value.error_dict)


def _package_count() -> int:
    return int(model.Session.query(model.Package).count())


def test_publication_is_stored_with_canonical_identifiers() -> None:
    org, user = org_with_editor()
    pkg = create(user, publication(org["id"], isbn="978-0-306-40615-7",
                                   doi="https://doi.org/10.1234/TLVN.2023.15"))
    shown = helpers.call_action("package_show", id=pkg["name"])
    assert shown["type"] == "publication"
    assert shown["doi"] == "10.1234/TLVN.2023.15"
    assert shown["isbn"] == "9780306406157"
    assert shown["issn"] == "0317-8471"
    assert shown["subject"] == ["1.5", "2.7"]
    assert shown["authors"][0] == {"name": "Nguyễn Thị Hương", "orcid": VALID_ORCID,
                                   "affiliation": "Hội Thủy lợi Việt Nam"}
    assert shown["publication_type"] == "journal-article"
    assert shown["year"] == "2023"


@pytest.mark.parametrize(("field", "value", "vietnamese"), [
    ("doi", "11.1234/x", "DOI không hợp lệ"),
    ("issn", "0317-8472", "ISSN không hợp lệ"),
    ("isbn", "978-0-306-40615-8", "ISBN không hợp lệ"),
    ("year", "1066", "Năm không hợp lệ"),
    ("year", "hai nghìn", "Năm không hợp lệ"),
    ("subject", ["1.2", "9.9"], "không có trong bảng phân loại OECD FOS: 9.9"),
    ("publication_type", "blog-post", "Giá trị không được chấp nhận"),
    ("language", "xx", "Giá trị không được chấp nhận"),
    ("access", "secret", "Giá trị không được chấp nhận"),
])
def test_bad_field_refused_with_vietnamese_message_and_nothing_saved(
        field: str, value: Any, vietnamese: str) -> None:
    org, user = org_with_editor()
    before = _package_count()
    errors = _errors(user, publication(org["id"], **{field: value}))
    assert vietnamese in errors[field][0]
    assert _package_count() == before


def test_blank_author_rows_from_the_form_are_ignored_but_a_nameless_orcid_is_not() -> None:
    org, user = org_with_editor()
    pkg = create(user, publication(org["id"], authors=[
        {"name": "Lê Minh Tuấn", "orcid": "", "affiliation": ""},
        {"name": "", "orcid": "", "affiliation": ""}]))
    assert pkg["authors"] == [{"name": "Lê Minh Tuấn", "orcid": "", "affiliation": ""}]
    cite = helpers.call_action("vusta_citation_show", id=pkg["id"], format="ris")
    assert cite["citation"].count("AU  - ") == 1
    errors = _errors(user, publication(org["id"], name="khong-ten", authors=[
        {"name": "", "orcid": VALID_ORCID, "affiliation": ""}]))
    assert "Trường này là bắt buộc." in str(errors["authors"])


def test_bad_orcid_in_an_author_row_is_refused() -> None:
    org, user = org_with_editor()
    errors = _errors(user, publication(org["id"], authors=[
        {"name": "Lê Minh Tuấn", "orcid": "0000-0002-1825-0098"}]))
    assert "ORCID không hợp lệ" in str(errors["authors"])


def test_messages_in_english_on_the_english_api(app: Any) -> None:
    org, user = org_with_editor()
    token = factories.APIToken(user=user["name"])["token"]
    data = publication(org["id"], issn="1234-5678")
    english = app.post("/en/api/3/action/package_create", json=data,
                       headers={"Authorization": token}, status=409).json
    assert english["error"]["issn"] == [
        "Invalid ISSN: expected 1234-567X with a correct check digit."]
    vietnamese = app.post("/api/3/action/package_create", json=data,
                          headers={"Authorization": token}, status=409).json
    assert vietnamese["error"]["issn"][0].startswith("ISSN không hợp lệ")


def test_embargo_must_be_in_the_future() -> None:
    org, user = org_with_editor()
    past = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    errors = _errors(user, publication(org["id"], access="embargoed", embargo_until=past))
    assert "Ngày hết hạn chế phải ở tương lai" in errors["embargo_until"][0]
    errors = _errors(user, publication(org["id"], access="embargoed"))
    assert "cần có ngày hết hạn chế" in errors["embargo_until"][0]
    future = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    pkg = create(user, publication(org["id"], access="embargoed", embargo_until=future))
    assert pkg["embargo_until"] == future


def test_failed_update_changes_nothing() -> None:
    org, user = org_with_editor()
    pkg = create(user, publication(org["id"]))
    with pytest.raises(tk.ValidationError):
        helpers.call_action("package_patch", context={"user": user["name"]}, id=pkg["id"],
                            title="Nhan đề mới", doi="not-a-doi")
    shown = helpers.call_action("package_show", id=pkg["id"])
    assert shown["title"] == pkg["title"]
    assert shown["doi"] == "10.1234/tlvn.2023.15"


def test_decomposed_input_is_stored_composed() -> None:
    org, user = org_with_editor()
    nfd = unicodedata.normalize("NFD", "Đa dạng sinh học Vườn quốc gia Cúc Phương")
    assert nfd != unicodedata.normalize("NFC", nfd)
    pkg = create(user, publication(org["id"], title=nfd, notes=nfd,
                                   authors=[{"name": unicodedata.normalize("NFD", "Vũ Văn Dũng")}],
                                   tags=None,
                                   tag_string=unicodedata.normalize("NFD", "sinh học, Cúc Phương")))
    shown = helpers.call_action("package_show", id=pkg["id"])
    assert shown["title"] == unicodedata.normalize("NFC", nfd)
    assert shown["notes"] == unicodedata.normalize("NFC", nfd)
    assert shown["authors"][0]["name"] == "Vũ Văn Dũng"
    assert sorted(tag["name"] for tag in shown["tags"]) == ["Cúc Phương", "sinh học"]
    found = helpers.call_action("package_search", q="Cúc Phương")
    assert found["count"] == 1


def test_ten_thousand_character_title_is_refused_clearly() -> None:
    org, user = org_with_editor()
    errors = _errors(user, publication(org["id"], title="Nghiên cứu " * 1000))
    assert errors["title"] == ["Quá dài: tối đa 1000 ký tự (đang có 11000)."]
    pkg = create(user, publication(org["id"], title="Đ" * 1000))
    assert len(pkg["title"]) == 1000


def test_provenance_is_read_only_for_librarians_but_written_by_harvesters() -> None:
    org, user = org_with_editor()
    pkg = create(user, publication(org["id"], original_url="https://evil.example/x"))
    assert pkg["original_url"] == ""
    sysadmin = factories.Sysadmin()
    harvested = create(sysadmin, publication(org["id"], name="ban-ghi-thu-thap",
                                             harvest_source_id="src-1",
                                             original_identifier="oai:tapchi.vn:42",
                                             original_url="https://tapchi.vn/article/42"))
    edited = helpers.call_action("package_patch", context={"user": user["name"]},
                                 id=harvested["id"], original_url="https://elsewhere.vn",
                                 title="Nhan đề đã sửa")
    assert edited["title"] == "Nhan đề đã sửa"
    assert edited["original_url"] == "https://tapchi.vn/article/42"
    assert edited["original_identifier"] == "oai:tapchi.vn:42"


def test_research_dataset_and_project() -> None:
    org, user = org_with_editor()
    dataset = create(user, {
        "type": "research-dataset", "name": "do-man-ben-tre-2016-2023",
        "title": "Số liệu độ mặn trạm Bến Tre 2016–2023", "owner_org": org["id"],
        "creators": [{"name": "Phạm Thu Thủy", "orcid": "0000-0001-5109-3700"}],
        "temporal_start": "2016-01-01", "temporal_end": "2023-12-31",
        "spatial_coverage": "Bến Tre", "methodology": "Đo tự động mỗi giờ.",
        "related_publications": ["10.1234/tlvn.2023.15", "https://tapchi.vn/bai/42"],
        "access": "open", "language": "vi", "year": "2024", "subject": ["1.5"],
    })
    assert dataset["related_publications"] == ["10.1234/tlvn.2023.15",
                                               "https://tapchi.vn/bai/42"]
    assert dataset["temporal_end"] == "2023-12-31"
    errors = _errors(user, {"type": "research-dataset", "name": "sai-thoi-gian",
                            "title": "Sai", "owner_org": org["id"], "access": "open",
                            "temporal_start": "2020-01-01", "temporal_end": "2019-01-01",
                            "related_publications": ["javascript:alert(1)"]})
    assert "Ngày kết thúc không được trước ngày bắt đầu" in errors["temporal_end"][0]
    assert "Liên kết không hợp lệ" in errors["related_publications"][0]

    project = create(user, {
        "type": "project", "name": "de-tai-canh-bao-man", "code": "ĐTĐL.CN-12/23",
        "title": "Hệ thống cảnh báo sớm xâm nhập mặn", "owner_org": org["id"],
        "lead_organization": "Hội Thủy lợi Việt Nam",
        "principal_investigator": "Nguyễn Thị Hương", "start_year": "2021",
        "end_year": "2023", "budget_source": "Ngân sách nhà nước",
        "outputs": ["do-man-ben-tre-2016-2023", "10.1234/tlvn.2023.15"],
    })
    assert project["outputs"] == ["do-man-ben-tre-2016-2023", "10.1234/tlvn.2023.15"]
    errors = _errors(user, {"type": "project", "name": "nam-nguoc", "title": "Năm ngược",
                            "owner_org": org["id"], "start_year": "2023", "end_year": "2021"})
    assert "Năm kết thúc không được trước năm bắt đầu" in errors["end_year"][0]
    assert "code" in errors


def test_who_may_create_and_edit() -> None:
    org_a, editor_a = org_with_editor()
    org_b, _ = org_with_editor()
    with pytest.raises(tk.NotAuthorized):  # owner_org of someone else's association
        create(editor_a, publication(org_b["id"]))
    with pytest.raises(tk.NotAuthorized):
        helpers.call_action("package_create", context={"user": "", "ignore_auth": False},
                            **publication(org_a["id"]))
    pkg = create(factories.Sysadmin(), publication(org_b["id"]))
    with pytest.raises(tk.NotAuthorized):
        helpers.call_action("package_patch",
                            context={"user": editor_a["name"], "ignore_auth": False},
                            id=pkg["id"], title="Sửa trộm")
    member = factories.User()
    helpers.call_action("organization_member_create", id=org_a["id"],
                        username=member["name"], role="member")
    with pytest.raises(tk.NotAuthorized):
        create(member, publication(org_a["id"], name="thanh-vien-khong-duoc-tao"))


def test_member_association_fields_and_collections() -> None:
    sysadmin = factories.Sysadmin()
    context = {"user": sysadmin["name"]}
    org = helpers.call_action("organization_create", context=dict(context),
                              name="hoi-thuy-loi-viet-nam", title="Hội Thủy lợi Việt Nam",
                              short_name="VIWA", org_type="national-association",
                              field_of_activity=["2.1", "2.7"], province="Hà Nội",
                              website="https://thuyloivietnam.vn",
                              contact_email="lienhe@thuyloivietnam.vn",
                              repository_platform="ojs",
                              harvest_endpoint="https://tapchi.thuyloivietnam.vn/oai")
    shown = helpers.call_action("organization_show", id=org["id"])
    assert shown["short_name"] == "VIWA"
    assert shown["field_of_activity"] == ["2.1", "2.7"]
    assert shown["harvest_endpoint"] == "https://tapchi.thuyloivietnam.vn/oai"

    collection = helpers.call_action("group_create", context=dict(context), name="bien-doi-khi-hau",
                                     title="Biến đổi khí hậu")
    pkg = create(sysadmin, publication(org["id"], groups=[{"name": collection["name"]}]))
    assert [g["name"] for g in pkg["groups"]] == ["bien-doi-khi-hau"]
    found = helpers.call_action("package_search", fq="groups:bien-doi-khi-hau")
    assert found["count"] == 1


def test_member_association_bad_fields_refused() -> None:
    context = {"user": factories.Sysadmin()["name"]}
    with pytest.raises(tk.ValidationError) as caught:
        helpers.call_action("organization_create", context=dict(context), name="hoi-sai",
                            title="Hội sai", website="javascript:alert(1)",
                            contact_email="khong-phai-email", field_of_activity=["7.7"])
    assert set(caught.value.error_dict) >= {"website", "contact_email", "field_of_activity"}
